"""Checks of what a template states about one resource: periods and plausible values.

A period whose end comes before its start is an error (:func:`period_problem`); a value that
is allowed but rarely right — a share over 100 %, a negative count — is a warning
(:func:`implausible_values`): ``netgov-kg add`` prints it and goes on.

A period's bounds may be a year, a month or a day; the end is compared by its last day and the
start by its first, so ``2021-03`` … ``2021`` is a period, and ``2021`` … ``2020-12`` is not.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import XSD
>>> from netgov_kg.namespaces import NG
>>> g, obs = Graph(), URIRef("urn:obs")
>>> _ = g.add((obs, NG.periodStart, Literal("2021-03", datatype=XSD.gYearMonth)))
>>> _ = g.add((obs, NG.periodEnd, Literal("2021", datatype=XSD.gYear)))
>>> period_problem(g, obs) is None
True
>>> _ = g.set((obs, NG.periodEnd, Literal("2020-12-31", datatype=XSD.date)))
>>> period_problem(g, obs)
'the period ends (2020-12-31) before it starts (2021-03)'
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef

from ..namespaces import NG

_DATE = re.compile(r"^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: Words of a measure that say a percentage may exceed 100 (a growth rate).
GROWTH_WORDS = ("增长", "增幅", "增速", "提高", "提升", "同比", "环比", "growth", "increase",
                "rise")
#: Words of a measure that say a value may be negative (a change, a fall).
CHANGE_WORDS = ("变化", "减少", "下降", "降低", "下跌", "change", "decrease", "fall", "drop",
                "decline")


def _bounds(lit: Literal) -> tuple[datetime.date, datetime.date] | None:
    """Return the first and the last day of a year, a month or a day (``None`` if unreadable)."""
    match = _DATE.match(str(lit))
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1 <= year <= 9999:
        return None
    try:
        if day is not None and month is not None:
            one = datetime.date(year, month, day)
            return one, one
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
    except ValueError:
        return None
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def period_problem(graph: Graph, subject: URIRef) -> str | None:
    """Say why the period of ``subject`` (``ng:periodStart`` … ``ng:periodEnd``) is wrong.

    Returns
    -------
    str or None
        ``None`` when the period is right, or when it lacks a bound.
    """
    for start in graph.objects(subject, NG.periodStart):
        for end in graph.objects(subject, NG.periodEnd):
            first = _bounds(start) if isinstance(start, Literal) else None
            last = _bounds(end) if isinstance(end, Literal) else None
            if first and last and last[1] < first[0]:
                return f"the period ends ({end}) before it starts ({start})"
    return None


def _number(lit: object) -> Decimal | None:
    if not isinstance(lit, Literal):
        return None
    try:
        return Decimal(str(lit))
    except InvalidOperation:
        return None


def _says(graph: Graph, subject: URIRef, words: tuple[str, ...]) -> bool:
    text = " ".join(str(m) for m in graph.objects(subject, NG.measure)).lower()
    return any(w in text for w in words)


def implausible_values(graph: Graph, subject: URIRef) -> list[str]:
    """Return warnings about the values of ``subject`` (a figure) that are rarely right.

    A percentage over 100 (unless the measure says it is a growth: 增长, growth …) and a
    negative value (unless the measure says it is a change: 减少, decrease …).

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from netgov_kg.namespaces import NG
    >>> g, obs = Graph(), URIRef("urn:obs")
    >>> _ = g.add((obs, NG.measure, Literal("办结率", lang="zh")))
    >>> _ = g.add((obs, NG.unit, Literal("%", lang="zh")))
    >>> _ = g.add((obs, NG.value, Literal(120)))
    >>> implausible_values(g, obs)
    ['a percentage over 100 (120 %): check the number (only a growth may exceed 100 %)']
    """
    out: list[str] = []
    percent = any(str(u) in ("%", "percent", "％") for u in graph.objects(subject, NG.unit))
    for lit in graph.objects(subject, NG.value):
        value = _number(lit)
        if value is None:
            continue
        if percent and value > 100 and not _says(graph, subject, GROWTH_WORDS):
            out.append(f"a percentage over 100 ({lit} %): check the number (only a growth "
                       "may exceed 100 %)")
        if value < 0 and not _says(graph, subject, CHANGE_WORDS):
            out.append(f"a negative value ({lit}): right for a change, not for a count or an "
                       "amount (say 减少/decrease in the measure if it is a change)")
    return out
