"""Summary statistics on graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

from netgov_kg.network.projections import project
from netgov_kg.network.summary import bipartite_sets, summarize


def test_complete_bipartite():
    s = summarize(nx.complete_bipartite_graph(2, 3))
    assert (s["nodes"], s["edges"], s["density"], s["components"]) == (5, 6, 1.0, 1)
    assert s["bipartite_clustering"] == 1.0


def test_bipartite_clustering_by_hand():
    # cases a{t1,t2}, b{t1}: every node's only second neighbour shares 1 of 2 neighbours
    G = nx.Graph([("a", "t1"), ("a", "t2"), ("b", "t1")])
    nx.set_node_attributes(G, {"a": 0, "b": 0, "t1": 1, "t2": 1}, "bipartite")
    assert summarize(G)["bipartite_clustering"] == pytest.approx(0.5)
    assert summarize(G)["density"] == pytest.approx(3 / 4)


def test_directed_components_are_weak():
    s = summarize(nx.DiGraph([(1, 2), (3, 2), (4, 5)]))
    assert (s["components"], s["largest_component"], s["directed"]) == (2, 3, True)
    assert s["density"] == pytest.approx(3 / 20)


def test_triangle_clustering_and_isolates():
    G = nx.complete_graph(3)
    G.add_node(9)
    s = summarize(G)
    assert s["clustering"] == pytest.approx(3 / 4)
    assert (s["isolates"], s["components"]) == (1, 2)


def test_bipartite_sets_need_marks():
    assert bipartite_sets(nx.path_graph(3)) is None


def test_summary_of_the_fixture_case_theme(mini):
    s = summarize(project(mini, "case-theme"))
    assert s["classes"] == {"Case": 4, "Theme": 4}
    assert s["density"] == pytest.approx(7 / 16)
    assert s["components"] == 2  # case D alone
    assert s["properties"] == {"ng:hasTheme": 7}
