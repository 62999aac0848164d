"""The store seam: ``open_store(spec)`` returns an rdflib :class:`~rdflib.Dataset`.

Every store is an rdflib ``Dataset`` whose default graph is the union of its named graphs, so
the rest of the library (queries, networks, export, validation) works the same on each. What
differs between stores (their engine, whether they persist, their parsers) is told by
:func:`~netgov_kg.stores.capabilities.capabilities`, and by nothing else.

With no spec, :func:`open_store` opens :func:`default_store`: Oxigraph, or rdflib's memory
store with a warning where ``pyoxigraph`` cannot be imported (a platform without its wheels).

========================  ===================================================================
spec                      store
========================  ===================================================================
``"oxigraph"``            Oxigraph in memory, through oxrdflib (the default)
``"memory"``              rdflib's in-memory store: slower, and its SPARQL engine answers a
                          few queries differently (see ``docs/engine-differences.md``)
``"oxigraph:/a/path"``    Oxigraph on disk: persists between runs
``"sparql:http://…"``     a remote SPARQL 1.1 endpoint
========================  ===================================================================

Examples
--------
>>> ds = open_store("memory")
>>> ds.default_union
True
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError
from ..formats import Format, rdf_format
from .capabilities import Capabilities, capabilities

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset, Graph, URIRef

_KINDS = ("memory", "oxigraph", "sparql")

#: The engine used when no store is named.
DEFAULT_STORE = "oxigraph"


class EngineFallbackWarning(UserWarning):
    """The default engine (Oxigraph) cannot be imported: the memory store is used instead."""


def default_store() -> str:
    """Return the store spec used when none is given: ``"oxigraph"``, else ``"memory"``.

    Where ``pyoxigraph`` or ``oxrdflib`` cannot be imported (no wheel for the platform), warns
    with :class:`EngineFallbackWarning` and returns ``"memory"``.

    Examples
    --------
    >>> default_store()
    'oxigraph'
    """
    try:
        import oxrdflib  # noqa: F401
        import pyoxigraph  # noqa: F401
    except ImportError as exc:
        warnings.warn(
            f"Oxigraph, the default engine, cannot be imported ({exc}); using rdflib's "
            "memory store, which is slower and answers a few queries differently "
            "(pass store='memory' to choose it and silence this warning)",
            EngineFallbackWarning,
            stacklevel=3,
        )
        return "memory"
    return DEFAULT_STORE


def open_store(spec: str | None = None) -> Dataset:
    """Open the store named by ``spec`` and return it as an rdflib Dataset.

    Parameters
    ----------
    spec : str or None
        ``"memory"``, ``"oxigraph"``, ``"oxigraph:PATH"`` or ``"sparql:URL"``; ``None`` opens
        :func:`default_store`.

    Returns
    -------
    rdflib.Dataset
        An empty (or, for a persistent store, previously filled) dataset with
        ``default_union=True``.

    Raises
    ------
    StoreError
        If the spec names no known store, or the store cannot be opened.

    Examples
    --------
    >>> try:
    ...     open_store("nosuch")
    ... except StoreError as exc:
    ...     print(exc)
    unknown store 'nosuch': use one of memory, oxigraph, oxigraph:PATH, sparql:URL
    """
    if spec is None:
        spec = default_store()
    kind, _, arg = spec.partition(":")
    if kind == "memory" and not arg:
        from .memory import open_memory

        return open_memory()
    if kind == "oxigraph":
        from .oxigraph import open_oxigraph

        return open_oxigraph(arg or None)
    if kind == "sparql" and arg:
        from .remote import open_remote

        return open_remote(arg)
    raise StoreError(
        f"unknown store {spec!r}: use one of memory, oxigraph, oxigraph:PATH, sparql:URL"
    )


def store_kind(dataset: Dataset) -> str:
    """Return ``"memory"``, ``"oxigraph"`` or ``"sparql"`` for a dataset made by :func:`open_store`.

    Examples
    --------
    >>> store_kind(open_store("memory"))
    'memory'
    """
    return capabilities(dataset).engine


def is_persistent(dataset: Dataset) -> bool:
    """Return whether the store outlives the process (Oxigraph on disk, a SPARQL server).

    Examples
    --------
    >>> is_persistent(open_store("oxigraph"))
    False
    """
    return capabilities(dataset).persistent


def has_graph(dataset: Dataset, graph: URIRef) -> bool:
    """Return whether the store holds at least one triple in the named graph ``graph``.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> ds = open_store("memory")
    >>> g = URIRef("urn:example:g")
    >>> has_graph(ds, g)
    False
    >>> _ = ds.graph(g).add((g, g, g))
    >>> has_graph(ds, g)
    True
    """
    if store_kind(dataset) == "sparql":
        from .remote import has_graph as remote_has_graph

        return remote_has_graph(dataset, graph)
    return next(iter(dataset.quads((None, None, None, graph))), None) is not None


def drop_graph(dataset: Dataset, graph: URIRef) -> None:
    """Remove the named graph ``graph`` and its triples (no error if it is absent).

    Examples
    --------
    >>> from rdflib import URIRef
    >>> ds = open_store("memory")
    >>> g = URIRef("urn:example:g")
    >>> _ = ds.graph(g).add((g, g, g))
    >>> drop_graph(ds, g)
    >>> has_graph(ds, g)
    False
    """
    if store_kind(dataset) == "sparql":
        from .remote import drop_graph as remote_drop_graph

        remote_drop_graph(dataset, graph)
        return
    from rdflib import Graph

    dataset.remove_graph(Graph(dataset.store, identifier=graph))


def parse_into(dataset: Dataset, path: Path, graph: URIRef, fmt: str) -> None:
    """Parse the file ``path`` (in RDF format ``fmt``) into the named graph ``graph``.

    ``fmt`` is any name :func:`netgov_kg.formats.rdf_format` knows (``"turtle"``, ``"nt"``,
    ``"application/n-triples"``...). The fastest way each store has: Oxigraph parses straight
    into its store with its own parser (``ox-turtle``...); a remote store gets the triples
    parsed locally and pushed in chunks (:func:`netgov_kg.stores.remote.push`); rdflib's memory
    store uses rdflib's parser. Parse errors propagate (the loader turns them into
    :class:`~netgov_kg.errors.InputError`).

    Raises
    ------
    UnknownFormat
        If ``fmt`` names no RDF format.

    Examples
    --------
    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "one.ttl")
    >>> _ = open(f, "w").write("<urn:a> <urn:b> <urn:c> .")
    >>> from rdflib import URIRef
    >>> ds = open_store("oxigraph")
    >>> parse_into(ds, Path(f), URIRef("urn:example:g"), "turtle")
    >>> len(ds)
    1
    """
    rdf = rdf_format(fmt)
    caps = capabilities(dataset)
    kind = caps.engine
    if kind == "oxigraph":
        target = dataset.graph(graph)
        try:  # Oxigraph's bulk loader: fast, but not atomic, so undo a partial load
            target.parse(path, format=caps.parser(rdf.rdflib_name), transactional=False)
        except Exception:
            drop_graph(dataset, graph)
            raise
    elif kind == "sparql":
        from .remote import push

        push(dataset, graph, _stream(path, rdf))
    else:
        dataset.graph(graph).parse(path, format=rdf.rdflib_name)


def _stream(path: Path, rdf: Format):  # noqa: ANN202 - an iterator of triples
    """Yield the triples of a file: streamed by Oxigraph's parser where it reads the format."""
    from rdflib import Graph

    try:
        import pyoxigraph
        from oxrdflib._converter import from_ox
    except ImportError:  # pragma: no cover - depends on the install
        pyoxigraph = None
    if pyoxigraph is None or rdf.oxigraph is None:
        local = Graph()
        local.parse(path, format=rdf.rdflib_name)
        yield from local
        return
    rdf_format_ = getattr(pyoxigraph.RdfFormat, rdf.oxigraph)
    base = path.resolve().as_uri()
    for quad in pyoxigraph.parse(path=str(path), format=rdf_format_, base_iri=base):
        yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)


def union_graph(data: Graph, *, canonical: bool = True) -> Graph:
    """Return every triple of ``data`` (a dataset's named graphs, or a graph) as one plain graph.

    The one copy of a store's union the library makes: exports, validation and inference read
    it. The copy is an in-memory rdflib graph with the project's prefixes (and the data's own)
    bound. With ``canonical`` (the default) literals are in canonical form
    (:func:`netgov_kg.literals.canonical_literal`: ``"x"`` for ``"x"^^xsd:string``, ``121.544``
    for ``121.5440``), the same whatever the store.

    Examples
    --------
    >>> ds = open_store("oxigraph")
    >>> from rdflib import Literal, URIRef
    >>> g = URIRef("urn:example:g")
    >>> _ = ds.graph(g).add((g, g, Literal("x")))
    >>> _ = ds.graph(URIRef("urn:example:h")).add((g, g, Literal("y")))
    >>> sorted(str(o) for o in union_graph(ds).objects())
    ['x', 'y']
    """
    from rdflib import Graph

    from ..literals import canonical_literal
    from ..namespaces import bind_prefixes

    graph = bind_prefixes(Graph())
    for prefix, namespace in data.namespaces():
        graph.bind(prefix, namespace, override=False)
    # A remote endpoint's store gives triples without their graphs (rdflib's quads() then fails
    # on them); its default graph is the union already.
    remote = hasattr(data, "quads") and capabilities(data).engine == "sparql"
    triples = (
        ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
        if hasattr(data, "quads") and not remote else data.triples((None, None, None))
    )
    if canonical:
        graph += ((s, p, canonical_literal(o)) for s, p, o in triples)
    else:
        graph += triples
    return graph


def close_store(dataset: Dataset) -> None:
    """Release a store's resources: an on-disk Oxigraph store's files and lock.

    Other stores need no closing; for them this does nothing.
    """
    caps = capabilities(dataset)
    if caps.engine == "oxigraph" and caps.persistent:
        from .oxigraph import close_oxigraph

        close_oxigraph(dataset)


__all__ = [
    "Capabilities", "capabilities", "default_store", "DEFAULT_STORE", "EngineFallbackWarning",
    "open_store", "store_kind", "is_persistent", "has_graph", "drop_graph", "parse_into",
    "close_store", "union_graph", "_KINDS",
]
