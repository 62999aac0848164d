"""The pages' HTML: Jinja2 templates with autoescaping, links to local pages, static files.

Every page is rendered from a template in ``templates/`` by an environment that escapes every
value (``autoescape``) and refuses undefined names (``StrictUndefined``); no page is built by
joining strings. Only http(s) IRIs become links (:func:`netgov_kg.namespaces.is_web_iri`).
Pages load their style sheet and scripts from this server's ``/static/`` (the project's own
``page.css`` and scripts, and the vendored widgets under ``/static/vendor/``): no CDN, no web
fonts, so they work offline, and the Content Security Policy allows scripts and styles from
this server only (see :mod:`.headers`).

Every template gets ``root`` (the path prefix the server is reached under), ``lang`` and
``lang_links`` from :mod:`.page_context`; ``|href`` and ``static(...)`` put ``root`` in front.

Examples
--------
>>> local_href("https://w3id.org/netgov-kg/id/case/x")
'/id/case/x'
>>> local_href("https://w3id.org/netgov-kg/ontology#Case")
'/ontology#Case'
>>> local_href("https://example.org/a")
'https://example.org/a'
>>> facts = [{"date": "2021", "zh": "<b>", "en": "", "subject": "javascript:x",
...           "subject_zh": "<i>", "subject_en": ""}]
>>> page = render_page("timeline.html", title="T", case="", items=facts, listed=facts, total=1,
...                    chart={"dots": [], "ticks": [], "width": 1, "height": 1}, legend=[])
>>> '<td><span lang="zh">&lt;b&gt;</span>' in page, '<span class="iri">&lt;i&gt;</span>' in page
(True, True)
>>> "javascript" in page
False
>>> static_url("page.css", root="/kg").startswith("/kg/static/page.css?v=")
True
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from ..namespaces import NG, NGR, NGSH, is_web_iri

TEMPLATES = Path(__file__).with_name("templates")
#: The files served under ``/static/``: the project's own CSS and scripts, and ``vendor/``.
STATIC = Path(__file__).with_name("static")


@cache
def _version(path: str) -> str:
    return hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12]


def static_url(path: str, *, root: str = "") -> str:
    """Return the URL of the static file ``path``, versioned by its content's hash.

    The ``?v=`` part changes whenever the file does, so the long cache lifetime of the
    vendored files never serves a stale copy.
    """
    return f"{root}/static/{path}?v={_version(path)}"


def local_href(iri: str) -> str:
    """Return the link for ``iri``: this server's page for the project's IRIs, else the IRI."""
    if iri.startswith(str(NGR)):
        return "/id/" + iri[len(str(NGR)):]
    if iri.startswith(str(NG)):
        return "/ontology#" + iri[len(str(NG)):]
    if iri.startswith(str(NGSH)):
        return "/shapes"
    return iri


@cache
def environment() -> Any:
    """Return the Jinja2 environment of the pages (autoescaping, strict about undefined names).

    ``is web_iri`` tests whether an IRI may be a link, ``|href`` gives its link (under the
    page's ``root``), ``|curie`` its short form, ``static(path)`` a static file's URL,
    ``tr(zh, en)`` the text in the page's language.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

    from ..terms import curie

    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.tests["web_iri"] = is_web_iri
    @pass_context
    def href(ctx: Any, iri: str) -> str:
        link = local_href(iri)
        return ctx.get("root", "") + link if link.startswith("/") else link

    @pass_context
    def static(ctx: Any, path: str) -> str:
        return static_url(path, root=ctx.get("root", ""))

    @pass_context
    def tr_page(ctx: Any, zh: str, en: str) -> str:
        return tr(zh, en, lang=ctx.get("lang"))

    env.filters["href"] = href
    env.globals["tr"] = tr_page
    env.filters["curie"] = curie
    env.globals["static"] = static
    return env


def tr(zh: str, en: str, *, lang: str | None = None) -> str:
    """Return the interface text in ``lang`` (default: the request's, see :mod:`.page_context`).

    Templates call it as ``tr(zh, en)`` with the page's ``lang``; Python code (page titles,
    table cells built in Python) calls it here.

    Examples
    --------
    >>> tr("案例", "Cases", lang="en"), tr("案例", "Cases", lang="zh"), tr("案例", "Cases")
    ('Cases', '案例', '案例')
    """
    if lang is None:
        from .page_context import current

        lang = current().lang
    return en if lang == "en" else zh


def pair(zh: str | None, en: str | None, *, lang: str | None = None) -> str:
    """Return a name given in both languages as one text, the page's language first.

    For text built in Python (table cells, titles, tooltips); templates use the ``both``
    macros of ``templates/macros.html``. An empty or repeated name is left out.

    Examples
    --------
    >>> pair("成都市", "Chengdu", lang="en"), pair("成都市", "Chengdu", lang="zh")
    ('Chengdu / 成都市', '成都市 / Chengdu')
    >>> pair("成都市", None, lang="en"), pair("", "", lang="zh")
    ('成都市', '')
    """
    first, second = (en, zh) if tr("zh", "en", lang=lang) == "en" else (zh, en)
    return " / ".join(dict.fromkeys(n for n in (first, second) if n))


def render_page(template: str, **context: Any) -> str:
    """Render the page ``template`` (a file in ``templates/``) with ``context``, escaped.

    The request's ``root``, ``lang`` and ``lang_links`` (:mod:`.page_context`) are added
    unless ``context`` gives them.
    """
    from .page_context import current

    return environment().get_template(template).render(
        **{**current().template_context(), **context})
