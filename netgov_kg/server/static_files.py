"""``/static/``: the pages' style sheet and scripts and the vendored widgets, with cache headers.

The vendored files (``/static/vendor/...``, pinned versions recorded in
``static/vendor/manifest.json``) never change under a URL: pages link them with a ``?v=``
content hash (:func:`netgov_kg.server.html.static_url`), so they are cached for a year and
marked ``immutable``. The project's own files (``page.css``, ``query.js``, ``network.js``) are
linked the same way but cached for five minutes, so an edited file shows soon even where a
proxy strips the query string.

Examples
--------
>>> cache_control("vendor/cytoscape/cytoscape.min.js")
'public, max-age=31536000, immutable'
>>> cache_control("page.css")
'public, max-age=300'
"""

from __future__ import annotations

from typing import Any

#: Cache lifetimes in seconds.
VENDOR_MAX_AGE = 31_536_000
OWN_MAX_AGE = 300


def cache_control(path: str) -> str:
    """Return the ``Cache-Control`` of the static file at ``path`` (relative to ``static/``)."""
    if path.startswith("vendor/"):
        return f"public, max-age={VENDOR_MAX_AGE}, immutable"
    return f"public, max-age={OWN_MAX_AGE}"


def static_app() -> Any:
    """Return the ASGI app that serves ``static/`` with :func:`cache_control` headers."""
    from starlette.staticfiles import StaticFiles

    from .html import STATIC

    class CachedStaticFiles(StaticFiles):
        def file_response(self, full_path: Any, stat_result: Any, scope: Any,
                          status_code: int = 200) -> Any:
            response = super().file_response(full_path, stat_result, scope, status_code)
            from pathlib import Path

            rel = Path(full_path).resolve().relative_to(STATIC.resolve()).as_posix()
            response.headers["Cache-Control"] = cache_control(rel)
            return response

    return CachedStaticFiles(directory=STATIC)
