"""Canonical data: literals written one way, and the same export from every store.

- every typed literal of the shipped data and ontology is in canonical lexical form (decimals
  without trailing zeros, integers, booleans and dates as rdflib normalises them), so Oxigraph,
  which keeps values, reads back exactly what the files say;
- :func:`netgov_kg.literals.canonical_literal` keeps each value and gives simple literals for
  ``xsd:string``;
- ``netgov-kg export`` writes the same N-Triples and N-Quads from the memory store and from
  Oxigraph, once blank nodes are canonicalised (RDFC-1.0, pyoxigraph) and lines sorted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from netgov_kg.cli import main
from netgov_kg.literals import canonical_lexical, canonical_literal
from netgov_kg.resources import data_files, ontology_files

SHIPPED = [*data_files(), *ontology_files()]


def _literals(path: Path) -> set[Literal]:
    return {o for o in Graph().parse(path).objects() if isinstance(o, Literal)}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_literal_of_the_shipped_data_is_canonical(path):
    typed = [lit for lit in _literals(path) if lit.datatype is not None]
    for lit in typed:
        assert not lit.ill_typed, lit
        assert lit.datatype != XSD.string, f"{lit!r}: write a simple literal"
        assert canonical_literal(lit) == lit, f"{path.name}: {lit!r} is not canonical"
        if lit.datatype != XSD.decimal:  # rdflib keeps a decimal's trailing zeros
            normal = Literal(str(lit), datatype=lit.datatype, normalize=True)
            assert str(normal) == str(lit), f"{path.name}: {lit!r}"


def test_the_shipped_data_has_decimals_integers_and_dates():
    datatypes = {lit.datatype for path in SHIPPED for lit in _literals(path)}
    assert {XSD.decimal, XSD.integer, XSD.date, XSD.gYear, XSD.gYearMonth} <= datatypes


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_oxigraph_reads_every_literal_as_the_file_writes_it(path):
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()  # the store keeps values, not lexical forms (its parser keeps them)
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    theirs = set()
    for quad in store:
        o = quad.object
        if isinstance(o, ox.Literal):
            plain = o.language is not None or o.datatype.value == str(XSD.string)
            theirs.add((o.value, o.language, None if plain else o.datatype.value))
    ours = {(str(lit), lit.language, None if lit.datatype is None else str(lit.datatype))
            for lit in _literals(path)}
    assert theirs == ours


@pytest.mark.parametrize(("lexical", "datatype", "canonical"), [
    ("121.5440", XSD.decimal, "121.544"),
    ("+0.50", XSD.decimal, "0.5"),
    ("-.5", XSD.decimal, "-0.5"),
    ("5.000", XSD.decimal, "5"),
    ("-0.0", XSD.decimal, "0"),
    ("0012", XSD.integer, "12"),
    ("-0", XSD.integer, "0"),
    ("0", XSD.boolean, "false"),
    ("2021-03", XSD.gYearMonth, "2021-03"),
    ("1.5e3", XSD.decimal, "1.5e3"),  # not a decimal: left as it is
])
def test_canonical_lexical_forms(lexical, datatype, canonical):
    assert canonical_lexical(lexical, datatype) == canonical


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=6),
       st.integers(min_value=0, max_value=4))
def test_a_canonical_decimal_keeps_its_value(value, zeros):
    lexical = format(value, "f") + ("0" * zeros if "." in format(value, "f") else "")
    canonical = canonical_lexical(lexical, XSD.decimal)
    assert Decimal(canonical) == Decimal(lexical)
    assert canonical == canonical_lexical(canonical, XSD.decimal)
    assert not canonical.startswith("+")
    assert "." not in canonical or not canonical.endswith("0")


def test_a_simple_string_literal_is_plain():
    assert canonical_literal(Literal("330523", datatype=XSD.string)) == Literal("330523")
    assert canonical_literal(Literal("x", lang="zh")) == Literal("x", lang="zh")


def _canonical_quads(path: Path, fmt: str) -> list[str]:
    """Parse an export, rename its blank nodes by RDFC-1.0, return its statements sorted."""
    ox = pytest.importorskip("pyoxigraph")
    dataset = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(fmt),
                                  base_iri="https://w3id.org/netgov-kg/id/"))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["nt", "nq"])
def test_memory_and_oxigraph_export_the_same_statements(tmp_path, capsys, ext):
    pytest.importorskip("oxrdflib")
    files = {}
    for store in ("memory", "oxigraph"):
        files[store] = tmp_path / f"kg-{store}.{ext}"
        assert main(["export", "--store", store, str(files[store])]) == 0
    capsys.readouterr()
    memory, oxigraph = (_canonical_quads(files[s], ext) for s in ("memory", "oxigraph"))
    assert len(memory) > 4000
    assert memory == oxigraph
    # the files themselves: sorted lines, the same wherever no blank node is written
    lines = {s: files[s].read_text(encoding="utf-8").splitlines() for s in files}
    assert all(v == sorted(v) for v in lines.values())
    named = {s: [line for line in v if "_:" not in line] for s, v in lines.items()}
    assert named["memory"] == named["oxigraph"]
    assert '"121.544"^^<http://www.w3.org/2001/XMLSchema#decimal>' in "\n".join(named["memory"])
    assert "\"^^<http://www.w3.org/2001/XMLSchema#string>" not in "\n".join(named["oxigraph"])


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["ttl", "trig", "jsonld"])
def test_other_formats_say_the_same_on_both_stores(tmp_path, capsys, ext):
    pytest.importorskip("oxrdflib")
    files = {}
    for store in ("memory", "oxigraph"):
        files[store] = tmp_path / f"kg-{store}.{ext}"
        assert main(["export", "--store", store, str(files[store])]) == 0
    capsys.readouterr()
    memory, oxigraph = (_canonical_quads(files[s], ext) for s in ("memory", "oxigraph"))
    assert len(memory) > 4000
    assert memory == oxigraph
