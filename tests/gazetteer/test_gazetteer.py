"""The national gazetteer: rebuilt offline it gives the shipped file; it agrees with the graph's
places; lookups by code, name, pinyin, English and path; ``add`` takes any county."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import netgov_kg
from netgov_kg.errors import AmbiguousResource, InputError, UnknownResource
from netgov_kg.gazetteer import (
    GAZETTEER_GRAPH,
    find_places,
    gazetteer_file,
    places_for,
    resolve_place,
)
from netgov_kg.namespaces import NG, NGR

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "scripts" / "build_gazetteer.py"


def _gazetteer_graph() -> Graph:
    return Graph().parse(data=gzip.decompress(gazetteer_file().read_bytes()).decode(),
                         format="turtle")


@pytest.fixture(scope="module")
def gaz() -> Graph:
    return _gazetteer_graph()


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None or not BUILD.exists(),
                    reason="needs the gazetteer-build extra and the source checkout")
def test_rebuilding_offline_gives_the_shipped_file():
    run = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr


def test_counts_levels_and_no_statistical_units(gaz):
    codes = {str(c) for c in gaz.objects(None, NG.adminCode)}
    assert 3100 < len(codes) < 3300
    levels = {lvl: sum(1 for _ in gaz.subjects(NG.adminLevel, lvl))
              for lvl in (NG.ProvinceLevel, NG.PrefectureLevel, NG.CountyLevel)}
    assert levels[NG.ProvinceLevel] == 31
    assert 330 <= levels[NG.PrefectureLevel] <= 340
    # development zones (71–79), placeholders (市辖区, 省直辖…) and city stand-ins are out
    assert not any(70 <= int(c[4:6]) <= 79 for c in codes)
    assert {"130171", "110100", "419000", "620201", "232761"}.isdisjoint(codes)
    names = {str(o) for o in gaz.objects(None, RDFS.label)}
    assert "市辖区" not in names and "省直辖县级行政区划" not in names


def test_parents_and_levels(gaz):
    part_of = NG.partOf
    # a county directly under a province has the province as parent
    assert (NGR["place/429004"], part_of, NGR["place/420000"]) in gaz  # 仙桃市
    assert (NGR["place/110105"], part_of, NGR["place/110000"]) in gaz  # 北京 朝阳区
    assert (NGR["place/510131"], part_of, NGR["place/510100"]) in gaz
    assert (NGR["place/510000"], part_of, NGR["place/china"]) in gaz
    for place, parent in gaz.subject_objects(part_of):
        if parent != NGR["place/china"]:
            assert (parent, NG.adminCode, None) in gaz, (place, parent)


def test_division_types(gaz):
    def kind(code):
        return gaz.value(NGR[f"place/{code}"], NG.divisionType)

    assert kind("510131") == NG.County and kind("510104") == NG.District
    assert kind("330782") == NG.CountyLevelCity  # 义乌市
    assert kind("500240") == NG.AutonomousCounty and kind("150121") == NG.Banner
    assert kind("513400") == NG.AutonomousPrefecture and kind("152500") == NG.League
    assert kind("429021") == NG.ForestryDistrict and kind("520203") == NG.SpecialDistrict


def test_english_names_are_marked_generated_and_pinyin_is_a_plain_literal(gaz):
    for place in gaz.subjects(NG.adminCode):
        en = [o for o in gaz.objects(place, RDFS.label) if o.language == "en"]
        assert len(en) == 1
        notes = [s for s in gaz.subjects(RDF.subject, place)
                 if gaz.value(s, RDF.predicate) == RDFS.label and gaz.value(s, RDF.object) == en[0]]
        assert len(notes) == 1 and gaz.value(notes[0], NG.basis) == NG.Background
        pinyin = gaz.value(place, NG.pinyin)
        assert isinstance(pinyin, Literal) and pinyin.language is None and pinyin.datatype is None
    names = {c: str(next(o for o in gaz.objects(NGR[f"place/{c}"], RDFS.label)
                         if o.language == "en"))
             for c in ("140400", "141024", "320116", "610100", "650100", "150100", "510131",
                       "150000", "500243", "140428")}
    assert names == {"140400": "Changzhi", "141024": "Hongtong County", "320116": "Luhe District",
                     "610100": "Xi'an", "650100": "Urumqi", "150100": "Hohhot",
                     "510131": "Pujiang County", "150000": "Inner Mongolia Autonomous Region",
                     "500243": "Pengshui Miao and Tujia Autonomous County",
                     "140428": "Zhangzi County"}


def test_every_shipped_place_agrees_with_the_gazetteer(gaz):
    kg = netgov_kg.load()
    shipped = Graph()
    for triple in kg.dataset.triples((None, None, None)):
        shipped.add(triple)
    checked = 0
    for place, code in shipped.subject_objects(NG.adminCode):
        assert place == NGR[f"place/{code}"], "the same code must mean the same IRI"
        for prop in (RDFS.label, NG.partOf, NG.adminLevel, NG.divisionType):
            assert set(shipped.objects(place, prop)) == set(gaz.objects(place, prop)), (code, prop)
        checked += 1
    assert checked == 18


def test_lookups():
    assert [p.code for p in find_places("510131")] == ["510131"]
    for text in ("蒲江县", "蒲江", "四川省成都市蒲江县", "成都蒲江"):
        assert [p.code for p in find_places(text)] == ["510131"], text
    assert [p.code for p in find_places("pujiang")] == ["330726", "510131"]
    assert [p.code for p in find_places("Chengdu")] == [p.code for p in find_places("成都")]
    assert resolve_place("西安市").name_en == "Xi'an"
    assert [p.name_en for p in find_places("urumqi")] == ["Urumqi", "Urumqi County"]
    place = resolve_place("510131")
    assert place.path() == "四川省 › 成都市 › 蒲江县"
    assert place.path("en") == "Sichuan Province › Chengdu › Pujiang County"
    with pytest.raises(AmbiguousResource) as err:
        resolve_place("朝阳区")
    assert err.value.candidates == [str(NGR["place/110105"]), str(NGR["place/220104"])]
    assert "北京市 › 朝阳区" in str(err.value) and "吉林省 › 长春市 › 朝阳区" in str(err.value)
    with pytest.raises(UnknownResource, match="蒲江县"):
        resolve_place("蒲江镇")


def test_places_for_stops_at_known_places():
    full = places_for("510131")
    assert {str(c) for c in full.objects(None, NG.adminCode)} == {"510000", "510100", "510131"}
    assert (None, RDF.type, RDF.Statement) in full  # with the generated-name notes
    part = places_for("510131", known={"510100"})
    assert {str(c) for c in part.objects(None, NG.adminCode)} == {"510131"}


def test_load_with_the_gazetteer_in_its_own_graph():
    plain = netgov_kg.load()
    kg = netgov_kg.load(gazetteer=True)
    assert len(kg) - len(plain) > 50000
    graph = kg.dataset.graph(GAZETTEER_GRAPH)
    assert (NGR["place/510131"], NG.adminCode, Literal("510131")) in graph
    assert (NGR["place/510131"], None, None) not in plain.dataset
    assert [p.code for p in kg.find_place("蒲江")] == ["510131"]


def test_cli_place(capsys):
    from netgov_kg.cli import main

    assert main(["place", "朝阳区", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "北京市 › 朝阳区" in out and "吉林省 › 长春市 › 朝阳区" in out
    assert main(["place", "no such place"]) == 1


TEMPLATE = """\
source:
  id: fictional-pujiang-source
  label: {{zh: 虚构来源：蒲江县试行“码上办”, en: "Fictional source: Pujiang tries Code-to-Do"}}
  title: {{zh: 虚构来源：蒲江县试行“码上办”}}
  publisher: fictional-pujiang-press
  date: 2026-01-15
  url: https://example.org/netgov-kg/fictional-pujiang
organisations:
  - id: fictional-pujiang-press
    type: Publisher
    label: {{zh: 虚构出版社（蒲江）, en: Fictional Press (Pujiang)}}
cases:
  - id: fictional-pujiang-case
    label: {{zh: 虚构案例：蒲江“码上办”, en: "Fictional case: Pujiang Code-to-Do"}}
    description:
      zh: 虚构的案例，用于测试地名录。
      en: A fictional case to test the gazetteer.
    start_date: 2025-03
    place: "{place}"
    themes:
      - theme: 公众参与
        quote: {{zh: 居民在线办事}}
        translation: {{en: residents get things done online}}
"""


@pytest.mark.parametrize("place", ["510131", "蒲江县", "四川省成都市蒲江县"])
def test_a_case_in_any_county_is_added_by_code_or_name(tmp_path, place):
    template = tmp_path / "case.yaml"
    template.write_text(TEMPLATE.format(place=place), encoding="utf-8")
    target = tmp_path / "extra.ttl"
    kg = netgov_kg.load()
    summary = kg.add_cases(template, into=target)
    assert summary.cases == [NGR["case/fictional-pujiang-case"]]
    assert summary.new_resources[NGR["place/510131"]] == "place"
    assert NGR["place/510100"] not in summary.new_resources
    written = Graph().parse(target)
    county = NGR["place/510131"]
    assert (NGR["case/fictional-pujiang-case"], NG.locatedIn, county) in written
    # the county is copied, its ancestors the graph already has (成都市, 四川省) are not
    assert (county, NG.partOf, NGR["place/510100"]) in written
    assert (NGR["place/510100"], None, None) not in written
    # the target and the shipped data together conform
    again = netgov_kg.load(target)
    assert again.validate().conforms


def test_a_case_in_a_province_the_graph_lacks_brings_the_ancestors(tmp_path):
    template = tmp_path / "case.yaml"
    template.write_text(TEMPLATE.format(place="350105"), encoding="utf-8")  # 福州市马尾区
    target = tmp_path / "extra.ttl"
    netgov_kg.load().add_cases(template, into=target)
    written = Graph().parse(target)
    assert {str(c) for c in written.objects(None, NG.adminCode)} == {"350000", "350100", "350105"}
    assert (URIRef(NGR["place/350000"]), NG.partOf, NGR["place/china"]) in written


def test_an_ambiguous_place_name_is_refused_with_the_paths(tmp_path):
    template = tmp_path / "case.yaml"
    template.write_text(TEMPLATE.format(place="朝阳区"), encoding="utf-8")
    with pytest.raises(AmbiguousResource) as err:
        netgov_kg.load().add_cases(template, into=tmp_path / "extra.ttl", dry_run=True)
    assert "北京市 › 朝阳区" in str(err.value) and err.value.location is not None
    assert isinstance(err.value, InputError)


@pytest.mark.slow
def test_the_data_with_the_whole_gazetteer_conforms():
    report = netgov_kg.load(gazetteer=True).validate()
    assert report.conforms and not report.results
