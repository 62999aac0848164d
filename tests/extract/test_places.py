"""Places through the loaded graph: what the gazetteer adds (simulated here with its shape:
ngr:place/<code>, rdfs:label, skos:altLabel short name, ng:adminLevel, ng:partOf)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

import netgov_kg
from netgov_kg.extract.names import graph_names
from netgov_kg.namespaces import NG, NGR

PLACES = [  # code, name, short, level, parent
    ("510131", "蒲江县", "蒲江", "CountyLevel", "510100"),
    ("450300", "桂林市", "桂林", "PrefectureLevel", "450000"),
    ("450329", "资源县", "资源", "CountyLevel", "450300"),
    ("110000", "北京市", "北京", "ProvinceLevel", None),
    ("110105", "朝阳区", "朝阳", "CountyLevel", "110000"),
    ("220000", "吉林省", "吉林", "ProvinceLevel", None),
    ("220100", "长春市", "长春", "PrefectureLevel", "220000"),
    ("220104", "朝阳区", "朝阳", "CountyLevel", "220100"),
]


@pytest.fixture(scope="module")
def kg():
    kg = netgov_kg.load(store="memory")
    graph = kg.dataset.graph(NGR["graph/test-gazetteer"])
    for code, name, short, level, parent in PLACES:
        place = NGR[f"place/{code}"]
        graph.add((place, RDF.type, NG.Place))
        graph.add((place, RDFS.label, Literal(name, lang="zh")))
        graph.add((place, SKOS.altLabel, Literal(short, lang="zh")))
        graph.add((place, NG.adminCode, Literal(code)))
        graph.add((place, NG.adminLevel, URIRef(str(NG) + level)))
        graph.add((place, NG.partOf, NGR[f"place/{parent}"] if parent else NGR["place/china"]))
    graph_names(kg.dataset, refresh=True)
    return kg


def _places(kg, text):
    draft = kg.extract(text, gazetteer=False)
    return draft, {(m.text, m.place.code, m.ambiguous) for m in draft.places}


def test_a_county_with_its_parent_named_is_the_case_place(kg):
    draft, places = _places(kg, "成都市蒲江县上线“蒲江通”APP。蒲江的居民可在线议事。")
    assert ("蒲江", "510131", False) in places
    assert draft.cases[0]["place"] == "510131"
    assert "四川省 › 成都市 › 蒲江县" in draft.cases[0]["review"]


def test_a_short_county_name_alone_is_a_word(kg):
    _, places = _places(kg, "广西推动资源力量下沉。")
    assert not any(code == "450329" for _, code, _ in places)


def test_a_shared_name_is_settled_by_its_parent_or_flagged(kg):
    _, places = _places(kg, "长春市朝阳区推出社区议事平台。")
    assert ("朝阳区", "220104", False) in places
    draft, places = _places(kg, "朝阳区推出社区议事平台。")
    assert any(text == "朝阳区" and ambiguous for text, _, ambiguous in places)
    assert "110105" in draft.cases[0]["review"] and "220104" in draft.cases[0]["review"]


def test_a_university_is_not_its_place(kg):
    _, places = _places(kg, "桂林市民在吉林大学学习。")
    assert ("桂林", "450300", False) in places or ("桂林市", "450300", False) in places
    assert not any(code == "220000" for _, code, _ in places)
