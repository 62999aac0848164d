"""Descriptions of the service and the dataset: SPARQL Service Description, VoID and DCAT.

Examples
--------
>>> g = service_description("http://127.0.0.1:8000/sparql", None)
>>> from rdflib import URIRef
>>> endpoint = URIRef("http://127.0.0.1:8000/sparql")
>>> (endpoint, SD.endpoint, endpoint) in g
True
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ..namespaces import DCAT, NG, NGR, VOID, bind_prefixes

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Licence of the data when the data names none (the package's data licence).
DEFAULT_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")

_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML")


def service_description(endpoint: str, settings: Any) -> Graph:
    """Return the SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    graph = bind_prefixes(Graph())
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings is not None and settings.allow_update:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("网络理政知识图谱", lang="zh")))
    graph.add((dataset, DCTERMS.title, Literal("netgov-kg knowledge graph", lang="en")))
    base = endpoint.rsplit("/sparql", 1)[0]
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.source, URIRef(base + "/void")))
    return graph


def _int(row: dict[str, Any], key: str) -> int:
    return int(row[key]["value"]) if key in row else 0


async def dataset_description(state: Any, base: str) -> Graph:
    """Return the VoID (and DCAT) description of the served dataset, with counts and licences.

    Parameters
    ----------
    state : ServerState
        The server's state; the counts are computed by the worker pool and cached.
    base : str
        The server's base URL (``http://host:port``), for the endpoint and example links.
    """
    key = "void:" + base
    if key in state.cache:
        return state.cache[key]
    counts = (await state.rows("dataset-counts"))[0]
    entities = (await state.rows("dataset-entities"))[0]
    classes = await state.rows("dataset-classes")
    graphs = await state.rows("dataset-graphs")
    licences = await state.rows("dataset-licences")

    graph = bind_prefixes(Graph())
    dataset = URIRef(str(NGR) + "dataset")
    add = graph.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal("网络理政知识图谱", lang="zh")))
    add((dataset, DCTERMS.title, Literal(
        "netgov-kg: a knowledge graph of China's 网络理政", lang="en")))
    add((dataset, DCTERMS.description, Literal(
        "中国网络理政十大卓越案例(2016–2021)及其组织、平台、专家、数据与来源。", lang="zh")))
    add((dataset, DCTERMS.description, Literal(
        "The ten outstanding cases of governing through the internet in China (2016–2021), "
        "with their organisations, platforms, experts, figures and sources.", lang="en")))
    stated = {URIRef(r["license"]["value"]) for r in licences if r["license"]["type"] == "uri"}
    for licence in sorted(stated or {DEFAULT_LICENCE}):
        add((dataset, DCTERMS.license, licence))
    add((dataset, VOID.sparqlEndpoint, URIRef(base + "/sparql")))
    add((dataset, VOID.uriSpace, Literal(str(NGR))))
    add((dataset, VOID.vocabulary, URIRef(str(NG).rstrip("#"))))
    for row in (await state.rows("home-cases"))[:1]:
        add((dataset, VOID.exampleResource, URIRef(row["case"]["value"])))
    add((dataset, VOID.triples, Literal(_int(counts, "triples"), datatype=XSD.integer)))
    add((dataset, VOID.distinctSubjects, Literal(_int(counts, "subjects"), datatype=XSD.integer)))
    add((dataset, VOID.distinctObjects, Literal(_int(counts, "objects"), datatype=XSD.integer)))
    add((dataset, VOID.properties, Literal(_int(counts, "properties"), datatype=XSD.integer)))
    add((dataset, VOID.entities, Literal(_int(entities, "entities"), datatype=XSD.integer)))
    add((dataset, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for row in classes:
        part = BNode()
        add((dataset, VOID.classPartition, part))
        add((part, VOID["class"], URIRef(row["class"]["value"])))
        add((part, VOID.entities, Literal(_int(row, "entities"), datatype=XSD.integer)))
    for row in graphs:
        sub = URIRef(row["g"]["value"])
        add((dataset, VOID.subset, sub))
        add((sub, RDF.type, VOID.Dataset))
        add((sub, VOID.triples, Literal(_int(row, "triples"), datatype=XSD.integer)))
    service = URIRef(base + "/sparql")
    add((service, RDF.type, DCAT.DataService))
    add((service, DCAT.endpointURL, service))
    add((service, DCAT.servesDataset, dataset))
    add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    distribution = BNode()
    add((dataset, DCAT.distribution, distribution))
    add((distribution, RDF.type, DCAT.Distribution))
    add((distribution, DCAT.accessURL, service))
    add((distribution, DCAT.accessService, service))
    for licence in sorted(stated or {DEFAULT_LICENCE}):
        add((distribution, DCTERMS.license, licence))
    state.cache[key] = graph
    return graph
