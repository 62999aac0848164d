"""Compare the answers of two SPARQL engines: rows as multisets of normalised terms.

The normalisations, each one a case where RDF or SPARQL says the two forms are equal (the list
is repeated in docs/engine-differences.md):

1. A simple literal ``"x"`` and ``"x"^^xsd:string`` are the same term in RDF 1.1: both become
   ``("lit", "x", None, None)``.
2. A numeric literal (xsd:integer, decimal, double, float and the integer subtypes) compares by
   its datatype and its value, not its lexical form: ``"121.5440"^^xsd:decimal`` and
   ``"121.544"^^xsd:decimal`` are the same value, and Oxigraph stores the canonical form of
   every numeric literal. A double or float compares after rounding to 12 significant digits
   (engines sum in different orders); a decimal after rounding to 15 digits after the point
   (XSD leaves the precision of decimal division to the engine, at least 18 digits: rdflib
   divides with 28 significant digits, Oxigraph with 18 after the point, so an AVG differs in
   the last places). The datatype still has to agree.
3. A blank node compares as ``("bnode",)``: its label is local to one answer.
4. Language tags compare lower-cased (BCP 47 tags are case-insensitive).

Nothing else is normalised: a GROUP_CONCAT whose language tag differs, an unbound value against
an empty string, a different row count are differences.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_NUMERIC = {
    XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
    XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
    XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte,
}


_DECIMAL_PLACES = Decimal("1e-15")


def term_key(term: Any) -> tuple:
    """Return the engine-neutral form of one result term (see the module's list)."""
    if term is None:
        return ("unbound",)
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, Literal):
        datatype = term.datatype
        if datatype == XSD.string:
            datatype = None
        if datatype in _NUMERIC:
            try:
                value = Decimal(str(term).strip())
            except ArithmeticError:  # NaN, INF and ill-formed forms compare as written
                return ("lit", str(term), str(datatype), None)
            if datatype in (XSD.double, XSD.float) and value.is_finite():
                value = Decimal(f"{value:.12g}")
            elif value.is_finite():
                value = value.quantize(_DECIMAL_PLACES) if abs(value) < 10**12 else value
            return ("num", value.normalize() if value.is_finite() else value, str(datatype))
        lang = term.language.lower() if term.language else None
        return ("lit", str(term), str(datatype) if datatype else None, lang)
    return ("other", repr(term))


def row_keys(results: Any) -> list[tuple]:
    """Return the rows of a SELECT result as tuples of :func:`term_key`, in their order."""
    return [tuple(term_key(t) for t in row) for row in results]


def multiset(results: Any) -> Counter:
    """Return the rows of a SELECT result as a multiset (a Counter of normalised rows)."""
    return Counter(row_keys(results))


def difference(a: Any, b: Any) -> str:
    """Describe how two SELECT results differ as multisets ("" when they do not)."""
    ma, mb = multiset(a), multiset(b)
    if ma == mb:
        return ""
    only_a = list((ma - mb).elements())[:5]
    only_b = list((mb - ma).elements())[:5]
    return (
        f"{sum(ma.values())} rows against {sum(mb.values())};"
        f" only in the first: {only_a}; only in the second: {only_b}"
    )
