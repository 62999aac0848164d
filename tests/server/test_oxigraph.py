"""On an Oxigraph-backed graph, queries run on Oxigraph's engine, with the same answers."""

from __future__ import annotations

import time

import httpx
import pytest

QUERIES = [
    "SELECT ?c ?l WHERE { ?c a ng:Case ; rdfs:label ?l }",
    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) } GROUP BY ?s",
    "SELECT ?o ?v WHERE { ?o ng:value ?v OPTIONAL { ?o ng:unit ?u } }",
]


def rows(base, query):
    r = httpx.post(base + "/sparql", data={"query": query, "format": "json"})
    assert r.status_code == 200, r.text
    bindings = r.json()["results"]["bindings"]
    return r.headers["X-Netgov-Engine"], sorted(
        tuple(sorted((k, v["value"], v.get("xml:lang"), v.get("datatype"))
                     for k, v in b.items())) for b in bindings)


@pytest.mark.parametrize("query", QUERIES)
def test_oxigraph_engine_answers_like_rdflib(server, oxigraph_server, query):
    engine_memory, expected = rows(server, query)
    engine_ox, got = rows(oxigraph_server, query)
    assert engine_memory == "rdflib"
    assert engine_ox == "oxigraph"
    assert got == expected and got


def test_oxigraph_pages_and_guard(oxigraph_server, case):
    r = httpx.get(oxigraph_server + case["path"], headers={"Accept": "text/html"})
    assert case["zh"] in r.text
    r = httpx.post(oxigraph_server + "/sparql",
                   data={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 403


def test_oxigraph_runaway_query_times_out(oxigraph_server):
    runaway = ("SELECT (COUNT(*) AS ?n) WHERE "
               "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }")
    started = time.monotonic()
    r = httpx.post(oxigraph_server + "/sparql", data={"query": runaway}, timeout=30)
    assert r.status_code == 503
    assert 3 <= time.monotonic() - started < 8
    r = httpx.post(oxigraph_server + "/sparql", data={"query": "ASK { ?s ?p ?o }",
                                                      "format": "json"})
    assert r.json()["boolean"] is True
