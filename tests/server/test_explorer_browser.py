"""Headless Chromium (Selenium, Debian's chromedriver given explicitly) uses the case explorer.

It types in the search box, clicks a facet, and follows a map marker to a case page, on a
served Oxigraph store; each page makes no request outside the server and has no serious axe
violation (:func:`.browser.check_page`); screenshots go to build/screenshots/.
"""

from __future__ import annotations

import pytest

from .browser import check_page, screenshot
from .conftest import running_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def explorer(artifacts_dir):
    with running_server("--workers", "2", store="oxigraph") as base:
        yield base


def test_search_facet_and_map_marker_to_a_case_page(browser, explorer):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(explorer + "/cases")
    browser.find_element(By.ID, "q").send_keys("chengdu", Keys.ENTER)
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card h3 a")
    assert [c.text for c in cards] == ["成都市网络理政平台"]
    assert "q=chengdu" in browser.current_url
    check_page(browser, explorer, "explorer-search")

    browser.get(explorer + "/cases")
    browser.find_element(By.CSS_SELECTOR, "#facet-theme li a").click()
    assert "theme=" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "#facet-theme a.selected")
    assert 0 < len(browser.find_elements(By.CSS_SELECTOR, "article.card")) < 10
    check_page(browser, explorer, "explorer-facet")

    browser.get(explorer + "/map")
    check_page(browser, explorer, "explorer-map")
    browser.find_element(By.CSS_SELECTOR, 'a.marker[href^="/id/case/"] circle').click()
    assert "/id/case/" in browser.current_url
    assert browser.find_element(By.ID, "profile-title")
    check_page(browser, explorer, "explorer-case")

    browser.get(explorer + "/cases?lang=en")
    assert browser.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "en"
    screenshot(browser, "explorer-en")
