"""A period that ends before it starts is refused; implausible values warn (issue 12, 8)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from netgov_kg import cli
from netgov_kg.errors import ImplausibleValueWarning, InputError
from netgov_kg.ingest import add_cases
from netgov_kg.ingest.plausible import implausible_values, period_problem
from netgov_kg.namespaces import NG

OBS = URIRef("urn:obs")
NOTE = "        time_note: {zh: 截至目前, en: to date}\n"


def _template(figure: str) -> str:
    return ("source: ngr:source/000-775a52ee8c492e26\ncases:\n  - id: plausible-case\n"
            "    label: {zh: 测试案例, en: Test case}\n    place: \"330523\"\n"
            "    figures:\n" + figure)


def _write(tmp_path, figure: str):
    path = tmp_path / "t.yaml"
    path.write_text(_template(figure), encoding="utf-8")
    return path


@pytest.mark.parametrize(("start", "end", "bad"), [
    ("2021", "2020-12", True),
    ("2021-03-01", "2021-02-28", True),
    ("2021-03", "2021-02", True),
    ("2021-03", "2021", False),  # the end's last day is in 2021-12
    ("2021", "2021-01-01", False),
    ("2021-02-28", "2021-02-28", False),
])
def test_period_bounds_compare_first_and_last_days(start, end, bad):
    g = Graph()
    g.add((OBS, NG.periodStart, Literal(start, datatype=XSD.date)))
    g.add((OBS, NG.periodEnd, Literal(end, datatype=XSD.date)))
    assert (period_problem(g, OBS) is not None) is bad


def test_a_period_that_ends_before_it_starts_is_refused_where_it_is(reference_kg, tmp_path):
    path = _write(tmp_path, "      - measure: {zh: 件数, en: cases}\n        value: 5\n"
                            "        period_start: 2021-05\n        period_end: 2020-12\n")
    with pytest.raises(InputError, match=r"the period ends \(2020-12\) before it starts "
                       r"\(2021-05\)") as err:
        add_cases(reference_kg, path, dry_run=True)
    where = err.value.location
    assert (where.source, where.line) == (str(path), 10)
    assert where.field == "cases[0].figures[0].period_end"


def test_cli_refuses_a_backwards_period_with_status_2(tmp_path, capsys):
    path = _write(tmp_path, "      - measure: {zh: 件数, en: cases}\n        value: 5\n"
                            "        period_start: 2021\n        period_end: 2020\n")
    target = tmp_path / "out.ttl"
    assert cli.main(["add", str(path), "--into", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 10" in err and "before it starts" in err
    assert not target.exists()


def test_a_rate_over_100_percent_warns(reference_kg, tmp_path):
    path = _write(tmp_path, "      - measure: {zh: 办结率, en: completion rate}\n"
                            "        value: 120%\n" + NOTE)
    with pytest.warns(ImplausibleValueWarning, match=r"a percentage over 100 \(120 %\)"):
        summary = add_cases(reference_kg, path, dry_run=True)
    assert len(summary.warnings) == 1
    assert summary.warnings[0].startswith(
        f"{path}, line 8, column 16, field 'cases[0].figures[0].value'")
    assert "warning: " + summary.warnings[0] in str(summary)


def test_a_negative_count_warns_and_a_fall_does_not():
    g = Graph()
    g.add((OBS, NG.measure, Literal("投诉件数", lang="zh")))
    g.add((OBS, NG.value, Literal("-3", datatype=XSD.integer)))
    assert implausible_values(g, OBS) == [
        "a negative value (-3): right for a change, not for a count or an amount (say "
        "减少/decrease in the measure if it is a change)"]
    g.add((OBS, NG.measure, Literal("decrease in complaints", lang="en")))
    assert implausible_values(g, OBS) == []


def test_a_negative_typed_value_in_a_template_warns(reference_kg, tmp_path):
    path = _write(tmp_path, "      - measure: {zh: 件数, en: cases}\n"
                            "        value: {value: \"-3\", datatype: \"xsd:integer\"}\n"
                            "        unit: {zh: 件, en: items}\n" + NOTE)
    with pytest.warns(ImplausibleValueWarning, match=r"a negative value \(-3\)"):
        summary = add_cases(reference_kg, path, dry_run=True)
    assert summary.warnings


def test_growth_over_100_percent_and_plain_values_do_not_warn(reference_kg, tmp_path):
    path = _write(tmp_path,
                  "      - measure: {zh: 同比增长, en: growth}\n        value: 150%\n" + NOTE
                  + "      - measure: {zh: 办结率, en: completion rate}\n        value: 99.5%\n"
                  + NOTE)
    summary = add_cases(reference_kg, path, dry_run=True)
    assert summary.warnings == []


def test_cli_prints_the_warning_once(tmp_path, capsys):
    path = _write(tmp_path, "      - measure: {zh: 办结率, en: completion rate}\n"
                            "        value: 120%\n" + NOTE)
    assert cli.main(["add", str(path), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("a percentage over 100") == 1
    assert "ImplausibleValueWarning" not in captured.err
