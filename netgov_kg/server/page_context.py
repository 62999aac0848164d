"""What every page needs from its request: the path prefix, the language, the switch's links.

:class:`PageContextMiddleware` reads them once per request and keeps them in a context
variable, so :func:`netgov_kg.server.html.render_page` gives every template ``root`` (the path
prefix the server is reached under, ``""`` when none), ``lang`` (``"zh"`` or ``"en"``) and
``lang_links`` without each page passing them on.

* **Prefix.** ``root`` is the ASGI ``root_path``: set by ``netgov-kg serve --root-path /kg``
  (uvicorn's option), or, only when the server trusts its proxy
  (``--trust-forwarded-prefix``), by the ``X-Forwarded-Prefix`` header. A prefix must be
  slash-separated plain path segments (``/kg``, ``/a/b-c``); any other value is ignored, so a
  header can never make a link leave the server (``//evil.example``).
* **Language.** ``?lang=en`` or ``?lang=zh`` chooses the language and is remembered in a
  ``lang`` cookie (one year, ``SameSite=Lax``); without it the cookie decides; else ``zh``.
  HTML answers say ``Vary: Cookie``.

Examples
--------
>>> clean_prefix("/kg/"), clean_prefix("//evil.example"), clean_prefix("/a b")
('/kg', '', '')
>>> clean_prefix("/kg/../x"), clean_prefix("/a/.b")
('', '/a/.b')
>>> ctx = PageContext(root="/kg", lang="en", path="/query", query="example=cases&lang=en")
>>> ctx.lang_links["zh"]
'/kg/query?example=cases&lang=zh'
>>> ctx.cache_key("home")
'home|/kg|en'
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

#: The languages of the pages; the first is the default.
LANGS = ("zh", "en")
COOKIE = "lang"
_PREFIX = re.compile(r"(/(?!\.\.?(/|$))[A-Za-z0-9._~-]+)+")


def clean_prefix(value: str | None) -> str:
    """Return ``value`` without a trailing slash if it is a plain path prefix, else ``""``."""
    value = (value or "").rstrip("/")
    return value if _PREFIX.fullmatch(value) else ""


@dataclass(frozen=True)
class PageContext:
    """The request facts a page is rendered with (see the module)."""

    root: str = ""
    lang: str = LANGS[0]
    path: str = "/"
    query: str = ""

    @property
    def lang_links(self) -> dict[str, str]:
        """The links of the language switch: this page in each language."""
        params = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != "lang"]
        return {lang: f"{self.root}{quote(self.path)}?{urlencode([*params, ('lang', lang)])}"
                for lang in LANGS}

    def cache_key(self, name: str) -> str:
        """Return the cache key of page ``name`` as rendered for this prefix and language."""
        return f"{name}|{self.root}|{self.lang}"

    def template_context(self) -> dict[str, Any]:
        """Return the names every template gets: ``root``, ``lang`` and ``lang_links``."""
        return {"root": self.root, "lang": self.lang, "lang_links": self.lang_links}


_CURRENT: ContextVar[PageContext | None] = ContextVar("netgov_page_context", default=None)


def current() -> PageContext:
    """Return the page context of the request being answered (the default outside one)."""
    return _CURRENT.get() or PageContext()


def _cookie_lang(headers: list[tuple[bytes, bytes]]) -> str | None:
    for key, value in headers:
        if key.lower() == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is ignored
                continue
            if COOKIE in jar and jar[COOKIE].value in LANGS:
                return jar[COOKIE].value
    return None


class PageContextMiddleware:
    """ASGI middleware that sets :func:`current` for each HTTP request (see the module).

    Parameters
    ----------
    app : ASGI app
        The application.
    trust_forwarded_prefix : bool
        Take the path prefix from ``X-Forwarded-Prefix`` (only behind a proxy that sets it).
    """

    def __init__(self, app: Any, *, trust_forwarded_prefix: bool = False) -> None:
        self.app = app
        self.trust = trust_forwarded_prefix

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Answer the request with its page context set; remember a chosen language."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        root = clean_prefix(scope.get("root_path"))
        if self.trust:
            given = next((v for k, v in headers if k.lower() == b"x-forwarded-prefix"), None)
            forwarded = clean_prefix(given.decode("latin-1") if given else None)
            if forwarded:
                # The proxy stripped the prefix; ASGI paths hold the root_path (as uvicorn's
                # --root-path gives them), so that mounted apps (/static) find their files.
                path = scope.get("path", "/")
                if scope.get("root_path") and path.startswith(scope["root_path"]):
                    path = path[len(scope["root_path"]):]
                root = forwarded
                scope = dict(scope, root_path=forwarded, path=forwarded + path)
        query = scope.get("query_string", b"").decode("latin-1")
        asked = dict(parse_qsl(query)).get("lang")
        chosen = asked if asked in LANGS else None
        lang = chosen or _cookie_lang(headers) or LANGS[0]
        path = scope.get("path", "/")
        if scope.get("root_path") and path.startswith(scope["root_path"]):
            path = path[len(scope["root_path"]):] or "/"
        token = _CURRENT.set(PageContext(root=root, lang=lang, path=path, query=query))

        async def send_with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                media = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if media.startswith(b"text/html"):
                    vary = [v for k, v in headers if k.lower() == b"vary"]
                    headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                    headers.append((b"vary", b", ".join([*vary, b"Cookie"])))
                    if chosen:
                        cookie = (f"{COOKIE}={chosen}; Path={root or '/'}; Max-Age=31536000; "
                                  "SameSite=Lax")
                        headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            _CURRENT.reset(token)
