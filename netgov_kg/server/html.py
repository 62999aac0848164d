"""The pages' HTML: Jinja2 templates with autoescaping, links to local pages, CSP hashes.

Every page is rendered from a template in ``templates/`` by an environment that escapes every
value (``autoescape``) and refuses undefined names (``StrictUndefined``); no page is built by
joining strings. Only http(s) IRIs become links (:func:`netgov_kg.namespaces.is_web_iri`).
Every page is self-contained (inline CSS, no CDN, no web fonts), so it works offline; the
inline style and the query page's script are allowed by the hashes in :data:`STYLE_HASHES`
and :data:`SCRIPT_HASHES` (see :mod:`.headers`).

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
>>> "<td>&lt;b&gt;" in page, '<span class="iri">&lt;i&gt;</span>' in page, "javascript" in page
(True, True, False)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..html_safety import csp_hash
from ..namespaces import NG, NGR, NGSH, is_web_iri

TEMPLATES = Path(__file__).with_name("templates")

#: The pages' style sheet, inlined in every page.
CSS = (TEMPLATES / "page.css").read_text(encoding="utf-8")
#: The query page's script, inlined in that page.
QUERY_SCRIPT = (TEMPLATES / "query.js").read_text(encoding="utf-8")
#: CSP sources that allow the inline style and scripts, computed from the files above.
STYLE_HASHES = (csp_hash(CSS),)
SCRIPT_HASHES = (csp_hash(QUERY_SCRIPT),)


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

    ``is web_iri`` tests whether an IRI may be a link, ``|href`` gives its link and ``|curie``
    its short form; ``css`` and ``query_script`` are the trusted inline files.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    from ..terms import curie

    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.tests["web_iri"] = is_web_iri
    env.filters["href"] = local_href
    env.filters["curie"] = curie
    env.globals["css"] = Markup(CSS)
    env.globals["query_script"] = Markup(QUERY_SCRIPT)
    return env


def render_page(template: str, **context: Any) -> str:
    """Render the page ``template`` (a file in ``templates/``) with ``context``, escaped."""
    return environment().get_template(template).render(**context)
