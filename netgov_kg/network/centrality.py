"""Centrality measures, per node class.

Directed projections (the trees, ``expert-institution``, ``full``) are read as undirected for
betweenness and eigenvector centrality (ties between actors do not depend on which way
``ng:partOf`` points); PageRank follows the edges' direction. Multigraphs are collapsed to
simple graphs first (parallel edges count once).

Examples
--------
>>> import networkx as nx
>>> G = nx.star_graph(3)
>>> nx.set_node_attributes(G, "Case", "class")
>>> top(G, "degree", k=1)
[(0, 1.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import UnknownNameError
from .communities import simple_weighted

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["MEASURES", "centrality", "centrality_table", "top", "top_by_class"]

MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")


def _simple(G: nx.Graph, *, directed: bool) -> nx.Graph:
    import networkx as nx

    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges())
    return H


def centrality(
    G: nx.Graph, measure: str = "degree", *, weight: str | None = None
) -> dict[Any, float]:
    """Return ``{node: score}`` for one centrality measure.

    Parameters
    ----------
    G : networkx.Graph
        Any projection.
    measure : {"degree", "betweenness", "eigenvector", "pagerank"}
        ``degree`` and ``betweenness`` are networkx's normalised scores on the undirected
        graph; ``eigenvector`` uses the numpy solver on each component's undirected graph
        (isolated nodes score 0); ``pagerank`` uses the edges' direction.
    weight : str, optional
        Edge attribute to weight ``eigenvector`` and ``pagerank`` (e.g. ``"jaccard"``);
        ``None`` counts every edge as 1.

    Returns
    -------
    dict

    Examples
    --------
    >>> import networkx as nx
    >>> scores = centrality(nx.path_graph(3), "betweenness")
    >>> scores[1], scores[0]
    (1.0, 0.0)
    """
    import networkx as nx

    if measure not in MEASURES:
        raise UnknownNameError(f"unknown centrality {measure!r}: use one of {', '.join(MEASURES)}")
    if G.number_of_nodes() == 0:
        return {}
    if measure == "pagerank":
        if G.is_multigraph():
            H = simple_weighted(G, weight, directed=G.is_directed())
            return nx.pagerank(H, weight="weight")
        return nx.pagerank(G, weight=weight)
    if measure == "degree":
        return nx.degree_centrality(_simple(G, directed=False))
    if measure == "betweenness":
        return nx.betweenness_centrality(_simple(G, directed=False))
    # eigenvector: per connected component, scaled by the component's share of nodes so that
    # scores stay comparable; a lone node (or a lone edge's ends) gets the trivial value.
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        if u != v:
            U.add_edge(u, v, weight=(d.get(weight, 1) if weight else 1))
    out: dict[Any, float] = {}
    n = U.number_of_nodes()
    for comp in nx.connected_components(U):
        if len(comp) == 1:
            out.update(dict.fromkeys(comp, 0.0))
            continue
        sub = U.subgraph(comp)
        if len(comp) <= _DENSE_LIMIT:
            scores = _dense_eigenvector(sub)
        else:
            scores = nx.eigenvector_centrality_numpy(sub, weight="weight")
        share = len(comp) / n
        out.update({node: abs(s) * share for node, s in scores.items()})
    return out


#: Components up to this size use a dense symmetric eigensolver (exact, and fine for tiny
#: components where ARPACK cannot be used); larger ones use networkx's sparse solver.
_DENSE_LIMIT = 1500


def _dense_eigenvector(G: nx.Graph) -> dict[Any, float]:
    """Unit-norm principal eigenvector of a connected undirected graph's adjacency matrix."""
    import networkx as nx
    import numpy as np

    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight="weight")
    values, vectors = np.linalg.eigh(A)
    vec = np.abs(vectors[:, int(np.argmax(values))])
    vec = vec / np.linalg.norm(vec)
    return {node: float(x) for node, x in zip(nodes, vec, strict=True)}


def centrality_table(
    G: nx.Graph, measures: tuple[str, ...] = MEASURES, *, weight: str | None = None
) -> pd.DataFrame:
    """Return a DataFrame of nodes (index: node key) with label, class and each measure.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "a", 1: "b", 2: "c"}, "label")
    >>> list(centrality_table(G, ("degree",))["degree"])
    [0.5, 1.0, 0.5]
    """
    import pandas as pd

    frame = pd.DataFrame(
        {
            "label": {n: d.get("label", str(n)) for n, d in G.nodes(data=True)},
            "class": {n: d.get("class", "") for n, d in G.nodes(data=True)},
        },
        index=list(G.nodes),
    )
    for m in measures:
        frame[m] = pd.Series(centrality(G, m, weight=weight))
    return frame


def top(
    G: nx.Graph,
    measure: str = "degree",
    *,
    k: int = 3,
    node_class: str | None = None,
    weight: str | None = None,
) -> list[tuple[Any, float]]:
    """Return the ``k`` nodes with the highest ``measure``, optionally of one class only.

    The measure is computed on the whole graph; ``node_class`` only filters the ranking.
    Ties are broken by the node's label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> top(G, "betweenness", k=2)
    [(1, 0.6666666666666666), (2, 0.6666666666666666)]
    """
    scores = centrality(G, measure, weight=weight)
    nodes = [n for n in scores if node_class is None or G.nodes[n].get("class") == node_class]
    nodes.sort(key=lambda n: (-scores[n], str(G.nodes[n].get("label", n))))
    return [(n, scores[n]) for n in nodes[:k]]


def top_by_class(
    G: nx.Graph, measure: str = "degree", *, k: int = 3, weight: str | None = None
) -> dict[str, list[tuple[Any, float]]]:
    """Return, for each node class in ``G``, its ``k`` most central nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("c1", "t"), ("c2", "t"), ("c2", "u")])
    >>> nx.set_node_attributes(G, {"c1": "Case", "c2": "Case", "t": "Theme", "u": "Theme"},
    ...                        "class")
    >>> top_by_class(G, "degree", k=1)
    {'Case': [('c2', 0.6666666666666666)], 'Theme': [('t', 0.6666666666666666)]}
    """
    scores = centrality(G, measure, weight=weight)
    classes = sorted({str(G.nodes[n].get("class", "")) for n in G})
    out = {}
    for cls in classes:
        nodes = [n for n in scores if G.nodes[n].get("class", "") == cls]
        nodes.sort(key=lambda n: (-scores[n], str(G.nodes[n].get("label", n))))
        out[cls] = [(n, scores[n]) for n in nodes[:k]]
    return out
