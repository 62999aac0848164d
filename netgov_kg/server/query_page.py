"""The HTML query page: a form with the named queries as examples, working offline.

The page is one document with inline CSS and JavaScript (no CDN); it posts the query to
``/sparql`` and shows SELECT answers as a table, other answers as text. Links can fill it in:
``/query?query=...`` runs that query; ``/query?example=NAME`` shows a named query
(add ``&run`` to run it).
"""

from __future__ import annotations

from typing import Any

from ..html_safety import script_json
from ..namespaces import NGR, WEB_IRI_PATTERN
from .html import render_page

_DEFAULT = """SELECT ?case ?name WHERE {
  ?case a ng:Case ; rdfs:label ?name .
  FILTER(lang(?name) = "zh")
}"""

_FORMATS = (
    ("application/sparql-results+json", "表格 Table (SPARQL JSON)"),
    ("application/sparql-results+xml", "SPARQL XML"),
    ("text/csv", "CSV"), ("text/tab-separated-values", "TSV"),
    ("text/turtle", "Turtle (CONSTRUCT/DESCRIBE)"),
    ("application/ld+json", "JSON-LD (CONSTRUCT/DESCRIBE)"),
)


def render(examples: list[Any]) -> str:
    """Return the query page with ``examples`` (objects with name, title, text, notes).

    The examples, the pattern of the IRIs that may be links and the project's IRI space reach
    the page's script as JSON in a data block (:func:`~netgov_kg.html_safety.script_json`).
    """
    from markupsafe import Markup

    config = {
        "examples": [{"name": e.name, "title": e.title, "text": e.text, "notes": e.notes}
                     for e in examples],
        "webIri": WEB_IRI_PATTERN,
        "local": str(NGR),
    }
    return render_page(
        "query.html", title="SPARQL 查询 / query — netgov-kg", default=_DEFAULT,
        formats=_FORMATS, config=Markup(script_json(config)),
    )


async def query_page(state: Any) -> str:
    """Return the query page (cached: the catalogue does not change while serving)."""
    if "query-page" not in state.cache:
        from .examples import named_examples

        state.cache["query-page"] = render(named_examples())
    return state.cache["query-page"]
