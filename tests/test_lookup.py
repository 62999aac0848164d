"""kg.find and kg.describe: label substrings in zh and en; IRIs, CURIEs and labels."""

from __future__ import annotations

import pytest

import netgov_kg
from netgov_kg.errors import InputError, UnknownNameError
from netgov_kg.namespaces import NG, NGR


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def mini(request, fixtures_dir):
    return netgov_kg.load(fixtures_dir / "mini.ttl", store=request.param, include_data=False)


def test_find_by_zh_substring_exact_first(mini):
    hits = mini.find("一网通办")
    assert [h["resource"] for h in hits][:2] == [
        NGR["case/shanghai-one-network"],  # its alternative label is exactly 一网通办
        NGR["obs/shanghai-cases-handled"],
    ]
    assert hits[0]["type"] == NG.Case


def test_find_by_en_substring_ignores_case(mini):
    hits = mini.find("CHENGDU")
    assert {h["resource"] for h in hits} == {NGR["place/510100"], NGR["case/chengdu-platform"]}


def test_find_shows_labels_in_the_chosen_language(mini):
    hits = mini.find("chengdu", lang="zh", cls=NG.Case)
    assert [str(h["label"]) for h in hits] == ["成都市网络理政平台"]


def test_find_nothing_is_empty(mini):
    assert len(mini.find("no such thing")) == 0


def test_describe_by_label_iri_and_curie(mini):
    by_label = mini.describe("成都市")
    by_curie = mini.describe("ngr:place/510100")
    by_iri = mini.describe(str(NGR["place/510100"]))
    assert by_label.iri == by_curie.iri == by_iri.iri == NGR["place/510100"]
    assert by_label.labels == {"zh": "成都市", "en": "Chengdu"}
    assert (NG.partOf, NGR["place/510000"]) in by_label.outgoing
    assert (NGR["case/chengdu-platform"], NG.locatedIn) in by_label.incoming
    text = str(by_label)
    assert "成都市网络理政平台" in text and "四川省" in text


def test_describe_unknown_and_ambiguous(mini):
    with pytest.raises(UnknownNameError):
        mini.describe("ngr:case/no-such-case")
    with pytest.raises(InputError, match="matches"):
        mini.describe("市")


def test_a_case_wins_over_its_namesake_platform(kg):
    hits = {
        h["resource"]
        for h in kg.find("成都市网络理政平台")
        if str(h["matched"]) == "成都市网络理政平台"
    }
    assert len(hits) == 2  # the case and its platform share the name
    assert kg.describe("成都市网络理政平台").iri == NGR["case/chengdu-network-governance-platform"]


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def full(request):
    return netgov_kg.load(store=request.param)


def test_find_shows_every_type_and_the_most_specific_kind(full):
    """问政银川 is both an account matrix and a Weibo account (issue 12): find shows both."""
    hits = [h for h in full.find("问政银川") if h["resource"] == NGR["platform/wenzheng-yinchuan"]]
    assert len(hits) == 1
    hit = hits[0]
    assert str(hit["types"]) == "ng:AccountMatrix ng:Platform ng:WeiboAccount"
    assert str(hit["kind"]) == "ng:AccountMatrix ng:WeiboAccount"
    assert hit["type"] == NG.AccountMatrix  # the first of the kind, as before


def test_find_types_agree_with_the_network_annotator_and_across_stores(full):
    from netgov_kg.network._rdf import Annotator

    annotate = Annotator(full.dataset)
    rows = full.find("成都")
    assert len(rows) > 5
    for row in rows:
        attrs = annotate(row["resource"])
        assert (str(row["types"] or ""), str(row["kind"] or "")) == (attrs["types"], attrs["kind"])
    memory = netgov_kg.load(store="memory").find("成都")
    assert [tuple(map(str, r)) for r in rows] == [tuple(map(str, r)) for r in memory]
