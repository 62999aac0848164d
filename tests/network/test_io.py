"""Every export read back with networkx and compared with the original."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from netgov_kg.errors import InputError, UnknownNameError
from netgov_kg.network.io import FORMATS, read_graph, to_text, write_graph
from netgov_kg.network.projections import PROJECTIONS, project


def same_nodes(G, H):
    assert set(G) == set(H)
    for node, data in G.nodes(data=True):
        assert H.nodes[node] == data, node


def edge_dict(G):
    if G.is_multigraph():
        return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    if G.is_directed():
        return {(u, v): d for u, v, d in G.edges(data=True)}
    return {frozenset((u, v)): d for u, v, d in G.edges(data=True)}


def same_edges(G, H):
    assert edge_dict(G) == edge_dict(H)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_round_trip_keeps_everything(mini, tmp_path, name, fmt):
    G = (
        project(mini, name, by=("themes", "platform-kinds", "province"))
        if name == "case-case"
        else project(mini, name)
    )
    path = tmp_path / f"{name}.{fmt}"
    write_graph(G, path)
    H = read_graph(path)
    assert type(H) is type(G)
    same_nodes(G, H)
    same_edges(G, H)
    assert H.graph["name"] == name
    assert H.graph["lang"] == G.graph["lang"]


@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_csv_round_trip_keeps_edges(mini, tmp_path, name):
    G = project(mini, name)
    path = tmp_path / f"{name}.csv"
    write_graph(G, path)
    H = read_graph(path, directed=G.is_directed())
    assert H.is_multigraph() == G.is_multigraph()
    same_edges(G, H)
    assert set(H) == {n for n in G if G.degree(n)}  # CSV has no isolated nodes


def test_files_are_readable_by_plain_networkx(mini, tmp_path):
    G = project(mini, "case-case")
    write_graph(G, tmp_path / "g.graphml")
    write_graph(G, tmp_path / "g.gexf")
    write_graph(G, tmp_path / "g.json")
    for H in (
        nx.read_graphml(tmp_path / "g.graphml"),
        nx.read_gexf(tmp_path / "g.gexf"),
        nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges"),
    ):
        assert set(H) == set(G)
        assert H.number_of_edges() == G.number_of_edges()
    raw = nx.read_graphml(tmp_path / "g.graphml")
    u, v = next(iter(G.edges))
    assert json.loads(raw.edges[u, v]["shared_themes"]) == G.edges[u, v]["shared_themes"]


def test_text_output(mini):
    G = project(mini, "case-theme")
    assert to_text(G, "graphml").startswith("<?xml")
    assert json.loads(to_text(G, "json"))["graph"]["name"] == "case-theme"
    assert to_text(G, "csv").splitlines()[0] == "source,target,property,weight"


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text("old")
    G = nx.Graph()
    G.add_node("a", bad=object())  # GraphML cannot hold an arbitrary object
    with pytest.raises(InputError, match="g.graphml: cannot write the graph as graphml"):
        write_graph(G, path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(UnknownNameError, match="cannot guess the graph format"):
        write_graph(nx.Graph(), tmp_path / "g.txt")
    with pytest.raises(UnknownNameError, match="unknown graph format 'dot'"):
        write_graph(nx.Graph(), tmp_path / "g.dot", format="dot")
    with pytest.raises(InputError, match="file not found"):
        read_graph(tmp_path / "nothing.gexf")


def test_bad_files_name_the_place(tmp_path):
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml><not-closed>")
    with pytest.raises(InputError, match="bad.graphml: cannot read as graphml"):
        read_graph(bad)
    csv = tmp_path / "bad.csv"
    csv.write_text("source,target,weight\na,b,1\na,b\n")
    with pytest.raises(InputError, match="bad.csv, line 3: expected 3 fields, found 2"):
        read_graph(csv)
    csv.write_text("from,to\na,b\n")
    with pytest.raises(InputError, match="line 1.*source,target"):
        read_graph(csv)


def test_formats():
    assert FORMATS == ("graphml", "gexf", "json", "csv")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_every_type_as_a_string(kinds, tmp_path, fmt):
    G = project(kinds, "case-platform")
    path = tmp_path / f"kinds.{fmt}"
    write_graph(G, path)
    H = read_graph(path)
    node = "https://w3id.org/netgov-kg/id/platform/matrix"
    assert H.nodes[node]["types"] == "ng:AccountMatrix ng:Platform ng:WeiboAccount"
    assert H.nodes[node]["kind"] == "ng:AccountMatrix ng:WeiboAccount"
    assert H.nodes[node]["top_kind"] == "ng:SocialMediaAccount"
    same_nodes(G, H)
