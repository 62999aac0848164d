"""Oxigraph on disk: persists between runs, loads once, refuses a second open with a clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import URIRef

import netgov_kg
from netgov_kg.errors import StoreError
from netgov_kg.namespaces import NGR
from netgov_kg.stores import close_store, has_graph, is_persistent, open_store, store_kind
from netgov_kg.synth import reference_from, write_cases

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?c a ng:Case }"


def test_persists_between_processes(tmp_path):
    folder = tmp_path / "kg"
    kg = netgov_kg.load(store=f"oxigraph:{folder}")
    assert is_persistent(kg.dataset) and store_kind(kg.dataset) == "oxigraph"
    expected = len(kg)
    assert expected == len(netgov_kg.load())
    close_store(kg.dataset)
    # a new process sees the same triples, in the same named graphs
    code = (
        "import netgov_kg, sys; from netgov_kg.stores import open_store;"
        f"ds = open_store('oxigraph:{folder}');"
        "print(len(ds), len(list(ds.graphs())))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    triples, graphs = map(int, out.stdout.split())
    assert triples == expected
    assert graphs >= len(list(netgov_kg.load().dataset.graphs()))


def test_loads_once_then_queries(tmp_path, rows_of):
    folder = tmp_path / "kg"
    first = netgov_kg.load(store=f"oxigraph:{folder}")
    rows = rows_of(first.run("cases-per-theme"))
    close_store(first.dataset)
    again = netgov_kg.load(store=f"oxigraph:{folder}")  # no double load: same count
    assert len(again) == len(netgov_kg.load())
    assert rows_of(again.run("cases-per-theme")) == rows
    assert rows == rows_of(netgov_kg.load().run("cases-per-theme"))
    close_store(again.dataset)


def test_reload_replaces_a_changed_file(tmp_path):
    folder = tmp_path / "kg"
    extra = tmp_path / "extra.ttl"
    case = "<https://w3id.org/netgov-kg/id/case/x> a <https://w3id.org/netgov-kg/ontology#Case> .\n"
    extra.write_text(case)
    kg = netgov_kg.load(extra, store=f"oxigraph:{folder}")
    base = len(kg)
    close_store(kg.dataset)
    extra.write_text(case.replace("/x>", "/y>") + case.replace("/x>", "/z>"))
    kept = netgov_kg.load(extra, store=f"oxigraph:{folder}")  # the store already has the file
    assert len(kept) == base
    close_store(kept.dataset)
    fresh = netgov_kg.load(extra, store=f"oxigraph:{folder}", reload=True)
    assert len(fresh) == base + 1
    cases = {str(r[0]) for r in fresh.query("SELECT ?c WHERE { ?c a ng:Case }")}
    assert {f"{NGR}case/y", f"{NGR}case/z"} <= cases and f"{NGR}case/x" not in cases
    close_store(fresh.dataset)


def test_second_open_in_one_process_is_a_clear_error(tmp_path):
    folder = tmp_path / "kg"
    kg = netgov_kg.load(store=f"oxigraph:{folder}")
    with pytest.raises(StoreError, match=r"already open \(it is locked"):
        netgov_kg.load(store=f"oxigraph:{folder}")
    close_store(kg.dataset)
    reopened = open_store(f"oxigraph:{folder}")
    assert len(reopened) == len(netgov_kg.load())
    close_store(reopened)


def test_closed_store_says_so(tmp_path):
    ds = open_store(f"oxigraph:{tmp_path / 'kg'}")
    close_store(ds)
    with pytest.raises(StoreError, match="is closed"):
        len(ds)


def test_a_file_is_not_a_store(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a directory"):
        open_store(f"oxigraph:{path}")


def test_same_results_as_memory_with_synthetic_cases(tmp_path, rows_of):
    ref = reference_from(netgov_kg.load().dataset)
    cases = write_cases(tmp_path / "cases.ttl", 50, reference=ref, seed=2)
    disk = netgov_kg.load(cases, store=f"oxigraph:{tmp_path / 'kg'}")
    memory = netgov_kg.load(cases)
    assert has_graph(disk.dataset, URIRef(f"{NGR}graph/extra/cases"))
    for name in ("cases-per-theme", "class-counts", "platforms-by-kind", "endorsements"):
        assert rows_of(disk.run(name)) == rows_of(memory.run(name)), name
    a, b = disk.network("case-theme"), memory.network("case-theme")
    assert set(a.nodes) == set(b.nodes) and len(a.edges) == len(b.edges)
    disk.export(tmp_path / "disk.nt")
    memory.export(tmp_path / "memory.nt")
    assert len((tmp_path / "disk.nt").read_text().splitlines()) == len(
        (tmp_path / "memory.nt").read_text().splitlines())
    close_store(disk.dataset)
