"""Labels: one folding rule (NFKC, case, no invisible characters) for ingest and lookup.

A zero-width space or a bidi mark must not make a second 胶东在线; control characters and bidi
controls are refused where they are written; two records of one kind may not share a label.
"""

from __future__ import annotations

import pytest

from netgov_kg.errors import InputError
from netgov_kg.ingest.csv_reader import read_csv_text
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.yaml_reader import read_yaml_text
from netgov_kg.namespaces import NG, NGR
from netgov_kg.query.labels import fold

SOURCE = "source: ngr:source/000-775a52ee8c492e26\n"
JIAODONG = NGR["case/jiaodong-online"]


@pytest.fixture(scope="module")
def index(kg):
    return GraphIndex.build(kg.dataset)


def case(label_zh: str, label_en: str = "Test case", case_id: str = "test-case") -> str:
    return (f'  - id: {case_id}\n    label: {{zh: "{label_zh}", en: "{label_en}"}}\n'
            '    place: "330523"\n')


def refused(text, index, name="t.yaml"):
    with pytest.raises(InputError) as err:
        map_template(read_yaml_text(text, name), index)
    return err.value


@pytest.mark.parametrize("a, b", [
    ("胶东\u200b在线", "胶东在线"),        # zero-width space
    ("胶东\u200d在线\ufeff", "胶东在线"),  # zero-width joiner, byte-order mark
    ("\u202e胶东在线\u202c", "胶东在线"),  # bidi override and pop
    ("胶东在线\u2069", "胶东在线"),         # bidi isolate
    ("ＪＩＡＯＤＯＮＧ Online", "jiaodong online"),  # full-width, case, spaces
    ("“胶东在线”", '"胶东在线"'),           # quotation marks
])
def test_fold_makes_them_equal(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("胶东在线", "胶东在线网"), ("Jiaodong", "Jiaodong2")])
def test_fold_keeps_different_labels_apart(a, b):
    assert fold(a) != fold(b)


@pytest.mark.parametrize("hidden", [
    "胶东\u200b在线", "胶东\u2060在线", "ＪＩＡＯＤＯＮＧ ＯＮＬＩＮＥ"])
def test_hidden_characters_do_not_defeat_duplicate_detection(index, hidden):
    zh, en = (hidden, "Another") if "胶" in hidden else ("另一个", hidden)
    err = refused(SOURCE + "cases:\n" + case(zh, en), index)
    assert "duplicate case" in err.message and str(JIAODONG) in err.message
    assert err.location.field in ("cases[0].label.zh", "cases[0].label.en")


def test_the_existing_platform_is_reused_despite_a_zero_width_space(index, kg):
    platform = next(iter(index.by_label("胶东在线", NG.Platform)), None)
    if platform is None:  # the data names the case's platform another way: use any platform
        platform = index.instances(NG.Platform)[0]
    name = index.name(platform, "zh")
    hidden = name[:1] + "\u200b" + name[1:]
    text = SOURCE + "cases:\n" + case("测试案例") + (
        f'    platforms:\n      - label: {{zh: "{hidden}", en: "x"}}\n')
    result = map_template(read_yaml_text(text, "t.yaml"), index)
    assert (NGR["case/test-case"], NG.usesPlatform, platform) in result.graph


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200f"])
def test_bidi_controls_are_refused_in_labels(index, char):
    err = refused(SOURCE + "cases:\n" + case(f"测试{char}案例"), index)
    assert err.location.field == "cases[0].label.zh"
    assert f"bidi control U+{ord(char):04X} (character 3)" in err.message


def test_bidi_controls_are_refused_in_other_values(index):
    text = SOURCE + "cases:\n" + case("测试案例") + (
        '    description: {zh: "描述\u202e述描", en: "A description"}\n')
    err = refused(text, index)
    assert err.location.field == "cases[0].description.zh"
    assert "bidi control U+202E" in err.message


def test_nul_in_a_csv_cell_is_refused_with_line_and_column(index):
    text = ("record,case,id,label_zh,label_en,code\n"
            "source,,src-x,来源,Source,\n"
            "case,demo,,示例\x00案例,Example,330523\n")
    with pytest.raises(InputError) as err:
        map_template(read_csv_text(text, "t.csv"), index)
    loc = err.value.location
    assert (loc.source, loc.line, loc.column, loc.field) == ("t.csv", 3, 4, "label_zh")
    assert "control character U+0000 (character 3)" in err.value.message


@pytest.mark.parametrize("escape, code", [("\\a", 7), ("\\e", 0x1B), ("\\x85", 0x85),
                                          ("\\0", 0)])
def test_control_characters_are_refused(index, escape, code):
    # written as YAML escapes: the YAML reader itself refuses most raw control characters
    text = SOURCE + "cases:\n" + case("测试案例") + (
        f'    description: {{zh: "描述{escape}", en: "A description"}}\n')
    err = refused(text, index)
    assert err.location.field == "cases[0].description.zh"
    assert f"control character U+{code:04X} (character 3)" in err.message


def test_line_breaks_and_tabs_stay_allowed_in_texts_not_in_labels(index):
    text = SOURCE + "cases:\n" + case("测试案例") + (
        '    description: {zh: "第一段\\n\\t第二段", en: "One.\\nTwo."}\n')
    map_template(read_yaml_text(text, "t.yaml"), index)
    err = refused(SOURCE + "cases:\n" + case("测试\\n案例"), index)
    assert "control character U+000A" in err.message


def test_two_cases_with_one_label_in_one_file(index):
    text = SOURCE + "cases:\n" + case("测试案例") + case("测试\u200b案例", "Other", "other-case")
    err = refused(text, index)
    assert (err.location.line, err.location.field) == (7, "cases[1].label.zh")
    assert "duplicate case: the label" in err.message and "line 3" in err.message


def test_two_organisations_with_one_english_label_in_one_file(index):
    text = SOURCE + "cases:\n" + case("测试案例") + (
        "    organisations:\n"
        "      - {id: org-a, label: {zh: 甲机构, en: Example Bureau}}\n"
        "      - {id: org-b, label: {zh: 乙机构, en: example  bureau}}\n")
    err = refused(text, index)
    assert err.location.field == "cases[0].organisations[1].label.en"
    assert "duplicate organisation" in err.message


def test_same_label_for_different_kinds_is_fine(index):
    text = SOURCE + "cases:\n" + case("测试平台案例") + (
        "    platforms:\n      - {id: p, label: {zh: 测试平台案例, en: Test case}}\n")
    result = map_template(read_yaml_text(text, "t.yaml"), index)
    assert result.cases == [NGR["case/test-case"]]


def test_lookup_finds_despite_hidden_characters(kg):
    assert kg.describe("胶东\u200b在线").iri == JIAODONG
    assert kg.describe("\u202e胶东在线").iri == JIAODONG
    assert JIAODONG in {h["resource"] for h in kg.find("ＪＩＡＯＤＯＮＧ online")}
