"""load(): one named graph per file, the same triples on both stores, clear errors for bad files."""

from __future__ import annotations

import pytest

import netgov_kg
from netgov_kg.errors import InputError
from netgov_kg.loading import graph_iri, parser_format
from netgov_kg.resources import data_files, ontology_files


def _graphs(kg):
    return {str(g.identifier): len(g) for g in kg.dataset.graphs() if len(g)}


def test_each_file_has_its_named_graph(kg):
    expected = {str(graph_iri("ontology", p)) for p in ontology_files()}
    expected |= {str(graph_iri("data", p)) for p in data_files()}
    assert set(_graphs(kg)) == expected


def test_oxigraph_store_loads_the_same_triples(kg):
    ox = netgov_kg.load(store="oxigraph")
    assert len(ox) == len(kg)
    assert _graphs(ox) == _graphs(kg)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_extra_files_go_into_their_own_graph(store, fixtures_dir):
    kg = netgov_kg.load(fixtures_dir / "mini.ttl", store=store, include_data=False)
    graphs = _graphs(kg)
    assert graphs[str(graph_iri("extra", fixtures_dir / "mini.ttl"))] > 100
    assert not any("/graph/data/" in g for g in graphs)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_missing_file_is_named(store, tmp_path):
    missing = tmp_path / "nope.ttl"
    with pytest.raises(InputError, match=r"nope\.ttl: file not found"):
        netgov_kg.load(missing, store=store)


BROKEN = "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b\n ex:c ex:d .\n"  # line 4


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_broken_file_is_named_with_its_line(store, tmp_path):
    (tmp_path / "broken-syntax.ttl").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InputError) as info:
        netgov_kg.load(tmp_path / "broken-syntax.ttl", store=store)
    assert info.value.location.source.endswith("broken-syntax.ttl")
    assert info.value.location.line == 4
    assert "broken-syntax.ttl, line 4: cannot parse as turtle" in str(info.value)


def test_oxigraph_uses_its_own_parsers(tmp_path):
    assert parser_format(tmp_path / "a.ttl", oxigraph=True) == "ox-turtle"
    assert parser_format(tmp_path / "a.nq", oxigraph=True) == "ox-nquads"
    assert parser_format(tmp_path / "a.ttl", oxigraph=False) == "turtle"
