"""Canonical literals: one written form for each literal, whatever the store.

Stores keep literals differently: Oxigraph stores numbers, booleans and dates as values and writes
them back in their canonical lexical form (``"121.5440"^^xsd:decimal`` comes back as
``"121.544"``) and types simple literals ``xsd:string``; rdflib's memory store keeps the lexical
form it read and leaves simple literals untyped. In RDF 1.1 ``"x"`` and ``"x"^^xsd:string`` are
the same term, and N-Triples writes it ``"x"``. :func:`canonical_literal` gives the one form that
exports (and validation) use, so every store writes the same file.

Canonical forms (XSD 1.1, as Oxigraph writes them): ``xsd:decimal`` without a leading ``+``,
leading zeros or trailing zeros (``121.544``, ``0.5``, ``5`` for a whole number),
``xsd:integer`` without sign or leading zeros (``7``), ``xsd:boolean`` as ``true``/``false``.
Other datatypes, and ill-typed literals, keep their lexical form.

Examples
--------
>>> from rdflib import Literal
>>> from rdflib.namespace import XSD
>>> canonical_literal(Literal("121.5440", datatype=XSD.decimal))
rdflib.term.Literal('121.544', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> canonical_literal(Literal("330523", datatype=XSD.string))
rdflib.term.Literal('330523')
>>> canonical_lexical("+007", XSD.integer)
'7'
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEAN = {"true": "true", "1": "true", "false": "false", "0": "false"}


def canonical_lexical(lexical: str, datatype: URIRef | None) -> str:
    """Return the canonical lexical form of ``lexical`` in ``datatype`` (itself if none).

    Parameters
    ----------
    lexical : str
        A literal's lexical form.
    datatype : rdflib.URIRef or None
        Its datatype IRI.

    Returns
    -------
    str
        The canonical form for ``xsd:decimal``, ``xsd:integer`` and ``xsd:boolean``; ``lexical``
        unchanged for other datatypes and for forms that are not valid in the datatype.

    Examples
    --------
    >>> from rdflib.namespace import XSD
    >>> [canonical_lexical(x, XSD.decimal) for x in ("1.50", ".5", "-0.0", "5.0", "12")]
    ['1.5', '0.5', '0', '5', '12']
    >>> canonical_lexical("1", XSD.boolean), canonical_lexical("1e3", XSD.decimal)
    ('true', '1e3')
    """
    if datatype == XSD.decimal and _DECIMAL.fullmatch(lexical):
        # on the digits, not through Decimal, whose context would round long numbers
        sign, digits = ("-", lexical[1:]) if lexical[0] == "-" else ("", lexical.lstrip("+"))
        whole, _, fraction = digits.partition(".")
        whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
        if whole == "0" and not fraction:
            sign = ""
        return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"
    if datatype == XSD.integer and _INTEGER.fullmatch(lexical):
        return str(int(lexical))
    if datatype == XSD.boolean and lexical in _BOOLEAN:
        return _BOOLEAN[lexical]
    return lexical


def canonical_literal(term: Node) -> Node:
    """Return ``term`` in canonical form: a simple literal for ``xsd:string``, canonical numbers.

    Terms that are not literals, language-tagged strings and literals already canonical are
    returned as they are.
    """
    if not isinstance(term, Literal) or term.language or term.datatype is None:
        return term
    if term.datatype == XSD.string:
        return Literal(str(term))
    lexical = canonical_lexical(str(term), term.datatype)
    if lexical == str(term):
        return term
    return Literal(lexical, datatype=term.datatype)
