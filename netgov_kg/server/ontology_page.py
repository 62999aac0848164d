"""``/ontology`` and ``/shapes``: the ontology as RDF and as HTML documentation; the shapes.

The HTML is generated here from the ontology graph (no pyLODE, no network): one section per
class and property, anchored by local name, so ``ng:Case`` resolves to ``/ontology#Case``.

Examples
--------
>>> local_name("https://w3id.org/netgov-kg/ontology#Case")
'Case'
"""

from __future__ import annotations

from typing import Any

from ..namespaces import NG
from ..terms import curie, local_name
from .html import render_page

_KIND_NAMES = {
    "Class": ("类", "Classes"),
    "ObjectProperty": ("对象属性", "Object properties"),
    "DatatypeProperty": ("数据属性", "Datatype properties"),
    "AnnotationProperty": ("注释属性", "Annotation properties"),
    "Property": ("属性", "Properties"),
    "TransitiveProperty": ("传递属性", "Transitive properties"),
}

_RELATION_KEYS = {
    "subClassOf": "supers", "subPropertyOf": "supers",
    "domainIncludes": "domains", "domain": "domains",
    "rangeIncludes": "ranges", "range": "ranges",
}


def group_relations(relations: list[dict]) -> dict[str, dict[str, list[str]]]:
    """Group ``ontology-relations`` rows by term: {term: {"supers"|"domains"|"ranges": [...]}}.

    Examples
    --------
    >>> row = {"term": {"value": "t"}, "target": {"value": "u"},
    ...        "relation": {"value": "https://schema.org/domainIncludes"}}
    >>> group_relations([row])
    {'t': {'domains': ['u']}}
    """
    grouped: dict[str, dict[str, list[str]]] = {}
    for row in relations:
        key = _RELATION_KEYS.get(local_name(row["relation"]["value"]))
        if key is None:
            continue
        targets = grouped.setdefault(row["term"]["value"], {}).setdefault(key, [])
        if row["target"]["value"] not in targets:
            targets.append(row["target"]["value"])
    return grouped


def _value(row: dict, key: str) -> str:
    return row[key]["value"] if key in row else ""


def _comments(row: dict) -> list[dict[str, str]]:
    return [{"lang": lang, "text": _value(row, "comment_" + lang)}
            for lang in ("zh", "en") if _value(row, "comment_" + lang)]


def render(header: list[dict], terms: list[dict], relations: list[dict]) -> str:
    """Return the HTML documentation from the rows of the ``ontology-*`` queries."""
    related = group_relations(relations)
    head = header[0] if header else {}
    title_zh = _value(head, "title_zh") or "网络理政本体"
    title_en = _value(head, "title_en") or "netgov-kg ontology"
    seen: set[str] = set()
    sections: dict[str, list[dict]] = {}
    for row in terms:
        iri = row["term"]["value"]
        kind = local_name(row["kind"]["value"])
        if iri in seen:
            continue
        seen.add(iri)
        relations_shown = [
            {"name": name, "targets": related[iri][key]}
            for key, name in (("supers", ("上位", "Super")), ("domains", ("定义域", "Domain")),
                              ("ranges", ("值域", "Range")))  # (zh, en): the page picks one
            if related.get(iri, {}).get(key)
        ]
        sections.setdefault(kind, []).append({
            "iri": iri, "curie": curie(iri),
            "anchor": local_name(iri) if iri.startswith(str(NG)) else curie(iri),
            "label_zh": _value(row, "label_zh"), "label_en": _value(row, "label_en"),
            "comments": _comments(row), "relations": relations_shown,
        })
    kinds = [{"zh": zh, "en": en, "terms": sections[kind]}
             for kind, (zh, en) in _KIND_NAMES.items() if kind in sections]
    return render_page(
        "ontology.html", title=f"{title_zh} / {title_en}", page_path="/ontology",
        title_zh=title_zh,
        title_en=title_en, version=_value(head, "version"), licence=_value(head, "license"),
        namespace=str(NG), comments=_comments(head), kinds=kinds,
    )


async def ontology_response(request: Any) -> Any:
    """Handle ``/ontology``: HTML documentation, or the ontology in an RDF format."""
    from starlette.responses import HTMLResponse, Response

    from . import formats
    from .protocol import text_response

    state = request.app.state.netgov
    fmt = formats.choose(
        "graph", accept=request.headers.get("accept"),
        fmt=request.query_params.get("format"), html=True,
    )
    if fmt is None:
        return text_response(406, "the ontology is available as HTML or an RDF format")
    from .page_context import current

    key = f"ontology:{fmt.name}"
    if fmt is formats.HTML:
        key = current().cache_key(key)
    if key not in state.cache:
        if fmt is formats.HTML:
            header = await state.rows("ontology-header")
            terms = await state.rows("ontology-terms")
            relations = await state.rows("ontology-relations")
            state.cache[key] = render(header, terms, relations).encode("utf-8")
        else:
            state.cache[key] = (await state.graph("ontology-graph", fmt.name)).body
    return (HTMLResponse if fmt is formats.HTML else Response)(
        state.cache[key], media_type=fmt.media_type, headers={"Vary": "Accept"}
    )


def shapes_graph() -> Any:
    """Return the shipped SHACL shapes as one rdflib Graph, with the project's prefixes.

    A copy of :func:`netgov_kg.validation.shapes_graph` (cached there; the copy binds the
    prefixes without touching the cached graph).
    """
    from ..stores import union_graph
    from ..validation.shacl import shapes_graph as shipped_shapes

    return union_graph(shipped_shapes())


async def shapes_response(request: Any) -> Any:
    """Handle ``/shapes``: the SHACL shapes as Turtle (default), JSON-LD, N-Triples or RDF/XML."""
    from starlette.responses import Response

    from . import formats
    from .protocol import text_response

    state = request.app.state.netgov
    fmt = formats.choose(
        "graph", accept=request.headers.get("accept"), fmt=request.query_params.get("format")
    )
    if fmt is None:
        return text_response(406, "the shapes are available as " + ", ".join(
            f.media_type for f in formats.GRAPH_FORMATS))
    key = f"shapes:{fmt.name}"
    if key not in state.cache:
        from .evaluate import serialize_graph

        state.cache[key] = serialize_graph(shapes_graph(), fmt.rdflib_name)
    return Response(state.cache[key], media_type=fmt.media_type, headers={"Vary": "Accept"})



