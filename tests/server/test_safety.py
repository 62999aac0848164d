"""Safe by default: read-only, no SERVICE, no LOAD or file:, timeouts, caps, loopback, CORS.

Every attack runs on the memory store and on Oxigraph (`any_server`, `any_update_server`).
"""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from rdflib import Graph

from netgov_kg.cli import build_parser

from .conftest import TOKEN

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    item = Listener()
    yield item
    item.close()


def query(base, text, **params):
    return httpx.post(base + "/sparql", data={"query": text, **params}, timeout=30)


# -- SERVICE ---------------------------------------------------------------------------------
def test_service_to_port_9_is_refused(any_server):
    r = query(any_server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert r.status_code == 403
    assert "SERVICE" in r.text


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x a ng:Case OPTIONAL {{ SERVICE SILENT <{url}> {{ ?x ?p ?o }} }} }}",
        "ASK {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a ng:Case . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s a ng:Case FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "DESCRIBE ?s WHERE {{ {{ ?s a ng:Case }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_service_is_refused_without_any_connection(any_server, listener, template):
    r = query(any_server, template.format(url=f"http://127.0.0.1:{listener.port}/sparql"))
    assert r.status_code == 403, r.text
    time.sleep(0.5)
    assert listener.connections == 0
    # The listener does record connections: a direct one is seen.
    socket.create_connection(("127.0.0.1", listener.port)).close()
    time.sleep(0.3)
    assert listener.connections == 1


def test_from_another_host_is_refused_without_any_connection(any_server, listener):
    url = f"http://127.0.0.1:{listener.port}/g.ttl"
    r = query(any_server, f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}")
    assert r.status_code == 403
    time.sleep(0.5)
    assert listener.connections == 0


# -- LOAD and file: ---------------------------------------------------------------------------
def test_load_and_file_access_are_refused(any_server, any_update_server):
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    for base, headers in ((any_server, {}), (any_update_server, bearer)):
        r = httpx.post(base + "/sparql", data={"update": "LOAD <file:///etc/passwd>"},
                       headers=headers)
        assert r.status_code == 403, r.text
        assert "root:" not in r.text
    r = query(any_server, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert r.status_code == 403 and "file:" in r.text
    r = query(any_server,
              "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert r.status_code == 403
    r = httpx.get(any_server + "/sparql", params={"query": "ASK { ?s ?p ?o }",
                                              "default-graph-uri": "file:///etc/passwd"})
    assert r.status_code == 403
    r = httpx.post(
        any_update_server + "/sparql",
        data={"update": "INSERT { ?s ?p ?o } USING <file:///etc/passwd> WHERE { ?s ?p ?o }"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 403


# -- read-only ------------------------------------------------------------------------------
INSERT = "INSERT DATA { <urn:netgov-test:a> <urn:netgov-test:p> 'inserted' }"
ASK_INSERTED = "ASK { <urn:netgov-test:a> <urn:netgov-test:p> 'inserted' }"


def test_updates_are_refused_by_a_read_only_server(any_server):
    assert httpx.post(any_server + "/sparql", data={"update": INSERT}).status_code == 403
    r = httpx.post(any_server + "/sparql", content=INSERT.encode(),
                   headers={"Content-Type": "application/sparql-update",
                            "Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert query(any_server, INSERT).status_code == 403
    assert httpx.get(any_server + "/sparql", params={"update": INSERT}).status_code == 400
    assert query(any_server, ASK_INSERTED, format="json").json()["boolean"] is False


def test_updates_need_the_token(any_update_server):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = httpx.post(any_update_server + "/sparql", data={"update": INSERT}, headers=headers)
        assert r.status_code == 403
    assert query(any_update_server, ASK_INSERTED, format="json").json()["boolean"] is False
    r = httpx.post(any_update_server + "/sparql", data={"update": INSERT},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert query(any_update_server, ASK_INSERTED, format="json").json()["boolean"] is True
    r = httpx.get(any_update_server + "/sparql", headers={"Accept": "text/turtle"})
    assert "SPARQL11Update" in r.text


def test_update_with_service_is_refused_even_with_the_token(any_update_server, listener):
    r = httpx.post(
        any_update_server + "/sparql",
        data={"update": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:"
                        f"{listener.port}/> {{ ?s ?p ?o }} }}"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 403
    time.sleep(0.5)
    assert listener.connections == 0


# -- timeout -------------------------------------------------------------------------------
def test_runaway_query_stops_at_the_timeout_while_others_are_answered(any_server, case):
    quick = f"ASK {{ <{case['iri']}> a ng:Case }}"
    with ThreadPoolExecutor(max_workers=1) as executor:
        started = time.monotonic()
        runaway = executor.submit(query, any_server, RUNAWAY)
        time.sleep(0.3)
        latencies = []
        while not runaway.done():
            t0 = time.monotonic()
            r = query(any_server, quick, format="json")
            latencies.append(time.monotonic() - t0)
            assert r.status_code == 200 and r.json()["boolean"] is True
            time.sleep(0.1)
        answer = runaway.result()
        elapsed = time.monotonic() - started
    assert answer.status_code == 503, answer.text
    assert "timeout" in answer.text
    assert 3 <= elapsed < 8  # --timeout 3, plus the kill and the HTTP round trip
    assert len(latencies) >= 5 and max(latencies) < 2
    # The killed worker was replaced: the server goes on answering.
    for _ in range(4):
        assert query(any_server, quick, format="json").json()["boolean"] is True


# -- result cap -----------------------------------------------------------------------------
def test_result_size_is_capped(any_update_server):
    r = query(any_update_server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", format="json")
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["X-Netgov-Truncated"] == "true" and r.headers["X-SPARQL-MaxRows"] == "3"
    r = query(any_update_server, "CONSTRUCT WHERE { ?s ?p ?o }", format="nt")
    assert len(Graph().parse(data=r.text, format="nt")) == 3
    assert r.headers["X-Netgov-Truncated"] == "true"
    r = query(any_update_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", format="json")
    assert len(r.json()["results"]["bindings"]) == 2
    assert "X-Netgov-Truncated" not in r.headers


# -- binding and CORS -------------------------------------------------------------------------
def test_serve_binds_loopback_by_default():
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert args.allow_update is False


def test_server_listens_on_loopback_only(any_server):
    psutil = pytest.importorskip("psutil")
    port = int(any_server.rsplit(":", 1)[1])
    listening = [c for c in psutil.net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    assert listening, f"nothing listens on port {port}"
    assert {c.laddr.ip for c in listening} == {"127.0.0.1"}


def test_cors_allows_only_the_configured_origin(any_server, any_update_server):
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    r = httpx.options(any_server + "/sparql",
                      headers={"Origin": "https://allowed.example", **preflight})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "https://allowed.example"
    r = httpx.options(any_server + "/sparql",
                      headers={"Origin": "https://evil.example", **preflight})
    assert r.headers.get("access-control-allow-origin") is None
    r = httpx.get(any_server + "/sparql", params={"query": "ASK {}"},
                  headers={"Origin": "https://allowed.example"})
    assert r.headers["access-control-allow-origin"] == "https://allowed.example"
    r = httpx.get(any_update_server + "/sparql", params={"query": "ASK {}"},
                  headers={"Origin": "https://allowed.example"})
    assert "access-control-allow-origin" not in r.headers
