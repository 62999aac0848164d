"""Fixtures of the network tests: the small hand-made graph and its projections."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.ttl"
NGR = "https://w3id.org/netgov-kg/id/"


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The hand-made fixture graph (tests/network/fixtures/mini.ttl), alone in a dataset."""
    ds = Dataset(default_union=True)
    ds.graph(URIRef(NGR + "graph/test/mini")).parse(MINI, format="turtle")
    return ds


@pytest.fixture(scope="session")
def real(kg) -> Dataset:
    """The shipped ontology and data (the session's shared ``kg``), as a dataset."""
    return kg.dataset


@pytest.fixture(scope="session")
def oxigraph_kg():
    """The shipped ontology and data on the Oxigraph store, loaded once per session."""
    import netgov_kg

    return netgov_kg.load(store="oxigraph")


@pytest.fixture(params=["memory", "oxigraph"])
def any_kg(request, kg, oxigraph_kg):
    """The shipped graph on each store in turn: the answers must not depend on the store."""
    return kg if request.param == "memory" else oxigraph_kg


#: A graph with the type patterns the projections must keep: a platform of two most specific
#: kinds (as 问政银川), one of no stated kind, and a case with no platform.
KINDS_TTL = """
@prefix ng: <https://w3id.org/netgov-kg/ontology#> .
@prefix ngr: <https://w3id.org/netgov-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ng:SocialMediaAccount rdfs:subClassOf ng:Platform .
ng:WeiboAccount rdfs:subClassOf ng:SocialMediaAccount .
ng:AccountMatrix rdfs:subClassOf ng:SocialMediaAccount .
ng:MobileApp rdfs:subClassOf ng:Platform .
ngr:case\\/matrix a ng:Case ; rdfs:label "矩阵案例"@zh, "Matrix case"@en ;
    ng:usesPlatform ngr:platform\\/matrix .
ngr:case\\/weibo a ng:Case ; rdfs:label "微博案例"@zh, "Weibo case"@en ;
    ng:usesPlatform ngr:platform\\/weibo .
ngr:case\\/unstated a ng:Case ; rdfs:label "未说明案例"@zh, "Unstated case"@en ;
    ng:usesPlatform ngr:platform\\/plain .
ngr:case\\/none a ng:Case ; rdfs:label "无平台案例"@zh, "No-platform case"@en .
ngr:platform\\/matrix a ng:Platform, ng:AccountMatrix, ng:WeiboAccount ;
    rdfs:label "问政某地"@zh, "Ask Somewhere"@en .
ngr:platform\\/weibo a ng:WeiboAccount ; rdfs:label "某微博"@zh, "Some Weibo"@en .
ngr:platform\\/plain a ng:Platform ; rdfs:label "某平台"@zh, "Some platform"@en .
"""


@pytest.fixture(scope="session", params=["memory", "oxigraph"])
def kinds(request) -> Dataset:
    """:data:`KINDS_TTL` in a dataset, on each store in turn."""
    from netgov_kg.stores import open_store

    ds = open_store(request.param)
    ds.graph(URIRef(NGR + "graph/test/kinds")).parse(data=KINDS_TTL, format="turtle")
    return ds
