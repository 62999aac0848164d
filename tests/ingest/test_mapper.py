import textwrap

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from netgov_kg.errors import InputError
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.yaml_reader import read_yaml, read_yaml_text
from netgov_kg.namespaces import NG, NGR

SOURCE = "source: ngr:source/000-775a52ee8c492e26\n"


@pytest.fixture(scope="module")
def index(kg):
    return GraphIndex.build(kg.dataset)


def mapped(text, index, name="t.yaml"):
    return map_template(read_yaml_text(text, name), index)


def more(block):
    """Fields appended to the CASE record (written at any indent)."""
    return textwrap.indent(textwrap.dedent(block), "    ")


def error(text, index, name="t.yaml"):
    with pytest.raises(InputError) as err:
        mapped(text, index, name)
    return err.value


CASE = SOURCE + """\
cases:
  - id: test-case
    label: {zh: 测试案例, en: Test case}
    place: "330523"
"""


def test_example_template_maps_to_contract_terms(index, yaml_template):
    result = map_template(read_yaml(yaml_template), index)
    g = result.graph
    case = NGR["case/fictional-code-to-discuss"]
    assert result.cases == [case]
    assert (case, RDF.type, NG.Case) in g
    assert (case, NG.locatedIn, NGR["place/330523"]) in g
    assert {str(o) for o in g.objects(case, NG.hasTheme)} == {
        str(NGR["theme/public-participation"]), str(NGR["theme/grassroots-governance"])}
    for ta in g.objects(case, NG.qualifiedTheme):
        assert (ta, RDF.type, NG.ThemeAssignment) in g
        assert str(ta).startswith(str(NGR["theme-assignment/fictional-code-to-discuss/"]))
    values = {str(m): next(g.objects(o, NG.value))
              for o in g.subjects(NG.about, case) for m in g.objects(o, NG.measure)
              if m.language == "en"}
    assert values["topics received"] == Literal("12000", datatype=XSD.integer)
    assert values["completion rate"] == Literal("97.5", datatype=XSD.decimal)
    twenty = next(o for o in g.subjects(NG.about, case)
                  if (o, NG.value, Literal("20", datatype=XSD.integer)) in g)
    assert set(g.objects(twenty, NG.qualifier)) == {Literal("多", lang="zh"),
                                                    Literal("more than", lang="en")}
    # every new resource gets exactly one zh and one en label
    for s in set(g.subjects(RDF.type, None)):
        langs = sorted(o.language for o in g.objects(s, RDFS.label))
        assert langs == ["en", "zh"], s


def test_places_by_code_and_by_name_themes_by_zh_en_and_iri(index):
    text = SOURCE + textwrap.dedent("""\
    cases:
      - id: t
        label: {zh: 测试, en: Test}
        place: 安吉县
        themes:
          - {theme: 党建, quote: {zh: 甲}}
          - {theme: digital government, quote: {zh: 乙}}
          - {theme: "ngr:theme/data-governance", quote: {zh: 丙}}
    """)
    g = mapped(text, index).graph
    case = NGR["case/t"]
    assert (case, NG.locatedIn, NGR["place/330523"]) in g
    assert set(g.objects(case, NG.hasTheme)) == {
        NGR["theme/party-building"], NGR["theme/digital-government"],
        NGR["theme/data-governance"]}


def test_existing_organisation_is_reused_by_label(index, kg):
    text = CASE + more("""\
        organisations:
          - label: {zh: 腾讯, en: Tencent}
    """)
    result = mapped(text, index)
    tencent = next(iter(index.by_label("腾讯", NG.Organisation)))
    assert (NGR["case/test-case"], NG.responsibleOrganisation, tencent) in result.graph
    assert all((s, p, o) in kg.dataset for s, p, o in result.graph if s == tencent)


# -- the six kinds of bad input: each names file, line and field ----------------------------
def test_unknown_theme(index):
    err = error(CASE + "    themes: [{theme: 太空治理, quote: {zh: 甲}}]\n", index)
    loc = err.location
    assert (loc.source, loc.line, loc.field) == ("t.yaml", 6, "cases[0].themes[0].theme")
    assert "unknown theme '太空治理'" in err.message and "党建" in err.message


def test_admin_code_that_does_not_exist(index):
    err = error(CASE.replace('"330523"', '"330599"'), index)
    loc = err.location
    assert (loc.line, loc.field) == (5, "cases[0].place")
    assert "admin code 330599 does not exist" in err.message
    assert "places known to the graph" in err.message


def test_label_missing_a_language(index):
    err = error(CASE.replace("{zh: 测试案例, en: Test case}", "{zh: 测试案例}"), index)
    assert (err.location.line, err.location.field) == (4, "cases[0].label")
    assert "label missing a language: no 'en' label" in err.message


def test_duplicate_case_in_graph_by_id_and_by_label(index):
    err = error(CASE.replace("id: test-case", "id: ai-anji-app"), index)
    assert (err.location.line, err.location.field) == (3, "cases[0].id")
    assert "duplicate case" in err.message and "ngr:case/ai-anji-app" in err.message
    err = error(CASE.replace("测试案例", "成都市网络理政平台"), index)
    assert err.location.field == "cases[0].label.zh"
    assert "duplicate case" in err.message


def test_duplicate_case_within_template(index):
    text = CASE + textwrap.indent(textwrap.dedent("""\
    - id: test-case
      label: {zh: 又一个, en: Another}
      place: "330523"
    """), "  ")
    err = error(text, index)
    assert (err.location.line, err.location.field) == (6, "cases[1].id")
    assert "duplicate case" in err.message and "line 3" in err.message


def test_malformed_yaml(index):
    with pytest.raises(InputError) as err:
        read_yaml_text(CASE + "    themes: [党建\n", "m.yaml")
    assert err.value.location.source == "m.yaml"
    assert err.value.location.line == 7
    assert "malformed YAML" in err.value.message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("    place", "    plaec"), "cases[0].plaec", "unknown field 'plaec'"),
        (('"330523"', '"33052"'), "cases[0].place", "not a GB/T 2260 code"),
        (("    place", "    start_date: 2021-13\n    place"), "cases[0].start_date",
         "not a date"),
        (("{zh: 测试案例, en: Test case}", "{zh: 测试案例, en: 测试}"), "cases[0].label.en",
         "is Chinese: put it under zh"),
        (("{zh: 测试案例, en: Test case}", "{zh: 测试案例, en: T, fr: Cas}"),
         "cases[0].label.fr", "unknown language 'fr'"),
    ],
)
def test_other_mistakes_are_located(index, change, field, words):
    err = error(CASE.replace(*change), index)
    assert err.location.field == field
    assert words in err.message


def test_figure_value_that_is_not_a_number(index):
    text = CASE + more("""\
        figures:
          - measure: {zh: 数, en: count}
            value: 很多
            unit: {zh: 个, en: items}
    """)
    err = error(text, index)
    assert (err.location.line, err.location.field) == (8, "cases[0].figures[0].value")
    assert "not a number: '很多'" in err.message


def test_case_without_source(index):
    err = error(CASE.replace(SOURCE, ""), index)
    assert "needs its source document" in err.message


def test_unknown_reference_to_organisation(index):
    err = error(CASE + "    organisations: [no-such-office]\n", index)
    assert err.location.field == "cases[0].organisations[0]"
    assert "unknown organisation 'no-such-office'" in err.message


def test_type_must_be_a_kind_of_the_record(index):
    text = CASE + more("""\
        platforms:
          - label: {zh: 某平台, en: Some platform}
            type: University
    """)
    err = error(text, index)
    assert "type 'University' is not a kind of ng:Platform" in err.message


def test_iri_rules(index):
    text = CASE + more("""\
        platforms:
          - label: {zh: 某平台, en: "Some Platform (v2)!"}
          - label: {zh: 另一平台, en: Some platform v2}
    """)
    g = mapped(text, index).graph
    assert set(g.objects(NGR["case/test-case"], NG.usesPlatform)) == {
        URIRef(NGR["platform/some-platform-v2"]), URIRef(NGR["platform/some-platform-v2-2"])}
