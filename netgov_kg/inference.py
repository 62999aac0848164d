"""Materialise RDFS or OWL-RL entailments of a dataset with owlrl.

The entailed triples go into a named graph of their own, ``ngr:graph/inferred/<kind>``, so the
stated facts stay apart from what was inferred (and validation, which runs without inference,
can leave them out).

Examples
--------
>>> import netgov_kg
>>> kg = netgov_kg.load(include_data=False)
>>> added = expand(kg.dataset, "rdfs")
>>> added > 0
True
>>> expand(kg.dataset, "owl")
Traceback (most recent call last):
...
netgov_kg.errors.InputError: unknown inference 'owl': use one of rdfs, owl-rl
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .errors import InputError
from .namespaces import NGR
from .stores import union_graph

#: Accepted kinds, with their aliases.
KINDS: dict[str, str] = {"rdfs": "rdfs", "owl-rl": "owl-rl", "owlrl": "owl-rl"}


def inferred_graph_iri(kind: str) -> URIRef:
    """Return the IRI of the named graph that holds the entailments of ``kind``.

    Examples
    --------
    >>> str(inferred_graph_iri("owl-rl"))
    'https://w3id.org/netgov-kg/id/graph/inferred/owl-rl'
    """
    return URIRef(f"{NGR}graph/inferred/{KINDS.get(kind, kind)}")


def closure(graph: Graph, kind: str) -> Graph:
    """Return a new graph: ``graph`` plus its RDFS or OWL-RL closure computed by owlrl.

    owlrl records OWL-RL inconsistencies (e.g. a member of ``owl:Nothing``, an ill-typed
    literal) in the closure as resources of type
    ``<http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage>``; see
    :func:`inconsistencies`.

    Parameters
    ----------
    graph : rdflib.Graph
        The asserted triples (a dataset contributes the union of its graphs).
    kind : {"rdfs", "owl-rl"}
        Which entailment regime.

    Raises
    ------
    InputError
        If ``kind`` is not a known regime.
    """
    import owlrl

    regime = _regime(kind)
    copy = union_graph(graph, canonical=False)
    semantics = owlrl.RDFS_Semantics if regime == "rdfs" else owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(copy)
    return copy


def inconsistencies(closed: Graph) -> list[str]:
    """Return owlrl's inconsistency messages, plus every member of ``owl:Nothing``, in a closure.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import OWL, RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x"), RDF.type, OWL.Nothing))
    >>> inconsistencies(closure(g, "owl-rl"))
    ["urn:x is defined of type 'Nothing'", '<urn:x> is a member of owl:Nothing']
    """
    from owlrl.Namespaces import ERRNS

    messages = sorted(str(m) for node in closed.subjects(RDF.type, ERRNS.ErrorMessage)
                      for m in closed.objects(node, ERRNS.error) if isinstance(m, Literal))
    messages += sorted(f"{s.n3()} is a member of owl:Nothing"
                       for s in closed.subjects(RDF.type, OWL.Nothing))
    return messages


def expand(dataset: Dataset, kind: str) -> int:
    """Add the RDFS or OWL-RL entailments of ``dataset`` to it, in their own named graph.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The loaded dataset (its union is what is reasoned over).
    kind : {"rdfs", "owl-rl"}
        Which entailment regime (``"owlrl"`` is accepted too).

    Returns
    -------
    int
        The number of triples added.

    Raises
    ------
    InputError
        If ``kind`` is not a known regime.
    """
    regime = _regime(kind)
    closed = closure(dataset, regime)
    target = dataset.graph(inferred_graph_iri(regime))
    before = len(target)
    union = union_graph(dataset, canonical=False)
    for triple in closed:
        if triple not in union and not _trivial(triple):
            target.add(triple)
    return len(target) - before


def _trivial(triple: tuple) -> bool:
    """Literal subjects (generalised RDF) and ``rdf:type rdfs:Resource / owl:Thing`` say nothing."""
    s, p, o = triple
    return isinstance(s, Literal) or (p == RDF.type and o in (RDFS.Resource, OWL.Thing))


def _regime(kind: str) -> str:
    regime = KINDS.get(str(kind).lower()) if kind else None
    if regime is None:
        raise InputError(
            f"unknown inference {kind!r}: use one of rdfs, owl-rl"
        )
    return regime
