"""Incremental validation finds exactly what a full pyshacl run finds for the changed part,
on broken synthetic data added to (and removed from) the real graph."""

from __future__ import annotations

import time

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import netgov_kg
from netgov_kg.namespaces import NG, NGR
from netgov_kg.synth import generate_cases
from netgov_kg.validation import validate
from netgov_kg.validation.incremental import (
    affected_nodes,
    cached_sparql,
    reach_of,
    validate_changes,
)


def _full(dataset):
    with cached_sparql():
        return validate(dataset, lang="en")


@pytest.fixture(scope="module")
def graph(reference):
    """The real graph with 40 synthetic cases, one of them already broken."""
    kg = netgov_kg.load(store="oxigraph")
    base = generate_cases(40, reference=reference, seed=21)
    broken = next(base.subjects(RDF.type, NG.Case))
    base.remove((broken, RDFS.label, Literal(next(
        str(o) for o in base.objects(broken, RDFS.label) if o.language == "en"), lang="en")))
    kg.dataset.graph(NGR["graph/extra/base"]).__iadd__(base)
    return kg


def _broken_delta(reference, kg) -> Graph:
    new = generate_cases(6, reference=reference, seed=21, start=40)
    cases = sorted(new.subjects(RDF.type, NG.Case))
    new.remove((cases[0], RDFS.label, None))  # no labels
    new.add((cases[1], NG.listPosition, Literal(3)))  # clashes with a real case
    new.add((cases[2], NG.hasTheme, NGR["place/640100"]))  # a place is not a theme
    for e in new.subjects(RDF.type, NG.Endorsement):
        new.remove((e, NG.endorser, None))  # endorsements without an endorser
    expert = NGR["person/synth-lonely"]  # an expert who endorsed nothing
    new.add((expert, RDF.type, NG.Expert))
    new.add((expert, RDFS.label, Literal("孤独", lang="zh")))
    new.add((expert, RDFS.label, Literal("Lonely", lang="en")))
    statement = BNode()  # a basis for a triple that is not in the graph
    new.add((statement, RDF.type, RDF.Statement))
    new.add((statement, RDF.subject, cases[3]))
    new.add((statement, RDF.predicate, NG.startDate))
    new.add((statement, RDF.object, Literal("1999", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#gYear"))))
    new.add((statement, NG.basis, NG.Implied))
    delta = Graph()
    for t in new:
        if t not in kg.dataset:
            delta.add(t)
    return delta


def test_added_broken_cases(graph, reference):
    before = set(_full(graph.dataset).results)
    delta = _broken_delta(reference, graph)
    graph.dataset.graph(NGR["graph/extra/delta"]).__iadd__(delta)
    try:
        start = time.perf_counter()
        report = validate_changes(graph.dataset, delta, lang="en")
        elapsed = time.perf_counter() - start
        full = set(_full(graph.dataset).results)
        nodes = affected_nodes(graph.dataset, delta, reach_of(_shapes()))
        assert set(report.results) == {f for f in full if f.focus_node in nodes}
        assert full - before <= set(report.results)  # every new problem is found
        assert len(full - before) >= 8
        # the existing real case with list position 3 is affected too
        assert any(f.focus_node == NGR["case/beihai-smart-party-building"]  # position 3
                   for f in report.results)
        assert any(isinstance(f.focus_node, BNode) for f in report.results)  # the statement
        assert elapsed < 10  # the benchmark measures it properly
    finally:
        graph.dataset.remove_graph(graph.dataset.graph(NGR["graph/extra/delta"]))


def test_removed_triples(graph):
    endorsement = next(iter(graph.dataset.subjects(NG.endorser, None)))
    expert = next(graph.dataset.objects(endorsement, NG.endorser))
    endorsements = set(graph.dataset.subjects(NG.endorser, expert))
    removed = Graph()
    for e in endorsements:
        for t in graph.dataset.triples((e, NG.endorser, expert)):
            removed.add(t)
    for t in removed:
        graph.dataset.remove(t)
    try:
        report = validate_changes(graph.dataset, removed, lang="en")
        full = set(_full(graph.dataset).results)
        assert any(f.focus_node == expert for f in report.results)
        assert {f for f in full if f.focus_node == expert} <= set(report.results)
        nodes = affected_nodes(graph.dataset, removed, reach_of(_shapes()))
        assert set(report.results) == {f for f in full if f.focus_node in nodes}
    finally:
        target = graph.dataset.graph(NGR["graph/extra/base"])
        for t in removed:
            target.add(t)


def test_changed_resources_by_iri(graph):
    case = next(iter(graph.dataset.subjects(RDF.type, NG.Case)))
    report = validate_changes(graph.dataset, [case], lang="en")
    full = {f for f in _full(graph.dataset).results if f.focus_node == case}
    assert {f for f in report.results if f.focus_node == case} == full


def _shapes():
    from netgov_kg.validation import shapes_graph

    return shapes_graph()


def test_facade_validate_changed(graph, reference):
    new = generate_cases(1, reference=reference, seed=21, start=60)
    case = next(new.subjects(RDF.type, NG.Case))
    new.remove((case, RDFS.label, None))
    delta = Graph()
    for t in new:
        if t not in graph.dataset:
            delta.add(t)
    graph.dataset.graph(NGR["graph/extra/facade"]).__iadd__(delta)
    try:
        report = graph.validate(changed=delta, lang="en")
        assert {f.focus_node for f in report.violations} == {case}
        assert sorted(f.message for f in report.violations) == [
            "needs exactly one rdfs:label in Chinese (@zh)",
            "needs exactly one rdfs:label in English (@en)",
        ]
    finally:
        graph.dataset.remove_graph(graph.dataset.graph(NGR["graph/extra/facade"]))
