"""The readable profile on a case's page, shown before the resource page's full tables.

Place path, responsible organisations, platforms by kind, figures (the resource page's own
table), the endorsement with the expert's posts, the themes with their supporting quotes, the
case's dated facts, and marks on every item the source does not state (the basis notes of
``docs/data-model.md``, from the resource page's ``resource-basis`` query). Evidence passages
(issue 13's ``ng:evidence``) have a place of their own: :func:`evidence` returns nothing until
the data carries them.

Examples
--------
>>> marks([{"p": {"value": "https://w3id.org/netgov-kg/ontology#locatedIn"},
...         "o": {"value": "https://w3id.org/netgov-kg/id/place/1"},
...         "basis": {"value": "https://w3id.org/netgov-kg/ontology#Background"}}])
{('locatedIn', 'https://w3id.org/netgov-kg/id/place/1'): ('背景知识', 'background knowledge', '')}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..namespaces import NG
from ..terms import curie, local_name
from .html import pair
from .resource_page import BASIS_NAMES

Row = dict[str, dict[str, str]]
#: The profile's sections: which item and the property that links the case to it.
_PROPERTY = {"organisation": "responsibleOrganisation", "platform": "usesPlatform",
             "theme": "hasTheme", "expert": "endorser"}


def _v(row: Row, key: str) -> str:
    cell = row.get(key)
    return cell["value"] if cell else ""


def marks(basis: list[Row]) -> dict[tuple[str, str], tuple[str, str, str]]:
    """Return the basis of each fact about the case: (property's local name, object) → names."""
    out = {}
    for r in basis:
        zh, en = BASIS_NAMES.get(_v(r, "basis"), (curie(_v(r, "basis")), ""))
        note = pair(_v(r, "comment_zh"), _v(r, "comment_en"))
        out[(local_name(_v(r, "p")), _v(r, "o"))] = (zh, en, note)
    return out


def evidence(rows: list[Row]) -> dict[str, list[dict[str, str]]]:
    """Return the evidence passages by the resource they support (empty until there is any).

    Examples
    --------
    >>> evidence([])
    {}
    >>> evidence([{"target": {"value": "t"}, "exact": {"value": "原文"}}])["t"][0]["exact"]
    '原文'
    """
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        out[_v(r, "target")].append({"exact": _v(r, "exact"), "prefix": _v(r, "prefix"),
                                     "suffix": _v(r, "suffix"), "source": _v(r, "source")})
    return dict(out)


def profile(iri: str, items: list[Row], basis: list[Row], evidence_rows: list[Row],
            path: list[dict[str, str]], place: str, start: list[str],
            dated: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the case's profile for ``templates/case.html`` from the rows of its queries."""
    mark = marks(basis)
    passages = evidence(evidence_rows)
    sections: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in items:
        what, item = _v(r, "what"), _v(r, "item")
        entry = sections[what].setdefault(item, {
            "iri": item, "zh": _v(r, "item_zh") or curie(item), "en": _v(r, "item_en"),
            "details": [], "note_zh": _v(r, "note_zh"), "note_en": _v(r, "note_en"),
            "basis": mark.get((_PROPERTY.get(what, ""), item)),
            "evidence": passages.get(item, []),
        })
        detail = _v(r, "detail")
        if detail and detail not in [d["iri"] for d in entry["details"]]:
            entry["details"].append({"iri": detail,
                                     "zh": _v(r, "detail_zh") or curie(detail),
                                     "en": _v(r, "detail_en"),
                                     "evidence": passages.get(detail, [])})
    platforms: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in sections.get("platform", {}).values():
        kinds = p["details"] or [{"iri": "", "zh": "平台", "en": "platform"}]
        for kind in kinds:  # (zh, en): the page shows its language first
            platforms[(kind["zh"], kind["en"])].append(p)
    return {
        "path": path, "place_basis": mark.get(("locatedIn", place)),
        "start": [{"value": s, "basis": mark.get(("startDate", s))} for s in start],
        "organisations": list(sections.get("organisation", {}).values()),
        "platforms": sorted(platforms.items()),
        "experts": list(sections.get("expert", {}).values()),
        "endorsements": list(sections.get("endorsement", {}).values()),
        "themes": sorted(sections.get("theme", {}).values(), key=lambda t: t["iri"]),
        "case_evidence": passages.get(iri, []), "dated": dated,
    }


async def case_profile(state: Any, iri: str, links: list[Row], basis: list[Row],
                       ) -> dict[str, Any]:
    """Run the profile's queries for the case ``iri`` and return its profile."""
    from .explorer import Filters, fill, places, select
    from .timeline import case_facts

    items = await select(state, fill("case-profile-items", Filters(), cases=[iri]))
    found = await select(state, fill("case-evidence", Filters(), cases=[iri]))
    index = await places(state)
    located = [r["o"]["value"] for r in links
               if r["dir"]["value"] == "out" and r["p"]["value"] == str(NG.locatedIn)]
    place = located[0] if located else ""
    start = [r["o"]["value"] for r in links
             if r["dir"]["value"] == "out" and r["p"]["value"] == str(NG.startDate)]
    return profile(iri, items, basis, found, index.path(place) if place else [], place,
                   start, await case_facts(state, iri))
