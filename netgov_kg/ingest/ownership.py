"""Which resources a case *owns*, and which triples describe the case and them.

A case owns what is reachable from it and from no other case and no shared root (an award
announcement, a book launch, a book, a source document): its endorsements, figures, goals and
events (reached backwards through ``ng:endorsedCase``, ``ng:about``, ``ng:concerns``), the
experts and their posts, its platforms, its theme assignments, and the organisations and named
models that only it mentions. Places, themes, source documents and other cases are never owned:
a template refers to them.

The exporter writes a case's owned resources as records; the round trip removes
:func:`case_triples` from the graph, imports the exported template, and compares.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.namespaces import NGR
>>> data = data_graph(netgov_kg.load().dataset)
>>> owned = owned_resources(data, NGR["case/ai-anji-app"])
>>> NGR["platform/ai-anji-app"] in owned, NGR["place/330523"] in owned
(True, False)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..namespaces import NG, NGR
from ..terms import superclasses

#: Each class's superclasses, itself included (:func:`netgov_kg.terms.superclasses`).
Supers = Mapping[URIRef, frozenset[URIRef]]

#: Resources of these classes are shared: never owned, never entered.
STOP_CLASSES = (NG.Place, NG.Theme, SKOS.ConceptScheme, NG.SourceDocument, NG.Case,
                NG.AdminLevel, NG.DivisionType, NG.Basis)
#: Resources of these classes are shared roots: what they reach is not owned by one case.
ROOT_CLASSES = (NG.AwardEvent, NG.BookLaunch, NG.Book, NG.SourceDocument)
#: Properties followed backwards: what points at a case or its resources this way depends on it.
DEPENDENT = (NG.endorsedCase, NG.about, NG.concerns)


def data_graph(dataset: Dataset | Graph) -> Graph:
    """Return the data (every graph but the ontology's) as one plain graph."""
    out = Graph()
    if isinstance(dataset, Dataset):
        onto = f"{NGR}graph/ontology"
        for s, p, o, g in dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if not str(name).startswith(onto):
                out.add((s, p, o))
    else:
        for triple in dataset:
            out.add(triple)
    return out


def _types(graph: Graph, node: URIRef) -> set[URIRef]:
    return set(graph.objects(node, RDF.type))  # type: ignore[arg-type]


def _is_stop(graph: Graph, node: URIRef, supers: Supers) -> bool:
    for t in _types(graph, node):
        if t in STOP_CLASSES or supers.get(t, set()) & set(STOP_CLASSES):
            return True
    return False


def reach(graph: Graph, start: URIRef, supers: Supers) -> set[URIRef]:
    """Return what ``start`` reaches (itself excluded): forward links, and dependents."""
    seen: set[URIRef] = set()
    todo: deque[URIRef] = deque([start])
    while todo:
        node = todo.popleft()
        nexts: list[URIRef] = []
        for p, o in graph.predicate_objects(node):
            if p != RDF.type and isinstance(o, URIRef):
                nexts.append(o)
        for p in DEPENDENT:
            nexts.extend(s for s in graph.subjects(p, node) if isinstance(s, URIRef))
        for nxt in nexts:
            if nxt == start or nxt in seen or (nxt, None, None) not in graph:
                continue
            if _is_stop(graph, nxt, supers):
                continue
            seen.add(nxt)
            todo.append(nxt)
    return seen


def cases_of(graph: Graph, supers: Supers | None = None) -> list[URIRef]:
    """Return the cases in ``graph``, sorted."""
    return sorted(s for s in graph.subjects(RDF.type, NG.Case) if isinstance(s, URIRef))


def owned_resources(graph: Graph, case: URIRef,
                    supers: Supers | None = None) -> set[URIRef]:
    """Return the resources ``case`` owns (see the module documentation)."""
    if supers is None:
        supers = superclasses(ontology())
    mine = reach(graph, case, supers)
    shared: set[URIRef] = set()
    for other in cases_of(graph):
        if other != case:
            shared |= reach(graph, other, supers)
    for cls in ROOT_CLASSES:
        for root in graph.subjects(RDF.type, cls):
            if isinstance(root, URIRef):
                shared.add(root)
                shared |= reach(graph, root, supers)
    return mine - shared


def statements_about(graph: Graph, nodes: Iterable[URIRef]) -> list[BNode]:
    """Return the ``rdf:Statement`` nodes whose subject or object is one of ``nodes``."""
    wanted = set(nodes)
    out = []
    for st in graph.subjects(RDF.type, RDF.Statement):
        if not isinstance(st, BNode):
            continue
        if set(graph.objects(st, RDF.subject)) & wanted or set(
                graph.objects(st, RDF.object)) & wanted:
            out.append(st)
    return out


def case_triples(graph: Graph, case: URIRef,
                 supers: Supers | None = None) -> Graph:
    """Return the triples that describe ``case`` and what it owns (see the module docs)."""
    nodes = owned_resources(graph, case, supers) | {case}
    out = Graph()
    for node in nodes:
        for p, o in graph.predicate_objects(node):
            if p == NG.evidence:  # the exporter writes no evidence into templates (yet): left out
                continue
            out.add((node, p, o))
        for s, p in graph.subject_predicates(node):
            if not isinstance(s, BNode):
                out.add((s, p, node))
    for st in statements_about(graph, nodes):
        for p, o in graph.predicate_objects(st):
            out.add((st, p, o))
    return out


def ontology() -> Graph:
    """Return the shipped ontology as one graph (:func:`netgov_kg.validation.ontology_graph`)."""
    from ..validation.shacl import ontology_graph

    return ontology_graph()
