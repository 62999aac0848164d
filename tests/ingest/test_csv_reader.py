import pytest

from netgov_kg.errors import InputError
from netgov_kg.ingest.csv_reader import COLUMNS, read_csv, read_csv_text

HEADER = ",".join(COLUMNS) + "\n"


def row(**cells):
    return ",".join(cells.get(c, "") for c in COLUMNS) + "\n"


def test_example_template_reads(csv_template):
    doc = read_csv(csv_template)
    case = doc.data["cases"][0]
    assert case["id"] == "fictional-code-to-discuss"
    assert case["place"] == "330523"
    assert [t["theme"] for t in case["themes"]] == ["公众参与", "grassroots governance"]
    assert case["endorsements"][0]["expert"]["posts"][0]["title"] == {"zh": "教授",
                                                                      "en": "Professor"}
    assert len(case["figures"]) == 3


def test_cell_in_wrong_column_names_row_column_and_field():
    text = HEADER + row(record="case", case="c1", label_zh="甲", label_en="A") + row(
        record="theme", case="c1", ref="党建", unit_zh="件")
    with pytest.raises(InputError) as err:
        read_csv_text(text, "w.csv")
    loc = err.value.location
    assert (loc.source, loc.line, loc.column, loc.field) == (
        "w.csv", 3, COLUMNS.index("unit_zh") + 1, "unit_zh")
    assert "cell in the wrong column" in str(err.value)
    assert "'theme' row does not use column 'unit_zh'" in str(err.value)


def test_unknown_record_and_column():
    with pytest.raises(InputError, match="unknown record 'cas'"):
        read_csv_text(HEADER + row(record="cas", case="c1"), "r.csv")
    with pytest.raises(InputError, match="unknown column 'colour'") as err:
        read_csv_text("record,colour\n", "r.csv")
    assert (err.value.location.line, err.value.location.column) == (1, 2)


def test_duplicate_case_row():
    text = HEADER + row(record="case", case="c1") + row(record="case", case="c1")
    with pytest.raises(InputError, match="duplicate case") as err:
        read_csv_text(text, "d.csv")
    assert err.value.location.line == 3


def test_row_for_a_missing_case():
    with pytest.raises(InputError, match="no 'case' row for case 'nope'"):
        read_csv_text(HEADER + row(record="theme", case="nope", ref="党建"), "m.csv")


def test_comments_and_blank_rows_are_skipped_and_lines_counted():
    text = (HEADER + row(record="# a comment, with a comma") + "\n"
            + row(record="case", case="c1", label_zh="甲"))
    doc = read_csv_text(text, "c.csv")
    assert doc.data["cases"][0]["label"] == {"zh": "甲"}
    assert doc.location(("cases", 0, "label", "zh")).line == 4


def test_quoted_newline_keeps_line_numbers():
    text = HEADER + row(record="case", case="c1", text_zh='"一行\n两行"') + row(
        record="theme", case="c1", ref="党建", url="x")
    with pytest.raises(InputError) as err:
        read_csv_text(text, "q.csv")
    assert err.value.location.line == 4
