"""Issue 12, finding 2: /sparql answers relative IRIs as kg.query does (the same BASE)."""

from __future__ import annotations

import httpx
import pytest

import netgov_kg

from .conftest import running_server

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { <case/yinchuan-weibo-matrix> ?p ?o }"


@pytest.mark.slow
@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_sparql_endpoint_answers_the_base_example_like_the_library(store):
    expected = int(netgov_kg.load(store=store).query(QUERY)[0]["n"])
    assert expected == 35
    with running_server("--workers", "1", store=store) as base:
        response = httpx.get(
            base + "/sparql", params={"query": QUERY},
            headers={"Accept": "application/sparql-results+json"}, timeout=30,
        )
    assert response.status_code == 200, response.text
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == expected
