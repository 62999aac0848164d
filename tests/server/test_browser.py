"""The pages in headless Chromium (Selenium): the SPARQL editor, the network view, zh/en.

Every test records the requests the pages make (none may leave the test server), runs the
vendored axe-core (no critical or serious violation in the project's own markup) and keeps a
screenshot under build/screenshots/. The fixtures are in :mod:`.browser`.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from .browser import (
    check_page,
    console_errors,
    outside_requests,
    requests_made,
    screenshot,
)

pytestmark = pytest.mark.slow

#: Violations seen in the vendored widgets, printed for docs/server.md.
WIDGET_VIOLATIONS: dict[str, set[str]] = {}


def wait(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def by(kind: str):
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def checked(driver, base: str, name: str) -> None:
    widgets = check_page(driver, base, name)
    for v in widgets:
        WIDGET_VIOLATIONS.setdefault(name, set()).add(f"{v['id']} ({v['impact']})")
    csp = [e for e in console_errors(driver) if "Content Security Policy" in e]
    assert not csp, csp


def yasgui_text(driver) -> str:
    return driver.find_element(by("ID"), "yasgui").text


def test_query_page_runs_a_query_in_yasgui(browser, server, case):
    query = "SELECT ?case ?name WHERE { ?case a ng:Case ; rdfs:label ?name }"
    browser.get(f"{server}/query?query={quote(query)}")
    wait(browser, lambda d: case["zh"] in yasgui_text(d))
    # the results table links the case to this server's page, not to w3id.org
    links = browser.find_elements(by("CSS_SELECTOR"), f'#yasgui a[href="{case["path"]}"]')
    assert links
    # the query declares the prefixes it uses (pre-set by the page) and went to /sparql
    text = browser.execute_script("return window.netgovYasgui.getTab().getQuery()")
    assert "PREFIX ng: <https://w3id.org/netgov-kg/ontology#>" in text
    assert any(u == server + "/sparql" for u in requests_made(browser))
    # the answer downloads as CSV and JSON from the local endpoint
    csv = browser.find_element(by("ID"), "download-csv").get_attribute("href")
    assert csv.startswith(server + "/sparql?query=")
    assert case["iri"] in httpx.get(csv, timeout=30).text
    json_link = browser.find_element(by("ID"), "download-json").get_attribute("href")
    assert httpx.get(json_link, timeout=30).json()["results"]["bindings"]
    checked(browser, server, "query-yasgui")


def test_query_page_picks_and_runs_a_named_query(browser, server, kg, case):
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/query")
    wait(browser, lambda d: d.execute_script("return !!window.netgovYasgui"))
    named = next(q for q in kg.named_queries() if q.name == "cases")
    picker = Select(browser.find_element(by("ID"), "example"))
    picker.select_by_visible_text(next(o.text for o in picker.options if "(cases)" in o.text))
    assert named.description["zh"] in browser.find_element(by("ID"), "notes").text
    # the editor holds the named query; run it with YASGUI's own button
    assert "ng:Case" in browser.execute_script(
        "return window.netgovYasgui.getTab().getQuery()")
    browser.find_element(by("CSS_SELECTOR"), "#yasgui .yasqe_queryButton").click()
    wait(browser, lambda d: d.find_elements(
        by("CSS_SELECTOR"), f'#yasgui a[href="{case["path"]}"]'))
    # the endpoint cannot be changed: no endpoint field is shown
    fields = browser.find_elements(by("CSS_SELECTOR"), "#yasgui .autocompleteWrapper input")
    assert not [f for f in fields if f.is_displayed()]
    checked(browser, server, "query-named")


def test_query_page_without_javascript_is_a_plain_form(server, case):
    page = httpx.get(server + "/query", timeout=30).text
    assert '<form id="form" action="/sparql" method="get">' in page
    assert 'name="query"' in page and '<option value="csv">' in page
    answer = httpx.get(server + "/sparql", params={
        "query": "SELECT ?c WHERE { ?c a ng:Case }", "format": "csv"}, timeout=30)
    assert answer.headers["content-type"].startswith("text/csv")
    assert case["iri"] in answer.text


def node_click(driver, node_id: str) -> None:
    """Click the Cytoscape node ``node_id`` where it is drawn."""
    from selenium.webdriver.common.action_chains import ActionChains

    box = driver.find_element(by("ID"), "cy")
    x, y = driver.execute_script(
        "var p = window.netgovCy.getElementById(arguments[0]).renderedPosition();"
        "return [p.x, p.y];", node_id)
    size = box.size
    ActionChains(driver).move_to_element_with_offset(
        box, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()


def test_network_node_clicks_through_to_its_page(browser, server, case):
    browser.get(server + "/network?projection=case-theme")
    wait(browser, lambda d: d.execute_script(
        "return !!window.netgovCy && window.netgovCy.nodes().length > 0"))
    count = browser.execute_script("return window.netgovCy.nodes().length")
    assert count == len(browser.find_elements(by("CSS_SELECTOR"), "#net-list li"))
    browser.execute_script(  # bring the case into view at a size that can be clicked
        "var cy = window.netgovCy; cy.zoom(1.5); cy.center(cy.getElementById(arguments[0]));",
        case["iri"])
    node_click(browser, case["iri"])
    opened = wait(browser, lambda d: d.find_elements(by("ID"), "net-open"))
    assert case["zh"] in browser.find_element(by("ID"), "net-info").text
    checked(browser, server, "network")
    opened[0].click()
    wait(browser, lambda d: d.current_url == server + case["path"])
    assert case["zh"] in browser.find_element(by("TAG_NAME"), "h1").text
    checked(browser, server, "network-to-case")


@pytest.mark.parametrize("projection", ["case-case", "expert-institution"])
def test_network_projections_draw(browser, server, kg, projection):
    browser.get(f"{server}/network?projection={projection}")
    wait(browser, lambda d: d.execute_script(
        "return !!window.netgovCy && window.netgovCy.nodes().length > 0"))
    G = kg.network(projection)
    assert browser.execute_script("return window.netgovCy.nodes().length") == len(G)
    assert browser.execute_script("return window.netgovCy.edges().length") == G.size()
    checked(browser, server, f"network-{projection}")


def test_language_switch_is_remembered(browser, server, case):
    browser.get(server + "/network")
    browser.find_element(by("CSS_SELECTOR"), '.langs a[hreflang="en"]').click()
    wait(browser, lambda d: d.find_element(by("TAG_NAME"), "html").get_attribute("lang") == "en")
    wait(browser, lambda d: d.execute_script(
        "return !!window.netgovCy && window.netgovCy.nodes().length > 0"))
    label = browser.execute_script(
        "return window.netgovCy.getElementById(arguments[0]).data('label')", case["iri"])
    assert label == case["en"]
    # another page, no ?lang=: the cookie keeps English
    browser.get(server + "/query")
    assert browser.find_element(by("TAG_NAME"), "html").get_attribute("lang") == "en"
    nav = browser.find_element(by("CSS_SELECTOR"), "header nav").text
    assert "Query" in nav and "查询" not in nav
    screenshot(browser, "query-en")
    browser.find_element(by("CSS_SELECTOR"), '.langs a[hreflang="zh"]').click()
    wait(browser, lambda d: d.find_element(by("TAG_NAME"), "html").get_attribute("lang") == "zh")
    assert "查询" in browser.find_element(by("CSS_SELECTOR"), "header nav").text


@pytest.mark.parametrize("path", ["/", "/ontology", "/query", "/network"])
def test_pages_are_offline_accessible_and_fit_a_phone(server, path):
    from .browser import make_driver

    driver = make_driver()
    try:
        # a phone's screen (Chromium's window cannot be narrower than 500 px)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
        driver.get(server + path + "?lang=zh")
        wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        # the page is as wide as the phone: nothing to scroll sideways
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= driver.execute_script("return window.innerWidth") + 1, width
        # the skip link is the first stop of the keyboard and leads to the main content
        from selenium.webdriver.common.keys import Keys

        driver.find_element(by("TAG_NAME"), "body").send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        assert active.get_attribute("class") == "skip" and active.is_displayed()
        checked(driver, server, "phone" + (path.replace("/", "-") if path != "/" else "-home"))
    finally:
        driver.quit()


def test_a_case_page_in_chromium(browser, server, case):
    browser.get(server + case["path"])
    assert case["zh"] in browser.find_element(by("TAG_NAME"), "h1").text
    checked(browser, server, "case-page")


def test_outside_requests_are_found():
    # the check itself can fail: a CDN or tile request is caught
    assert outside_requests(["http://127.0.0.1:1/x", "https://unpkg.com/a.js"],
                            "http://127.0.0.1:1") == ["https://unpkg.com/a.js"]


def teardown_module() -> None:
    if WIDGET_VIOLATIONS:
        print("\naxe violations in the vendored widgets:",
              {k: sorted(v) for k, v in WIDGET_VIOLATIONS.items()})
