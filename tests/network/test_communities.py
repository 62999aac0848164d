"""Community detection on graphs whose best partition and modularity are known."""

from __future__ import annotations

import networkx as nx
import pytest

from netgov_kg.errors import UnknownNameError
from netgov_kg.network.communities import assign, detect, undirected_weighted


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_barbell_splits_into_its_two_bells(method):
    G = nx.barbell_graph(4, 0)  # two K4 joined by one edge: 13 edges
    part = detect(G, method)
    assert sorted(map(sorted, part.communities)) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    # each bell: 6 internal edges, degree sum 13 -> Q = 2 * (6/13 - (13/26)^2)
    assert part.modularity == pytest.approx(2 * (6 / 13 - 0.25))
    assert part.method == method


def test_weights_decide_the_partition():
    # a 4-cycle: heavy edges 0-1 and 2-3 pull those pairs together
    G = nx.cycle_graph(4)
    nx.set_edge_attributes(G, {(0, 1): 10, (1, 2): 1, (2, 3): 10, (3, 0): 1}, "weight")
    assert sorted(map(sorted, detect(G, "greedy").communities)) == [[0, 1], [2, 3]]
    unweighted = detect(G, "greedy", weight=None)
    assert unweighted.modularity < detect(G, "greedy").modularity


def test_directed_multigraph_is_read_as_weighted_undirected():
    M = nx.MultiDiGraph([(1, 2), (2, 1), (1, 2)])
    assert undirected_weighted(M)[1][2]["weight"] == 3
    assert undirected_weighted(M, None)[1][2]["weight"] == 3


def test_louvain_is_reproducible_with_a_seed():
    G = nx.karate_club_graph()
    assert detect(G, "louvain", seed=1).communities == detect(G, "louvain", seed=1).communities


def test_edgeless_graph_gives_singletons():
    part = detect(nx.empty_graph(3))
    assert part.communities == [frozenset({0}), frozenset({1}), frozenset({2})]
    assert part.modularity == 0.0


def test_assign_sets_the_index_largest_first():
    G = nx.barbell_graph(3, 1)  # bells of 3, one bridge node
    part = detect(G, "greedy")
    assign(G, part)
    assert G.nodes[0]["community"] == G.nodes[1]["community"]
    assert G.nodes[0]["community"] != G.nodes[6]["community"]
    assert len(part.communities[0]) >= len(part.communities[-1])


def test_unknown_method():
    with pytest.raises(UnknownNameError, match="unknown community method 'girvan'"):
        detect(nx.path_graph(2), "girvan")
