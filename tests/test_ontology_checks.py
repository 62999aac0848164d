"""Checks of the ontology and the data that are not SHACL shapes, and second engines.

- every ``ng:`` term the data uses is declared in the ontology;
- every class, property and individual of the ontology has one zh and one en label and one zh
  and one en definition;
- every resource of the data has exactly one zh and one en label, and every language tag is
  exactly zh or en;
- owlrl's OWL-RL closure of ontology + data has no inconsistency;
- pyrudof (a SHACL engine in Rust, strict Turtle reader) agrees with pyshacl on the real data and
  on the focus nodes of every broken fixture;
- Debian's raptor ``rapper`` parses every Turtle file, to the same number of triples as rdflib.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from netgov_kg.inference import closure, inconsistencies
from netgov_kg.namespaces import NG, NGR
from netgov_kg.resources import data_files, ontology_files, shapes_files
from netgov_kg.validation import validate_files

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.ttl"))
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   OWL.NamedIndividual, RDF.Property, RDFS.Class}


def _parse(paths: Iterable[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path)
    return g


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse(ontology_files())


@pytest.fixture(scope="module")
def data() -> Graph:
    return _parse(data_files())


# -- terms and labels -------------------------------------------------------------------------
def undeclared_terms(data: Graph, ontology: Graph) -> set[URIRef]:
    """Return the ``ng:`` IRIs used in ``data`` that ``ontology`` does not declare."""
    used = {term for triple in data for term in triple
            if isinstance(term, URIRef) and term.startswith(str(NG))}
    return {term for term in used if (term, RDF.type, None) not in ontology}


def test_every_ng_term_used_in_the_data_is_declared(data, ontology):
    assert len(data) > 1000
    assert undeclared_terms(data, ontology) == set()


def test_an_undeclared_term_is_found(ontology):
    g = Graph()
    g.add((NGR["case/x"], NG.listPositon, Literal(1)))  # misspelt on purpose
    g.add((NGR["case/x"], RDF.type, NG.Case))
    assert undeclared_terms(g, ontology) == {NG.listPositon}


def _one_per_language(g: Graph, node: URIRef, prop: URIRef) -> bool:
    langs = [o.language for o in g.objects(node, prop) if isinstance(o, Literal)]
    return sorted(langs) == ["en", "zh"]


def test_every_ontology_term_has_zh_and_en_labels_and_definitions(ontology):
    terms = {s for s, _, t in ontology.triples((None, RDF.type, None))
             if t in DECLARING_TYPES and isinstance(s, URIRef) and s.startswith(str(NG))}
    assert len(terms) > 100
    for term in sorted(terms):
        assert _one_per_language(ontology, term, RDFS.label), f"labels of {term}"
        assert _one_per_language(ontology, term, SKOS.definition), f"definitions of {term}"


def data_resources(data: Graph) -> set[URIRef]:
    """Every ``ngr:`` IRI the data mentions, as subject or object."""
    return {term for s, _, o in data for term in (s, o)
            if isinstance(term, URIRef) and term.startswith(str(NGR))}


def test_every_resource_of_the_data_has_one_zh_and_one_en_label(data):
    resources = data_resources(data)
    assert len(resources) > 200
    bad = sorted(r for r in resources if not _one_per_language(data, r, RDFS.label))
    assert bad == []


def test_every_language_tag_is_exactly_zh_or_en(data, ontology):
    tags = {o.language for g in (data, ontology) for o in g.objects()
            if isinstance(o, Literal) and o.language}
    assert tags == {"zh", "en"}


# -- OWL-RL ---------------------------------------------------------------------------------
def test_owl_rl_closure_of_ontology_and_data_is_consistent(kg):
    closed = closure(kg.dataset, "owl-rl")
    assert len(closed) > len(kg.dataset)
    assert inconsistencies(closed) == []


def test_owl_rl_finds_a_resource_of_two_disjoint_classes(ontology):
    g = Graph()
    for triple in ontology:
        g.add(triple)
    g.add((NGR["case/x"], RDF.type, NG.Case))
    g.add((NGR["case/x"], RDF.type, NG.Place))
    problems = inconsistencies(closure(g, "owl-rl"))
    assert problems and any("case/x" in p for p in problems)


# -- a second SHACL engine: pyrudof ---------------------------------------------------------------
def _advanced_shapes(paths: Iterable[Path] | None = None) -> set[str]:
    """Shapes that use SHACL Advanced Features (SPARQL targets), which pyrudof does not run."""
    g = _parse(shapes_files() if paths is None else paths)
    return {str(s) for s, t in g.subject_objects(SH.target)
            if (t, RDF.type, SH.SPARQLTarget) in g}


def rudof_findings(paths: Iterable[Path]) -> set[tuple[str, str]]:
    """Validate ``paths`` (merged) with pyrudof; return (focus node, severity) pairs."""
    pyrudof = pytest.importorskip("pyrudof")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    for n, path in enumerate(paths):
        rudof.read_data(str(path), reader_mode=pyrudof.ReaderMode.Strict, merge=n > 0)
    shapes = _parse(shapes_files()).serialize(format="turtle")
    rudof.read_shacl(shapes, reader_mode=pyrudof.ReaderMode.Strict)
    return {("_:" if f.focus_node.startswith("_:") else f.focus_node, str(f.severity))
            for f in rudof.validate_shacl()}


def pyshacl_findings(paths: Iterable[Path]) -> set[tuple[str, str]]:
    advanced = _advanced_shapes()
    return {("_:" if isinstance(f.focus_node, BNode) else str(f.focus_node), f.severity)
            for f in validate_files(*paths).results if str(f.source_shape) not in advanced}


def test_pyrudof_agrees_on_the_real_data():
    files = [*ontology_files(), *data_files()]
    theirs = rudof_findings(files)
    assert {f for f in theirs if f[1] == "Violation"} == set()
    assert theirs == pyshacl_findings(files)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_pyrudof_agrees_on_the_focus_nodes_of_each_broken_fixture(path):
    files = [*ontology_files(), path]
    assert rudof_findings(files) == pyshacl_findings(files)


def test_only_a_few_fixtures_need_shacl_advanced_features():
    ours = [p for p in shapes_files() if p.name == "netgov-shapes.ttl"]
    assert _advanced_shapes(ours) == {
        "https://w3id.org/netgov-kg/shapes#ExactLanguageTagShape",
        "https://w3id.org/netgov-kg/shapes#StatementAssertedShape",
    }
    only_advanced = [p.name for p in BROKEN if not pyshacl_findings([*ontology_files(), p])]
    assert sorted(only_advanced) == ["language-tag-zh-cn.ttl", "statement-not-asserted.ttl"]


def test_pyrudof_strict_mode_rejects_broken_turtle(tmp_path):
    pyrudof = pytest.importorskip("pyrudof")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> ngr:case/x .\n", encoding="utf-8")
    with pytest.raises(pyrudof.DataError, match="ngr: has not been declared"):
        pyrudof.Rudof(pyrudof.RudofConfig()).read_data(
            str(bad), reader_mode=pyrudof.ReaderMode.Strict)


# -- a second Turtle parser: raptor's rapper ----------------------------------------------------
# the shipped files and the shape fixtures (other fixtures may be broken Turtle on purpose)
TURTLE_FILES = sorted({*ontology_files(), *data_files(), *shapes_files(),
                       *(FIXTURES / "broken").glob("*.ttl"), *(FIXTURES / "valid").glob("*.ttl")})
TURTLE_IDS = [f"{p.parent.name}/{p.name}" for p in TURTLE_FILES]


@pytest.fixture(scope="module")
def rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (Debian package raptor2-utils) is required in CI")
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    return path


@pytest.mark.parametrize("path", TURTLE_FILES, ids=TURTLE_IDS)
def test_rapper_parses_every_turtle_file(rapper, path):
    run = subprocess.run([rapper, "-i", "turtle", "-c", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert re.search(r"returned \d+ triples", run.stderr), run.stderr
    # rapper streams statements (a triple stated twice counts twice); compare distinct triples
    ntriples = subprocess.run([rapper, "-q", "-i", "turtle", "-o", "ntriples", str(path)],
                              capture_output=True, text=True, check=True).stdout
    assert len(set(ntriples.splitlines())) == len(Graph().parse(path))


def test_rapper_rejects_broken_turtle(rapper, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ngr: <https://w3id.org/netgov-kg/id/> .\n"
                   "ngr:case/x a ngr:y .\n", encoding="utf-8")
    run = subprocess.run([rapper, "-i", "turtle", "-c", str(bad)],
                         capture_output=True, text=True, check=False)
    assert run.returncode != 0
