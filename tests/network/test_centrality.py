"""Centrality on small graphs whose scores are known by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from netgov_kg.errors import UnknownNameError
from netgov_kg.network.centrality import centrality, centrality_table, top, top_by_class


def test_degree_of_a_star():
    scores = centrality(nx.star_graph(3), "degree")
    assert scores == {
        0: 1.0,
        1: pytest.approx(1 / 3),
        2: pytest.approx(1 / 3),
        3: pytest.approx(1 / 3),
    }


def test_degree_ignores_direction_and_parallel_edges():
    M = nx.MultiDiGraph([(0, 1), (0, 1), (1, 0), (1, 2)])
    assert centrality(M, "degree") == {0: 0.5, 1: 1.0, 2: 0.5}


def test_betweenness_of_a_path():
    scores = centrality(nx.path_graph(4), "betweenness")
    # node 1 is on the shortest paths 0-2 and 0-3: 2 of the 3 pairs that do not include it
    assert scores == {0: 0.0, 1: pytest.approx(2 / 3), 2: pytest.approx(2 / 3), 3: 0.0}


def test_eigenvector_of_a_star():
    scores = centrality(nx.star_graph(3), "eigenvector")
    assert scores[0] == pytest.approx(1 / math.sqrt(2))
    assert scores[1] == pytest.approx(1 / math.sqrt(6))


def test_eigenvector_per_component_scaled_by_size():
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(2))
    G.add_node("alone")
    scores = centrality(G, "eigenvector")
    assert scores[0] == pytest.approx(1 / math.sqrt(3) * 3 / 6)
    assert scores[3] == pytest.approx(1 / math.sqrt(2) * 2 / 6)
    assert scores["alone"] == 0.0


def test_pagerank_follows_direction():
    # a -> b with b dangling: PR(a) = 0.15/2 + 0.85 PR(b)/2, PR(a) + PR(b) = 1
    scores = centrality(nx.DiGraph([("a", "b")]), "pagerank")
    assert scores["a"] == pytest.approx(0.5 / 1.425, abs=1e-6)
    assert scores["b"] == pytest.approx(1 - 0.5 / 1.425, abs=1e-6)


def test_pagerank_of_a_multigraph_adds_parallel_edges():
    M = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c")])
    scores = centrality(M, "pagerank")
    assert scores["b"] > scores["c"]


def test_unknown_measure():
    with pytest.raises(UnknownNameError, match="unknown centrality 'closeness'"):
        centrality(nx.path_graph(2), "closeness")


def test_empty_graph():
    assert centrality(nx.Graph(), "eigenvector") == {}


def test_top_and_top_by_class():
    G = nx.Graph([("c1", "t1"), ("c2", "t1"), ("c2", "t2"), ("c3", "t1")])
    kinds = {"c1": "Case", "c2": "Case", "c3": "Case", "t1": "Theme", "t2": "Theme"}
    nx.set_node_attributes(G, kinds, "class")
    nx.set_node_attributes(G, {k: k for k in kinds}, "label")
    assert top(G, "degree", k=1) == [("t1", 0.75)]
    assert top(G, "degree", k=2, node_class="Case") == [("c2", 0.5), ("c1", 0.25)]
    assert top_by_class(G, "betweenness", k=1) == {
        "Case": [("c2", pytest.approx(3 / 6))],
        "Theme": [("t1", pytest.approx(5 / 6))],
    }


def test_centrality_table():
    G = nx.path_graph(3)
    table = centrality_table(G)
    assert list(table.columns) == [
        "label",
        "class",
        "degree",
        "betweenness",
        "eigenvector",
        "pagerank",
    ]
    assert table.loc[1, "betweenness"] == 1.0
    assert table["pagerank"].sum() == pytest.approx(1.0)
