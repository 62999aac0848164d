"""Redirect ``/sparql/`` to ``/sparql`` with a relative ``Location``, never built from ``Host``.

Starlette's router answers a path that matches a route only with or without a trailing slash
by redirecting to an absolute URL made from the request's ``Host`` header, which a client (or
a cache in front of the server) controls. :func:`relative_slash_redirects` turns that off and
answers the same redirects with a path only.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def relative_slash_redirects(app: Any) -> None:
    """Make ``app`` redirect trailing-slash variants of its routes with a relative Location."""
    from starlette.responses import RedirectResponse
    from starlette.routing import Match

    router = app.router
    router.redirect_slashes = False
    fallback = router.not_found

    async def not_found(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path != "/":
            other = path.rstrip("/") if path.endswith("/") else path + "/"
            if other and not other.startswith("//"):  # never a scheme-relative URL
                moved = dict(scope, path=other)
                if any(route.matches(moved)[0] != Match.NONE for route in router.routes):
                    query = scope.get("query_string", b"").decode("latin-1")
                    location = quote(other) + (f"?{query}" if query else "")
                    await RedirectResponse(location)(scope, receive, send)
                    return
        await fallback(scope, receive, send)

    router.default = not_found
