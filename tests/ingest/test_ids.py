"""Template ids are slugs; template IRIs are web IRIs; the ontology's terms are read-only.

Every refusal names the file, the line and the field (so the record) where it was written.
"""

from __future__ import annotations

import textwrap

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from netgov_kg import cli
from netgov_kg.errors import InputError
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.limits import MAX_ID_LENGTH, MAX_SLUG_LENGTH
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.yaml_reader import read_yaml_text
from netgov_kg.namespaces import NG, NGR

SOURCE = "source: ngr:source/000-775a52ee8c492e26\n"
CASE = SOURCE + """\
cases:
  - id: {id}
    label: {{zh: 测试案例, en: Test case}}
    place: "330523"
"""


@pytest.fixture(scope="module")
def index(kg):
    return GraphIndex.build(kg.dataset)


def mapped(text, index):
    return map_template(read_yaml_text(text, "t.yaml"), index)


def refused(text, index):
    with pytest.raises(InputError) as err:
        mapped(text, index)
    return err.value


def case(case_id: str, extra: str = "") -> str:
    quoted = '"' + case_id.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return CASE.format(id=quoted) + textwrap.indent(textwrap.dedent(extra), "    ")


BAD_IDS = [
    "<file:///etc/passwd>",
    "<http://evil.example/x>",
    "<javascript:alert(1)>",
    "http://evil.example/x",
    "rdf:type",
    "ng:Case",
    "ngr:org/test-case",
    "a/b",
    "../../x",
    "case/../x",
    "case/",
    "x" * 300,
    "a b",
    "Test-Case",
    "test_case",
    "-test",
    "test--case",
    "测试",
    "test\u200bcase",
]


@pytest.mark.parametrize("case_id", BAD_IDS)
def test_bad_case_id_is_refused_where_written(index, case_id):
    err = refused(case(case_id), index)
    loc = err.location
    assert (loc.source, loc.line, loc.field) == ("t.yaml", 3, "cases[0].id")
    assert err.message.startswith("not a valid case id:"), err.message
    assert "ngr:case/<slug>" in err.message


def test_good_ids_stay_under_the_type_segment(index):
    for case_id, iri in [
        ("test-case", NGR["case/test-case"]),
        ("case/test-case", NGR["case/test-case"]),
        ("ngr:case/test-case", NGR["case/test-case"]),
        ("case/test-case/part-2", NGR["case/test-case/part-2"]),
    ]:
        assert mapped(case(case_id), index).cases == [iri], case_id


def test_slug_length_both_sides(index):
    longest = "x" * MAX_SLUG_LENGTH
    assert mapped(case(longest), index).cases == [NGR[f"case/{longest}"]]
    err = refused(case(longest + "x"), index)
    assert "not a valid case id" in err.message and "(81 chars)" in err.message
    path = "case/" + "/".join([longest] * 3)  # three slugs of 80: longer than an id may be
    assert len(path) > MAX_ID_LENGTH
    assert "not a valid case id" in refused(case(path), index).message


def test_an_organisation_id_under_another_type_is_refused(index):
    text = case("test-case", """\
        organisations:
          - id: case/evil
            label: {zh: 某机构, en: Some body}
    """)
    err = refused(text, index)
    assert err.location.field == "cases[0].organisations[0].id"
    assert "not a valid organisation id: 'case/evil'" in err.message
    assert "ngr:org/<slug>" in err.message


@pytest.mark.parametrize("where, block, field", [
    ("reference", "organisations: ['<file:///etc/passwd>']\n", "cases[0].organisations[0]"),
    ("extra value", "extra: {rdfs:seeAlso: '<javascript:alert(1)>'}\n",
     "cases[0].extra.rdfs:seeAlso"),
    ("extra property", "extra: {'<file:///p>': x}\n", "cases[0].extra.<file:///p>"),
    ("theme", "themes: ['<javascript:alert(1)>']\n", "cases[0].themes[0].theme"),
])
def test_only_web_iris_in_templates(index, where, block, field):
    err = refused(case("test-case", block), index)
    assert err.location.field == field, where
    assert "only http, https and urn IRIs" in err.message


def test_web_and_urn_iris_are_taken(index):
    text = case("test-case", "extra: {rdfs:seeAlso: ['<https://example.org/a>', "
                             "'<urn:isbn:9787000000000>']}\n")
    g = mapped(text, index).graph
    assert set(g.objects(NGR["case/test-case"], URIRef(
        "http://www.w3.org/2000/01/rdf-schema#seeAlso"))) == {
        URIRef("https://example.org/a"), URIRef("urn:isbn:9787000000000")}


@pytest.mark.parametrize("block, field", [
    ("referenced_by: {rdfs:seeAlso: ng:Case}\n", "cases[0].referenced_by.rdfs:seeAlso"),
    ("referenced_by: {rdfs:seeAlso: skos:Concept}\n", "cases[0].referenced_by.rdfs:seeAlso"),
    ("referenced_by: {ng:relatedTo: [ngr:org/tencent, ng:Organisation]}\n",
     "cases[0].referenced_by.ng:relatedTo"),
    ("figures: [ng:Case]\n", "cases[0].figures"),
])
def test_ontology_terms_are_read_only(index, block, field):
    err = refused(case("test-case", block), index)
    assert err.location.field == field
    assert "a term of the ontology or a vocabulary" in err.message


def test_data_resources_may_still_point_at_a_new_case(index):
    text = case("test-case", "referenced_by: {rdfs:seeAlso: ngr:org/tencent}\n")
    g = mapped(text, index).graph
    assert (NGR["org/tencent"], URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
            NGR["case/test-case"]) in g
    assert (NGR["case/test-case"], RDF.type, NG.Case) in g


@pytest.mark.slow
def test_cli_refuses_an_id_with_a_space(tmp_path, capsys):
    path = tmp_path / "space.yaml"
    path.write_text(case("a b"), encoding="utf-8")
    assert cli.main(["add", str(path), "--into", str(tmp_path / "x.ttl"), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert f"netgov-kg: error: {path}, line 3, column 9, field 'cases[0].id': not a valid " \
           "case id: 'a b'" in err
