"""The interactive HTML view: self-contained, offline, and holding the whole graph."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from netgov_kg.network.html import to_html, write_html
from netgov_kg.network.projections import project


def payload(page: str) -> dict:
    m = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))["graph"]


def scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def test_page_holds_every_node_and_edge(mini):
    G = project(mini, "expert-institution")
    data = payload(to_html(G))
    assert [n["id"] for n in data["nodes"]] == list(G)
    assert {n["zh"] for n in data["nodes"]} == {d["label_zh"] for _, d in G.nodes(data=True)}
    assert len(data["edges"]) == G.number_of_edges()
    ids = [n["id"] for n in data["nodes"]]
    assert {(ids[e["s"]], ids[e["t"]]) for e in data["edges"]} == set(G.edges)
    assert set(data["classes"]) == {"Case", "Expert", "Organisation"}
    assert data["directed"] is True


def test_page_loads_nothing_from_outside(mini):
    G = project(mini, "full")
    page = to_html(G)
    markup = page
    for code in scripts(page):  # the markup and style; the scripts are checked below
        markup = markup.replace(code, "")
    for pattern in (
        r"<script[^>]+src=",
        r"<link\b",
        r"@import",
        r"url\((?!#)",
        r"\bhref=",
        r"<iframe",
        r"<img",
    ):
        assert not re.search(pattern, markup, re.I), pattern
    # The only URLs are the nodes' IRIs, the project's IRI space, and those in the inlined
    # library's text (licence notices; none is requested: the policy allows no request).
    iris = {d["iri"] for _, d in G.nodes(data=True)}
    library = scripts(page)[0]
    urls = set(re.findall(r"https?://[^\s\"'<>`]+", page.replace(library, "")))
    assert urls - iris == {"https://w3id.org/netgov-kg/id/"}
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "connect-src" not in policy


def test_labels_cannot_break_out_of_the_script(mini):
    G = project(mini, "case-theme")
    G.nodes["https://w3id.org/netgov-kg/id/case/a"]["label_zh"] = "</script><script>alert(1)"
    page = to_html(G, title="<b>t</b>")
    assert page.count("</script>") == 3  # the data block and the two inlined scripts
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    assert payload(page)["nodes"][0]["zh"] == "</script><script>alert(1)"


def test_write_html(mini, tmp_path):
    out = tmp_path / "view.html"
    write_html(project(mini, "case-case"), out, size_by="pagerank")
    data = payload(out.read_text(encoding="utf-8"))
    assert data["size_by"] == "pagerank"
    assert abs(sum(n["score"] for n in data["nodes"]) - 1) < 1e-5


@pytest.mark.slow
def test_page_draws_in_a_headless_browser_offline(mini, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: scripts/setup.sh installs it")
        pytest.skip("chromium is not installed")
    G = project(mini, "expert-institution")
    out = tmp_path / "view.html"
    write_html(G, out)
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--user-data-dir=" + str(tmp_path / "profile"),
            "--virtual-time-budget=3000",
            "--dump-dom",
            out.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    # Cytoscape.js drew on its canvases, and the page listed every node.
    assert "<canvas" in dom
    assert dom.count("<li>") == G.number_of_nodes()
    assert f"{G.number_of_nodes()}个节点 · {G.number_of_edges()}条边" in dom
    assert "专家一" in dom


HOSTILE = ["<!--", "<!--<script>", "</SCRIPT >", "a\u2028b", "]]>&amp;", "<\\/x"]


def test_every_label_survives_the_data_block(mini):
    G = project(mini, "case-theme")
    nodes = list(G)
    for node, text in zip(nodes, HOSTILE, strict=False):
        G.nodes[node]["label_zh"] = text
        G.nodes[node]["iri"] = "javascript:alert(1)//" + text
    page = to_html(G)
    block = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>',
                      page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = payload(page)
    assert [n["zh"] for n in data["nodes"][:len(HOSTILE)]] == HOSTILE
    assert page.lower().count("</script") == 3 and page.count("<!--") == 0


def test_title_is_text_and_placeholders_are_not_substituted_twice(mini):
    G = project(mini, "case-theme")
    page = to_html(G, title="__DATA__ __SCRIPT__ <i>")
    assert "<title>__DATA__ __SCRIPT__ &lt;i&gt;</title>" in page
    assert "<h1>__DATA__ __SCRIPT__ &lt;i&gt;</h1>" in page


def test_policy_allows_only_the_page_s_own_scripts_and_style(mini):
    from netgov_kg.html_safety import csp_hash

    page = to_html(project(mini, "case-theme"))
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                       page).group(1)
    library, script = scripts(page)
    style = re.search(r"<style[^>]*>(.*?)</style>", page, re.S).group(1)
    assert f"script-src {csp_hash(library)} {csp_hash(script)};" in policy
    assert f"style-src {csp_hash(style)};" in policy
    assert policy.startswith("default-src 'none';") and "unsafe" not in policy


def test_the_view_is_the_servers_component_with_cytoscape_inlined(mini):
    from netgov_kg.server.html import STATIC

    page = to_html(project(mini, "case-theme"))
    library, script = scripts(page)
    vendored = (STATIC / "vendor" / "cytoscape" / "cytoscape.min.js").read_text(encoding="utf-8")
    assert library == vendored  # it holds no "</script" or "<!--" to escape
    assert script == (STATIC / "network.js").read_text(encoding="utf-8")
    # Cytoscape.js finds its container rule in the page's style and adds no <style> element
    # (the policy would refuse it).
    assert '<style id="__________cytoscape_stylesheet">' in page


def test_the_page_shows_every_kind_of_a_node(kinds):
    # 问政银川's pattern: a platform of two most specific kinds shows both, not the first only
    data = payload(to_html(project(kinds, "case-platform")))
    node = next(n for n in data["nodes"] if n["iri"].endswith("platform/matrix"))
    assert node["type"] == "ng:AccountMatrix ng:WeiboAccount"
