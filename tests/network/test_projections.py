"""Each projection against answers counted by hand from tests/network/fixtures/mini.ttl."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from netgov_kg.errors import UnknownNameError
from netgov_kg.network.projections import PROJECTIONS, ProjectionInfo, project

NGR = "https://w3id.org/netgov-kg/id/"


def n(local: str) -> str:
    return NGR + local


def classes(G: nx.Graph) -> Counter[str]:
    return Counter(c for _, c in G.nodes(data="class"))


def test_listing_names_every_projection_with_a_description(mini):
    listed = project(mini)
    assert [p.name for p in listed] == [
        "case-theme",
        "case-case",
        "expert-institution",
        "organisation-tree",
        "place-tree",
        "case-platform",
        "full",
    ]
    assert all(isinstance(p, ProjectionInfo) and p.description for p in listed)
    assert dict(listed) == PROJECTIONS


def test_unknown_name_suggests_the_close_one(mini):
    with pytest.raises(UnknownNameError, match="did you mean 'case-case'"):
        project(mini, "case-cases")


def test_unknown_option_is_named(mini):
    with pytest.raises(UnknownNameError, match="unknown option 'colour' for network 'case-theme'"):
        project(mini, "case-theme", colour="red")


def test_nodes_carry_iri_labels_and_class(mini):
    G = project(mini, "case-theme", lang="en")
    a = G.nodes[n("case/a")]
    assert a == {
        "iri": n("case/a"),
        "label": "Case A",
        "label_zh": "甲案例",
        "label_en": "Case A",
        "class": "Case",
        "type": "ng:Case",
        "types": "ng:Case",
        "kind": "ng:Case",
        "top_kind": "",
        "bipartite": 0,
    }
    assert project(mini, "case-theme", lang="zh").nodes[n("case/a")]["label"] == "甲案例"


def test_case_theme(mini):
    G = project(mini, "case-theme")
    assert classes(G) == {"Case": 4, "Theme": 4}
    assert G.number_of_edges() == 7
    assert set(G[n("case/a")]) == {n("theme/service"), n("theme/grassroots"), n("theme/media")}
    assert G.degree(n("case/d")) == 0  # a case with no theme is still a node
    assert nx.is_bipartite(G)
    assert {d["property"] for *_, d in G.edges(data=True)} == {"ng:hasTheme"}
    assert G.graph["name"] == "case-theme"


def test_case_case_by_themes(mini):
    G = project(mini, "case-case")
    assert set(G) == {n("case/a"), n("case/b"), n("case/c"), n("case/d")}
    assert G.number_of_edges() == 3
    ab = G.edges[n("case/a"), n("case/b")]
    assert ab["shared_themes"] == [n("theme/grassroots"), n("theme/service")]
    assert ab["jaccard"] == pytest.approx(2 / 3)
    assert ab["overlap"] == 1.0
    assert ab["weight"] == ab["jaccard"]
    ac = G.edges[n("case/a"), n("case/c")]
    assert (ac["jaccard"], ac["overlap"]) == (pytest.approx(1 / 4), 0.5)
    bc = G.edges[n("case/b"), n("case/c")]
    assert (bc["jaccard"], bc["overlap"]) == (pytest.approx(1 / 3), 0.5)
    assert G.degree(n("case/d")) == 0


def test_case_case_weight_can_be_overlap(mini):
    G = project(mini, "case-case", weight="overlap")
    assert G.edges[n("case/a"), n("case/c")]["weight"] == 0.5


def test_case_case_with_platform_kinds_and_province(mini):
    G = project(mini, "case-case", by=("themes", "platform-kinds", "province"))
    ab = G.edges[n("case/a"), n("case/b")]
    assert ab["shared_platform_kinds"] == ["ng:App"]
    assert (ab["platform_jaccard"], ab["platform_overlap"]) == (0.5, 1.0)
    assert ab["same_province"] == 1
    assert ab["weight"] == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    ac = G.edges[n("case/a"), n("case/c")]
    assert (ac["platform_jaccard"], ac["same_province"]) == (0.0, 0)
    assert ac["weight"] == pytest.approx((1 / 4) / 3)


def test_case_case_by_province_only_links_same_province(mini):
    G = project(mini, "case-case", by=["province"])
    assert [tuple(sorted(e)) for e in G.edges] == [(n("case/a"), n("case/b"))]


def test_case_case_rejects_unknown_criterion(mini):
    with pytest.raises(UnknownNameError, match="unknown case-case criterion 'colour'"):
        project(mini, "case-case", by=["colour"])


def test_expert_institution(mini):
    G = project(mini, "expert-institution")
    assert isinstance(G, nx.DiGraph)
    assert classes(G) == {"Expert": 4, "Organisation": 5, "Case": 4}
    props = Counter(p for *_, p in G.edges(data="property"))
    assert props == {"ng:affiliation": 5, "ng:partOf": 3, "^ng:endorser/ng:endorsedCase": 4}
    # the university links three experts, through its schools and its centre
    experts = {x for x in nx.ancestors(G, n("org/uni")) if G.nodes[x]["class"] == "Expert"}
    assert experts == {n("person/p1"), n("person/p2"), n("person/p3")}
    assert G.nodes[n("org/uni")]["type"] == "ng:University"
    assert G.edges[n("person/p1"), n("org/centre-z")]["title_zh"] == "主任"
    assert G.edges[n("person/p1"), n("org/school-x")]["title_en"] == "Professor"
    assert G.edges[n("person/p1"), n("case/a")]["endorsement"] == n("endorsement/a")


def test_organisation_tree(mini):
    G = project(mini, "organisation-tree")
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 3
    assert set(G.edges) == {
        (n("org/school-x"), n("org/uni")),
        (n("org/school-y"), n("org/uni")),
        (n("org/centre-z"), n("org/school-y")),
    }
    assert nx.is_directed_acyclic_graph(G)


def test_place_tree_marks_background_facts(mini):
    G = project(mini, "place-tree")
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 5
    assert nx.is_tree(G.to_undirected())
    chengdu = (n("place/510100"), n("place/510000"))
    assert G.edges[chengdu]["basis"] == "Background"
    assert "basis" not in G.edges[n("place/330523"), n("place/330500")]
    assert G.nodes[n("place/330523")]["admin_level"] == "CountyLevel"
    assert G.nodes[n("place/330523")]["admin_code"] == "330523"


def test_case_platform(mini):
    G = project(mini, "case-platform")
    assert classes(G) == {"Case": 4, "Platform": 4}
    assert G.number_of_edges() == 4
    assert set(G[n("case/b")]) == {n("platform/b-app"), n("platform/b-hotline")}
    assert G.nodes[n("platform/b-hotline")]["type"] == "ng:Hotline"


def test_full(mini):
    G = project(mini, "full")
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 42
    assert G.number_of_edges() == 62
    props = Counter(k for *_, k in G.edges(keys=True))
    assert props["ng:hasTheme"] == 7
    assert props["ng:partOf"] == 9
    assert props["ng:recognises"] == 4
    assert "rdf:type" not in props
    assert not any(str(x).startswith("_:") or "graph/" in str(x) for x in G)
    assert G.nodes[n("person/p1")]["class"] == "Expert"
    assert G.nodes[n("event/award")]["class"] == "AwardEvent"
    basis = [(u, v) for u, v, b in G.edges(data="basis") if b]
    assert basis == [(n("place/510100"), n("place/510000"))]


def test_case_theme_with_broader_themes(mini):
    G = project(mini, "case-theme", broader=True)
    assert G.number_of_edges() == 8
    assert set(G[n("case/c")]) == {
        n("theme/party"),
        n("theme/grassroots"),
        n("theme/party-general"),
    }
    assert G.edges[n("case/c"), n("theme/party-general")]["property"] == "ng:hasTheme/skos:broader+"
    assert n("theme/top") not in G  # the top concept would link every case


def test_case_case_with_broader_themes(mini):
    plain = project(mini, "case-case")
    G = project(mini, "case-case", broader=True)
    # C's themes grow from {party, grassroots} to {party, party-general, grassroots}
    assert G.edges[n("case/b"), n("case/c")]["jaccard"] == pytest.approx(1 / 4)
    assert plain.edges[n("case/b"), n("case/c")]["jaccard"] == pytest.approx(1 / 3)


def test_full_can_leave_out_properties(mini):
    G = project(
        mini, "full", exclude=["ng:recognises", "https://w3id.org/netgov-kg/ontology#partOf"]
    )
    keys = {k for *_, k in G.edges(keys=True)}
    assert "ng:recognises" not in keys and "ng:partOf" not in keys
    assert G.number_of_edges() == 62 - 4 - 9


def test_case_case_accepts_one_criterion_as_a_string(mini):
    G = project(mini, "case-case", by="province")
    assert G.number_of_edges() == 1


def test_the_facade_lists_and_builds(kg):
    names = [p.name for p in kg.network()]
    assert names == list(PROJECTIONS)
    G = kg.network("case-theme", lang="en")
    assert G.graph["lang"] == "en"
    assert all(d["label"] == d["label_en"] for _, d in G.nodes(data=True))


def test_platforms_of_no_particular_kind_share_no_kind():
    from rdflib import Graph

    g = Graph().parse(
        data="""
        @prefix ng: <https://w3id.org/netgov-kg/ontology#> .
        @prefix ngr: <https://w3id.org/netgov-kg/id/> .
        ngr:x a ng:Case ; ng:usesPlatform ngr:p1 .
        ngr:y a ng:Case ; ng:usesPlatform ngr:p2 .
        ngr:p1 a ng:Platform .
        ngr:p2 a ng:Platform .
        """,
        format="turtle",
    )
    assert project(g, "case-case", by=["platform-kinds"]).number_of_edges() == 0


def test_a_node_keeps_every_type(kinds):
    # a platform of two most specific kinds (as 问政银川) keeps both, not the first only
    G = project(kinds, "case-platform")
    d = G.nodes[n("platform/matrix")]
    assert d["types"] == "ng:AccountMatrix ng:Platform ng:WeiboAccount"
    assert d["kind"] == "ng:AccountMatrix ng:WeiboAccount"
    assert d["top_kind"] == "ng:SocialMediaAccount"
    assert d["class"] == "Platform"
    plain = G.nodes[n("platform/plain")]  # kind not stated: no top kind
    assert (plain["types"], plain["kind"], plain["top_kind"]) == ("ng:Platform", "ng:Platform", "")


def test_case_case_platform_kinds_count_every_kind_of_a_platform(kinds):
    # the matrix case's platform is also a Weibo account: it shares that kind with the Weibo case
    G = project(kinds, "case-case", by=["platform-kinds"])
    edge = G.edges[n("case/matrix"), n("case/weibo")]
    assert edge["shared_platform_kinds"] == ["ng:WeiboAccount"]
    assert edge["platform_jaccard"] == 0.5
    assert not G.has_edge(n("case/unstated"), n("case/none"))  # "not stated" is not a kind
