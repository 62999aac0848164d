"""The timeline: the graph's dated facts on a time axis, for all cases or for one.

The facts are those of the named query ``timeline`` (events' dates, start dates, goals'
target dates, figures' periods), with names and the case each belongs to
(``queries/explorer-timeline.rq``, run once and cached). The page draws them as
server-rendered SVG — a bar per year for all cases, a dot per fact for one case — and lists
them as text for every reader.

Examples
--------
>>> year_position("2021-10-30"), year_position("2018"), year_position("2017-12")
(2021.8, 2018.0, 2017.9)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import InputError
from ..namespaces import NG, is_web_iri
from ..terms import curie

#: The dated properties, in the order of the legend, with zh/en names and colours.
PROPERTIES = (
    (str(NG.date), "事件日期", "event date", "#D55E00"),
    (str(NG.startDate), "起始时间", "start date", "#0072B2"),
    (str(NG.periodStart), "数据时段起", "figure period from", "#009E73"),
    (str(NG.periodEnd), "数据时段止", "figure period to", "#56B4E9"),
    (str(NG.targetDate), "目标日期", "target date", "#CC79A7"),
)
#: Facts listed as text at most on the page of all cases (the bars count them all).
MAX_LISTED = 500
_WIDTH, _HEIGHT, _LEFT, _BOTTOM = 760.0, 240.0, 40.0, 30.0


def year_position(date: str) -> float:
    """Return a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a fractional year."""
    parts = date.split("-")
    year = float(parts[0][:4])
    if len(parts) > 1 and parts[1][:2].isdigit():
        year += round((int(parts[1][:2]) - 1) / 12, 1)
    return year


def facts(rows: list[dict[str, dict[str, str]]]) -> list[dict[str, Any]]:
    """Return the rows as facts: date, subject and its names, property and its names, case.

    A fact about several cases (an award event recognising ten) comes once, with the first.
    """
    names = {p: (zh, en, colour) for p, zh, en, colour in PROPERTIES}
    out = []
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        date, prop = r["date"]["value"], r["property"]["value"]
        subject = r["subject"]["value"]
        if not date[:4].isdigit() or (date, subject, prop) in seen:
            continue
        seen.add((date, subject, prop))
        zh, en, colour = names.get(prop, (curie(prop), "", "#000000"))
        out.append({
            "date": date, "year": int(date[:4]), "subject": subject,
            "subject_zh": r.get("subject_zh", {}).get("value") or curie(subject),
            "subject_en": r.get("subject_en", {}).get("value", ""),
            "property": prop, "zh": zh, "en": en, "colour": colour,
            "case": r.get("case", {}).get("value", ""),
        })
    return out


def bars(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the SVG of all facts: one stacked bar per year, by property."""
    if not items:
        return {"bars": [], "ticks": [], "width": _WIDTH, "height": _HEIGHT}
    first, last = min(f["year"] for f in items), max(f["year"] for f in items)
    years = list(range(first, last + 1))
    counts = Counter((f["year"], f["property"]) for f in items)
    per_year = Counter(f["year"] for f in items)
    top = max(per_year.values())
    step = (_WIDTH - _LEFT) / len(years)
    scale = (_HEIGHT - _BOTTOM - 10) / top
    shapes, ticks = [], []
    for i, year in enumerate(years):
        x = _LEFT + i * step
        y = _HEIGHT - _BOTTOM
        for prop, zh, en, colour in PROPERTIES:
            n = counts.get((year, prop), 0)
            if n:
                h = n * scale
                y -= h
                shapes.append({"x": round(x + 1, 1), "y": round(y, 1),
                               "w": round(max(step - 2, 1), 1), "h": round(h, 1),
                               "colour": colour, "title": f"{year} {zh} {en}: {n}"})
        ticks.append({"x": round(x + step / 2, 1), "label": str(year),
                      "show": len(years) <= 20 or year % 5 == 0})
    return {"bars": shapes, "ticks": ticks, "width": _WIDTH, "height": _HEIGHT, "top": top,
            "years": [{"year": y, "n": per_year.get(y, 0)} for y in years]}


def dots(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the SVG of one case's facts: a dot per fact on a year axis, labelled."""
    if not items:
        return {"dots": [], "ticks": [], "width": _WIDTH, "height": 60.0}
    first = min(year_position(f["date"]) for f in items)
    last = max(year_position(f["date"]) for f in items)
    first, last = int(first), int(last) + 1
    span = max(last - first, 1)
    scale = (_WIDTH - 2 * _LEFT) / span
    shapes = []
    for i, f in enumerate(items):
        x = _LEFT + (year_position(f["date"]) - first) * scale
        shapes.append({"x": round(x, 1), "y": 30 + 22 * i, "colour": f["colour"],
                       "label": f"{f['date']} {f['subject_zh']} · {f['zh']}"})
    height = 50.0 + 22 * len(items)
    ticks = [{"x": round(_LEFT + (y - first) * scale, 1), "label": str(y), "show": True}
             for y in range(first, last + 1)]
    return {"dots": shapes, "ticks": ticks, "width": _WIDTH, "height": height}


async def timeline_rows(state: Any) -> list[dict[str, dict[str, str]]]:
    """Return the rows of ``explorer-timeline.rq`` (cached until the data changes)."""
    from .explorer import select
    from .state import server_query

    if "explorer-timeline" not in state.cache:
        state.cache["explorer-timeline"] = await select(state, server_query("explorer-timeline"))
    return state.cache["explorer-timeline"]


async def case_facts(state: Any, case: str) -> list[dict[str, Any]]:
    """Return the dated facts of one case (from the cached rows of all of them)."""
    return facts([r for r in await timeline_rows(state)
                  if r.get("case", {}).get("value") == case])


async def timeline_page(request: Any) -> Any:
    """Handle ``/timeline``: every dated fact, or one case's (``?case=IRI``)."""
    from starlette.responses import HTMLResponse

    from .html import render_page, tr
    from .protocol import text_response

    state = request.app.state.netgov
    case = (request.query_params.get("case") or "").strip()
    legend = [{"zh": zh, "en": en, "colour": colour} for _, zh, en, colour in PROPERTIES]
    if case:
        if not is_web_iri(case):
            return text_response(400, str(InputError(f"case: {case!r} is not an http(s) IRI")))
        items = await case_facts(state, case)
        return HTMLResponse(render_page(
            "timeline.html", title=tr("时间线", "Timeline") + " — netgov-kg", page_path="/timeline",
            case=case,
            items=items, chart=dots(items), legend=legend, listed=items, total=len(items),
        ))
    items = facts(await timeline_rows(state))
    return HTMLResponse(render_page(
        "timeline.html", title=tr("时间线", "Timeline") + " — netgov-kg", page_path="/timeline",
        case="",
        items=items, chart=bars(items), legend=legend, listed=items[:MAX_LISTED],
        total=len(items),
    ))
