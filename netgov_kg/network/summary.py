"""Summary statistics of a projection: size, density, components, clustering.

Examples
--------
>>> import networkx as nx
>>> s = summarize(nx.complete_bipartite_graph(2, 3))
>>> s["nodes"], s["edges"], s["density"], s["components"], s["bipartite_clustering"]
(5, 6, 1.0, 1, 1.0)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["summarize", "bipartite_sets"]


def bipartite_sets(G: nx.Graph) -> tuple[set[Any], set[Any]] | None:
    """Return the two node sets of a bipartite projection (from ``bipartite`` 0/1), or None.

    Examples
    --------
    >>> import networkx as nx
    >>> bipartite_sets(nx.complete_bipartite_graph(1, 2))
    ({0}, {1, 2})
    >>> bipartite_sets(nx.path_graph(2)) is None
    True
    """
    marks = dict(G.nodes(data="bipartite"))
    if not marks or any(m not in (0, 1) for m in marks.values()):
        return None
    top = {n for n, m in marks.items() if m == 0}
    return top, set(marks) - top


def summarize(G: nx.Graph) -> dict[str, Any]:
    """Return a dict of summary statistics of ``G``.

    Keys: ``nodes``, ``edges``, ``directed``, ``density`` (networkx's, for the graph's own
    kind; for a bipartite graph, edges / (|top| × |bottom|)), ``components`` (weakly connected
    for directed graphs), ``largest_component``, ``isolates``, ``average_degree``,
    ``classes`` (node count per class), ``properties`` (edge count per ``property``), and for
    bipartite graphs ``bipartite_clustering`` (networkx's average bipartite clustering, mode
    ``"dot"``), else ``clustering`` (average clustering of the undirected simple graph).

    Examples
    --------
    >>> import networkx as nx
    >>> summarize(nx.DiGraph([(1, 2), (3, 4)]))["components"]
    2
    """
    import networkx as nx

    n, m = G.number_of_nodes(), G.number_of_edges()
    out: dict[str, Any] = {"nodes": n, "edges": m, "directed": G.is_directed()}
    sets = bipartite_sets(G) if not G.is_directed() else None
    if sets is not None:
        top, bottom = sets
        out["density"] = m / (len(top) * len(bottom)) if top and bottom else 0.0
    else:
        out["density"] = nx.density(G) if n > 1 else 0.0
    if n:
        comps = list(
            nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
        )
    else:
        comps = []
    out["components"] = len(comps)
    out["largest_component"] = max((len(c) for c in comps), default=0)
    out["isolates"] = nx.number_of_isolates(G)
    out["average_degree"] = 2 * m / n if n else 0.0
    out["classes"] = dict(
        sorted(Counter(str(c) for _, c in G.nodes(data="class", default="")).items())
    )
    out["properties"] = dict(
        sorted(Counter(str(p) for *_, p in G.edges(data="property", default="")).items())
    )
    if sets is not None:
        out["bipartite_clustering"] = nx.bipartite.average_clustering(G, mode="dot") if n else 0.0
    else:
        simple = nx.Graph(G.to_undirected()) if (G.is_directed() or G.is_multigraph()) else G
        out["clustering"] = nx.average_clustering(simple) if n else 0.0
    return out
