"""Real clients against the running server: SPARQLWrapper, rdflib's SPARQLStore, curl."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS

NG_CASE = URIRef("https://w3id.org/netgov-kg/ontology#Case")


def expected_cases(kg) -> set[str]:
    return {str(s) for s in kg.dataset.subjects(RDF.type, NG_CASE)}


# -- SPARQLWrapper ---------------------------------------------------------------------------
def test_sparqlwrapper_select(server, kg):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("SELECT ?c WHERE { ?c a ng:Case }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {r["c"]["value"] for r in rows} == expected_cases(kg)


def test_sparqlwrapper_select_by_post(server, kg):
    from SPARQLWrapper import POST, XML, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("SELECT ?c WHERE { ?c a ng:Case }")
    client.setReturnFormat(XML)
    document = client.query().convert()  # an xml.dom.minidom document
    uris = {node.firstChild.data for node in document.getElementsByTagName("uri")}
    assert uris == expected_cases(kg)


def test_sparqlwrapper_ask(server, case):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(f"ASK {{ <{case['iri']}> a ng:Case }}")
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"ASK {{ <{case['iri']}> a ng:Expert }}")
    assert client.query().convert()["boolean"] is False


def test_sparqlwrapper_construct(server, kg, case):
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a ng:Case ; rdfs:label ?l }")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert set(map(str, graph.subjects())) == expected_cases(kg)
    names = set(map(str, graph.objects(URIRef(case["iri"]), RDFS.label)))
    assert names == {case["zh"], case["en"]}


def test_sparqlwrapper_construct_default_format_is_rdfxml(server, kg):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("CONSTRUCT WHERE { ?c a ng:Case }")
    graph = client.query().convert()  # SPARQLWrapper asks for RDF/XML and parses it
    assert set(map(str, graph.subjects(RDF.type, NG_CASE))) == expected_cases(kg)


def test_sparqlwrapper_gets_the_parsers_message(server):
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(server + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed, match="line:1"):
        client.query()


# -- rdflib SPARQLStore ----------------------------------------------------------------------
def test_rdflib_sparqlstore(server, kg, case):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server + "/sparql", returnFormat="json")
    remote = Graph(store=store)
    rows = remote.query(
        "SELECT ?c ?l WHERE { ?c a <https://w3id.org/netgov-kg/ontology#Case> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    found = {(str(c), str(label)) for c, label in rows}
    assert (case["iri"], case["zh"]) in found and (case["iri"], case["en"]) in found
    assert {c for c, _ in found} == expected_cases(kg)
    # Triple patterns through the store API become SPARQL queries too.
    assert set(remote.objects(URIRef(case["iri"]), RDFS.label)) == set(
        kg.dataset.objects(URIRef(case["iri"]), RDFS.label))
    assert len(remote) == len(kg.dataset)


# -- curl ------------------------------------------------------------------------------------
def curl(*args: str) -> tuple[dict[str, str], str]:
    exe = shutil.which("curl")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("curl is missing (scripts/setup.sh installs it)")
        pytest.skip("curl is not installed")
    out = subprocess.run([exe, "-s", "-D", "-", *args], capture_output=True, check=True,
                         timeout=60).stdout.decode("utf-8")
    head, _, body = out.partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    headers["status"] = lines[0].split()[1]
    return headers, body


@pytest.mark.parametrize(
    ("accept", "media", "parse_as"),
    [("text/turtle", "text/turtle", "turtle"),
     ("application/ld+json", "application/ld+json", "json-ld"),
     ("application/n-triples", "application/n-triples", "nt"),
     ("text/html", "text/html", None)],
)
def test_curl_content_negotiation_on_resource_iris(server, kg, case, accept, media, parse_as):
    headers, body = curl("-H", f"Accept: {accept}", server + case["path"])
    assert headers["status"] == "200"
    assert headers["content-type"].split(";")[0] == media
    assert "accept" in headers["vary"].lower()
    if parse_as is None:
        assert case["zh"] in body and case["en"] in body
        return
    graph = Graph().parse(data=body, format=parse_as)
    iri = URIRef(case["iri"])
    from netgov_kg.evidence import evidence_of

    named = {(p, o) for p, o in kg.dataset.predicate_objects(iri) if not isinstance(o, BNode)}
    assert {(p, o) for p, o in graph.predicate_objects(iri) if not isinstance(o, BNode)} == named
    assert evidence_of(graph, iri) == evidence_of(kg.dataset, iri)  # blank nodes, carried whole


def test_curl_browser_accept_gets_html_and_unknown_iri_404(server, case):
    headers, body = curl("-H", "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
                         server + case["path"])
    assert headers["content-type"].startswith("text/html")
    headers, _ = curl(server + "/id/case/no-such-case-anywhere")
    assert headers["status"] == "404"
    headers, _ = curl("-H", "Accept: image/png", server + case["path"])
    assert headers["status"] == "406"


def test_curl_sparql_negotiation(server, kg):
    query = "SELECT ?c WHERE { ?c a ng:Case }"
    headers, body = curl("-G", "--data-urlencode", f"query={query}",
                         "-H", "Accept: application/sparql-results+json", server + "/sparql")
    assert headers["content-type"].startswith("application/sparql-results+json")
    assert {b["c"]["value"] for b in json.loads(body)["results"]["bindings"]} == \
        expected_cases(kg)
    headers, body = curl("--data-urlencode", f"query={query}", "-H", "Accept: text/csv",
                         server + "/sparql")
    assert headers["content-type"].startswith("text/csv")
    assert set(body.split()[1:]) == expected_cases(kg)
