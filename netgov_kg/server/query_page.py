"""The query page: YASGUI on this server's endpoint, with the named queries as examples.

The editor (the vendored ``@zazuko/yasgui``, see ``static/query.js``) sends queries to this
server's ``/sparql`` only, with the project's prefixes pre-set and the named queries to pick
from; answers show as a table and download as CSV or JSON. Without JavaScript the page is a
plain form that sends the query to ``/sparql`` and opens the answer in the chosen format.
Links can fill it in: ``/query?query=...`` runs that query; ``/query?example=NAME`` shows a
named query (add ``&run`` to run it).
"""

from __future__ import annotations

from typing import Any

from ..html_safety import script_json
from ..namespaces import NGR, PREFIXES
from .html import render_page, tr

_DEFAULT = """SELECT ?case ?name WHERE {
  ?case a ng:Case ; rdfs:label ?name .
  FILTER(lang(?name) = "zh")
}"""

#: The plain form's formats: ``format`` names of :mod:`.formats` and their labels.
_FORMATS = (
    ("csv", "CSV"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("tsv", "TSV"),
    ("turtle", "Turtle (CONSTRUCT/DESCRIBE)"), ("json-ld", "JSON-LD (CONSTRUCT/DESCRIBE)"),
)


def render(examples: list[Any], *, root: str = "") -> str:
    r"""Return the query page with ``examples`` (objects with name, title, text, notes).

    The endpoint, the prefixes and the examples reach the page's script as JSON in a data
    block (:func:`~netgov_kg.html_safety.script_json`).

    Examples
    --------
    >>> from netgov_kg.server.examples import Example
    >>> page = render([Example("x", "</script>", "SELECT * {}")], root="/kg")
    >>> '"endpoint": "/kg/sparql"' in page, "<option value=\"0\">&lt;/script&gt; (x)" in page
    (True, True)
    """
    from markupsafe import Markup

    config = {
        "endpoint": root + "/sparql",
        "root": root,
        "local": str(NGR),
        "prefixes": {k: str(v) for k, v in PREFIXES.items()},
        "examples": [{"name": e.name, "title": e.title, "text": e.text, "notes": e.notes}
                     for e in examples],
        "default": _DEFAULT,
    }
    return render_page(
        "query.html", title=tr("SPARQL 查询", "SPARQL query") + " — netgov-kg", page_path="/query",
        default=_DEFAULT, formats=_FORMATS, examples=examples, root=root,
        config=Markup(script_json(config)),
    )


async def query_page(state: Any) -> str:
    """Return the query page (cached per prefix and language: the catalogue does not change)."""
    from .page_context import current

    ctx = current()
    key = ctx.cache_key("query-page")
    if key not in state.cache:
        from .examples import named_examples

        state.cache[key] = render(named_examples(), root=ctx.root)
    return state.cache[key]
