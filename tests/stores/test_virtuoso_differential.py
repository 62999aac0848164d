"""Differential testing on Virtuoso: generated SPARQL gives the same rows as on Oxigraph.

The generator of ``tests/sparqlgen.py`` (fixed seed) writes queries over the graph's own
vocabulary; each runs through the library on a throw-away Virtuoso (``store="sparql:URL"``)
holding the shipped graph and on Oxigraph, and the rows compare as in
``tests/test_differential.py``. The Virtuoso differences found (V1-V5 in
docs/engine-differences.md) are pinned below and recognised by :func:`known_difference`.
"""

from __future__ import annotations

import os
import re

import engine_rows  # tests/engine_rows.py (pytest's pythonpath holds tests/)
import pytest
import sparqlgen  # tests/sparqlgen.py
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal

import netgov_kg
from netgov_kg.errors import StoreError
from netgov_kg.stores import virtuoso

pytestmark = pytest.mark.slow


#: Generated queries per run on Virtuoso (a fifth of NETGOV_KG_DIFF_EXAMPLES, at least 100).
EXAMPLES = max(100, int(os.environ.get("NETGOV_KG_DIFF_EXAMPLES", "0")) // 5)


@pytest.fixture(scope="module")
def engines():
    """The shipped graph on a Virtuoso of its own (no other test's data) and on Oxigraph."""
    if not virtuoso.available():
        if os.environ.get("CI"):
            pytest.fail("virtuoso-opensource is not installed (scripts/setup.sh installs it)")
        pytest.skip("virtuoso-opensource is not installed")
    server = virtuoso.start_virtuoso()
    try:
        yield (netgov_kg.load(store=f"sparql:{server.url}"), netgov_kg.load(store="oxigraph"))
    finally:
        server.stop()


def known_difference(text: str, remote, oxigraph) -> str | None:
    """Name the recorded Virtuoso difference that explains two different answers, if one does."""
    if len(remote) == 0 and "*" in text and "UNION" in text:
        return "V3"
    rm, ox = engine_rows.multiset(remote), engine_rows.multiset(oxigraph)
    path = re.search(r"[\w>][*+] \?", text) is not None
    if path and set(rm) == set(ox) and all(rm[k] >= ox[k] for k in rm):
        return "V4"  # a node reached by two routes comes back twice on Virtuoso
    if path and re.search(r"\b(COUNT|SUM|AVG)\(", text):
        return "V4"  # the extra rows of V4 change the aggregates: not told apart (see the docs)
    if len(remote) == len(oxigraph) == 1:
        pairs = list(zip(remote[0], oxigraph[0], strict=True))
        if all(r == o or (r is None and o == Literal(0)) for r, o in pairs):
            return "V2"  # SUM of nothing: Virtuoso unbound, 0 elsewhere
    return None


def test_generated_queries_agree_with_oxigraph(engines):
    remote, oxigraph = engines
    vocabulary = sparqlgen.sample_vocabulary(oxigraph)

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def check(data):
        text = data.draw(sparqlgen.queries(vocabulary, negation=False)).text
        try:
            answer = remote.query(text)
        except StoreError as exc:
            assert "transitive start not given" in str(exc) or "transitive derived table" in str(
                exc), f"{exc}\n{text}"  # V1
            return
        expected = oxigraph.query(text)
        problem = engine_rows.difference(answer, expected)
        if problem and known_difference(text, answer, expected):
            return
        assert not problem, f"{problem}\n{text}"

    check()


def test_v1_path_with_no_bound_end_is_refused(engines):
    remote, oxigraph = engines
    query = "SELECT ?x WHERE { ?c ng:partOf* ?x . FILTER(isLiteral(?c)) }"
    with pytest.raises(StoreError, match="transitive start not given"):
        remote.query(query)
    assert len(oxigraph.query(query)) > 100  # the zero-length path reaches every term


def test_v2_sum_of_nothing(engines):
    query = "SELECT (SUM(?x) AS ?sum) (COUNT(?x) AS ?n) WHERE { ?c ng:listPosition ?x FILTER(?x > 99) }"  # noqa: E501
    remote, oxigraph = (tuple(kg.query(query)[0]) for kg in engines)
    assert remote == (None, Literal(0))
    assert oxigraph == (Literal(0), Literal(0))  # SPARQL 1.1: Sum of an empty multiset is 0


def test_v3_path_then_union_then_filter_loses_every_row(engines):
    query = """SELECT ?g ?src WHERE {
      ?g a ng:Goal . ?g prov:wasDerivedFrom* ?src .
      { ?g prov:wasDerivedFrom ?d } UNION { ?g ng:statedBy ?who } FILTER(!bound(?who)) }"""
    remote, oxigraph = (kg.query(query) for kg in engines)
    assert len(remote) == 0
    assert len(oxigraph) == 6
    without_path = query.replace("?g prov:wasDerivedFrom* ?src .", "")
    assert not engine_rows.difference(*(kg.query(without_path) for kg in engines))


def test_v4_path_reaches_a_node_once_per_route(engines):
    query = "SELECT ?t WHERE { <https://w3id.org/netgov-kg/id/place/640000> rdf:type+ ?t }"
    remote, oxigraph = (sorted(str(r["t"]).rsplit("#", 1)[-1] for r in kg.query(query))
                        for kg in engines)
    assert remote == ["AdministrativeDivision", "Class", "Class", "Place"]
    assert oxigraph == ["AdministrativeDivision", "Class", "Place"]  # the spec: each node once


def test_v5_an_error_in_a_filter_is_false_on_virtuoso(engines):
    query = """SELECT DISTINCT ?c WHERE {
      ?c a ng:Case . { ?c rdf:type ?t } UNION { ?c ng:listPosition ?n } FILTER(!isIRI(?t)) }"""
    remote, oxigraph = (kg.query(query) for kg in engines)
    assert len(remote) == 10  # !isIRI(unbound) read as !false
    assert len(oxigraph) == 0  # the spec: isIRI(unbound) is an error, so is its negation
