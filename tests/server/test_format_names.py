"""The server reads format names from netgov_kg.formats: the library's names work over HTTP."""

from __future__ import annotations

import httpx
import pytest

CONSTRUCT = "CONSTRUCT { ?c a ng:Case } WHERE { ?c a ng:Case } LIMIT 2"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("nt", "application/n-triples"), ("ox-nt", "application/n-triples"),
     ("n-triples", "application/n-triples"), ("ttl", "text/turtle"),
     ("application/ld+json", "application/ld+json")],
)
def test_graph_format_names(server, name, media_type):
    r = httpx.get(server + "/sparql", params={"query": CONSTRUCT, "format": name}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media_type


def test_results_format_names_and_unknown(server):
    ask = {"query": "ASK { ?c a ng:Case }"}
    r = httpx.get(server + "/sparql", params={**ask, "format": "srj"}, timeout=60)
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = httpx.get(server + "/sparql", params={**ask, "format": "docx"}, timeout=60)
    assert r.status_code == 406
