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
from .html import esc, local_href, page
from .resource_page import curie

_KIND_NAMES = {
    "Class": ("类", "Classes"),
    "ObjectProperty": ("对象属性", "Object properties"),
    "DatatypeProperty": ("数据属性", "Datatype properties"),
    "AnnotationProperty": ("注释属性", "Annotation properties"),
    "Property": ("属性", "Properties"),
    "TransitiveProperty": ("传递属性", "Transitive properties"),
}


def local_name(iri: str) -> str:
    """Return the part of ``iri`` after ``#`` or the last ``/``."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _links(iris: list[str]) -> str:
    return ", ".join(f'<a href="{esc(local_href(i))}">{esc(curie(i))}</a>' for i in iris)


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


def render(header: list[dict], terms: list[dict], relations: list[dict]) -> str:
    """Return the HTML documentation from the rows of the ``ontology-*`` queries."""
    related = group_relations(relations)
    head = header[0] if header else {}
    title_zh = _value(head, "title_zh") or "网络理政本体"
    title_en = _value(head, "title_en") or "netgov-kg ontology"
    meta = []
    if _value(head, "version"):
        meta.append(f"版本 Version: {esc(_value(head, 'version'))}")
    if _value(head, "license"):
        lic = _value(head, "license")
        meta.append(f'许可 Licence: <a href="{esc(lic)}">{esc(lic)}</a>')
    meta.append(f'命名空间 Namespace: <span class="iri">{esc(str(NG))}</span> (ng:)')
    formats = (
        '<p class="formats">下载 Download: <a href="/ontology?format=ttl">Turtle</a>'
        '<a href="/ontology?format=jsonld">JSON-LD</a>'
        '<a href="/ontology?format=rdfxml">RDF/XML</a></p>'
    )
    seen: set[str] = set()
    sections: dict[str, list[str]] = {}
    index: dict[str, list[str]] = {}
    for row in terms:
        iri = row["term"]["value"]
        kind = local_name(row["kind"]["value"])
        if iri in seen:
            continue
        seen.add(iri)
        anchor = local_name(iri) if iri.startswith(str(NG)) else curie(iri)
        rows = []
        for key, name in (("supers", "上位 Super"), ("domains", "定义域 Domain"),
                          ("ranges", "值域 Range")):
            targets = related.get(iri, {}).get(key)
            if targets:
                rows.append(f"<tr><th>{name}</th><td>{_links(targets)}</td></tr>")
        comments = "".join(
            f'<p lang="{lang}">{esc(_value(row, "comment_" + lang))}</p>'
            for lang in ("zh", "en") if _value(row, "comment_" + lang)
        )
        sections.setdefault(kind, []).append(
            f'<section id="{esc(anchor)}"><h3>{esc(_value(row, "label_zh"))} '
            f'<span class="muted">{esc(_value(row, "label_en"))}</span> '
            f'<span class="tag">{esc(curie(iri))}</span></h3>'
            f'<div class="iri">{esc(iri)}</div>{comments}'
            + (f"<table class=\"props\">{''.join(rows)}</table>" if rows else "") + "</section>"
        )
        index.setdefault(kind, []).append(f'<a href="#{esc(anchor)}">{esc(curie(iri))}</a>')
    body = (
        f'<h1>{esc(title_zh)}<span class="en">{esc(title_en)}</span></h1>'
        f'<p>{"<br>".join(meta)}</p>'
        + "".join(f'<p lang="{lang}">{esc(_value(head, "comment_" + lang))}</p>'
                  for lang in ("zh", "en") if _value(head, "comment_" + lang))
        + formats
    )
    for kind, (zh, en) in _KIND_NAMES.items():
        if kind in sections:
            body += (
                f"<h2>{zh} <span class='en'>{en}</span></h2>"
                f"<p>{' · '.join(index[kind])}</p>" + "".join(sections[kind])
            )
    return page(f"{title_zh} / {title_en}", body)


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
    key = f"ontology:{fmt.name}"
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
    """Return the shipped SHACL shapes as one rdflib Graph."""
    from rdflib import Graph

    from ..namespaces import bind_prefixes
    from ..resources import shapes_files

    graph = bind_prefixes(Graph())
    for path in shapes_files():
        graph.parse(path, format="turtle")
    return graph


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



