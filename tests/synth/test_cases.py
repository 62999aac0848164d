"""Synthetic cases: real places and themes, the same data for the same seed, and conformance."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

import netgov_kg
from netgov_kg.namespaces import NG, NGR
from netgov_kg.synth import generate_cases, iter_cases, write_cases
from netgov_kg.validation import validate
from netgov_kg.validation.incremental import cached_sparql


def test_same_seed_same_text(reference):
    a = "".join(iter_cases(40, reference=reference, seed=11))
    b = "".join(iter_cases(40, reference=reference, seed=11))
    c = "".join(iter_cases(40, reference=reference, seed=12))
    assert a == b and a != c


def test_places_and_themes_are_real(reference, kg):
    g = generate_cases(60, reference=reference, seed=3)
    cases = set(g.subjects(RDF.type, NG.Case))
    assert len(cases) == 60
    real_places = {p.iri for p in reference.places}
    real_themes = {t.iri for t in reference.themes}
    for case in cases:
        places = set(g.objects(case, NG.locatedIn))
        themes = set(g.objects(case, NG.hasTheme))
        assert len(places) == 1 and places <= real_places
        assert 1 <= len(themes) <= 2 and themes <= real_themes
        assert (next(iter(places)), RDF.type, NG.Place) in kg.dataset
    # every synthetic resource says it is synthetic, and derives from the synthetic source
    assert all("/synth-" in str(s) for s in g.subjects() if str(s).startswith(str(NGR)))
    assert set(g.objects(None, NG.endorsedCase)) <= cases


def test_one_zh_and_one_en_label_everywhere(reference):
    g = generate_cases(30, reference=reference, seed=4)
    for s in set(g.subjects(RDF.type, None)):
        langs = sorted(label.language for label in g.objects(s, RDFS.label))
        assert langs == ["en", "zh"], s


def test_generated_cases_conform_to_the_shapes(reference, tmp_path):
    path = write_cases(tmp_path / "cases.ttl", 25, reference=reference, seed=9)
    kg = netgov_kg.load(path)
    with cached_sparql():
        report = kg.validate(lang="en")
    assert report.conforms, report.to_table()
    # synthetic facts carry no evidence: a warning (the shipped data's would be a violation)
    from netgov_kg.validation.report import short

    assert report.counts["Warning"] > 0
    assert {short(f.source_shape) for f in report.warnings} == {"ngsh:EvidenceRecommendedShape"}


def test_more_cases_for_the_same_set_do_not_clash(reference):
    first = generate_cases(5, reference=reference, seed=1)
    more = generate_cases(5, reference=reference, seed=1, start=5)
    assert not set(first.subjects(RDF.type, NG.Case)) & set(more.subjects(RDF.type, NG.Case))


def test_write_is_atomic_and_parses_as_turtle(reference, tmp_path):
    path = write_cases(tmp_path / "c.ttl", 7, reference=reference, seed=2)
    assert not (tmp_path / "c.ttl.tmp").exists()
    assert len(Graph().parse(path, format="turtle")) == len(Graph().parse(path, format="nt"))


def test_validation_finds_breakage_in_generated_cases(reference):
    g = generate_cases(3, reference=reference, seed=5)
    case = next(g.subjects(RDF.type, NG.Case))
    g.remove((case, RDFS.label, None))
    kg = netgov_kg.load(store="oxigraph")
    kg.dataset.graph(NGR["graph/extra/cases"]).__iadd__(g)
    with cached_sparql():
        report = validate(kg.dataset, lang="en")
    assert {f.focus_node for f in report.violations} == {case}
    assert not report.conforms
