"""Case similarity on the fixture graph, checked against hand-counted shared themes."""

from __future__ import annotations

import math

import pytest

from netgov_kg.errors import AmbiguousResource, UnknownNameError, UnknownResource
from netgov_kg.network.projections import project
from netgov_kg.network.similarity import (
    most_similar_pairs,
    pair_scores,
    resolve_case,
    score,
    similar_cases,
    similarity_matrix,
)

NGR = "https://w3id.org/netgov-kg/id/"


@pytest.fixture()
def G(mini):
    return project(mini, "case-theme", lang="zh")


def test_similar_cases_of_a(G):
    found = similar_cases(G, "ngr:case/a", k=5)
    assert [(s.case, s.label) for s in found] == [
        (NGR + "case/b", "乙案例"),
        (NGR + "case/c", "丙案例"),
    ]
    assert found[0].score == pytest.approx(2 / 3)
    assert found[0].shared_themes == ("便民服务", "基层治理")
    assert found[0].shared_iris == (NGR + "theme/service", NGR + "theme/grassroots")
    assert found[1].score == pytest.approx(1 / 4)
    assert found[1].shared_themes == ("基层治理",)


def test_k_limits_and_cases_without_shared_themes_are_left_out(G):
    assert len(similar_cases(G, "甲案例", k=1)) == 1
    assert similar_cases(G, "Case D") == []


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("jaccard", 2 / 3), ("overlap", 1.0), ("cosine", 2 / math.sqrt(6))],
)
def test_measures(G, measure, expected):
    assert similar_cases(G, "case a", measure=measure)[0].score == pytest.approx(expected)


def test_removing_a_theme_changes_similarity_as_it_should(G):
    before = {s.case: s.score for s in similar_cases(G, "ngr:case/a")}
    H = G.copy()
    H.remove_node(NGR + "theme/grassroots")
    after = {s.case: s.score for s in similar_cases(H, "ngr:case/a")}
    # A-B shared {service, grassroots} of {service, grassroots, media}: now {service} of
    # {service, media}; A-C shared only grassroots, so C is no longer similar at all
    assert before[NGR + "case/b"] == pytest.approx(2 / 3)
    assert after == {NGR + "case/b": pytest.approx(1 / 2)}
    # removing a theme nobody else has (media) raises A-B: 2/3 -> 2/2
    H2 = G.copy()
    H2.remove_node(NGR + "theme/media")
    assert similar_cases(H2, "ngr:case/a")[0].score == 1.0


def test_resolve_case_by_iri_curie_and_labels(G):
    a = NGR + "case/a"
    assert resolve_case(G, a) == resolve_case(G, "ngr:case/a") == a
    assert resolve_case(G, "甲案例") == resolve_case(G, "CASE A") == a


def test_resolve_case_folds_labels_as_lookup_does(G):
    # one rule for "the same label" (netgov_kg.query.labels.fold): invisible characters,
    # full-width forms and spaces do not count
    a = NGR + "case/a"
    assert resolve_case(G, "甲\u200b案例") == resolve_case(G, "ＣＡＳＥ\u202eA") == a


def test_unknown_and_ambiguous_cases(G):
    # one error type for unknown, one for ambiguous, as every entry point (netgov_kg.terms)
    with pytest.raises(UnknownResource, match="no case is labelled 'Case Q'.*did you mean"):
        similar_cases(G, "Case Q")
    with pytest.raises(AmbiguousResource, match="matches 4 cases") as info:
        similar_cases(G, "案例")
    assert len(info.value.candidates) == 4
    with pytest.raises(UnknownResource, match="no case"):
        similar_cases(G, "ngr:theme/media")  # a theme is not a case


def test_bad_k_and_measure(G):
    with pytest.raises(ValueError, match="k must be at least 1"):
        similar_cases(G, "甲案例", k=0)
    with pytest.raises(UnknownNameError, match="unknown similarity measure"):
        similar_cases(G, "甲案例", measure="dice")


def test_most_similar_pairs(G):
    pairs = most_similar_pairs(G, k=3)
    assert [(p.label_a, p.label_b) for p in pairs] == [
        ("甲案例", "乙案例"),
        ("乙案例", "丙案例"),
        ("甲案例", "丙案例"),
    ]
    assert [p.score for p in pairs] == pytest.approx([2 / 3, 1 / 3, 1 / 4])


def test_similarity_matrix_is_symmetric(G):
    M = similarity_matrix(G)
    assert (M.values == M.values.T).all()
    assert M.loc["甲案例", "乙案例"] == pytest.approx(2 / 3)
    assert M.loc["丁案例", "甲案例"] == 0.0
    assert M.loc["丁案例", "丁案例"] == 1.0


def test_pair_scores_and_score_agree():
    sets = {"x": {1, 2, 3}, "y": {2, 3}, "z": {9}}
    [(a, b, shared, jac, ovl)] = list(pair_scores(sets))
    assert (a, b, shared) == ("x", "y", {2, 3})
    assert jac == score(sets["x"], sets["y"]) == pytest.approx(2 / 3)
    assert ovl == score(sets["x"], sets["y"], "overlap") == 1.0


def test_facade_forwards_measure_and_broader(kg):
    plain = kg.similar_cases("胶东在线", k=3)
    assert plain == kg.similar_cases("ngr:case/jiaodong-online", k=3, measure="jaccard")
    overlap = kg.similar_cases("胶东在线", k=3, measure="overlap")
    assert all(o.score >= 0 for o in overlap)
    wider = kg.similar_cases("胶东在线", k=10, broader=True)
    G = kg.network("case-theme", broader=True)
    assert wider == similar_cases(G, "胶东在线", k=10)
    assert len(wider) >= len(kg.similar_cases("胶东在线", k=10))
