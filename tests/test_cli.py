"""The netgov-kg command line: core commands, formats, query sources, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from netgov_kg.cli import main
from netgov_kg.namespaces import NGR


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def mini_args(fixtures_dir):
    return ["--load", str(fixtures_dir / "mini.ttl")]


def test_query_from_argument_as_json(capsys):
    code, out, _ = run(capsys, "query", "SELECT ?c WHERE { ?c a ng:Case }", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert len(doc["results"]["bindings"]) == 10


def test_query_from_file_and_stdin(capsys, tmp_path, monkeypatch):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?p WHERE { ?c ng:listPosition ?p } ORDER BY ?p", encoding="utf-8")
    for argv in (["query", f"@{q}"], ["query", "--file", str(q)]):
        code, out, _ = run(capsys, *argv, "--format", "csv")
        assert code == 0 and out.splitlines()[:3] == ["p", "1", "2"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?c a ng:Case }"))
    code, out, _ = run(capsys, "query", "-", "--format", "json")
    assert json.loads(out)["boolean"] is True


def test_query_bind_option(capsys):
    code, out, _ = run(
        capsys,
        "query",
        "SELECT ?c WHERE { ?c rdfs:label ?l }",
        "--bind",
        "l=成都市网络理政平台@zh",
        "--format",
        "tsv",
    )
    assert code == 0
    assert sorted(out.splitlines()[1:]) == [  # rows in the engine's order: no ORDER BY
        f"<{NGR['case/chengdu-network-governance-platform']}>",
        f"<{NGR['platform/chengdu-network-governance-platform']}>",
    ]


def test_run_with_param_in_en_table(capsys):
    code, out, _ = run(capsys, "--lang", "en", "run", "cases-by-place", "--param", "place=上海市")
    assert code == 0
    assert "Shanghai" in out and "2 rows" in out


def test_run_options_after_the_subcommand(capsys):
    code, out, _ = run(capsys, "run", "cases", "--lang", "en", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 10
    assert "themes_en" in rows[0]


def test_queries_lists_the_catalogue(capsys):
    code, out, _ = run(capsys, "queries", "--format", "csv")
    names = [r["name"] for r in csv.DictReader(io.StringIO(out))]
    assert code == 0 and "cases-by-theme" in names and "timeline" in names


def test_find_and_describe(capsys):
    code, out, _ = run(capsys, "find", "一网通办", "--format", "csv")
    assert code == 0 and str(NGR["case/shanghai-yiwangtongban"]) in out
    code, out, _ = run(capsys, "describe", "ngr:case/shanghai-yiwangtongban")
    assert code == 0 and "上海“一网通办”" in out


def test_info(capsys):
    code, out, _ = run(capsys, "info", "--format", "csv")
    rows = {r["item"]: r["count"] for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and int(rows["triples"]) > 1000
    assert rows["https://w3id.org/netgov-kg/ontology#Case"] == "10"


def test_export_command(capsys, tmp_path):
    out = tmp_path / "kg.nt"
    code, _, err = run(capsys, "export", str(out))
    assert code == 0 and out.stat().st_size > 0 and "wrote" in err


def test_validate_exits_1_on_violations(capsys, mini_args):
    code, out, _ = run(capsys, "validate", *mini_args)
    assert code == 1
    assert "Violation" in out


def test_report_writes_every_export(capsys, tmp_path):
    code, out, _ = run(capsys, "report", "--out", str(tmp_path / "r"))
    files = {p.name for p in (tmp_path / "r").iterdir()}
    assert {"netgov-kg.ttl", "netgov-kg.jsonld", "netgov-kg.trig", "tables", "queries"} <= files
    assert (tmp_path / "r" / "queries" / "cases.csv").is_file()
    assert "上海市" in out  # cases per province
    assert code == (0 if "conforms" in out and "does not conform" not in out else 1)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "SELECT ?x WHERE {\n  ?x ?y }"], "line 2, column"),
        (["query", "@no/such/file.rq"], "no/such/file.rq: query file not found"),
        (["run", "case-by-theme"], "did you mean cases-by-theme"),
        (["run", "cases-by-theme"], "needs the parameter theme"),
        (["run", "cases-by-theme", "--param", "themes=x"], "did you mean theme"),
        (["run", "cases-by-theme", "--param", "theme"], "NAME=VALUE"),
        (["describe", "ngr:case/nope"], "no resource"),
        (["export", "out.docx"], "cannot tell the format"),
        (["info", "--load", "no/such.ttl"], "no/such.ttl: file not found"),
    ],
)
def test_users_mistakes_exit_2_without_traceback(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_broken_rdf_file_is_named_with_its_line(capsys, tmp_path):
    broken = tmp_path / "broken-syntax.ttl"
    broken.write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b\n ex:c ex:d .\n")
    code, _, err = run(capsys, "info", "--load", str(broken))
    assert code == 2 and "broken-syntax.ttl, line 4" in err


def test_help_shows_examples():
    result = subprocess.run(
        [sys.executable, "-m", "netgov_kg.cli", "run", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "examples:" in result.stdout and "--param theme=党建" in result.stdout


def test_construct_prints_turtle(capsys):
    code, out, _ = run(capsys, "query", "CONSTRUCT { ?c a ng:Case } WHERE { ?c ng:listPosition 4 }")
    from rdflib import Graph

    g = Graph().parse(data=out, format="turtle")
    assert code == 0 and len(g) == 1
