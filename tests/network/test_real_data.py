"""The projections of the shipped data, checked against answers counted by hand from the
source article (/work/shared/sources/000_775a52ee8c492e26.txt) — not against the data."""

from __future__ import annotations

import networkx as nx
import pytest

from netgov_kg.network.communities import detect
from netgov_kg.network.projections import project
from netgov_kg.network.similarity import most_similar_pairs, score, similar_cases

#: The ten cases as the article lists them.
CASES = {
    "“爱安吉”APP",
    "成都市网络理政平台",
    "广西北海智慧党建",
    "胶东在线",
    "宁波市鄞州区网络界联合会",
    "上海“一网通办”",
    "上海市宝山区“社区通”",
    "深圳市智慧党建",
    "腾讯为村",
    "银川市政务微博矩阵",
}
#: Expert → the case each recommends (one 推荐语 per case).
ENDORSED = {
    "张志安": "“爱安吉”APP",
    "陈涛": "成都市网络理政平台",
    "卢家银": "广西北海智慧党建",
    "邓兆安": "胶东在线",
    "王少辉": "宁波市鄞州区网络界联合会",
    "郑磊": "上海“一网通办”",
    "黄晓春": "上海市宝山区“社区通”",
    "郑长忠": "深圳市智慧党建",
    "郑跃平": "腾讯为村",
    "侯锷": "银川市政务微博矩阵",
}


def by_label(G: nx.Graph, label: str, cls: str | None = None) -> str:
    found = [
        n
        for n, d in G.nodes(data=True)
        if label in (d.get("label_zh"), d.get("label_en")) and (cls is None or d["class"] == cls)
    ]
    assert len(found) == 1, (label, found)
    return found[0]


def labels(G: nx.Graph, nodes, cls: str | None = None) -> set[str]:
    return {G.nodes[n]["label_zh"] for n in nodes if cls is None or G.nodes[n]["class"] == cls}


@pytest.fixture(scope="module")
def experts(real):
    return project(real, "expert-institution")


def test_case_theme_has_the_ten_cases(real):
    G = project(real, "case-theme")
    cases = [n for n, c in G.nodes(data="class") if c == "Case"]
    assert len(cases) == 10
    assert labels(G, cases) == CASES
    assert all(G.degree(c) > 0 for c in cases)  # every case has a theme
    assert nx.is_bipartite(G)


def test_sun_yat_sen_university_links_three_experts(experts):
    # 张志安 (传播与设计学院; 粤港澳发展研究院), 卢家银 (传播与设计学院), 郑跃平 (数字治理研究中心)
    sysu = by_label(experts, "中山大学")
    assert labels(experts, nx.ancestors(experts, sysu), "Expert") == {"张志安", "卢家银", "郑跃平"}
    units = labels(experts, experts.predecessors(sysu))
    assert units == {
        "中山大学传播与设计学院",
        "中山大学粤港澳发展研究院",
        "中山大学数字治理研究中心",
    }


def test_fudan_links_two_experts(experts):
    # 郑磊 (国际关系与公共事务学院), 郑长忠 (政党建设与国家发展研究中心); 沈国麟 endorsed no case
    fudan = by_label(experts, "复旦大学")
    assert labels(experts, nx.ancestors(experts, fudan), "Expert") == {"郑磊", "郑长忠"}


def test_each_expert_endorsed_the_case_the_article_says(experts):
    got = {}
    for u, v, p in experts.edges(data="property"):
        if p == "^ng:endorser/ng:endorsedCase":
            got.setdefault(experts.nodes[u]["label_zh"], []).append(experts.nodes[v]["label_zh"])
    assert got == {e: [c] for e, c in ENDORSED.items()}


def test_experts_with_two_units(experts):
    # 张志安, 郑长忠 and 郑磊 (学院 and 实验室) name two units each; 侯锷 an institute and its
    # sub-institute; 王少辉 holds two posts in one 系
    two = {
        experts.nodes[e]["label_zh"]
        for e, c in experts.nodes(data="class")
        if c == "Expert"
        and sum(1 for _, _, p in experts.out_edges(e, data="property") if p == "ng:affiliation")
        == 2
    }
    assert two == {"张志安", "郑长忠", "郑磊", "侯锷"}
    zhang = by_label(experts, "张志安")
    school = by_label(experts, "中山大学传播与设计学院")
    assert experts.edges[zhang, school]["title_zh"] == "教授"
    wang = by_label(experts, "王少辉")
    (dept,) = [v for v in experts.successors(wang) if experts.nodes[v]["class"] != "Case"]
    assert set(experts.edges[wang, dept]["title_zh"].split("、")) == {"副主任", "副教授"}


def test_case_platform_counts(real):
    G = project(real, "case-platform")
    # 成都: the platform itself and its six channels (网络信箱、网络论坛、12345、APP、微信、微博)
    assert G.degree(by_label(G, "成都市网络理政平台", "Case")) == 7
    # 北海: the four platforms 农事网通、阳光红页、党建e网通、北海e眼
    beihai = by_label(G, "广西北海智慧党建", "Case")
    assert labels(G, G[beihai]) == {"农事网通", "阳光红页", "党建e网通", "北海e眼"}


def test_place_tree_chains(real):
    G = project(real, "place-tree")
    assert nx.is_directed_acyclic_graph(G)

    def chain(label):
        node, out = by_label(G, label), [label]
        while list(G.successors(node)):
            (node,) = G.successors(node)
            out.append(G.nodes[node]["label_zh"])
        return out

    assert chain("安吉县") == ["安吉县", "湖州市", "浙江省", "中国"]
    assert chain("鄞州区") == ["鄞州区", "宁波市", "浙江省", "中国"]
    assert chain("宝山区") == ["宝山区", "上海市", "中国"]
    # the article names 成都市 but not 四川省: that link is background knowledge
    chengdu = by_label(G, "成都市")
    (sichuan,) = G.successors(chengdu)
    assert G.edges[chengdu, sichuan]["basis"] == "Background"


def test_same_province_pairs(real):
    # 浙江: 爱安吉 (安吉县) and 鄞州区; 上海: 一网通办 and 宝山 — no other two cases share one
    G = project(real, "case-case", by=["province"])
    pairs = {frozenset((G.nodes[u]["label_zh"], G.nodes[v]["label_zh"])) for u, v in G.edges}
    assert pairs == {
        frozenset({"“爱安吉”APP", "宁波市鄞州区网络界联合会"}),
        frozenset({"上海“一网通办”", "上海市宝山区“社区通”"}),
    }


def test_organisation_tree_units_of_universities(real):
    G = project(real, "organisation-tree")
    fudan = by_label(G, "复旦大学")
    assert {"复旦大学新闻学院", "复旦发展研究院", "复旦大学国际关系与公共事务学院"} <= labels(
        G, G.predecessors(fudan)
    )
    assert nx.is_directed_acyclic_graph(G)


def test_full_holds_the_award_and_every_theme_link(real):
    G = project(real, "full")
    award = [n for n, c in G.nodes(data="class") if c == "AwardEvent"]
    assert len(award) == 1
    recognised = [v for _, v, k in G.out_edges(award[0], keys=True) if k == "ng:recognises"]
    assert labels(G, recognised) == CASES
    theme_links = sum(1 for *_, k in G.edges(keys=True) if k == "ng:hasTheme")
    assert theme_links == project(real, "case-theme").number_of_edges()


def test_similarity_agrees_with_the_themes_queried_directly(kg):
    G = project(kg.dataset, "case-theme")
    rows = kg.query("SELECT ?c ?t WHERE { ?c a ng:Case ; ng:hasTheme ?t }")
    themes: dict[str, set[str]] = {}
    for row in rows:
        themes.setdefault(str(row["c"]), set()).add(str(row["t"]))
    for case in themes:
        for s in similar_cases(G, case, k=10):
            assert s.score == pytest.approx(score(themes[case], themes[s.case]))
            assert set(s.shared_iris) == themes[case] & themes[s.case]


def test_removing_a_shared_theme_lowers_the_top_pair_as_it_should(real):
    G = project(real, "case-theme")
    top = most_similar_pairs(G, k=1)[0]
    a, b = set(G[top.a]), set(G[top.b])
    theme = top.shared_iris[0]
    H = G.copy()
    H.remove_node(theme)
    expected = (len(a & b) - 1) / (len(a | b) - 1)
    after = {s.case: s.score for s in similar_cases(H, top.a, k=10)}
    assert after.get(top.b, 0.0) == pytest.approx(expected)
    assert after.get(top.b, 0.0) < top.score


def test_removing_a_theme_only_one_case_has_raises_its_scores(real):
    G = project(real, "case-theme")
    # a theme held by one case only, of a case that has other themes and similar cases
    case, theme = next(
        (c, t)
        for t, d in G.nodes(data=True)
        if d["class"] == "Theme" and G.degree(t) == 1
        for c in G[t]
        if G.degree(c) > 1 and similar_cases(G, c)
    )
    before = {s.case: s.score for s in similar_cases(G, case, k=10)}
    H = G.copy()
    H.remove_node(theme)
    after = {s.case: s.score for s in similar_cases(H, case, k=10)}
    assert set(after) == set(before)
    assert all(after[c] > before[c] for c in before)


def test_communities_cover_every_case(real):
    G = project(real, "case-case")
    for method in ("louvain", "greedy"):
        part = detect(G, method)
        assert set().union(*part.communities) == set(G)
        assert -0.5 <= part.modularity <= 1


# -- every type, and the matrices against the named queries, on both stores -----------------
NGR = "https://w3id.org/netgov-kg/id/"
NG = "https://w3id.org/netgov-kg/ontology#"
YINCHUAN = NGR + "case/yinchuan-weibo-matrix"


def test_wenzheng_yinchuan_keeps_both_types(any_kg):
    # 问政银川 is an account matrix and a Weibo account (the article: 政务微博矩阵, 问政银川)
    G = any_kg.network("case-platform")
    d = G.nodes[NGR + "platform/wenzheng-yinchuan"]
    assert d["label_zh"] == "问政银川"
    assert set(d["types"].split()) >= {"ng:AccountMatrix", "ng:WeiboAccount"}
    assert d["kind"] == "ng:AccountMatrix ng:WeiboAccount"
    assert d["top_kind"] == "ng:SocialMediaAccount"


@pytest.mark.parametrize("level, column", [("specific", "specific_kind"), ("top", "kind")])
def test_every_platform_kind_cell_is_the_named_query(any_kg, level, column):
    from netgov_kg.network.matrices import NO_PLATFORM, NOT_STATED, case_platform_kind_matrix

    M = case_platform_kind_matrix(any_kg, index="iri", level=level)
    rows = [r for r in any_kg.run("platforms-by-kind") if r["case"] is not None]
    held = {(str(r["case"]), str(r[column])) for r in rows}
    cases = {str(r["case"]) for r in any_kg.run("cases")}
    assert set(M.index) == cases and len(M.index) == 10
    kinds = {k for _, k in held} - {NG + "Platform"}
    assert set(M.columns) == kinds | {NOT_STATED, NO_PLATFORM}
    for case in M.index:
        for kind in kinds:
            assert M.loc[case, kind] == int((case, kind) in held), (case, kind)
        assert M.loc[case, NOT_STATED] == int((case, NG + "Platform") in held), case
        assert M.loc[case, NO_PLATFORM] == int(not any(c == case for c, _ in held)), case
    if level == "specific":  # 银川 has a Weibo account, as platforms-by-kind says
        assert M.loc[YINCHUAN, NG + "WeiboAccount"] == M.loc[YINCHUAN, NG + "AccountMatrix"] == 1
    # 鄞州 uses no platform; 腾讯为村 uses one whose kind the article does not state
    assert M.loc[NGR + "case/yinzhou-internet-federation", NO_PLATFORM] == 1
    assert M.loc[NGR + "case/tencent-weicun", NOT_STATED] == 1
    assert M.loc[NGR + "case/tencent-weicun", NO_PLATFORM] == 0


def test_every_case_theme_cell_is_the_named_query(any_kg):
    from netgov_kg.network.matrices import case_theme_matrix

    M = case_theme_matrix(any_kg.network("case-theme"), index="iri")
    assert len(M.index) == 10
    themes = {str(r["theme"]) for r in any_kg.query("SELECT ?theme WHERE { ?theme a ng:Theme }")}
    assert set(M.columns) <= themes
    pairs = {(str(r["case"]), str(r["theme"])) for r in any_kg.run("case-themes")}
    for theme in themes:
        named = {str(r["case"]) for r in any_kg.run("cases-by-theme", theme=theme)}
        in_matrix = set(M.index[M[theme] == 1]) if theme in M.columns else set()
        assert in_matrix == named == {c for c, t in pairs if t == theme}, theme
    for case in M.index:  # and row by row, with the case as the parameter
        named = {str(r["theme"]) for r in any_kg.run("case-themes", case=case)}
        assert set(M.columns[M.loc[case] == 1]) == named, case


def test_matrices_are_the_same_on_both_stores(kg, oxigraph_kg):
    from netgov_kg.network.matrices import case_platform_kind_matrix, case_theme_matrix

    for level in ("specific", "top"):
        assert case_platform_kind_matrix(kg, level=level).equals(
            case_platform_kind_matrix(oxigraph_kg, level=level)
        )
    assert case_theme_matrix(kg.network("case-theme")).equals(
        case_theme_matrix(oxigraph_kg.network("case-theme"))
    )


def test_platforms_by_kind_lists_platforms_of_no_stated_kind(any_kg):
    rows = list(any_kg.run("platforms-by-kind"))
    unstated = {str(r["platform"]) for r in rows if str(r["kind"]) == NG + "Platform"}
    assert NGR + "platform/tencent-weicun" in unstated  # 腾讯为村: the article names no kind
    of_unstated = [r for r in rows if str(r["platform"]) in unstated]
    assert {str(r["specific_kind"]) for r in of_unstated} == {NG + "Platform"}
    stated = {str(r["platform"]) for r in rows} - unstated
    assert not unstated & stated  # a platform of a stated kind never shows as "not stated"
    assert {str(r["platform"]) for r in any_kg.run("platforms-by-kind", kind="ng:Platform")} == (
        unstated
    )
    social = list(any_kg.run("platforms-by-kind", kind="ng:SocialMediaAccount"))
    assert {str(r["kind"]) for r in social} == {NG + "SocialMediaAccount"}
    yinchuan = {str(r["specific_kind"]) for r in social if str(r["case"]) == YINCHUAN}
    assert yinchuan == {NG + "AccountMatrix", NG + "WeiboAccount"}


def test_platforms_by_kind_rows_are_the_same_on_both_stores(kg, oxigraph_kg):
    def rows(g):
        return sorted(tuple(str(v) for v in r) for r in g.run("platforms-by-kind"))

    assert rows(kg) == rows(oxigraph_kg)
