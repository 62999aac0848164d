"""The HTML page of one resource.

It shows bilingual names, links to related resources, figures with units and periods,
sources, the evidence (each quoted sentence in its context, from the selectors of
``ng:evidence``), and the facts the source does not state outright. The rows of the page's queries
become plain values here; ``templates/resource.html`` escapes them and links only http(s)
IRIs.

Examples
--------
>>> label_cell({"o": {"type": "uri", "value": "https://w3id.org/netgov-kg/id/place/1"},
...             "o_zh": {"type": "literal", "value": "成都市", "xml:lang": "zh"}}, "o")
{'kind': 'uri', 'text': '成都市', 'iri': 'https://w3id.org/netgov-kg/id/place/1', 'lang': ''}
>>> period({"start": {"type": "literal", "value": "2021-01"},
...         "end": {"type": "literal", "value": "2021-11"}})
'2021-01 – 2021-11'
"""

from __future__ import annotations

from typing import Any

from ..namespaces import NG, PREFIXES
from ..terms import curie
from .html import pair, render_page, tr

Row = dict[str, dict[str, str]]
Term = dict[str, str]

_PROV_SOURCE = str(PREFIXES["prov"]) + "wasDerivedFrom"
_RDFS_LABEL = str(PREFIXES["rdfs"]) + "label"
_RDF_TYPE = str(PREFIXES["rdf"]) + "type"
_EVIDENCE = str(NG.evidence)
_SKOS_ALT = str(PREFIXES["skos"]) + "altLabel"
#: The names of the bases of facts the source does not state (docs/data-model.md).
BASIS_NAMES = {
    str(NG.Background): ("背景知识", "background knowledge"),
    str(NG.Implied): ("由原文推断", "implied by the source"),
    str(NG.Correction): ("更正原文", "correction of the source"),
}


def _value(row: Row, key: str) -> str | None:
    cell = row.get(key)
    return cell["value"] if cell else None


def label_cell(row: Row, key: str) -> Term:
    """Return the term in ``row[key]`` for the page: its kind, text (zh/en labels), IRI, language.

    The template shows a literal with its language tag, and an IRI as a link when it is an
    http(s) IRI (as text otherwise).
    """
    cell = row[key]
    if cell["type"] == "literal":
        return {"kind": "literal", "text": cell["value"], "iri": "",
                "lang": cell.get("xml:lang", "")}
    iri = cell["value"]
    text = pair(_value(row, key + "_zh"), _value(row, key + "_en")) or curie(iri)
    kind = "bnode" if cell["type"] == "bnode" else "uri"
    return {"kind": kind, "text": text, "iri": iri if kind == "uri" else "", "lang": ""}


def period(row: Row) -> str:
    """Return the period of a figure: start – end, a target date, or the source's time note."""
    start, end, target = _value(row, "start"), _value(row, "end"), _value(row, "target")
    if start or end:
        return f"{start or '…'} – {end or '…'}" if start != end else str(start)
    if target:
        return f"{tr('目标', 'target')} {target}"
    return pair(_value(row, "note_zh"), _value(row, "note_en")) or tr("未说明", "not stated")


def _number(text: str | None) -> str:
    """Return a number with thousands separators; any other text as it is (escaped later).

    Examples
    --------
    >>> _number("12000"), _number("1.5"), _number("<b>约</b>")
    ('12,000', '1.5', '<b>约</b>')
    """
    if text is None:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    return f"{int(number):,}" if number.is_integer() and "." not in text else f"{number:,}"


def _bilingual(row: Row, key: str) -> str:
    return pair(_value(row, key + "_zh"), _value(row, key + "_en"))


def _figures(figures: list[Row]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    shown = []
    for row in figures:
        item = row["item"]["value"]
        if item in seen:
            continue
        seen.add(item)
        source = None
        if "source" in row:
            iri = row["source"]["value"]
            source = {"iri": iri, "text": _bilingual(row, "source") or curie(iri)}
        shown.append({
            "item": item,
            "name": _bilingual(row, "measure") or _bilingual(row, "label") or curie(item),
            "kind": (("目标", "goal") if row["kind"]["value"] == str(NG.Goal)
                     else ("数据", "figure")),
            "about": (label_cell(row, "about")
                      if row["about"]["value"] != row["r"]["value"] else None),
            "qualifier": _bilingual(row, "qualifier"),
            "value": _number(_value(row, "value")),
            "unit": _bilingual(row, "unit"),
            "period": period(row),
            "source": source,
        })
    return shown


def _properties(rows: list[Row]) -> list[dict[str, Any]]:
    grouped: dict[str, list[Term]] = {}
    names: dict[str, str] = {}
    for row in rows:
        prop = row["p"]["value"]
        cell = label_cell(row, "o")
        if cell not in grouped.setdefault(prop, []):
            grouped[prop].append(cell)
        names[prop] = pair(_value(row, "p_zh"), _value(row, "p_en")) or curie(prop)
    return [
        {"iri": prop, "name": names[prop], "curie": curie(prop), "cells": cells}
        for prop, cells in grouped.items()
    ]


def _basis(rows: list[Row]) -> list[dict[str, Any]]:
    shown = []
    for row in rows:
        zh, en = BASIS_NAMES.get(row["basis"]["value"], (curie(row["basis"]["value"]), ""))
        prop = pair(_value(row, "p_zh"), _value(row, "p_en"))
        shown.append({
            "prop": prop or curie(row["p"]["value"]), "value": label_cell(row, "o"),
            "zh": zh, "en": en, "comment": _bilingual(row, "comment"),
        })
    return shown


def _evidence(rows: list[Row]) -> list[dict[str, Any]]:
    """Each quote with its context and offsets; the template escapes every part."""
    return [{
        "prefix": _value(row, "prefix") or "", "exact": _value(row, "exact") or "",
        "suffix": _value(row, "suffix") or "",
        "span": f"{_value(row, 'start')}–{_value(row, 'end')}",
        "source": label_cell(row, "source") if row.get("source") else None,
    } for row in rows]


def render(iri: str, links: list[Row], figures: list[Row], basis: list[Row],
           evidence: list[Row] | None = None, *, profile: dict[str, Any] | None = None) -> str:
    """Return the HTML page of resource ``iri`` from the rows of the server's page queries.

    A case's page (``profile`` given, see :mod:`.case_page`) opens on its readable profile.
    """
    outgoing = [r for r in links if r["dir"]["value"] == "out"]
    incoming = [r for r in links if r["dir"]["value"] == "in"]
    labels = {
        r["o"].get("xml:lang"): r["o"]["value"]
        for r in outgoing if r["p"]["value"] == _RDFS_LABEL and r["o"]["type"] == "literal"
    }
    zh, en = labels.get("zh"), labels.get("en")
    title = pair(zh, en) or curie(iri)
    sources = [r for r in outgoing if r["p"]["value"] == _PROV_SOURCE]
    hidden = (_RDFS_LABEL, _PROV_SOURCE, _EVIDENCE)  # evidence: its own section, not blank nodes
    shown = [r for r in outgoing if r["p"]["value"] not in hidden]
    return render_page(
        "case.html" if profile else "resource.html", title=title, profile=profile,
        iri=iri, zh=zh or curie(iri), en=en or "",
        outgoing=_properties(shown), figures=_figures(figures),
        sources=[label_cell(r, "o") for r in sources], basis=_basis(basis),
        evidence=_evidence(evidence or []),
        incoming=_properties(incoming),
    )


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
        evidence = await state.rows("resource-evidence", r=iri)
        profile = None
        if any(r["dir"]["value"] == "out" and r["p"]["value"] == _RDF_TYPE
               and r["o"]["value"] == str(NG.Case) for r in links):
            from .case_page import case_profile

            profile = await case_profile(state, iri, links, basis)
        return HTMLResponse(render(iri, links, figures, basis, evidence, profile=profile),
                            headers=headers)
    answer = await state.graph("resource-graph", fmt.name, r=iri)
    if answer.count == 0:
        return text_response(404, f"no resource <{iri}> in this dataset")
    return Response(answer.body, media_type=fmt.media_type, headers=headers)
