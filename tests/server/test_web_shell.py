"""The pages' shell: path prefix, zh/en switch, static files and their cache headers, the
network data route. In-process (Starlette's test client); the browser tests are slow ones."""

from __future__ import annotations

import hashlib
import json
import re
import warnings

import pytest

from netgov_kg.server.html import STATIC

PAGES = ["/", "/query", "/network", "/ontology", "/id/case/ai-anji-app"]


@pytest.fixture(scope="module")
def client(kg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note on httpx in its test client
        from starlette.testclient import TestClient
    from netgov_kg.server.app import create_app

    app = create_app(kg, workers=1, timeout=20, trust_forwarded_prefix=True)
    with TestClient(app, headers={"Accept": "text/html"}) as c:
        yield c


@pytest.fixture(scope="module")
def untrusting(kg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from netgov_kg.server.app import create_app

    with TestClient(create_app(kg, workers=1, timeout=20), root_path="/kg",
                    headers={"Accept": "text/html"}) as c:
        yield c


def urls(page: str) -> list[str]:
    return re.findall(r'\b(?:href|src|action)="([^"]*)"', page)


def local_urls(page: str) -> list[str]:
    return [u for u in urls(page) if not u.startswith(("http://", "https://", "#", "?"))]


@pytest.mark.parametrize("path", PAGES)
def test_every_link_keeps_the_forwarded_prefix(client, path):
    r = client.get(path, headers={"X-Forwarded-Prefix": "/kg"})
    assert r.status_code == 200, r.text
    page = r.text
    found = local_urls(page)
    assert found and all(u.startswith("/kg/") for u in found), [
        u for u in found if not u.startswith("/kg/")]
    # the proxy strips the prefix: what the page links is served
    for url in {u for u in found if u.startswith("/kg/static/")}:
        r = client.get(url.removeprefix("/kg"), headers={"X-Forwarded-Prefix": "/kg"})
        assert r.status_code == 200, url


@pytest.mark.parametrize("prefix", ["//evil.example", "/a b", "https://evil.example", "/kg/../x"])
def test_a_prefix_that_is_not_a_plain_path_is_ignored(client, prefix):
    page = client.get("/query", headers={"X-Forwarded-Prefix": prefix}).text
    assert all(u.startswith("/") and not u.startswith("//") for u in local_urls(page))
    assert "evil" not in page and '"endpoint": "/sparql"' in page


def test_the_header_is_ignored_unless_trusted_and_root_path_is_used(untrusting):
    page = untrusting.get("/query", headers={"X-Forwarded-Prefix": "/other"}).text
    found = local_urls(page)
    assert found and all(u.startswith("/kg/") for u in found)
    assert '"endpoint": "/kg/sparql"' in page
    css = next(u for u in found if "/static/page.css" in u)
    # (uvicorn --root-path hands the app the path with the prefix, as the test client does)
    assert untrusting.get(css).status_code == 200


def test_language_is_chosen_remembered_and_varies(client):
    first = client.get("/network?lang=en", headers={"X-Forwarded-Prefix": "/kg"})
    assert '<html lang="en">' in first.text and ">Query</a>" in first.text
    cookie = first.headers["set-cookie"]
    assert cookie.startswith("lang=en;") and "Path=/kg;" in cookie and "SameSite=Lax" in cookie
    assert first.headers["vary"] == "Cookie"
    # one Vary header holding the route's and ours
    assert client.get("/ontology").headers.get_list("vary") == ["Accept, Cookie"]
    # the switch links this page in both languages, other parameters kept
    page = client.get("/network?projection=case-case&lang=en").text
    assert 'href="/network?projection=case-case&amp;lang=zh"' in page
    client.cookies.clear()
    client.cookies.set("lang", "en")
    later = client.get("/query")
    assert '<html lang="en">' in later.text and "set-cookie" not in later.headers
    client.cookies.set("lang", "xx")
    assert '<html lang="zh">' in client.get("/query").text
    client.cookies.clear()
    odd = client.get("/query?lang=<script>")
    assert '<html lang="zh">' in odd.text and "set-cookie" not in odd.headers


def test_static_files_carry_cache_headers_and_versioned_urls(client):
    page = client.get("/query").text
    for url in (u for u in urls(page) if u.startswith("/static/")):
        path, version = url.removeprefix("/static/").split("?v=")
        r = client.get(url)
        assert r.status_code == 200, url
        assert version == hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12]
        if path.startswith("vendor/"):
            assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
        else:
            assert r.headers["cache-control"] == "public, max-age=300"
    assert client.get("/static/vendor/yasgui/yasgui.min.js").headers[
        "content-type"].startswith(("text/javascript", "application/javascript"))
    for bad in ("/static/../html.py", "/static/%2e%2e/html.py", "/static/vendor/"):
        assert client.get(bad).status_code == 404, bad


def test_pages_allow_scripts_and_styles_from_this_server_only(client):
    policy = client.get("/network").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert "connect-src 'self'" in policy


@pytest.mark.parametrize("name", ["case-theme", "case-case", "expert-institution"])
def test_network_data_is_the_library_projection(client, kg, name):
    data = client.get(f"/api/network?projection={name}").json()
    G = kg.network(name)
    assert [n["id"] for n in data["nodes"]] == list(G)
    assert len(data["edges"]) == G.number_of_edges()
    assert {n["en"] for n in data["nodes"]} == {d["label_en"] for _, d in G.nodes(data=True)}
    page = client.get(f"/network?projection={name}").text
    config = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert config["projection"] == name and config["api"] == "/api/network"
    for n in G:  # every node is listed as a link to its page (no JavaScript needed)
        if n.startswith("https://w3id.org/netgov-kg/id/"):
            assert f'href="/id/{n.removeprefix("https://w3id.org/netgov-kg/id/")}"' in page


def test_an_unknown_projection_is_404(client):
    assert client.get("/api/network?projection=full").status_code == 404
    assert client.get("/network?projection=<x>").status_code == 404


@pytest.mark.parametrize("prefix", ["//evil.example", "kg", "/a b", "/kg/.."])
def test_serve_refuses_a_root_path_that_is_not_a_plain_path(capsys, prefix):
    from netgov_kg.cli import main

    code = main(["serve", "--root-path", prefix])
    assert code == 2
    assert "--root-path must be a path like /kg" in capsys.readouterr().err
