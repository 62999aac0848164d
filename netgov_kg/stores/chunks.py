"""Split triples into chunks for ``INSERT DATA`` without cutting a blank-node structure apart.

A blank node's label only holds inside one update request: two requests that both say ``_:b1``
make two different nodes. So every triple that shares a blank node (directly, or through a chain
of blank nodes, as in a reified statement or an RDF list) must travel in the same chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import BNode
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

#: Largest ``INSERT DATA`` that Virtuoso 7.2 takes in its default configuration (16k triples
#: exhaust its memory; 4,000 work).
DEFAULT_CHUNK = 4000


def _find(parent: dict[BNode, BNode], node: BNode) -> BNode:
    root = node
    while parent[root] != root:
        root = parent[root]
    while parent[node] != root:  # path compression
        parent[node], node = root, parent[node]
    return root


def chunk_triples(triples: Iterable[Triple], size: int = DEFAULT_CHUNK) -> Iterator[list[Triple]]:
    """Yield lists of at most ``size`` triples, keeping blank-node-connected triples together.

    A group of triples joined by blank nodes that is itself larger than ``size`` is sent whole,
    in a chunk of its own (splitting it would change the data).

    Parameters
    ----------
    triples : iterable of (subject, predicate, object)
        The triples to send.
    size : int
        The largest chunk, in triples.

    Yields
    ------
    list of tuple
        One chunk of triples.

    Examples
    --------
    >>> from rdflib import BNode, Literal, URIRef
    >>> b = BNode()
    >>> s = URIRef("urn:s")
    >>> ts = [(s, URIRef("urn:p"), Literal(i)) for i in range(5)]
    >>> ts += [(s, URIRef("urn:q"), b), (b, URIRef("urn:r"), Literal("x"))]
    >>> chunks = list(chunk_triples(ts, size=3))
    >>> [len(c) for c in chunks]
    [3, 3, 1]
    >>> any((s, URIRef("urn:q"), b) in c and (b, URIRef("urn:r"), Literal("x")) in c
    ...     for c in chunks)
    True
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    parent: dict[BNode, BNode] = {}
    plain: list[Triple] = []
    linked: list[tuple[BNode, Triple]] = []
    for triple in triples:
        bnodes = [t for t in (triple[0], triple[2]) if isinstance(t, BNode)]
        if not bnodes:
            plain.append(triple)
            continue
        for b in bnodes:
            parent.setdefault(b, b)
        if len(bnodes) == 2:
            ra, rb = _find(parent, bnodes[0]), _find(parent, bnodes[1])
            if ra != rb:
                parent[rb] = ra
        linked.append((bnodes[0], triple))
    groups: dict[BNode, list[Triple]] = {}
    for b, triple in linked:
        groups.setdefault(_find(parent, b), []).append(triple)

    chunk: list[Triple] = []
    for group in groups.values():
        if len(chunk) + len(group) > size and chunk:
            yield chunk
            chunk = []
        chunk.extend(group)
    for triple in plain:
        if len(chunk) >= size:
            yield chunk
            chunk = []
        chunk.append(triple)
    if chunk:
        yield chunk
