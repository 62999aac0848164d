"""The SPARQL 1.1 Protocol at /sparql, against a real uvicorn server."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from netgov_kg.namespaces import NG

CASES = (
    "SELECT ?case ?name WHERE { ?case a ng:Case ; rdfs:label ?name . FILTER(lang(?name) = 'zh') }"
)


def cases_in(kg) -> set[str]:
    return {str(r[0]) for r in kg.dataset.query(
        "SELECT ?c WHERE { ?c a <https://w3id.org/netgov-kg/ontology#Case> }")}


def test_get_form_post_and_direct_post_give_the_same_answer(server, kg):
    expected = cases_in(kg)
    accept = {"Accept": "application/sparql-results+json"}
    answers = [
        httpx.get(server + "/sparql", params={"query": CASES}, headers=accept),
        httpx.post(server + "/sparql", data={"query": CASES}, headers=accept),
        httpx.post(server + "/sparql", content=CASES.encode(),
                   headers={**accept, "Content-Type": "application/sparql-query"}),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        rows = response.json()["results"]["bindings"]
        assert {r["case"]["value"] for r in rows} == expected
        assert all(r["name"]["xml:lang"] == "zh" for r in rows)


@pytest.mark.parametrize(
    ("how", "value", "media", "parser"),
    [
        ("accept", "application/sparql-results+json", "application/sparql-results+json", "json"),
        ("accept", "application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("accept", "text/csv", "text/csv", "csv"),
        ("accept", "text/tab-separated-values", "text/tab-separated-values", "tsv"),
        ("format", "json", "application/sparql-results+json", "json"),
        ("format", "xml", "application/sparql-results+xml", "xml"),
        ("format", "csv", "text/csv", "csv"),
        ("format", "tsv", "text/tab-separated-values", "tsv"),
    ],
)
def test_select_formats_parse_back_to_the_same_rows(server, kg, how, value, media, parser):
    params = {"query": CASES}
    headers = {}
    if how == "format":
        params["format"] = value
        headers["Accept"] = "text/html"  # format= wins over Accept
    else:
        headers["Accept"] = value
    response = httpx.get(server + "/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if parser == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        found = {r["case"] for r in rows}
    else:
        result = Result.parse(io.BytesIO(response.content), format=parser)
        found = {str(row[0]) for row in result}
    assert found == cases_in(kg)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask_answers_true_and_false(server, fmt):
    def ask(query):
        r = httpx.get(server + "/sparql", params={"query": query, "format": fmt})
        assert r.status_code == 200, r.text
        if fmt in ("json", "xml"):
            return Result.parse(io.BytesIO(r.content), format=fmt).askAnswer
        return r.text.split()[-1] == "true"

    assert ask("ASK { ?c a ng:Case }") is True
    assert ask("ASK { ?c a ng:NoSuchClassAnywhere }") is False


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
     ("application/n-triples", "nt"), ("application/rdf+xml", "xml")],
)
def test_construct_and_describe_in_every_graph_format(server, kg, case, accept, rdflib_format):
    construct = "CONSTRUCT { ?c a ng:Case ; rdfs:label ?l } WHERE { ?c a ng:Case ; rdfs:label ?l }"
    r = httpx.post(server + "/sparql", data={"query": construct}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert set(map(str, g.subjects(RDF.type, None))) == cases_in(kg)
    r = httpx.get(server + "/sparql", params={"query": f"DESCRIBE <{case['iri']}>"},
                  headers={"Accept": accept})
    assert r.status_code == 200, r.text
    g = Graph().parse(data=r.content, format=rdflib_format)
    iri = URIRef(case["iri"])

    def named(graph):  # blank nodes (the evidence annotations) get new labels on the way
        return {(p, o) for p, o in graph.predicate_objects(iri) if not isinstance(o, BNode)}

    assert named(g) == named(kg.dataset)
    assert len(list(g.objects(iri, NG.evidence))) == len(list(kg.dataset.objects(iri, NG.evidence)))


def test_service_description_on_get_without_query(server):
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(server + "/sparql")
    assert (endpoint, RDF.type, URIRef(sd + "Service")) in g
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    # Read-only: the description does not offer SPARQL Update.
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) not in g


def test_browser_get_without_query_gets_the_query_page(server):
    r = httpx.get(server + "/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert 'id="query"' in r.text


def test_bad_query_is_400_with_the_parsers_message(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE {\n ?x ?y }"})
    assert r.status_code == 400
    assert "line:2" in r.text and "col:" in r.text
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE { ?x nope:p ?y }"})
    assert r.status_code == 400
    assert "nope" in r.text


def test_unacceptable_format_is_406(server):
    r = httpx.get(server + "/sparql", params={"query": CASES}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.text
    r = httpx.get(server + "/sparql", params={"query": CASES, "format": "pdf"})
    assert r.status_code == 406


def test_body_over_the_limit_is_413(server):
    padding = "#" + "x" * 30_000 + "\n"
    r = httpx.post(server + "/sparql", content=(padding + CASES).encode(),
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert "20000" in r.text
    # Without a Content-Length (chunked), the limit still holds.
    r = httpx.post(server + "/sparql", content=iter([padding.encode(), CASES.encode()]),
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_unknown_body_type_is_415_and_duplicate_query_is_400(server):
    r = httpx.post(server + "/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415
    r = httpx.get(server + "/sparql", params=[("query", CASES), ("query", CASES)])
    assert r.status_code == 400


def test_protocol_default_graph_uri_restricts_the_dataset(server, kg):
    graphs = sorted(str(c.identifier) for c in kg.dataset.graphs())
    ontology = next(g for g in graphs if "/graph/ontology/" in g)
    q = "ASK { ?c a ng:Case }"
    r = httpx.get(server + "/sparql", params={"query": q, "default-graph-uri": ontology,
                                              "format": "json"})
    assert r.status_code == 200, r.text
    assert r.json()["boolean"] is False
    case_class = URIRef("https://w3id.org/netgov-kg/ontology#Case")
    data = next(g for g in graphs if (None, RDF.type, case_class) in kg.dataset.graph(URIRef(g)))
    r = httpx.get(server + "/sparql", params={"query": q, "default-graph-uri": data,
                                              "format": "json"})
    assert r.json()["boolean"] is True


def test_json_answers_are_utf8_chinese(server, case):
    q = f"SELECT ?n WHERE {{ <{case['iri']}> rdfs:label ?n }}"
    r = httpx.get(server + "/sparql", params={"query": q, "format": "json"})
    names = {b["n"]["value"] for b in json.loads(r.content.decode("utf-8"))["results"]["bindings"]}
    assert case["zh"] in names and case["en"] in names


def test_from_clauses_naming_the_stores_graphs(server, oxigraph_server, kg):
    case_class = URIRef("https://w3id.org/netgov-kg/ontology#Case")
    graphs = sorted(str(g.identifier) for g in kg.dataset.graphs())
    ontology = next(g for g in graphs if "/graph/ontology/" in g)
    data = next(g for g in graphs if (None, RDF.type, case_class) in kg.dataset.graph(URIRef(g)))
    for base in (server, oxigraph_server):
        def ask(query, base=base):
            r = httpx.get(base + "/sparql", params={"query": query, "format": "json"})
            assert r.status_code == 200, r.text
            return r.json()["boolean"]

        assert ask(f"ASK FROM <{ontology}> {{ ?c a ng:Case }}") is False
        assert ask(f"ASK FROM <{data}> {{ ?c a ng:Case }}") is True
        assert ask(f"ASK FROM NAMED <{data}> {{ GRAPH <{data}> {{ ?c a ng:Case }} }}") is True
