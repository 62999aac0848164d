r"""The outside probe's attacks (issue 11), on the memory store and on Oxigraph.

A real loopback HTTP server stands in for an attacker's target: it must never receive a
request, whatever comment, line terminator or escape hides a SERVICE or LOAD from the guard.
"""

from __future__ import annotations

import http.server
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from .conftest import ARTIFACTS, TOKEN, running_server

pytestmark = pytest.mark.slow

#: Line ends as typed, and as escapes (which the SPARQL grammar decodes before parsing).
ENDS = ["\r", "\n", "\r\n", "\\u000d", "\\u000a", "\\U0000000D", "\u2028", "\x85", "\x0b",
        "\x0c"]
#: Where a comment can hide a SERVICE; ``{end}`` is the line end under test.
FORMS = [
    "SELECT * WHERE {{ # x{end} SERVICE <{url}> {{ ?a ?b ?c }} \n }}",
    "SELECT * WHERE {{ #{end}SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "# note{end}SELECT * WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o #{end} OPTIONAL {{ SERVICE SILENT <{url}> {{ ?a ?b ?c }} }} \n }}",
    "SELECT * WHERE {{ BIND('#' AS ?h) # x{end} SERVICE <{url}> {{ ?a ?b ?c }} \n }}",
]
MARKER = "target-body-7c1e"


class Target:
    """A loopback HTTP server that records every request and answers with a marker page."""

    def __init__(self) -> None:
        seen = self.requests = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                seen.append(f"{self.command} {self.path}")
                body = f"<html>{MARKER}</html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def target_server():
    item = Target()
    # The target works: a direct request is recorded (so an empty record means something).
    assert MARKER in httpx.get(item.url).text and item.requests == ["GET /"]
    yield item
    item.close()


@pytest.fixture
def target(target_server):
    """The loopback target, with no request recorded yet."""
    target_server.requests.clear()
    return target_server


def query(base, text, **params):
    return httpx.post(base + "/sparql", data={"query": text, **params}, timeout=60)


# -- 1. SSRF through the guard --------------------------------------------------------------
@pytest.mark.parametrize("form", FORMS, ids=range(len(FORMS)))
@pytest.mark.parametrize("end", ENDS, ids=[repr(e) for e in ENDS])
def test_no_comment_or_line_end_smuggles_service_past_the_guard(any_server, target, form, end):
    r = query(any_server, form.format(end=end, url=target.url))
    assert target.requests == [], r.text
    assert MARKER not in r.text
    if r.status_code != 200:  # a 200 is a query whose SERVICE stayed inside its comment
        assert r.status_code in (400, 403), r.text
    else:
        assert end not in ("\r", "\n", "\r\n", "\\u000d", "\\u000a", "\\U0000000D")


@pytest.mark.parametrize("text", [
    "SELECT * WHERE {{ S\\u0045RVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND('\\u0027 # ' AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} \n }}",
    "SELECT * WHERE {{ SERVICE <{url}\\u003e {{ ?a ?b ?c }} }}",
], ids=["escaped-keyword", "escaped-quote", "escaped-iri-end"])
def test_escapes_do_not_smuggle_service(any_server, target, text):
    r = query(any_server, text.format(url=target.url))
    assert r.status_code in (400, 403), r.text
    assert target.requests == [] and MARKER not in r.text


@pytest.mark.parametrize("end", ["\r", "\\u000d", "\n"], ids=["cr", "escaped-cr", "lf"])
def test_no_comment_smuggles_load_past_the_guard_for_a_token_holder(any_update_server, target,
                                                                  end):
    update = f"INSERT DATA {{ <urn:netgov-test:x> <urn:netgov-test:p> 1 }} ; # x{end} " \
             f"LOAD <{target.url}g.ttl> \n"
    r = httpx.post(any_update_server + "/sparql", data={"update": update},
                   headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert r.status_code == 403, r.text
    assert target.requests == []


# -- 4. the default graph comes from the parsed dataset clause ------------------------------
def test_the_letters_from_do_not_empty_the_default_graph(server, oxigraph_safety_server):
    texts = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s prov:wasDerivedFrom ?src }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a ng:Case } # taken from the data",
        "SELECT (COUNT(?from) AS ?n) WHERE { ?from a ng:Case }",
    ]
    for text in texts:
        memory = query(server, text, format="json").json()
        oxigraph = query(oxigraph_safety_server, text, format="json").json()
        n = memory["results"]["bindings"][0]["n"]["value"]
        assert int(n) > 0, text
        assert oxigraph["results"]["bindings"][0]["n"]["value"] == n, text


def test_a_from_clause_still_names_the_default_graph(server, oxigraph_safety_server):
    graph = "https://w3id.org/netgov-kg/id/graph/data/cases"
    text = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    inside = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    for base in (server, oxigraph_safety_server):
        counts = [query(base, t, format="json").json()["results"]["bindings"][0]["n"]["value"]
                  for t in (text, inside)]
        assert counts[0] == counts[1] and int(counts[0]) > 0


# -- 2. one request cannot freeze the others -----------------------------------------------
def slow_to_parse() -> str:
    """A query within every limit (19 kB) that rdflib's parser needs about ten seconds for."""
    chain = "1+" * 980 + "1>0"
    return "ASK{" + "".join(f"FILTER({chain})" for _ in range(9)) + "}"


def test_the_check_runs_under_the_timeout_while_others_are_answered(any_server, case):
    quick = f"ASK {{ <{case['iri']}> a ng:Case }}"
    with ThreadPoolExecutor(max_workers=1) as executor:
        slow = executor.submit(
            httpx.post, any_server + "/sparql", content=slow_to_parse().encode(),
            headers={"Content-Type": "application/sparql-query"}, timeout=60,
        )
        time.sleep(0.3)
        answered = 0
        while not slow.done():
            r = query(any_server, quick, format="json")
            assert r.status_code == 200 and r.json()["boolean"] is True
            answered += 1
        answer = slow.result()
    assert answer.status_code == 503 and "timeout" in answer.text, answer.text
    assert answered >= 1


def test_get_queries_are_bounded_by_max_body(any_server):
    text = "ASK { ?s ?p ?o }" + " " * 25_000  # the server's --max-body is 20000
    r = httpx.get(any_server + "/sparql", params={"query": text}, timeout=60)
    assert r.status_code == 414 and "20000-byte" in r.text
    r = httpx.get(any_server + "/sparql", params={"query": "ASK { ?s ?p ?o }" + " " * 15_000})
    assert r.status_code == 200


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { FILTER(" + "1+" * 8_000 + "1) }",
    "ASK " + "{" * 500 + "}" * 500,
], ids=["16kB-filter", "500-braces"])
def test_oversized_queries_get_a_clear_400(any_server, text):
    r = httpx.post(any_server + "/sparql", content=text.encode(),
                   headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert r.status_code == 400 and "limit" in r.text, r.text[:300]


# -- 16. protocol ---------------------------------------------------------------------------
def test_head_answers_like_get_without_a_body(any_server):
    r = httpx.head(any_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.content == b""


def test_an_empty_query_is_a_clear_400(any_server):
    for text in ("", "   \n"):
        r = query(any_server, text)
        assert r.status_code == 400 and "empty" in r.text


def test_describe_star_is_a_clear_400(any_server):
    for text in ("DESCRIBE *", "DESCRIBE * WHERE { ?s a ng:Case }"):
        r = query(any_server, text)
        assert r.status_code == 400 and "DESCRIBE *" in r.text
        assert "NoneType" not in r.text


def test_a_resource_path_that_is_no_iri_is_404(any_server):
    for path in ("/id/a%20b", "/id/a%3Cb%3E", "/id/x%22y"):
        r = httpx.get(any_server + path, headers={"Accept": "text/turtle"})
        assert r.status_code == 404, (path, r.text)
        r = httpx.get(any_server + path, headers={"Accept": "text/html"})
        assert r.status_code == 404, (path, r.text)


def test_trailing_slash_redirects_are_relative(any_server):
    for path, location in (("/sparql/", "/sparql"), ("/query/", "/query"),
                           ("/ontology/?format=ttl", "/ontology?format=ttl")):
        r = httpx.get(any_server + path, headers={"Host": "evil.example"})
        assert r.status_code in (307, 308), path
        assert r.headers["location"] == location
    assert httpx.get(any_server + "//evil.example/").status_code == 404


# -- token, answer bytes, refusal log -------------------------------------------------------
@pytest.fixture(scope="module")
def env_token_server(artifacts_dir, monkeypatch_module):
    monkeypatch_module.setenv("NETGOV_KG_TOKEN", TOKEN)
    with running_server("--allow-update", "--max-answer-bytes", "3000") as base:
        yield base


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_update_token_comes_from_the_environment(env_token_server):
    insert = "INSERT DATA { <urn:netgov-test:env> <urn:netgov-test:p> 1 }"
    r = httpx.post(env_token_server + "/sparql", data={"update": insert},
                   headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = httpx.post(env_token_server + "/sparql", data={"update": insert},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text


def test_answers_are_capped_by_bytes(env_token_server):
    r = query(env_token_server, "CONSTRUCT WHERE { ?s ?p ?o }", format="nt")
    assert r.status_code == 413 and "3,000 bytes" in r.text
    r = query(env_token_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", format="json")
    assert r.status_code == 200


def test_refused_requests_are_logged_with_rule_and_client(env_token_server, target):
    port = env_token_server.rsplit(":", 1)[1]
    r = query(env_token_server, f"ASK {{ SERVICE <{target.url}> {{ ?s ?p ?o }} }}")
    assert r.status_code == 403
    log = (ARTIFACTS.parent / f"server-{port}.log").read_text(encoding="utf-8")
    lines = [x for x in log.splitlines() if "refused 403" in x and "SERVICE" in x]
    assert lines and "127.0.0.1:" in lines[-1] and "netgov_kg.server" in lines[-1]
