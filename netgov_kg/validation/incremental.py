"""Validate only what changed: the focus nodes of new or changed resources, and what they reach.

A full SHACL run on a large graph is slow (pyshacl walks every focus node of every shape). After
adding a few cases, only a few focus nodes can have new findings:

1. the changed resources themselves (subjects of added or removed triples);
2. resources whose findings depend on them through the shapes: the objects of their triples
   along predicates some shape walks backwards (``sh:inversePath``: an expert must endorse
   something), resources pointing at a changed resource whose types changed (``sh:class``),
   other resources sharing a value that a SPARQL constraint compares (two cases with the same
   ``ng:listPosition``), and ``rdf:Statement`` reifications of a changed resource's triples.

:func:`validate_changes` copies what those focus nodes' checks need to read — their own
triples, the triples reaching them along inverse paths, and the triples of their neighbours
(types for ``sh:class``, the reified triple of a statement) — into a small graph, runs the same
pyshacl validation on it (:func:`netgov_kg.validation.validate`, the ontology merged in) and
keeps the findings about those focus nodes. The findings equal what a full run reports for the
same nodes (``tests/synth/test_incremental.py`` checks that on broken synthetic data).

:func:`cached_sparql` makes rdflib parse each SPARQL constraint once per run instead of once
per focus node, which is where pyshacl spends most of its time on these shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .report import Report

Triple = tuple[Node, Node, Node]

_PATTERN = re.compile(r"(\$this|\?\w+)\s+(<[^>\s]+>|[\w-]*:[\w./-]*)\s+(\?\w+)")
_PREFIX = re.compile(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class Reach:
    """What the shapes read beyond a focus node's own triples.

    Attributes
    ----------
    inverse : frozenset of URIRef
        Predicates walked backwards (``sh:inversePath``).
    objects_of : frozenset of URIRef
        Predicates of ``sh:targetObjectsOf`` (focus nodes found by incoming triples).
    shared : frozenset of URIRef
        Predicates whose values SPARQL constraints compare across resources
        (``$this p ?v . ?other p ?v``).
    """

    inverse: frozenset[URIRef]
    objects_of: frozenset[URIRef]
    shared: frozenset[URIRef]


def _expand(token: str, prefixes: dict[str, str]) -> URIRef | None:
    if token.startswith("<"):
        return URIRef(token[1:-1])
    prefix, _, local = token.partition(":")
    return URIRef(prefixes[prefix] + local) if prefix in prefixes else None


def reach_of(shapes: Graph) -> Reach:
    """Read from a shapes graph which predicates the shapes walk beyond a focus node.

    Examples
    --------
    >>> from netgov_kg.validation import shapes_graph
    >>> from netgov_kg.namespaces import NG
    >>> reach = reach_of(shapes_graph())
    >>> NG.endorser in reach.inverse, NG.listPosition in reach.shared
    (True, True)
    """
    inverse = {p for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)}
    objects_of = {p for p in shapes.objects(None, SH.targetObjectsOf) if isinstance(p, URIRef)}
    shared: set[URIRef] = set()
    declared = {str(p): str(ns) for p, ns in shapes.namespaces()}
    for text in shapes.objects(None, SH.select):
        prefixes = dict(declared, **dict(_PREFIX.findall(str(text))))
        patterns = _PATTERN.findall(str(text))
        mine = {(p, o) for s, p, o in patterns if s == "$this"}
        for s, p, o in patterns:
            if s != "$this" and (p, o) in mine:
                iri = _expand(p, prefixes)
                if iri is not None:
                    shared.add(iri)
    return Reach(frozenset(inverse), frozenset(objects_of), frozenset(shared))


def _out(data: Graph, node: Node) -> Iterator[Triple]:
    return data.triples((node, None, None))  # type: ignore[return-value]


def affected_nodes(data: Graph, changed: Graph | Iterable[Node], reach: Reach) -> set[Node]:
    """Return the focus nodes whose findings can differ after ``changed``.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        The graph after the change.
    changed : rdflib.Graph or iterable of nodes
        The added (or removed) triples, or the IRIs of new or changed resources.
    reach : Reach
        What the shapes read (:func:`reach_of`).
    """
    if isinstance(changed, Graph):
        delta = list(changed)
        roots = {s for s, _, _ in delta}
        retyped = {s for s, p, _ in delta if p == RDF.type}
        pointed = {o for _, p, o in delta if p in reach.inverse and not isinstance(o, Literal)}
    else:
        roots = set(changed)
        retyped = set(roots)
        pointed = set()
    nodes = set(roots) | pointed
    for n in roots:
        for _, p, o in _out(data, n):
            if p in reach.inverse and not isinstance(o, Literal):
                nodes.add(o)
            if p in reach.shared:
                nodes.update(data.subjects(p, o))
        nodes.update(data.subjects(RDF.subject, n))  # reifications of its triples
        if n in retyped:  # sh:class checks of whatever points at it
            nodes.update(s for s, _, _ in data.triples((None, None, n)))
    return nodes


def context_graph(data: Graph, nodes: Iterable[Node], reach: Reach) -> Graph:
    """Copy into a new graph what validating ``nodes`` reads from ``data``.

    That is each node's own triples, the triples reaching it along inverse paths and
    ``sh:targetObjectsOf`` predicates, the triples of every neighbour so reached (its types,
    labels, a reified triple), and everything hanging off blank nodes on the way.
    """
    out = Graph()
    for prefix, ns in data.namespaces():
        out.bind(prefix, ns, override=False)
    seen: set[Node] = set()
    described: set[Node] = set()

    def describe(node: Node) -> None:
        if node in described:
            return
        described.add(node)
        for t in _out(data, node):
            out.add(t)
            if isinstance(t[2], BNode):
                describe(t[2])

    incoming = reach.inverse | reach.objects_of
    for n in nodes:
        if n in seen:
            continue
        seen.add(n)
        describe(n)
        for _, _, o in list(_out(data, n)):
            if not isinstance(o, Literal):
                describe(o)
        for p in incoming:
            for s in data.subjects(p, n):
                out.add((s, p, n))
                describe(s)
    return out


@contextmanager
def cached_sparql() -> Iterator[None]:
    """Within the block, rdflib parses each distinct SPARQL query text once.

    pyshacl sends a SPARQL constraint's text to rdflib once per focus node, and rdflib parses
    it again each time; parsing, not evaluation, is most of the cost. The parsed algebra is
    reused with each focus node's bindings. The cache is dropped when the block ends.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> with cached_sparql():
    ...     a = list(g.query("SELECT ?s WHERE { ?s ?p ?o }"))
    ...     b = list(g.query("SELECT ?s WHERE { ?s ?p ?o }"))
    >>> a == b == []
    True
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache: dict[tuple[Any, ...], Any] = {}

    def query(self: Any, q: Any, initBindings: Any = None, initNs: Any = None,  # noqa: N803
              base: Any = None, DEBUG: bool = False) -> Any:  # noqa: N803
        if isinstance(q, str):
            key = (q, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(processor.parseQuery(q), base, initNs)
            q = cache[key]
        return original(self, q, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_changes(
    data: Graph,
    changed: Graph | Iterable[Node],
    *,
    lang: str = "zh",
    shapes: Graph | None = None,
    **options: Any,
) -> Report:
    """Validate only the focus nodes that ``changed`` can affect; return their findings.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        The whole graph, after the change (``kg.dataset``).
    changed : rdflib.Graph or iterable of nodes
        The triples added (or removed), or the IRIs of the new or changed resources.
    lang : {"zh", "en"}
        Language of the messages.
    shapes : rdflib.Graph, optional
        The shapes; the shipped ones by default.
    **options
        Passed on to :func:`netgov_kg.validation.validate`.

    Returns
    -------
    Report
        The findings about the affected focus nodes: the same as a full validation reports for
        them.

    Examples
    --------
    >>> import netgov_kg
    >>> from rdflib import Graph
    >>> kg = netgov_kg.load()
    >>> new = Graph().parse(data='''
    ...   @prefix ng: <https://w3id.org/netgov-kg/ontology#> .
    ...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...   <https://w3id.org/netgov-kg/id/platform/demo> a ng:Platform ;
    ...       rdfs:label "演示平台"@zh ; ng:startDate "2021"^^<urn:not-a-date> .
    ... ''', format="turtle")
    >>> kg.dataset.graph(netgov_kg.NGR["graph/extra/demo"]).__iadd__(new) is not None
    True
    >>> report = validate_changes(kg.dataset, new, lang="en")
    >>> sorted({f.message for f in report.results})  # doctest: +NORMALIZE_WHITESPACE
    ['needs exactly one rdfs:label in English (@en)',
     'ng:startDate is at most one xsd:date, xsd:gYearMonth or xsd:gYear']
    """
    from . import shapes_graph, validate
    from .shacl import shipped_marks

    shacl = shapes_graph(shapes)
    reach = reach_of(shacl)
    nodes = affected_nodes(data, changed, reach)
    context = context_graph(data, nodes, reach)
    # SHACL finds instances by rdf:type/rdfs:subClassOf*: the class hierarchy is all of the
    # ontology the shapes read, so it stands in for the whole ontology (whose own resources
    # would otherwise be validated, and thrown away, every time). pyshacl's focus_nodes option
    # is no use here: it also filters the literals that nested shapes check.
    for triple in data.triples((None, RDFS.subClassOf, None)):
        context.add(triple)  # type: ignore[arg-type]
    context += shipped_marks(data, context.subjects())  # as a full run marks them
    options.setdefault("ontology", False)
    with cached_sparql():
        report = validate(context, lang=lang, shapes=shacl, **options)
    results = [f for f in report.results if f.focus_node in nodes]
    conforms = not any(f.severity == "Violation" for f in results)
    return Report(conforms=conforms, results=results, lang=report.lang)
