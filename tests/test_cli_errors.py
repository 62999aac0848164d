"""The command line answers bad input with a clear error (exit 2), never a traceback.

Issue 11, finding 15 (the command-line part): ASK in CSV/TSV, ``--load`` of a folder or a
device, a SERVICE or FROM source that cannot be fetched, ``export ""``, an IRI with a space.
"""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from netgov_kg.cli import main

STORES = ["memory", "oxigraph"]


def run(capsys, *argv):
    """Run the command line in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def error(capsys, *argv) -> str:
    """Run a command that must fail cleanly: exit 2 and one message on stderr."""
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    assert "error:" in err
    return err


@pytest.fixture(scope="module")
def closed_port():
    """A loopback port nothing listens on (connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize(("fmt", "header"), [("csv", "_askResult"), ("tsv", "?_askResult")])
def test_ask_in_csv_and_tsv_is_one_askresult_column(capsys, store, fmt, header):
    code, out, err = run(capsys, "--store", store, "query", "ASK { ?c a ng:Case }",
                         "--format", fmt)
    assert code == 0, err
    assert out.splitlines() == [header, "true"]


@pytest.mark.parametrize("store", STORES)
def test_load_of_a_folder_or_a_device_is_refused(capsys, store, tmp_path):
    for target in (str(tmp_path), "/dev/null"):
        err = error(capsys, "--store", store, "info", "--load", target)
        assert f"{target}: not a regular file" in err


@pytest.mark.parametrize("store", STORES)
def test_service_that_cannot_be_reached(capsys, store, closed_port):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{closed_port}/sparql> {{ ?s ?p ?o }} }}"
    err = error(capsys, "--store", store, "query", query, "--allow-remote")
    assert "<query>: the query's SERVICE or FROM/FROM NAMED source could not be fetched" in err


def test_from_a_document_that_cannot_be_loaded(capsys, closed_port):
    # rdflib fetches FROM <http…> itself when allowed (Oxigraph reads it as a graph of the store)
    query = f"SELECT * FROM <http://127.0.0.1:{closed_port}/data.ttl> WHERE {{ ?s ?p ?o }}"
    err = error(capsys, "--store", "memory", "query", query, "--allow-remote")
    assert "could not be fetched" in err


def test_export_to_an_empty_name_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = error(capsys, "export", "")
    assert "no destination" in err
    assert list(tmp_path.iterdir()) == []  # it wrote the CSV tables into the current folder


def test_report_into_an_empty_folder_name_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = error(capsys, "report", "--out", "")
    assert "an empty folder name" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("store", STORES)
def test_an_iri_with_a_space(capsys, store):
    err = error(capsys, "--store", store, "describe", "<https://w3id.org/netgov-kg/id/case/a b>")
    assert "not a valid IRI: 'https://w3id.org/netgov-kg/id/case/a b'" in err


@pytest.mark.parametrize("store", STORES)
def test_a_curie_with_a_space_is_looked_up_as_a_label(capsys, store):
    err = error(capsys, "--store", store, "describe", "ngr:case/a b")
    assert "no resource is labelled 'ngr:case/a b'" in err


@pytest.mark.slow
def test_no_traceback_from_the_installed_command(tmp_path):
    """The same cases through the real entry point: stderr has the message and no traceback."""
    cases = [
        (["query", "ASK { ?c a ng:Case }", "--format", "csv"], 0, ""),
        (["info", "--load", str(tmp_path)], 2, "not a regular file"),
        (["export", ""], 2, "no destination"),
    ]
    for argv, want, message in cases:
        done = subprocess.run([sys.executable, "-m", "netgov_kg.cli", *argv], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == want, (argv, done.stderr)
        assert "Traceback" not in done.stderr
        assert message in done.stderr
