"""Case × theme and case × condition matrices on the fixture graph."""

from __future__ import annotations

import pytest

from netgov_kg.errors import UnknownNameError
from netgov_kg.network.matrices import (
    NO_PLATFORM,
    NOT_STATED,
    case_condition_matrix,
    case_platform_kind_matrix,
    case_theme_matrix,
    count_condition,
    default_conditions,
    link_condition,
)
from netgov_kg.network.projections import project

NGR = "https://w3id.org/netgov-kg/id/"


def test_case_theme_matrix(mini):
    M = case_theme_matrix(project(mini, "case-theme", lang="en"))
    assert list(M.index) == ["Case A", "Case B", "Case C", "Case D"]
    assert list(M.columns) == [
        "Grassroots governance",
        "Media convergence",
        "Public services",
        "Smart Party building",
    ]
    assert M.sum(axis=1).tolist() == [3, 2, 2, 0]
    assert M.loc["Case C", "Smart Party building"] == 1
    assert M.loc["Case C", "Public services"] == 0
    assert {str(t) for t in M.dtypes} == {"int64"}


def test_case_theme_matrix_by_iri(mini):
    M = case_theme_matrix(project(mini, "case-theme"), index="iri")
    assert M.loc[NGR + "case/a", NGR + "theme/media"] == 1


def test_default_conditions(mini):
    M = case_condition_matrix(project(mini, "full", lang="en"))
    assert list(M.index) == ["Case A", "Case B", "Case C", "Case D"]
    assert M["theme: Public services"].tolist() == [1, 1, 0, 0]
    assert M["level: ng:CountyLevel"].tolist() == [1, 0, 0, 0]
    assert M["level: ng:PrefectureLevel"].tolist() == [0, 1, 1, 0]
    assert M["organisation: ng:Organisation"].tolist() == [1, 0, 0, 0]
    assert M["platforms ≥ 2"].tolist() == [0, 1, 0, 0]
    assert set(M.stack()) <= {0, 1}


def test_custom_conditions(mini):
    G = project(mini, "full")
    conditions = {
        "in 浙江": link_condition(
            ["ng:locatedIn"],
            lambda d: d["iri"] in (NGR + "place/330523", NGR + "place/330500"),
        ),
        "endorsed by a professor": lambda g, case: any(
            g.nodes[e]["class"] == "Endorsement" for e in g.predecessors(case)
        ),
        "has a platform": count_condition("ng:usesPlatform", 1),
    }
    M = case_condition_matrix(G, conditions, index="iri")
    assert list(M.columns) == list(conditions)
    assert M["in 浙江"].tolist() == [1, 1, 0, 0]
    assert M["endorsed by a professor"].tolist() == [1, 1, 1, 1]
    assert M["has a platform"].tolist() == [1, 1, 1, 0]


def test_link_condition_along_a_path(mini):
    G = project(mini, "full")
    in_a_county = link_condition(
        ["ng:locatedIn", "ng:adminLevel"], lambda d: d["iri"].endswith("#CountyLevel")
    )
    assert in_a_county(G, NGR + "case/a") is True
    assert in_a_county(G, NGR + "case/b") is False
    assert in_a_county(G, NGR + "case/d") is False


@pytest.mark.parametrize("name", ["theme", "level", "organisation"])
def test_default_conditions_cover_each_kind(mini, name):
    assert any(c.startswith(name + ": ") for c in default_conditions(project(mini, "full")))


NG = "https://w3id.org/netgov-kg/ontology#"


def test_kind_not_stated_is_not_no_platform(kinds):
    M = case_platform_kind_matrix(kinds, index="iri")
    assert list(M.columns) == [NG + "AccountMatrix", NG + "WeiboAccount", NOT_STATED, NO_PLATFORM]
    assert M.loc[NGR + "case/matrix"].tolist() == [1, 1, 0, 0]  # both kinds of one platform
    assert M.loc[NGR + "case/weibo"].tolist() == [0, 1, 0, 0]
    assert M.loc[NGR + "case/unstated"].tolist() == [0, 0, 1, 0]  # a platform, kind not stated
    assert M.loc[NGR + "case/none"].tolist() == [0, 0, 0, 1]  # no platform at all
    top = case_platform_kind_matrix(kinds, index="iri", level="top")
    assert top[NG + "SocialMediaAccount"].tolist() == [1, 0, 0, 1]  # rows sorted by IRI
    assert list(top.index) == [NGR + f"case/{c}" for c in ("matrix", "none", "unstated", "weibo")]


def test_platform_kind_matrix_labels(kinds):
    M = case_platform_kind_matrix(kinds, lang="en")
    assert M.loc["No-platform case", NO_PLATFORM] == 1
    assert M.loc["Unstated case", NOT_STATED] == 1
    assert {str(t) for t in M.dtypes} == {"int64"}


@pytest.mark.parametrize("option", [{"index": "curie"}, {"level": "middle"}, {"lang": "fr"}])
def test_platform_kind_matrix_refuses_unknown_options(kinds, option):
    with pytest.raises(UnknownNameError, match=f"unknown {next(iter(option))}"):
        case_platform_kind_matrix(kinds, **option)
