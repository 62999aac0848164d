"""Security headers on every response: no sniffing, a strict Content Security Policy on HTML.

* every response: ``X-Content-Type-Options: nosniff`` (a Turtle or CSV answer holding
  ``<script>`` is never read as HTML);
* HTML: a policy that allows scripts and style sheets from this server only (``/static/``:
  the project's own files and the vendored widgets; no inline script, no ``eval``), plus the
  two ``<style>`` elements YASGUI's results table adds (its column resizer's fixed rules and
  the cursor while dragging a column), each allowed by its sha256 hash
  (:func:`widget_style_hashes`, read from the vendored file so an update is noticed), images
  from this server or ``data:`` (the widgets' icons), requests to this server (the query
  page posts to ``/sparql``, the network page reads ``/api/network``) and forms to this
  server; no ``<base>``, no framing (``frame-ancestors 'none'`` and ``X-Frame-Options:
  DENY``), no referrer;
* anything else: ``default-src 'none'; frame-ancestors 'none'; sandbox``, so an answer opened
  in a browser runs nothing.

Examples
--------
>>> "script-src 'self';" in html_policy(), "unsafe-eval" in html_policy()
(True, False)
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: The policy of every response that is not HTML.
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


@cache
def widget_style_hashes() -> tuple[str, ...]:
    """Return the CSP hashes of the ``<style>`` elements the vendored YASGUI adds.

    Its bundled column resizer (``column-resizer``) adds one fixed style sheet when a results
    table is drawn, and ``*{cursor:col-resize!important}`` while a column is dragged. Both
    texts are found in the vendored file; if an update changes them, this raises (and the
    tests fail) rather than the table losing its style in silence.

    Examples
    --------
    >>> len(widget_style_hashes())
    2
    """
    import re

    from ..html_safety import csp_hash
    from .html import STATIC

    code = (STATIC / "vendor" / "yasgui" / "yasgui.min.js").read_text(encoding="utf-8")
    fixed = re.findall(r"createStyle\(\w+,`([^`]*)`\)", code)
    drag = re.findall(r"dragCursor:`([^`]*)`", code)
    if len(fixed) != 1 or len(drag) != 1 or "`*{cursor:`+" not in code:
        raise RuntimeError("the vendored YASGUI's column-resizer styles changed: "
                           "update netgov_kg.server.headers.widget_style_hashes")
    return (csp_hash(fixed[0]), csp_hash("*{cursor:" + drag[0] + "!important}"))


def html_policy() -> str:
    """Return the Content Security Policy of the HTML pages."""
    return "; ".join((
        "default-src 'none'",
        "style-src 'self' " + " ".join(widget_style_hashes()),
        "script-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ))


class SecurityHeaders:
    """ASGI middleware that adds the security headers to every HTTP response.

    Parameters
    ----------
    app : ASGI app
        The application whose responses get the headers.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.html = [
            (b"content-security-policy", html_policy().encode("ascii")),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]
        self.other = [(b"content-security-policy", OTHER_POLICY.encode("ascii"))]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Run the app, adding the headers to the start of each HTTP response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", [])
                    if k.lower() not in _SET
                ]
                media = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                is_html = media.split(b";")[0].strip().lower() in _HTML_TYPES
                headers += [(b"x-content-type-options", b"nosniff")]
                headers += self.html if is_html else self.other
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_HTML_TYPES = (b"text/html", b"application/xhtml+xml")
_SET = (b"x-content-type-options", b"content-security-policy", b"x-frame-options",
        b"referrer-policy")
