"""What a results table shows: IRIs by their labels, blank nodes by order, no rdflib needed.

One implementation for :meth:`netgov_kg.query.results.Results.labelled` (the library's and the
command line's tables, rows of rdflib terms) and for the command line's cold path
(:mod:`netgov_kg.query.cold`, rows straight from Oxigraph). Both hand over rows of term
tuples ``(kind, value, language, datatype)`` (:data:`netgov_kg.query.formats.Term`) and a
function that gives an IRI's label.

Examples
--------
>>> rows = [(("uri", "https://w3id.org/netgov-kg/id/x", None, None), ("bnode", "f3", None, None),
...          ("literal", "成都", "zh", None), None)]
>>> display_cells(["s", "b", "name_zh", "name_en"], rows, "zh", label=local_name)
(['s', 'b', 'name_zh'], [['x', '_:b1', '成都']])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..iris import DISPLAY_LABEL_PROPERTIES, local_name

#: A term tuple (see :data:`netgov_kg.query.formats.Term`), or ``None`` where unbound.
TermTuple = Any


def first_labels(literals_of: Callable[[str], Iterable[tuple[str, str | None]]]) -> dict[str, str]:
    """Return ``{language: label}``: the first label per language of the first property with any.

    Parameters
    ----------
    literals_of : callable
        Given a property IRI (``rdfs:label``, then ``skos:prefLabel``), yields the resource's
        literal values of it as ``(text, language or None)``, in the store's order.

    Examples
    --------
    >>> values = {"http://www.w3.org/2000/01/rdf-schema#label": [("党建", "zh"), ("x", "zh")]}
    >>> first_labels(lambda p: values.get(p, []))
    {'zh': '党建'}
    """
    found: dict[str, str] = {}
    for prop in DISPLAY_LABEL_PROPERTIES:
        for text, lang in literals_of(prop):
            found.setdefault(lang or "", text)
        if found:
            break
    return found


def choose_label(found: dict[str, str], lang: str, iri: str) -> str:
    """Return the label in ``lang``, else in the other language, else any, else the IRI's name.

    Examples
    --------
    >>> choose_label({"en": "party building"}, "zh", "https://w3id.org/netgov-kg/id/theme/p")
    'party building'
    >>> choose_label({}, "zh", "https://w3id.org/netgov-kg/id/theme/p")
    'p'
    """
    for key in (lang, "zh" if lang == "en" else "en", ""):
        if key in found:
            return found[key]
    if found:
        return next(iter(found.values()))
    return local_name(iri)


def blank_names(rows: Iterable[Sequence[TermTuple]]) -> dict[str, str]:
    """Name the blank nodes of ``rows`` ``_:b1``, ``_:b2``… in order of appearance, by their id.

    A blank node's own id is the engine's (Oxigraph draws a new random one on every load), so
    tables show these names instead: the same on every engine and every run.

    Examples
    --------
    >>> blank_names([(("bnode", "x9", None, None), ("bnode", "a1", None, None))])
    {'x9': '_:b1', 'a1': '_:b2'}
    """
    names: dict[str, str] = {}
    for row in rows:
        for term in row:
            if term is not None and term[0] == "bnode" and term[1] not in names:
                names[term[1]] = f"_:b{len(names) + 1}"
    return names


def display_cells(
    variables: Sequence[str],
    rows: Sequence[Sequence[TermTuple]],
    lang: str,
    *,
    label: Callable[[str], str],
    iris: Sequence[str] = (),
    iri_text: Callable[[str], str] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Return a display table: IRIs replaced by their labels in ``lang``, as text.

    Columns named ``<name>_zh`` / ``<name>_en`` in the other language are left out; the
    columns named in ``iris`` show ``iri_text(iri)`` (a CURIE) instead of the label.

    Parameters
    ----------
    variables : sequence of str
        The column names.
    rows : sequence of rows of term tuples
        One term tuple (or ``None``) per variable.
    lang : {"zh", "en"}
        The language of labels.
    label : callable
        Gives an IRI's label (see :func:`first_labels` and :func:`choose_label`).
    iris, iri_text
        The columns that keep their IRIs, and how an IRI is written there.
    """
    other = "_en" if lang == "zh" else "_zh"
    keep = [i for i, v in enumerate(variables) if not v.endswith(other)]
    blanks = blank_names(rows)

    def cell(i: int, term: TermTuple) -> str:
        if term is None:
            return ""
        kind, value = term[0], term[1]
        if kind == "bnode":
            return blanks[value]
        if kind == "uri":
            if variables[i] in iris and iri_text is not None:
                return iri_text(value)
            return label(value)
        return value  # literals as written (2021-11 stays 2021-11)

    return [variables[i] for i in keep], [[cell(i, row[i]) for i in keep] for row in rows]
