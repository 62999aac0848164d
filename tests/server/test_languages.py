"""The zh/en switch on every page: the interface in the chosen language only, data in both
(the chosen language first), the choice remembered by the cookie; the APIs do not change."""

from __future__ import annotations

import re
import warnings

import pytest

#: A page, and one heading of its interface in zh and in en.
PAGES = {
    "/": ("<h1>网络理政知识图谱</h1>", "<h1>netgov-kg: governing through the internet</h1>"),
    "/cases": ("<h1>案例</h1>", "<h1>Cases</h1>"),
    "/map": ("<h1>案例地图</h1>", "<h1>Map of the cases</h1>"),
    "/timeline": ("<h1>时间线</h1>", "<h1>Timeline</h1>"),
    "/network": ("<h1>关系网络</h1>", "<h1>Network</h1>"),
    "/query": ("<h1>SPARQL 查询</h1>", "<h1>SPARQL query</h1>"),
    "/ontology": ("<h2>类</h2>", "<h2>Classes</h2>"),
    "/id/case/yinchuan-weibo-matrix": (">案例概况</h2>", ">Profile</h2>"),
    "/id/place/510100": ("<h2>属性与关联</h2>", "<h2>Properties and links</h2>"),
}
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


@pytest.fixture(scope="module")
def client(kg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note on httpx in its test client
        from starlette.testclient import TestClient
    from netgov_kg.server.app import create_app

    with TestClient(create_app(kg, workers=1, timeout=20),
                    headers={"Accept": "text/html"}) as c:
        yield c


def headings(page: str) -> list[str]:
    """The text of the page's h1–h3, without the data shown muted in Chinese."""
    found = re.findall(r"<(h[1-3])\b[^>]*>(.*?)</\1>", page, re.S)
    texts = [re.sub(r'<span class="[^"]*" lang="zh">.*?</span>', "", inner, flags=re.S)
             for _, inner in found]
    return [re.sub(r"<[^>]+>", "", t) for t in texts]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_speaks_the_chosen_language_and_remembers_it(client, path):
    zh, en = PAGES[path]
    client.cookies.clear()
    english = client.get(path, params={"lang": "en"})
    assert english.status_code == 200, english.text
    assert '<html lang="en">' in english.text and en in english.text
    assert zh not in english.text
    chinese_left = [h for h in headings(english.text) if CJK.search(h)]
    assert not chinese_left, chinese_left  # no Chinese interface heading
    # the cookie remembers the choice: the next request, without ?lang=, is in English
    later = client.get(path)
    assert '<html lang="en">' in later.text and en in later.text and zh not in later.text
    chinese = client.get(path, params={"lang": "zh"})
    assert '<html lang="zh">' in chinese.text and zh in chinese.text and en not in chinese.text
    again = client.get(path)
    assert '<html lang="zh">' in again.text and zh in again.text and en not in again.text
    client.cookies.clear()


def test_data_keeps_both_names_with_the_chosen_language_first(client):
    client.cookies.clear()
    path = "/id/case/yinchuan-weibo-matrix"
    h1 = {lang: re.search(r"<h1>(.*?)</h1>", client.get(path, params={"lang": lang}).text,
                          re.S).group(1) for lang in ("zh", "en")}
    first = {lang: re.match(r'<span lang="(\w+)">', h1[lang]).group(1) for lang in h1}
    assert first == {"zh": "zh", "en": "en"}
    assert 'class="en" lang="en"' in h1["zh"] and 'class="en" lang="zh"' in h1["en"]
    assert "银川" in h1["en"]  # the Chinese name stays in view on the English page
    # text joined in Python (titles, property names, linked names): the same order
    place = {lang: client.get("/id/place/510100", params={"lang": lang}).text
             for lang in ("zh", "en")}
    assert "<title>成都市 / Chengdu</title>" in place["zh"]
    assert "<title>Chengdu / 成都市</title>" in place["en"]
    cards = client.get("/cases", params={"lang": "en"}).text
    assert '<span class="muted" lang="zh">' in cards  # facet values and themes: both names
    client.cookies.clear()


def test_the_apis_do_not_depend_on_the_language(client):
    client.cookies.clear()
    for path, params in (("/api/cases", {"theme": "党建"}),
                         ("/api/cases", {"format": "csv"}),
                         ("/sparql", {"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})):
        answers = []
        for lang in ("zh", "en"):
            client.cookies.set("lang", lang)
            answers.append(client.get(path, params=params, headers={"Accept": "*/*"}))
        assert answers[0].status_code == 200
        assert answers[0].content == answers[1].content, path
        assert "set-cookie" not in answers[0].headers
    client.cookies.clear()
