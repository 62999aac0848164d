"""Resource pages, the ontology, the shapes, the dataset description and the query page."""

from __future__ import annotations

from html import unescape

import httpx
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

NG = "https://w3id.org/netgov-kg/ontology#"
NGR = "https://w3id.org/netgov-kg/id/"
VOID = "http://rdfs.org/ns/void#"


def local(iri: str) -> str:
    return "/id/" + iri.removeprefix(NGR)


def html(base: str, path: str) -> str:
    r = httpx.get(base + path, headers={"Accept": "text/html"})
    assert r.status_code == 200, (path, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.fixture(scope="module")
def case_with_figures(kg) -> URIRef:
    rows = list(kg.dataset.query(
        "SELECT ?c (COUNT(?o) AS ?n) WHERE { ?c a ng:Case . ?o ng:about ?c ; ng:value ?v } "
        "GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 1",
        initNs={"ng": NG}))
    assert rows, "no case in the data has figures"
    return rows[0][0]


def test_case_page_is_bilingual_and_links_related_resources(server, kg, case):
    page = html(server, case["path"])
    assert case["zh"] in page and case["en"] in page
    iri = URIRef(case["iri"])
    related = {str(o) for o in kg.dataset.objects(iri, None)
               if isinstance(o, URIRef) and str(o).startswith(NGR)}
    assert related
    for other in related:
        assert f'href="{local(other)}"' in page, other
    for source in kg.dataset.objects(iri, PROV.wasDerivedFrom):
        assert f'href="{local(str(source))}"' in page


def test_case_page_shows_figures_with_units_and_periods(server, kg, case_with_figures):
    page = html(server, local(str(case_with_figures)))
    ng = lambda name: URIRef(NG + name)  # noqa: E731
    figures = list(kg.dataset.subjects(ng("about"), case_with_figures))
    shown = 0
    for obs in figures:
        value = kg.dataset.value(obs, ng("value"))
        if value is None:
            continue
        shown += 1
        number = value.toPython()
        text = f"{number:,}" if isinstance(number, int) else f"{float(number):,}"
        assert text in page, (obs, text)
        units = {str(u) for u in kg.dataset.objects(obs, ng("unit"))}
        assert all(u in page for u in units), (obs, units)
        for prop in ("periodStart", "periodEnd"):
            for when in kg.dataset.objects(obs, ng(prop)):
                assert str(when) in page, (obs, prop)
    assert shown > 0


@pytest.fixture(scope="module")
def served():
    """The graph on the store the `server` fixture serves (memory), to compare like with like."""
    import netgov_kg

    return netgov_kg.load(store="memory")


def test_every_resource_iri_resolves(server, served):
    kg = served
    resources = {str(s) for s in kg.dataset.subjects()
                 if isinstance(s, URIRef) and str(s).startswith(NGR)}
    assert resources
    with httpx.Client(base_url=server, headers={"Accept": "text/turtle"}) as client:
        for iri in sorted(resources):
            r = client.get(local(iri))
            assert r.status_code == 200, iri
            got = Graph().parse(data=r.text, format="turtle")
            assert _named(got.predicate_objects(URIRef(iri))) == _named(
                kg.dataset.predicate_objects(URIRef(iri))), iri
            # evidence annotations are blank nodes: the description carries them whole
            assert _evidence(got, iri) == _evidence(kg.dataset, iri), iri


def _named(pairs):
    return {(p, o) for p, o in pairs if not isinstance(o, BNode)}


def _evidence(graph, iri):
    from netgov_kg.evidence import evidence_of

    return evidence_of(graph, URIRef(iri))


def test_a_page_for_each_kind_of_resource(server, kg):
    kinds: dict[str, str] = {}
    for s in kg.dataset.subjects():
        if isinstance(s, URIRef) and str(s).startswith(NGR) and "/graph/" not in str(s):
            kinds.setdefault(str(s).removeprefix(NGR).split("/")[0], str(s))
    for iri in kinds.values():
        page = html(server, local(iri))
        for label in kg.dataset.objects(URIRef(iri), RDFS.label):
            assert str(label) in unescape(page)


def test_jsonld_of_a_resource(server, kg, case):
    r = httpx.get(server + case["path"], headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    g = Graph().parse(data=r.text, format="json-ld")
    assert (URIRef(case["iri"]), RDFS.label, Literal(case["zh"], lang="zh")) in g


def ontology_triples(kg) -> Graph:
    g = Graph()
    for graph in kg.dataset.graphs():
        if "/graph/ontology/" in str(graph.identifier):
            for t in graph:
                g.add(t)
    return g


def test_ontology_as_turtle_and_html(server, kg):
    expected = ontology_triples(kg)
    assert len(expected) > 0
    r = httpx.get(server + "/ontology", headers={"Accept": "text/turtle"})
    got = Graph().parse(data=r.text, format="turtle")
    assert len(got) == len(expected)
    page = html(server, "/ontology")
    terms = {str(s) for s in expected.subjects(RDF.type, None)
             if str(s).startswith(NG) and (
                 (s, RDF.type, OWL.Class) in expected
                 or (s, RDF.type, OWL.ObjectProperty) in expected
                 or (s, RDF.type, OWL.DatatypeProperty) in expected)}
    assert terms
    for term in terms:
        assert f'id="{term.removeprefix(NG)}"' in page, term
        for label in expected.objects(URIRef(term), RDFS.label):
            assert str(label) in unescape(page)


def test_shapes(server):
    from netgov_kg.resources import shapes_files

    expected = Graph()
    for path in shapes_files():
        expected.parse(path)
    r = httpx.get(server + "/shapes")
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == len(expected)


def test_dataset_description_counts_and_licence(server, kg):
    for path in ("/void", "/.well-known/void"):
        r = httpx.get(server + path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    dataset = URIRef(NGR + "dataset")
    assert int(g.value(dataset, URIRef(VOID + "triples"))) == len(kg.dataset)
    cases = len(set(kg.dataset.subjects(RDF.type, URIRef(NG + "Case"))))
    partitions = {g.value(p, URIRef(VOID + "class")): int(g.value(p, URIRef(VOID + "entities")))
                  for p in g.objects(dataset, URIRef(VOID + "classPartition"))}
    assert partitions[URIRef(NG + "Case")] == cases
    assert list(g.objects(dataset, URIRef("http://purl.org/dc/terms/license")))
    assert g.value(dataset, URIRef(VOID + "sparqlEndpoint")) == URIRef(server + "/sparql")


def test_home_lists_every_case(server, kg):
    page = html(server, "/")
    for c in set(kg.dataset.subjects(RDF.type, URIRef(NG + "Case"))):
        assert f'href="{local(str(c))}"' in page


def test_query_page_is_offline_and_offers_the_named_queries(server, kg):
    import re

    page = html(server, "/query")
    assert "http://" not in page.replace(NGR, "").split("<main")[0]
    # scripts and style sheets come from this server only, YASGUI among them
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', page)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert any(s.startswith("/static/vendor/yasgui/yasgui.min.js?v=") for s in sources)
    names = [getattr(q, "name", q) for q in kg.named_queries()]
    assert names
    for name in names:
        assert f'"name": "{name}"' in page, name


def test_a_page_shows_each_evidence_quote_in_its_context(server):
    page = html(server, "/id/case/baoshan-shequtong")
    assert "<h2>原文依据</h2>" in page
    assert "<h2>Evidence</h2>" in html(server, "/id/case/baoshan-shequtong?lang=en")
    assert "<mark>经过4年多的运营,在基层取得了诸多成效</mark>" in page
    assert "_:" not in page  # the blank annotation is not shown as a link or a value


def test_evidence_text_is_escaped(server):
    from netgov_kg.server.resource_page import render

    row = {"exact": {"type": "literal", "value": "<script>alert(1)</script>"},
           "prefix": {"type": "literal", "value": "a&b"},
           "start": {"type": "literal", "value": "0"},
           "end": {"type": "literal", "value": "25"}}
    page = render(NGR + "case/x", [], [], [], [row])
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a&amp;b" in page
