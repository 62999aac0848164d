"""Reading the RDF side: the project's ``.rq`` files, labels, classes and CURIEs.

Private helpers shared by the projections. Each projection selects its links with one of the
SPARQL files in ``netgov_kg/network/queries``, or, where a named query asks the same question
(``case-themes``, ``platforms-by-kind``), with that named query (:func:`named_select`); the
nodes are then described (IRI, zh and en labels, class, every type) by an :class:`Annotator`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ..namespaces import NG, NGR, PREFIXES
from ..resources import query_text
from ..terms import curie, local_name, most_specific, parents, superclasses, type_names
from ..terms import expand as _expand

__all__ = ["Annotator", "CORE_CLASSES", "curie", "expand", "is_data_resource", "local_name",
           "reified_basis", "select"]

#: The contract's core classes, most specific first: a node's ``class`` is the first of these
#: that one of its types is (directly or through ``rdfs:subClassOf``).
CORE_CLASSES: tuple[str, ...] = (
    "Case",
    "Expert",
    "Person",
    "Organisation",
    "Platform",
    "Theme",
    "Place",
    "Observation",
    "Goal",
    "Post",
    "Endorsement",
    "AwardEvent",
    "Event",
    "SourceDocument",
)


def select(graph: Graph, name: str, **bindings: Any) -> Iterator[tuple[Any, ...]]:
    """Run the SELECT query ``queries/<name>.rq`` on ``graph`` and yield its rows as tuples.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The data; a dataset is queried through its default (union) graph.
    name : str
        The query file's stem.
    **bindings
        Initial bindings of the query's variables (rdflib terms).

    Examples
    --------
    >>> from rdflib import Graph
    >>> list(select(Graph(), "case-platform"))
    []
    """
    text = query_text("network", name)
    result = graph.query(text, initNs=dict(PREFIXES), initBindings=bindings or None)
    for row in result:
        yield tuple(row)


def named_select(
    graph: Graph, name: str, variables: tuple[str, ...], **bindings: Any
) -> Iterator[tuple[Any, ...]]:
    """Run the named query ``name`` (``netgov_kg/queries``) as ``kg.run`` does; yield rows.

    The text comes from the named-query catalogue and runs through
    :func:`netgov_kg.query.run_query`, the path of ``kg.run``, so a projection or matrix
    built from it cannot disagree with the named query. Parameters may be left unbound
    (``platforms-by-kind`` without ``kind`` gives every platform).

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The data.
    name : str
        The named query.
    variables : tuple of str
        The variables to yield, in order (``None`` where unbound).
    **bindings
        Values of the query's variables (rdflib terms).

    Examples
    --------
    >>> from rdflib import Graph
    >>> list(named_select(Graph(), "case-themes", ("case", "theme")))
    []
    """
    from ..query import run_query
    from ..query.catalogue import get_query

    query = get_query(name)
    rows = run_query(graph, query.text, bindings or None, source=str(query.path))
    for row in rows:
        yield tuple(row[v] for v in variables)


def expand(name: str) -> str:
    """Expand a CURIE or IRI with :func:`netgov_kg.terms.expand`; return other text unchanged.

    Examples
    --------
    >>> expand("ngr:case/x")
    'https://w3id.org/netgov-kg/id/case/x'
    >>> expand("甲案例")
    '甲案例'
    """
    iri = _expand(name)
    return name if iri is None else str(iri)


class Annotator:
    """Describe resources as node attributes: IRI, labels, core class and every type.

    The ``class`` attribute is the first of :data:`CORE_CLASSES` the resource is an instance
    of (through ``rdfs:subClassOf``); for other resources, the most general ``ng:`` class above
    its type (``ng:Slogan`` ⊑ ``ng:NamedModel`` gives ``NamedModel``), else its type's name.

    A resource may have several types (问政银川 is an ``ng:AccountMatrix`` and an
    ``ng:WeiboAccount``), and GraphML and GEXF cannot hold lists, so every type is kept as a
    string of CURIEs, sorted and separated by spaces:

    ============  ==================================================================
    ``types``     every asserted ``rdf:type``
    ``kind``      the most specific of them (those no other type is a subclass of)
    ``top_kind``  the classes directly below ``class`` that it is an instance of, e.g.
                  ``ng:SocialMediaAccount``; empty when no kind is stated (a resource
                  typed only ``ng:Platform``)
    ``type``      the first of ``kind`` (kept for older code; prefer ``kind``)
    ============  ==================================================================

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The data (with the ontology, for the class hierarchy).
    lang : {"zh", "en"}
        The language of the ``label`` attribute; the other language is the fallback.

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> g = Graph()
    >>> _ = g.add((NGR["case/x"], RDF.type, NG.Case))
    >>> _ = g.add((NGR["case/x"], RDFS.label, Literal("某案例", lang="zh")))
    >>> a = Annotator(g, lang="en")
    >>> attrs = a(NGR["case/x"])
    >>> attrs["class"], attrs["label"], attrs["label_en"]
    ('Case', '某案例', '')
    >>> _ = g.add((NG.WeiboAccount, RDFS.subClassOf, NG.SocialMediaAccount))
    >>> _ = g.add((NG.AccountMatrix, RDFS.subClassOf, NG.SocialMediaAccount))
    >>> _ = g.add((NG.SocialMediaAccount, RDFS.subClassOf, NG.Platform))
    >>> for t in (NG.Platform, NG.WeiboAccount, NG.AccountMatrix):
    ...     _ = g.add((NGR["platform/y"], RDF.type, t))
    >>> attrs = Annotator(g)(NGR["platform/y"])
    >>> [attrs[k] for k in ("class", "types", "kind", "top_kind")]  # doctest: +NORMALIZE_WHITESPACE
    ['Platform', 'ng:AccountMatrix ng:Platform ng:WeiboAccount',
     'ng:AccountMatrix ng:WeiboAccount', 'ng:SocialMediaAccount']
    """

    def __init__(self, graph: Graph, *, lang: str = "zh", prefetch: bool = False) -> None:
        self.graph = graph
        self.lang = lang
        self._parents = parents(graph)  # direct (asserted) superclasses
        self._supers = superclasses(graph, direct=self._parents)
        self._cache: dict[URIRef, dict[str, Any]] = {}
        self._labels: dict[Any, list[Any]] | None = None
        self._types: dict[Any, list[Any]] | None = None
        if prefetch:  # two scans instead of two lookups per node: for projections of everything
            self._labels, self._types = {}, {}
            for s, _, o in graph.triples((None, RDFS.label, None)):
                self._labels.setdefault(s, []).append(o)
            for s, _, o in graph.triples((None, RDF.type, None)):
                self._types.setdefault(s, []).append(o)

    def _objects(self, node: URIRef, prop: URIRef) -> Iterable[Any]:
        table = self._labels if prop == RDFS.label else self._types
        if table is not None:
            return table.get(node, ())
        return self.graph.objects(node, prop)

    def labels(self, node: URIRef) -> tuple[str, str]:
        """Return the ``(zh, en)`` labels of ``node`` (empty strings where missing)."""
        zh = en = ""
        for label in self._objects(node, RDFS.label):
            if isinstance(label, Literal):
                if label.language == "zh" and not zh:
                    zh = str(label)
                elif label.language == "en" and not en:
                    en = str(label)
        return zh, en

    def classify(self, types: Iterable[URIRef]) -> tuple[str, str]:
        """Return ``(core class, first most specific type CURIE)`` for ``rdf:type`` values.

        :meth:`kinds` gives every type; this keeps the older single-type answer.
        """
        found = self.kinds(types)
        return found["class"], found["type"]

    def kinds(self, types: Iterable[URIRef]) -> dict[str, str]:
        """Return ``class``, ``type``, ``types``, ``kind`` and ``top_kind`` for ``rdf:type`` values.

        See the class's description; CURIE lists are sorted and separated by spaces.
        """
        types = sorted({t for t in types if isinstance(t, URIRef)}, key=str)
        if not types:
            return {"class": "Resource", "type": "", "types": "", "kind": "", "top_kind": ""}
        specifics = most_specific(types, self._supers)
        core = self._core(types, specifics[0])
        everything = set().union(*(self._supers.get(t, frozenset({t})) for t in types))
        top = {c for c in everything if NG[core] in self._parents.get(c, ())}
        every, kind = type_names(types, self._supers)
        return {
            "class": core,
            "type": curie(specifics[0]),
            "types": every,
            "kind": kind,
            "top_kind": " ".join(sorted(curie(t) for t in top)),
        }

    def _core(self, types: list[URIRef], specific: URIRef) -> str:
        """Return the core class of a resource of ``types`` (see the class's description)."""
        closures = {t: self._supers.get(t, frozenset({t})) for t in types}
        everything = set().union(*closures.values())
        core = next((c for c in CORE_CLASSES if NG[c] in everything), None)
        if core is None:  # not under a core class: the most general ng: class above it
            ours = sorted(c for c in everything if str(c).startswith(str(NG)))
            roots = [
                c for c in ours if not any(o != c and o in self._supers.get(c, ()) for o in ours)
            ]
            core = local_name(roots[0] if roots else specific)
        return core

    def __call__(self, node: URIRef) -> dict[str, Any]:
        """Return the attribute dict of ``node`` (a fresh copy)."""
        cached = self._cache.get(node)
        if cached is None:
            zh, en = self.labels(node)
            found = self.kinds(self._objects(node, RDF.type))
            preferred = (zh or en) if self.lang == "zh" else (en or zh)
            cached = {
                "iri": str(node),
                "label": preferred or curie(node),
                "label_zh": zh,
                "label_en": en,
                **found,
            }
            self._cache[node] = cached
        return dict(cached)


def reified_basis(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], str]:
    """Map each reified triple ``(s, p, o)`` to its ``ng:basis`` (``"Background"``, …).

    Examples
    --------
    >>> from rdflib import BNode, Graph
    >>> g = Graph()
    >>> st = BNode()
    >>> for p, o in [(RDF.subject, NGR.a), (RDF.predicate, NG.partOf), (RDF.object, NGR.b),
    ...              (NG.basis, NG.Background)]:
    ...     _ = g.add((st, p, o))
    >>> reified_basis(g)[(NGR.a, NG.partOf, NGR.b)]
    'Background'
    """
    out: dict[tuple[URIRef, URIRef, URIRef], str] = {}
    for s, p, o, basis in select(graph, "reified"):
        out[(s, p, o)] = local_name(basis)
    return out


def is_data_resource(term: object) -> bool:
    """Return True for an IRI of the data (``ngr:``), except named-graph IRIs.

    Examples
    --------
    >>> is_data_resource(NGR["case/x"]), is_data_resource(NGR["graph/data/cases"])
    (True, False)
    >>> from rdflib import BNode
    >>> is_data_resource(BNode())
    False
    """
    return (
        isinstance(term, URIRef)
        and str(term).startswith(str(NGR))
        and not str(term).startswith(str(NGR) + "graph/")
    )
