import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

import netgov_kg
from netgov_kg import cli
from netgov_kg.errors import InputError
from netgov_kg.ingest import add_cases
from netgov_kg.namespaces import NG, NGR

CASE = NGR["case/fictional-code-to-discuss"]
REFERENCE = Path(__file__).resolve().parents[2] / "data"
OLD = "# earlier additions\n<https://example.org/a> <https://example.org/b> \"c\" .\n"


def test_dry_run_writes_nothing_and_leaves_graph(reference_kg, yaml_template, tmp_path):
    target = tmp_path / "extra.ttl"
    before = len(reference_kg)
    summary = add_cases(reference_kg, yaml_template, into=target, dry_run=True)
    assert summary.dry_run and summary.cases == [CASE]
    assert summary.new_triples == len(summary.graph) > 100
    assert summary.new_resources[CASE] == "case"
    assert NGR["place/330523"] in summary.reused
    assert not target.exists()
    assert len(reference_kg) == before
    assert "would add 1 case(s)" in str(summary) and "dry run: nothing written" in str(summary)


def test_add_appends_and_the_result_loads(reference_kg, csv_template, tmp_path):
    target = tmp_path / "extra.ttl"
    target.write_text(OLD, encoding="utf-8")
    summary = reference_kg.add_cases(csv_template, into=target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(OLD)  # appended, the old bytes untouched
    written = Graph().parse(target, format="turtle")
    assert len(written) == 1 + summary.new_triples
    assert (CASE, RDF.type, NG.Case) in reference_kg.dataset  # in memory too
    reloaded = netgov_kg.load(target, include_data=False)
    assert (CASE, NG.locatedIn, NGR["place/330523"]) in reloaded.dataset


def test_second_add_is_a_duplicate_and_changes_nothing(reference_kg, yaml_template, tmp_path):
    target = tmp_path / "extra.ttl"
    reference_kg.add_cases(yaml_template, into=target)
    before = target.read_bytes()
    with pytest.raises(InputError, match="duplicate case") as err:
        reference_kg.add_cases(yaml_template, into=target)
    assert err.value.location.source == str(yaml_template)
    assert target.read_bytes() == before


def test_target_file_counts_even_when_the_graph_has_not_loaded_it(yaml_template, tmp_path):
    # two sessions writing to the same file: the second sees the first's case in the file
    target = tmp_path / "extra.ttl"
    first = netgov_kg.load(REFERENCE / "places.ttl", REFERENCE / "themes.ttl",
                           REFERENCE / "sources.ttl", include_data=False)
    add_cases(first, yaml_template, into=target)
    before = target.read_bytes()
    second = netgov_kg.load(REFERENCE / "places.ttl", REFERENCE / "themes.ttl",
                            REFERENCE / "sources.ttl", include_data=False)
    size = len(second)
    with pytest.raises(InputError, match="duplicate case"):
        add_cases(second, yaml_template, into=target)
    assert target.read_bytes() == before
    assert len(second) == size  # the file's triples were only borrowed for the check
    add_cases(second, yaml_template, into=tmp_path / "other.ttl", dry_run=True)  # no file: ok
    assert len(second) == size


def test_shape_violation_is_reported_and_nothing_written(reference_kg, yaml_template, tmp_path):
    # position 11 in a published list of ten: the template is well formed, the shapes say no
    bad = tmp_path / "eleven.yaml"
    bad.write_text(yaml_template.read_text("utf-8").replace(
        "    start_date: 2024-03\n", "    start_date: 2024-03\n    list_position: 11\n", 1),
        encoding="utf-8")
    target = tmp_path / "extra.ttl"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(InputError) as err:
        add_cases(reference_kg, bad, into=target)
    assert "does not conform to the shapes" in err.value.message
    assert "ng:listPosition" in err.value.message
    assert err.value.location.source == str(bad) and err.value.location.line is not None
    assert target.read_text(encoding="utf-8") == OLD
    assert (CASE, None, None) not in reference_kg.dataset


def test_target_that_is_not_turtle_is_left_alone(reference_kg, yaml_template, tmp_path):
    target = tmp_path / "extra.ttl"
    target.write_bytes(b"this is { not turtle\n")
    with pytest.raises(InputError, match="not valid Turtle"):
        add_cases(reference_kg, yaml_template, into=target)
    assert target.read_bytes() == b"this is { not turtle\n"


def test_unknown_template_format(reference_kg, tmp_path):
    path = tmp_path / "cases.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="unknown template format"):
        add_cases(reference_kg, path)


def test_cli_add_dry_run_and_real(yaml_template, tmp_path, capsys):
    # the command loads and validates the whole graph (ontology + all data) each time
    target = tmp_path / "extra.ttl"
    assert cli.main(["add", str(yaml_template), "--into", str(target), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would add 1 case(s)" in out and "ngr:case/fictional-code-to-discuss" in out
    assert not target.exists()
    assert cli.main(["add", str(yaml_template), "--into", str(target)]) == 0
    assert f"written to {target}" in capsys.readouterr().out
    assert (CASE, RDF.type, NG.Case) in Graph().parse(target, format="turtle")


def test_cli_prints_located_error_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: ngr:source/000-775a52ee8c492e26\ncases:\n  - id: x\n"
                   "    label: {zh: 某案例}\n    place: '330523'\n", encoding="utf-8")
    target = tmp_path / "extra.ttl"
    done = subprocess.run(
        [sys.executable, "-m", "netgov_kg.cli", "add", str(bad), "--into", str(target)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert (f"netgov-kg: error: {bad}, line 4, column 12, field 'cases[0].label': label "
            "missing a language") in done.stderr
    assert not target.exists()
