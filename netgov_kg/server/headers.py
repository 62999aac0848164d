"""Security headers on every response: no sniffing, a strict Content Security Policy on HTML.

* every response: ``X-Content-Type-Options: nosniff`` (a Turtle or CSV answer holding
  ``<script>`` is never read as HTML);
* HTML: a policy that allows nothing but the pages' own inline style and script (by their
  sha256 hashes, see :mod:`.html`), images from this server or ``data:``, requests to this
  server (the query page posts to ``/sparql``) and forms to this server; no ``<base>``, no
  framing (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), no referrer;
* anything else: ``default-src 'none'; frame-ancestors 'none'; sandbox``, so an answer opened
  in a browser runs nothing.

Examples
--------
>>> "script-src 'sha256-" in html_policy()
True
"""

from __future__ import annotations

from typing import Any

#: The policy of every response that is not HTML.
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def html_policy() -> str:
    """Return the Content Security Policy of the HTML pages."""
    from .html import SCRIPT_HASHES, STYLE_HASHES

    return "; ".join((
        "default-src 'none'",
        "style-src " + " ".join(STYLE_HASHES),
        "script-src " + " ".join(SCRIPT_HASHES),
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
