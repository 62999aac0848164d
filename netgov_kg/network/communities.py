"""Communities: Louvain and greedy-modularity partitions, with their modularity.

Directed graphs and multigraphs are read as simple undirected graphs (parallel edges' weights
add up). Results are reproducible: Louvain takes a ``seed``.

Examples
--------
>>> import networkx as nx
>>> G = nx.barbell_graph(4, 0)
>>> p = detect(G, "greedy")
>>> sorted(map(sorted, p.communities)), round(p.modularity, 3)
([[0, 1, 2, 3], [4, 5, 6, 7]], 0.423)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import UnknownNameError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["METHODS", "Partition", "detect", "assign", "simple_weighted", "undirected_weighted"]

METHODS = ("louvain", "greedy")


class Partition(NamedTuple):
    """A partition of a graph's nodes into communities, largest first, with its modularity."""

    method: str
    communities: list[frozenset[Any]]
    modularity: float


def simple_weighted(
    G: nx.Graph, weight: str | None = "weight", *, directed: bool = False
) -> nx.Graph:
    """Return a simple copy of ``G`` whose ``weight`` sums parallel edges.

    The copy is an undirected ``Graph``, or with ``directed=True`` a ``DiGraph`` (parallel
    edges in the same direction summed, as PageRank on a multigraph needs). An edge without
    ``weight`` (or every edge, when ``weight`` is ``None``) counts 1.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph([(1, 2), (2, 1), (1, 2)])
    >>> simple_weighted(M)[1][2]["weight"]
    3
    >>> simple_weighted(M, directed=True)[1][2]["weight"]
    2
    """
    import networkx as nx

    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        w = d.get(weight, 1) if weight else 1
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def undirected_weighted(G: nx.Graph, weight: str | None = "weight") -> nx.Graph:
    """Return a simple undirected copy of ``G`` whose ``weight`` sums parallel edges.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph([(1, 2), (2, 1), (1, 2)])
    >>> undirected_weighted(M)[1][2]["weight"]
    3
    """
    return simple_weighted(G, weight)


def detect(
    G: nx.Graph,
    method: str = "louvain",
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int = 0,
) -> Partition:
    """Partition ``G`` into communities and return them with their modularity.

    Parameters
    ----------
    G : networkx.Graph
        Any projection.
    method : {"louvain", "greedy"}
        Louvain (``networkx.community.louvain_communities``) or Clauset–Newman–Moore greedy
        modularity (``greedy_modularity_communities``).
    weight : str or None
        Edge attribute used as weight (``None``: every edge counts 1).
    resolution : float
        Modularity resolution (higher gives smaller communities).
    seed : int
        Random seed for Louvain.

    Returns
    -------
    Partition

    Examples
    --------
    >>> import networkx as nx
    >>> detect(nx.empty_graph(0)).communities
    []
    """
    import networkx as nx

    if method not in METHODS:
        raise UnknownNameError(f"unknown community method {method!r}: use one of {METHODS}")
    H = undirected_weighted(G, weight)
    if H.number_of_nodes() == 0:
        return Partition(method, [], 0.0)
    if H.number_of_edges() == 0:
        parts = [frozenset({n}) for n in H]
        return Partition(method, parts, 0.0)
    if method == "louvain":
        found = nx.community.louvain_communities(
            H, weight="weight", resolution=resolution, seed=seed
        )
    else:
        found = nx.community.greedy_modularity_communities(
            H, weight="weight", resolution=resolution
        )
    parts = sorted((frozenset(c) for c in found), key=lambda c: (-len(c), sorted(map(str, c))))
    q = nx.community.modularity(H, parts, weight="weight", resolution=resolution)
    return Partition(method, parts, q)


def assign(G: nx.Graph, partition: Partition, attr: str = "community") -> nx.Graph:
    """Set each node's ``attr`` to the index of its community (0 = largest); return ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = assign(nx.path_graph(2), Partition("x", [frozenset({0, 1})], 0.0))
    >>> G.nodes[1]["community"]
    0
    """
    for i, community in enumerate(partition.communities):
        for node in community:
            G.nodes[node][attr] = i
    return G
