"""Find resources by label, and describe one resource.

:func:`find` matches a text against every name (``rdfs:label``, ``skos:altLabel``; zh and en,
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

from dataclasses import dataclass, field

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .errors import UnknownResource
from .evidence import Evidence, evidence_of
from .namespaces import NG
from .query.labels import fold, label
from .query.results import Results
from .terms import expand, labelled, most_specific, resolve, superclasses, type_names

# `resolve` (netgov_kg.lookup.resolve in 0.1) is the terms core's one resolver, re-exported.

#: An alias of :func:`netgov_kg.terms.expand`, kept for earlier callers.
expand_curie = expand


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
        Columns ``resource``, ``label``, ``matched`` (the label that matched), ``type`` (the
        first of the most specific types), ``types`` (every asserted type) and ``kind`` (the
        most specific types: those no other type is a subclass of); ``types`` and ``kind`` are
        CURIEs sorted and separated by spaces (:func:`netgov_kg.terms.type_names`), as in
        network node attributes. Exact matches first, then shorter labels.

    Examples
    --------
    >>> import netgov_kg
    >>> kg = netgov_kg.load()
    >>> row = find(kg.dataset, "问政银川")[0]
    >>> str(row["types"])
    'ng:AccountMatrix ng:Platform ng:WeiboAccount'
    >>> str(row["kind"])
    'ng:AccountMatrix ng:WeiboAccount'
    """
    want = fold(text)
    best: dict[Node, tuple[int, int, Literal]] = {}
    for node, lit in labelled(dataset, cls):
        have = fold(str(lit))
        if want and want in have:
            rank = (0 if have == want else 1, len(have))
            if node not in best or rank < best[node][:2]:
                best[node] = (*rank, lit)
    ordered = sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][1], str(kv[0])))
    if limit is not None:
        ordered = ordered[:limit]
    rows = []
    supers = superclasses(dataset) if ordered else {}
    for node, (_, _, lit) in ordered:
        shown = Literal(label(dataset, node, lang), lang=lang) if lang else lit
        types = [t for t in dataset.objects(node, RDF.type) if isinstance(t, URIRef)]
        kinds = most_specific(sorted(set(types), key=str), supers)
        every, kind = type_names(types, supers)
        rows.append((node, shown, lit, kinds[0] if kinds else None,
                     Literal(every) if every else None, Literal(kind) if kind else None))
    return Results(["resource", "label", "matched", "type", "types", "kind"], rows,
                   graph=dataset)


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
    #: The sentences of the source that state the resource (``ng:evidence``), in text order.
    evidence: list[Evidence] = field(default_factory=list)

    def results(self) -> Results:
        """Return the description as rows ``property``, ``value``, ``direction`` (out/in).

        Each ``ng:evidence`` row holds the quote in its context, ``[start–end] …prefix【exact】
        suffix…``, not the (blank) annotation.
        """
        rows: list[tuple[Node | None, ...]] = [
            (p, o, Literal("out")) for p, o in self.outgoing if p != NG.evidence
        ]  # an evidence annotation is a blank node: show its quote in context instead
        rows += [(NG.evidence, Literal(f"[{ev.start}–{ev.end}] {ev.in_context()}"), Literal("out"))
                 for ev in self.evidence]
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


def describe(dataset: Dataset, iri_or_label: str | Node, *, lang: str = "zh") -> Description:
    """Describe one resource, given by IRI, CURIE or label (see :func:`resolve`).

    Raises
    ------
    UnknownResource
        If the resource is not in the graph (or no label matches).
    AmbiguousResource
        If a label names several resources.

    Examples
    --------
    >>> import netgov_kg
    >>> kg = netgov_kg.load()
    >>> d = describe(kg.dataset, "ng:Case")
    >>> d.labels["en"].lower()
    'case'
    >>> last = str(describe(kg.dataset, "ngr:obs/yiwangtongban-cases-handled")).splitlines()[-1]
    >>> print(last[:40])
      → 原文依据: [2297–2307] …措,接入“一网通办”平台事项339
    """
    iri = resolve(dataset, iri_or_label)
    outgoing = sorted(dataset.predicate_objects(iri), key=lambda po: (str(po[0]), str(po[1])))
    incoming = sorted(dataset.subject_predicates(iri), key=lambda sp: (str(sp[1]), str(sp[0])))
    if not outgoing and not incoming:
        raise UnknownResource(f"{iri_or_label!r}: no resource <{iri}> in the graph")
    labels = {
        o.language or "": str(o)
        for o in dataset.objects(iri, RDFS.label)
        if isinstance(o, Literal)
    }
    types = sorted(dataset.objects(iri, RDF.type), key=str)
    return Description(iri, lang, labels, types, outgoing, incoming, graph=dataset,
                       evidence=evidence_of(dataset, iri))
