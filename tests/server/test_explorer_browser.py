"""Headless Chromium (through Selenium and Debian's chromedriver) uses the case explorer.

It types in the search box, clicks a facet, and follows a map marker to a case page, on a
served Oxigraph store; screenshots go to build/screenshots/. The driver's path is given
explicitly: Selenium's driver manager would try to download one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import REPO, running_server

SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (Path(CHROMIUM).is_file() and Path(DRIVER).is_file()):
        if os.environ.get("CI"):
            pytest.fail("chromium or chromium-driver is missing (scripts/setup.sh installs them)")
        pytest.skip("chromium or chromium-driver is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which(DRIVER) or DRIVER),
                              options=options)
    driver.set_page_load_timeout(60)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def explorer(artifacts_dir):
    with running_server("--workers", "2", store="oxigraph") as base:
        yield base


def test_search_facet_and_map_marker_to_a_case_page(browser, explorer):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(explorer + "/cases")
    box = browser.find_element(By.ID, "q")
    box.send_keys("chengdu", Keys.ENTER)
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card h3 a")
    assert [c.text for c in cards] == ["成都市网络理政平台"]
    assert "q=chengdu" in browser.current_url
    browser.save_screenshot(str(SCREENSHOTS / "explorer-search.png"))

    browser.get(explorer + "/cases")
    facet = browser.find_element(By.CSS_SELECTOR, "#facet-theme li a")
    facet.click()
    assert "theme=" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "#facet-theme a.selected")
    chosen = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert 0 < len(chosen) < 10
    browser.save_screenshot(str(SCREENSHOTS / "explorer-facet.png"))

    browser.get(explorer + "/map")
    browser.save_screenshot(str(SCREENSHOTS / "explorer-map.png"))
    marker = browser.find_element(By.CSS_SELECTOR, 'a.marker[href^="/id/case/"] circle')
    marker.click()
    assert "/id/case/" in browser.current_url
    assert browser.find_element(By.ID, "profile-title")
    browser.save_screenshot(str(SCREENSHOTS / "explorer-case.png"))
