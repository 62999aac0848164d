import pytest

from netgov_kg.errors import InputError
from netgov_kg.ingest.yaml_reader import read_yaml, read_yaml_text


def test_scalars_stay_strings_and_nulls_are_none():
    doc = read_yaml_text("a: 330523\nb: no\nc: 2021-12-25\nd:\ne: ''\nf: ~\n")
    assert doc.data == {"a": "330523", "b": "no", "c": "2021-12-25", "d": None, "e": "", "f": None}


def test_locations_of_nested_values():
    doc = read_yaml_text("cases:\n  - id: x\n    themes:\n      - one\n      - two\n", "f.yaml")
    loc = doc.location(("cases", 0, "themes", 1))
    assert (loc.source, loc.line, loc.column, loc.field) == ("f.yaml", 5, 9, "cases[0].themes[1]")


def test_duplicate_key_is_located():
    with pytest.raises(InputError) as err:
        read_yaml_text("cases:\n  - id: x\n    id: y\n", "d.yaml")
    loc = err.value.location
    assert (loc.line, loc.field) == (3, "cases[0].id")
    assert "written twice" in str(err.value)


def test_malformed_yaml_names_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("cases:\n  - id: x\n   label: [\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_yaml(path)
    assert err.value.location.source == str(path)
    assert err.value.location.line is not None
    assert "malformed YAML" in str(err.value)


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nb: 成都\n".encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8") as err:
        read_yaml(path)
    assert err.value.location.line == 2


def test_control_character_is_located():
    # found by the corruption property test: PyYAML refuses it before parsing starts
    with pytest.raises(InputError, match="the character U[+]0016 is not allowed") as err:
        read_yaml_text("a: 1\nb: x\x16y\n", "c.yaml")
    assert (err.value.location.line, err.value.location.column) == (2, 5)


def test_control_character_after_chinese_text_is_located_by_character():
    with pytest.raises(InputError, match="U[+]0016") as err:
        read_yaml_text("甲乙丙: 1\nb: 成都\x16\n", "c.yaml")
    assert (err.value.location.line, err.value.location.column) == (2, 6)
