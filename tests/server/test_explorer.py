"""The case explorer: /cases, /api/cases (JSON and CSV), /map, /timeline and the case profile.

Run in-process (Starlette's TestClient) on the shipped graph (Oxigraph, the default store),
and on a small synthetic graph with a hostile label. The API must agree with the named
queries: the same filter gives the same cases.
"""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph
from starlette.testclient import TestClient

import netgov_kg
from netgov_kg.server.app import create_app
from netgov_kg.server.explorer import PAGE_SIZE, Filters, fill

NGR = "https://w3id.org/netgov-kg/id/"
PARTY = NGR + "theme/party-building"
GUANGDONG = NGR + "place/440000"
SHENZHEN = NGR + "case/shenzhen-smart-party-building"


@pytest.fixture(scope="module")
def kg():
    return netgov_kg.load()


@pytest.fixture(scope="module")
def client(kg):
    with TestClient(create_app(kg, workers=1)) as c:
        yield c


def api(client, **params) -> dict:
    r = client.get("/api/cases", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_cases(client, **params) -> set[str]:
    answer = api(client, **params)
    found = {c["iri"] for c in answer["cases"]}
    for page in range(2, answer["pages"] + 1):
        found |= {c["iri"] for c in api(client, page=page, **params)["cases"]}
    assert len(found) == answer["total"]
    return found


def facet(answer: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in answer["facets"][name]}


def test_every_theme_gives_the_cases_of_the_named_query(client, kg):
    themes = facet(api(client), "theme")
    assert len(themes) > 10
    for theme, count in themes.items():
        named = {str(r[1]) for r in kg.run("cases-by-theme", theme=theme).rows}
        assert all_cases(client, theme=theme) == named
        assert count == len(named)


def test_no_filter_gives_the_named_query_cases_and_province_counts(client, kg):
    answer = api(client)
    assert {c["iri"] for c in answer["cases"]} == {str(r[0]) for r in kg.run("cases").rows}
    per_province = {str(r[0]): int(r[1]) for r in kg.run("cases-by-province").rows}
    assert facet(answer, "province") == per_province


def test_two_filters_combine_with_and(client):
    both = all_cases(client, theme=PARTY, province=GUANGDONG)
    assert both == {SHENZHEN}
    assert both == all_cases(client, theme=PARTY) & all_cases(client, province=GUANGDONG)
    answer = api(client, theme=PARTY, province=GUANGDONG)
    assert answer["total"] == 1 and facet(answer, "theme")[PARTY] == 1
    assert answer["filters"] == {"theme": PARTY, "province": GUANGDONG}


@pytest.mark.parametrize("q", ["chengdu", "成都", "Chengdu", "成都市", "aianji", "爱安吉"])
def test_search_in_zh_en_and_pinyin(client, q):
    cases = {c["iri"] for c in api(client, q=q)["cases"]}
    assert len(cases) == 1
    assert cases <= {NGR + "case/chengdu-network-governance-platform", NGR + "case/ai-anji-app"}


def test_search_with_no_hit_is_empty_not_everything(client):
    answer = api(client, q="zzzz-no-such-case")
    assert answer["total"] == 0 and answer["cases"] == []


def test_card_has_names_place_path_themes_and_figures(client, kg):
    card = next(c for c in api(client, q="一网通办")["cases"])
    assert card["label_zh"] and card["label_en"]
    assert [p["label_zh"] for p in card["path"]] == ["上海市"]
    assert card["themes"] and all(t["label_zh"] and t["label_en"] for t in card["themes"])
    stated = {str(r[0]) for r in kg.query(
        f"SELECT ?o WHERE {{ ?o ng:about <{card['iri']}> ; a ng:Observation }}").rows}
    assert card["figures"] == len(stated) > 0


def test_basis_facet_and_year_filter(client):
    answer = api(client)
    assert set(facet(answer, "basis")) <= {"https://w3id.org/netgov-kg/ontology#" + b
                                          for b in ("Background", "Implied", "Correction")}
    years = facet(answer, "year")
    year, n = next(iter(years.items()))
    assert api(client, year=year)["total"] == n


def test_csv_download_lists_every_match(client):
    r = client.get("/api/cases", params={"theme": PARTY, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["case"] for row in rows} == all_cases(client, theme=PARTY)
    r2 = client.get("/api/cases", params={"theme": PARTY}, headers={"Accept": "text/csv"})
    assert r2.text == r.text


def test_filters_take_iris_curies_and_names_as_named_queries_do(client):
    by_iri = all_cases(client, theme=PARTY)
    assert all_cases(client, theme="ngr:theme/party-building") == by_iri
    assert all_cases(client, theme="党建") == by_iri
    assert all_cases(client, theme="Party building", province="广东省") == {SHENZHEN}
    r = client.get("/api/cases", params={"theme": "no such theme at all"})
    assert r.status_code == 400 and "theme" in r.text


@pytest.mark.parametrize("params", [{"theme": "javascript:alert(1)"}, {"year": "20x8"},
                                    {"page": "0"}, {"page": "999999"}])
def test_bad_filters_are_refused(client, params):
    r = client.get("/api/cases", params=params)
    assert r.status_code == 400
    assert client.get("/cases", params=params).status_code == 400


def test_cases_page_agrees_with_the_api_and_links_every_filter_state(client):
    r = client.get("/cases", params={"theme": PARTY})
    assert r.status_code == 200
    for iri in all_cases(client, theme=PARTY):
        assert 'href="/id/' + iri[len(NGR):] + '"' in r.text
    assert 'aria-current="true"' in r.text
    assert "/api/cases?theme=" in r.text and "format=csv" in r.text
    home = client.get("/")
    assert home.status_code == 200 and 'role="search"' in home.text and "<svg" in home.text


def test_map_places_cases_at_their_coordinates_and_links_them(client):
    r = client.get("/map")
    assert r.status_code == 200
    assert r.text.count('class="marker"') >= 8  # ten cases; 腾讯为村 has no place
    assert 'href="/id/case/ai-anji-app"' in r.text
    assert "上海市" in r.text  # a province-level region with coordinates is labelled
    assert client.get("/map", params={"colour": "year"}).status_code == 200
    chengdu = client.get("/cases", params={"place": NGR + "place/510100"})
    assert "成都市网络理政平台" in chengdu.text and "✕ 清除" in chengdu.text
    assert client.get("/map", params={"colour": "nope"}).status_code == 400


def test_timeline_lists_the_named_query_facts(client, kg):
    r = client.get("/timeline")
    assert r.status_code == 200
    named = kg.run("timeline")
    assert f"{len(named)} 条带日期的事实" in r.text
    one = client.get("/timeline", params={"case": NGR + "case/shanghai-yiwangtongban"})
    assert one.status_code == 200 and "2023" in one.text and "<circle" in one.text


def test_case_page_opens_on_the_profile_then_the_full_table(client):
    r = client.get("/id/case/shanghai-yiwangtongban", headers={"Accept": "text/html"})
    assert r.status_code == 200
    text = r.text
    assert text.index('id="profile-title"') < text.index("全部属性") < text.index('class="props"')
    profile = text[text.index('id="profile-title"'):text.index("全部属性")]
    assert "上海大数据中心" in profile or "上海市大数据中心" in profile
    assert "由原文推断" in profile  # the responsible body is implied, and marked
    assert "倒逼政府内部的流程再造和数据治理" in profile  # a theme's supporting quote
    assert "移动应用" in profile and "郑磊" in profile
    assert "?format=ttl" in text and "?format=jsonld" in text


def test_fill_keeps_only_set_filters_and_writes_checked_terms():
    text = fill("explorer-facets", Filters(year="2018"))
    assert text.count('VALUES ?year { "2018" }') == 7 and "?theme" not in text
    with pytest.raises(netgov_kg.errors.InputError):
        fill("explorer-cards", Filters(), cases=["javascript:alert(1)"])


HOSTILE = """
@prefix ng: <https://w3id.org/netgov-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/netgov-kg/id/case/hostile> a ng:Case ;
    rdfs:label "<script>alert('zh')</script>敌意"@zh, "</title><svg onload=alert(2)>Hostile"@en ;
    ng:locatedIn <https://w3id.org/netgov-kg/id/place/510100> ;
    ng:startDate "2019" ;
    ng:hasTheme <https://w3id.org/netgov-kg/id/theme/party-building> .
"""


def test_hostile_labels_are_escaped_everywhere(tmp_path):
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE, encoding="utf-8")
    Graph().parse(path)  # the fixture itself parses
    with TestClient(create_app(netgov_kg.load(path), workers=1)) as c:
        for url in ("/", "/cases?q=diyi", "/cases?q=Hostile", "/map", "/timeline",
                    "/id/case/hostile"):
            r = c.get(url, headers={"Accept": "text/html"})
            assert r.status_code == 200, url
            assert "<script>alert" not in r.text and "<svg onload" not in r.text, url
            if url != "/map":  # the map names places; Chengdu now has two cases
                assert "&lt;script&gt;alert" in r.text, url
        r = c.get("/api/cases", params={"q": "Hostile"})
        names = [x["label_en"] for x in r.json()["cases"]]
        assert names == ["</title><svg onload=alert(2)>Hostile"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_beyond_the_first(tmp_path):
    from netgov_kg.synth import generate_cases, reference_from

    kg = netgov_kg.load()
    synth = generate_cases(PAGE_SIZE + 5, reference=reference_from(kg.dataset), seed=3)
    path = tmp_path / "synth.ttl"
    synth.serialize(path, format="turtle")
    with TestClient(create_app(netgov_kg.load(path), workers=1)) as c:
        first = c.get("/api/cases").json()
        assert first["total"] == PAGE_SIZE + 15 and first["pages"] == 2
        second = c.get("/api/cases", params={"page": 2}).json()
        assert len(first["cases"]) == PAGE_SIZE and len(second["cases"]) == 15
        assert not {x["iri"] for x in first["cases"]} & {x["iri"] for x in second["cases"]}
        page = c.get("/cases")
        assert 'rel="next"' in page.text and "page=2" in page.text


def test_case_page_shows_each_passage_of_its_own_facts_once(client, kg):
    """The profile's passages are the case's own evidence (the library's ``case-evidence``),
    each once per fact: a bare ``BIND(?case …)`` branch once matched every passage of the graph."""
    import html
    import re

    from netgov_kg.terms import local_name

    for case in sorted(str(c) for c in kg.run("cases").column("case"))[:4]:
        page = client.get("/id/" + case.removeprefix(NGR), headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "<h2>属性与关联" in page.text
        profile = page.text.split("<h2>属性与关联")[0]  # the profile, before the full table
        shown = [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", profile, re.S)]
        own = {str(r["quote"]) for r in kg.run("case-evidence", case=case)}
        assert shown, local_name(case)
        assert set(shown) <= own, set(shown) - own
        repeated = {q for q in shown if shown.count(q) > 1}
        assert not repeated, repeated
