"""The HTML page of one resource.

It shows bilingual names, links to related resources, figures with units and periods,
sources, and the facts the source does not state outright.

Examples
--------
>>> label_cell({"o": {"type": "uri", "value": "https://w3id.org/netgov-kg/id/place/1"},
...             "o_zh": {"type": "literal", "value": "成都市", "xml:lang": "zh"}}, "o")
'<a href="/id/place/1">成都市</a>'
>>> period({"start": {"type": "literal", "value": "2021-01"},
...         "end": {"type": "literal", "value": "2021-11"}})
'2021-01 – 2021-11'
"""

from __future__ import annotations

from typing import Any

from ..namespaces import NG, PREFIXES
from .html import esc, local_href, page

Row = dict[str, dict[str, str]]

_PROV_SOURCE = str(PREFIXES["prov"]) + "wasDerivedFrom"
_RDFS_LABEL = str(PREFIXES["rdfs"]) + "label"
_SKOS_ALT = str(PREFIXES["skos"]) + "altLabel"
_BASIS = {
    str(NG.Background): ("背景知识", "background knowledge"),
    str(NG.Implied): ("由原文推断", "implied by the source"),
    str(NG.Correction): ("更正原文", "correction of the source"),
}


def _value(row: Row, key: str) -> str | None:
    cell = row.get(key)
    return cell["value"] if cell else None


def curie(iri: str) -> str:
    """Shorten ``iri`` with the library's prefixes.

    Examples
    --------
    >>> curie("https://w3id.org/netgov-kg/ontology#Case")
    'ng:Case'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best.partition("|")[2]):
            best = f"{prefix}|{ns}"
    if not best:
        return iri
    prefix, _, ns = best.partition("|")
    return f"{prefix}:{iri[len(ns):]}"


def label_cell(row: Row, key: str) -> str:
    """Return HTML for the term in ``row[key]``: a link with its zh/en labels, or a literal."""
    cell = row[key]
    if cell["type"] == "literal":
        lang = cell.get("xml:lang")
        tag = f'<span class="lang">@{esc(lang)}</span>' if lang else ""
        return f"{esc(cell['value'])}{tag}"
    iri = cell["value"]
    names = [n for n in (_value(row, key + "_zh"), _value(row, key + "_en")) if n]
    text = " / ".join(names) if names else curie(iri)
    if cell["type"] == "bnode":
        return esc(text)
    return f'<a href="{esc(local_href(iri))}">{esc(text)}</a>'


def period(row: Row) -> str:
    """Return the period of a figure: start – end, a target date, or the source's time note."""
    start, end, target = _value(row, "start"), _value(row, "end"), _value(row, "target")
    if start or end:
        return f"{start or '…'} – {end or '…'}" if start != end else str(start)
    if target:
        return f"目标 target {target}"
    notes = [n for n in (_value(row, "note_zh"), _value(row, "note_en")) if n]
    return " / ".join(notes) if notes else "未说明 not stated"


def _number(text: str | None) -> str:
    if text is None:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    return f"{int(number):,}" if number.is_integer() and "." not in text else f"{number:,}"


def _bilingual(row: Row, key: str) -> str:
    parts = [p for p in (_value(row, key + "_zh"), _value(row, key + "_en")) if p]
    return " / ".join(esc(p) for p in parts)


def _figures_table(figures: list[Row]) -> str:
    if not figures:
        return ""
    seen: set[str] = set()
    lines = []
    for row in figures:
        item = row["item"]["value"]
        if item in seen:
            continue
        seen.add(item)
        name = _bilingual(row, "measure") or _bilingual(row, "label")
        qualifier = _bilingual(row, "qualifier")
        value = _number(_value(row, "value"))
        source = (
            f'<a href="{esc(local_href(row["source"]["value"]))}">'
            f'{_bilingual(row, "source") or esc(curie(row["source"]["value"]))}</a>'
            if "source" in row else ""
        )
        kind = "目标 goal" if row["kind"]["value"] == str(NG.Goal) else "数据 figure"
        about = ""
        if row["about"]["value"] != row["r"]["value"]:
            about = f'<div class="muted">关于 about: {label_cell(row, "about")}</div>'
        lines.append(
            f'<tr><td><a href="{esc(local_href(item))}">{name}</a>'
            f' <span class="tag">{kind}</span>{about}</td>'
            f'<td class="num">{esc(qualifier) if qualifier else ""} {value}</td>'
            f"<td>{_bilingual(row, 'unit')}</td><td>{esc(period(row))}</td><td>{source}</td></tr>"
        )
    return (
        "<h2>数据与目标 <span class='en'>Figures and goals</span></h2>"
        "<table><tr><th>指标 Measure</th><th>数值 Value</th><th>单位 Unit</th>"
        "<th>时间 Period</th><th>来源 Source</th></tr>" + "".join(lines) + "</table>"
    )


def _links_table(rows: list[Row], heading: str) -> str:
    if not rows:
        return ""
    grouped: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        prop = row["p"]["value"]
        cell = label_cell(row, "o")
        if cell not in grouped.setdefault(prop, []):
            grouped[prop].append(cell)
        prop_names = [n for n in (_value(row, "p_zh"), _value(row, "p_en")) if n]
        names[prop] = " / ".join(prop_names) if prop_names else curie(prop)
    body = "".join(
        f'<tr><th><a href="{esc(local_href(prop))}">{esc(names[prop])}</a>'
        + (f'<div class="iri">{esc(curie(prop))}</div>' if names[prop] != curie(prop) else "")
        + f'</th><td>{"<br>".join(cells)}</td></tr>'
        for prop, cells in grouped.items()
    )
    return f'{heading}<table class="props">{body}</table>'


def _basis_table(rows: list[Row]) -> str:
    if not rows:
        return ""
    lines = []
    for row in rows:
        zh, en = _BASIS.get(row["basis"]["value"], (curie(row["basis"]["value"]), ""))
        comment = _bilingual(row, "comment")
        prop = " / ".join(n for n in (_value(row, "p_zh"), _value(row, "p_en")) if n)
        lines.append(
            f"<tr><td>{esc(prop or curie(row['p']['value']))}</td><td>{label_cell(row, 'o')}</td>"
            f"<td>{esc(zh)} {esc(en)}</td><td>{comment}</td></tr>"
        )
    return (
        "<h2>非原文直接陈述的事实 <span class='en'>Facts the source does not state outright"
        "</span></h2><table><tr><th>属性 Property</th><th>值 Value</th><th>依据 Basis</th>"
        "<th>说明 Note</th></tr>" + "".join(lines) + "</table>"
    )


def render(iri: str, links: list[Row], figures: list[Row], basis: list[Row]) -> str:
    """Return the HTML page of resource ``iri`` from the rows of the server's page queries."""
    outgoing = [r for r in links if r["dir"]["value"] == "out"]
    incoming = [r for r in links if r["dir"]["value"] == "in"]
    labels = {
        r["o"].get("xml:lang"): r["o"]["value"]
        for r in outgoing if r["p"]["value"] == _RDFS_LABEL and r["o"]["type"] == "literal"
    }
    zh, en = labels.get("zh"), labels.get("en")
    title = " / ".join(n for n in (zh, en) if n) or curie(iri)
    sources = [r for r in outgoing if r["p"]["value"] == _PROV_SOURCE]
    shown = [
        r for r in outgoing if r["p"]["value"] not in (_RDFS_LABEL, _PROV_SOURCE)
    ]
    alternates = "".join(
        f'<link rel="alternate" type="{m}" href="{esc(local_href(iri))}?format={f}">'
        for m, f in (("text/turtle", "ttl"), ("application/ld+json", "jsonld"))
    )
    source_list = "".join(f"<li>{label_cell(r, 'o')}</li>" for r in sources)
    body = (
        f'<h1 lang="zh">{esc(zh or curie(iri))}<span class="en" lang="en">{esc(en or "")}</span>'
        f'</h1><div class="iri">{esc(iri)}</div>'
        f'<p class="formats">下载 Download: <a href="?format=ttl">Turtle</a>'
        f'<a href="?format=jsonld">JSON-LD</a><a href="?format=nt">N-Triples</a></p>'
        + _links_table(shown, "<h2>属性与关联 <span class='en'>Properties and links</span></h2>")
        + _figures_table(figures)
        + (
            "<h2>来源 <span class='en'>Sources</span></h2><ul>" + source_list + "</ul>"
            if sources else ""
        )
        + _basis_table(basis)
        + _links_table(incoming, "<h2>被引用 <span class='en'>Referenced by</span></h2>")
    )
    return page(title, body, lang="zh", head=alternates)


async def resource_response(request: Any) -> Any:
    """Handle ``/id/{path}``: the resource as HTML, Turtle, JSON-LD, N-Triples or RDF/XML."""
    from starlette.responses import HTMLResponse, Response

    from ..namespaces import NGR
    from . import formats
    from .protocol import text_response

    state = request.app.state.netgov
    iri = str(NGR) + request.path_params["path"]
    fmt = formats.choose(
        "graph", accept=request.headers.get("accept"),
        fmt=request.query_params.get("format"), html=True,
    )
    headers = {"Vary": "Accept"}
    if fmt is None:
        return text_response(406, "available as text/html, text/turtle, application/ld+json, "
                             "application/n-triples or application/rdf+xml")
    if fmt is formats.HTML:
        links = await state.rows("resource-links", r=iri)
        if not links:
            return text_response(404, f"no resource <{iri}> in this dataset")
        figures = await state.rows("resource-figures", r=iri)
        basis = await state.rows("resource-basis", r=iri)
        return HTMLResponse(render(iri, links, figures, basis), headers=headers)
    answer = await state.graph("resource-graph", fmt.name, r=iri)
    if answer.count == 0:
        return text_response(404, f"no resource <{iri}> in this dataset")
    return Response(answer.body, media_type=fmt.media_type, headers=headers)
