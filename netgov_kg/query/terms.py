"""Convert between Python values and RDF terms.

Examples
--------
>>> from rdflib import Literal, XSD
>>> to_term(3)
rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_python(Literal("97.99", datatype=XSD.decimal))
97.99
>>> to_python(Literal("2021-11", datatype=XSD.gYearMonth))
datetime.date(2021, 11, 1)
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from ..terms import check_iri


def to_term(value: Any) -> Identifier:
    """Return ``value`` as an RDF term: terms pass through, Python values become literals.

    A ``str`` becomes a plain string literal, never an IRI: pass :class:`rdflib.URIRef` (or
    use a named query's ``resource`` parameters) for IRIs.

    Examples
    --------
    >>> to_term("一网通办")
    rdflib.term.Literal('一网通办')
    >>> to_term(URIRef("https://example.org/x"))
    rdflib.term.URIRef('https://example.org/x')
    >>> to_term(URIRef("https://example.org/x> } DROP ALL"))
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: not a valid IRI: 'https://example.org/x> } DROP ALL'
    """
    if isinstance(value, URIRef):
        check_iri(str(value))  # the one IRI check (netgov_kg.terms)
    if isinstance(value, Identifier):
        return value
    return Literal(value)


def _year_month(text: str, *, end: bool = False) -> _dt.date | None:
    """Return the first day (or with ``end``, the last day) of a gYear or gYearMonth text."""
    try:
        parts = text.split("-")
        year = int(parts[0])
        month = int(parts[1][:2]) if len(parts) > 1 and parts[1][:2].isdigit() else None
        if not end:
            return _dt.date(year, month or 1, 1)
        month = month or 12
        return _dt.date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, IndexError):
        return None


def to_python(term: Node | None, *, end: bool = False) -> Any:
    """Return a plain Python value for an RDF term (``None`` stays ``None``).

    Numbers become ``int`` or ``float``, ``xsd:date`` a :class:`datetime.date`, ``xsd:gYear``
    and ``xsd:gYearMonth`` the date of their first day (with ``end=True``, for the end of a
    period, their last day), strings and language-tagged strings a ``str``, IRIs their text
    and blank nodes ``"_:id"``.

    Examples
    --------
    >>> to_python(Literal("2021", datatype=XSD.gYear))
    datetime.date(2021, 1, 1)
    >>> to_python(Literal("2021", datatype=XSD.gYear), end=True)
    datetime.date(2021, 12, 31)
    >>> to_python(Literal("2024-02", datatype=XSD.gYearMonth), end=True)
    datetime.date(2024, 2, 29)
    >>> to_python(URIRef("https://w3id.org/netgov-kg/id/case/x"))
    'https://w3id.org/netgov-kg/id/case/x'
    >>> to_python(Literal("网络理政", lang="zh"))
    '网络理政'
    """
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        if term.datatype in (XSD.gYear, XSD.gYearMonth):
            return _year_month(str(term), end=end) or str(term)
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Literal):  # a datatype rdflib cannot convert
            return str(value)
        return value
    return str(term)
