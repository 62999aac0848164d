"""Find resources by label, and describe one resource.

:func:`find` matches a text against every ``rdfs:label`` and ``skos:altLabel`` (zh and en,
as a substring, compared by :func:`~netgov_kg.query.labels.fold`: case, spaces, quotation
marks and invisible characters do not count). :func:`resolve` turns what a user typed (an
IRI, a CURIE such as ``ngr:theme/party-building`` or a label) into one IRI, or says why it
cannot.

Examples
--------
>>> import netgov_kg
>>> kg = netgov_kg.load()
>>> hits = find(kg.dataset, "一网通办")
>>> len(hits) > 0
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from .errors import InputError, UnknownNameError
from .namespaces import NG, PREFIXES
from .query.labels import fold, label
from .query.results import Results

_LABEL_PROPS = (RDFS.label, SKOS.altLabel)


def expand_curie(text: str) -> URIRef | None:
    """Return the IRI for an IRI or a CURIE with a known prefix, else ``None``.

    Examples
    --------
    >>> expand_curie("ngr:theme/party-building")
    rdflib.term.URIRef('https://w3id.org/netgov-kg/id/theme/party-building')
    >>> expand_curie("<https://example.org/x>")
    rdflib.term.URIRef('https://example.org/x')
    >>> expand_curie("一网通办") is None
    True
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return URIRef(str(PREFIXES[prefix]) + local)
    return None


def _classes(dataset: Dataset, cls: URIRef) -> set[Node]:
    """Return ``cls`` and every class below it (``rdfs:subClassOf*``)."""
    return set(dataset.transitive_subjects(RDFS.subClassOf, cls))


def _labelled(dataset: Dataset, cls: URIRef | None) -> Iterator[tuple[Node, Literal]]:
    if cls is None:
        for prop in _LABEL_PROPS:
            for s, o in dataset.subject_objects(prop):
                if isinstance(o, Literal):
                    yield s, o
        return
    members = {s for c in _classes(dataset, cls) for s in dataset.subjects(RDF.type, c)}
    for s in members:
        for prop in _LABEL_PROPS:
            for o in dataset.objects(s, prop):
                if isinstance(o, Literal):
                    yield s, o


def find(
    dataset: Dataset,
    text: str,
    *,
    cls: URIRef | None = None,
    lang: str | None = None,
    limit: int | None = None,
) -> Results:
    """Return the resources whose label contains ``text`` (zh or en, ignoring case and spaces).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The graph's store.
    text : str
        A part of a label, e.g. ``"一网通办"`` or ``"chengdu"``.
    cls : URIRef, optional
        Only resources of this class (or its subclasses).
    lang : {"zh", "en"}, optional
        The language of the ``label`` column (default: the label that matched).
    limit : int, optional
        At most this many results.

    Returns
    -------
    Results
        Columns ``resource``, ``label``, ``matched`` (the label that matched) and ``type``;
        exact matches first, then shorter labels.
    """
    want = fold(text)
    best: dict[Node, tuple[int, int, Literal]] = {}
    for node, lit in _labelled(dataset, cls):
        have = fold(str(lit))
        if want and want in have:
            rank = (0 if have == want else 1, len(have))
            if node not in best or rank < best[node][:2]:
                best[node] = (*rank, lit)
    ordered = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], str(kv[0])))
    if limit is not None:
        ordered = ordered[:limit]
    rows = []
    for node, (_, _, lit) in ordered:
        shown = Literal(label(dataset, node, lang), lang=lang) if lang else lit
        rdf_type = next(iter(sorted(dataset.objects(node, RDF.type), key=str)), None)
        rows.append((node, shown, lit, rdf_type))
    return Results(["resource", "label", "matched", "type"], rows, graph=dataset)


def _valid(iri: URIRef) -> URIRef:
    """Return ``iri``, or raise :class:`InputError` if it holds a space, ``<``, ``>``..."""
    from .query.terms import to_term

    to_term(iri)
    return iri


def resolve(dataset: Dataset, text: str | URIRef, *, cls: URIRef | None = None) -> URIRef:
    """Return the one resource meant by ``text``: an IRI, a CURIE or a label.

    A label must match one resource exactly (zh or en label or alternative label, ignoring
    case and spaces) or, failing that, be part of exactly one resource's label. When a case
    and other resources share the exact label (成都市网络理政平台 is a case and a platform),
    the case is meant.

    Raises
    ------
    UnknownNameError
        If nothing matches; the message suggests close labels.
    InputError
        If several resources match (the message lists them), or an IRI (``<…>`` or a CURIE)
        is not valid, e.g. holds a space.

    Examples
    --------
    >>> import netgov_kg
    >>> resolve(netgov_kg.load().dataset, "ngr:case/x")
    rdflib.term.URIRef('https://w3id.org/netgov-kg/id/case/x')
    """
    if isinstance(text, URIRef):
        return _valid(text)
    iri = expand_curie(text)
    if iri is not None:
        return _valid(iri)
    hits = find(dataset, text, cls=cls)
    exact = [r for r in hits if fold(str(r["matched"])) == fold(text)]
    cases = {r["resource"] for r in exact if (r["resource"], RDF.type, NG.Case) in dataset}
    if len({r["resource"] for r in exact}) > 1 and len(cases) == 1:
        return next(iter(cases))  # a case and its platform share a name: the case wins
    chosen = exact or hits.rows
    kind = f" {label(dataset, cls, 'en')}" if cls is not None else ""
    if len({r["resource"] for r in chosen}) == 1:
        return chosen[0]["resource"]  # type: ignore[return-value]
    if not chosen:
        names = sorted({str(lit) for _, lit in _labelled(dataset, cls)})
        close = difflib.get_close_matches(text, names, n=5, cutoff=0.3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownNameError(f"no{kind} resource is labelled {text!r}{hint}")
    listed = "; ".join(f"{r['matched']} <{r['resource']}>" for r in chosen[:8])
    raise InputError(f"{text!r} matches {len(chosen)}{kind} resources: {listed}; be more precise")


@dataclass
class Description:
    """What the graph says about one resource: its labels, types, and its links both ways."""

    iri: URIRef
    lang: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[Node] = field(default_factory=list)
    outgoing: list[tuple[Node, Node]] = field(default_factory=list)
    incoming: list[tuple[Node, Node]] = field(default_factory=list)
    graph: Dataset | None = None

    def results(self) -> Results:
        """Return the description as rows ``property``, ``value``, ``direction`` (out/in)."""
        rows: list[tuple[Node | None, ...]] = [
            (p, o, Literal("out")) for p, o in self.outgoing
        ]
        rows += [(p, s, Literal("in")) for s, p in self.incoming]
        return Results(["property", "value", "direction"], rows, graph=self.graph)

    def __str__(self) -> str:
        name = self.labels.get(self.lang) or str(self.iri)
        lines = [f"{name} <{self.iri}>"]
        for prop, value, direction in self.results():
            arrow = "→" if str(direction) == "out" else "←"
            shown = self.results().label(value, self.lang)
            lines.append(f"  {arrow} {self.results().label(prop, self.lang)}: {shown}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.results()._repr_html_()


def describe(dataset: Dataset, iri_or_label: str | URIRef, *, lang: str = "zh") -> Description:
    """Describe one resource, given by IRI, CURIE or label (see :func:`resolve`).

    Raises
    ------
    UnknownNameError
        If the resource is not in the graph (or no label matches).

    Examples
    --------
    >>> import netgov_kg
    >>> kg = netgov_kg.load()
    >>> d = describe(kg.dataset, "ng:Case")
    >>> d.labels["en"].lower()
    'case'
    """
    iri = resolve(dataset, iri_or_label)
    outgoing = sorted(dataset.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1])))
    incoming = sorted(dataset.subject_predicates(iri), key=lambda sp: (str(sp[1]), str(sp[0])))
    if not outgoing and not incoming:
        raise UnknownNameError(f"{iri_or_label!r}: no resource <{iri}> in the graph")
    labels = {
        o.language or "": str(o)
        for o in dataset.objects(iri, RDFS.label)
        if isinstance(o, Literal)
    }
    types = sorted(dataset.objects(iri, RDF.type), key=str)
    return Description(iri, lang, labels, types, outgoing, incoming, graph=dataset)
