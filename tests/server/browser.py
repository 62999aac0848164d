"""Headless Chromium through Selenium for the page tests: requests, accessibility, screenshots.

Reusable by any page test (``tests/server/conftest.py`` provides the ``browser`` fixture)::

    from .browser import check_page

    @pytest.mark.slow
    def test_my_page(browser, server):
        browser.get(server + "/cases")
        check_page(browser, server, "cases")   # no outside request, axe clean, screenshot

* :func:`browser` (fixture): one Chromium per module, driven by Debian's chromedriver at
  :data:`CHROMEDRIVER` given explicitly, so Selenium's driver manager never downloads one;
  Chromium's own background requests are turned off, and the DevTools performance log
  records every request the pages make.
* :func:`requests_made` / :func:`outside_requests`: the URLs requested since the last call,
  and those that are not on the test server.
* :func:`axe_violations`: runs the vendored axe-core (``tests/server/vendor/axe-core``,
  injected as a script, so it is no request either) and returns the violations at the given
  impacts, split into the project's own markup and the vendored widgets' (:data:`WIDGETS`).
* :func:`screenshot`: saves ``build/screenshots/NAME.png`` (``build/`` is gitignored).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
AXE = REPO / "tests" / "server" / "vendor" / "axe-core" / "axe.min.js"
#: Debian's chromedriver (scripts/setup.sh installs chromium-driver).
CHROMEDRIVER = "/usr/bin/chromedriver"
#: Containers of the vendored widgets: violations inside them are theirs, not the project's.
WIDGETS = ("#yasgui", "#cy")
_LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome-error:")


def _need(path: str | None, what: str) -> str:
    if path and Path(path).exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing (scripts/setup.sh installs it)")
    pytest.skip(f"{what} is not installed")


def make_driver(*, width: int = 1280, height: int = 1000):
    """Return a headless Chromium WebDriver that logs every network request."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary = _need(shutil.which("chromium") or shutil.which("chromium-browser"), "chromium")
    driver_path = _need(CHROMEDRIVER, "chromedriver (chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--disable-quic", "--disable-features=OptimizationHints,Translate",
                 "--disable-dev-shm-usage", f"--window-size={width},{height}",
                 "--lang=zh-CN"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """A headless Chromium for the module's tests (see the module)."""
    driver = make_driver()
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def requests_made(driver) -> list[str]:
    """Return the URLs of every request the browser made since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def outside_requests(urls: list[str], base: str) -> list[str]:
    """Return the URLs that are neither on ``base`` nor local to the page (``data:``…).

    Examples
    --------
    >>> outside_requests(["http://127.0.0.1:5/a", "data:x", "https://cdn.example/y"],
    ...                  "http://127.0.0.1:5")
    ['https://cdn.example/y']
    """
    return [u for u in urls
            if not (u == base or u.startswith(base + "/") or u.startswith(_LOCAL_SCHEMES))]


def console_errors(driver) -> list[str]:
    """Return the browser console's errors since the last call (CSP refusals show here)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def axe_violations(driver, *, impacts: tuple[str, ...] = ("critical", "serious")
                   ) -> tuple[list[dict], list[dict]]:
    """Run axe-core on the page; return (the project's violations, the widgets' violations).

    Each violation is ``{"id", "impact", "help", "targets"}``; a violation whose every node is
    inside one of :data:`WIDGETS` counts as the widget's.
    """
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations.map(function (v) { return {id: v.id,"
        " impact: v.impact, help: v.help, targets: v.nodes.map(function (n) {"
        " return n.target.join(' '); })}; })); })"
        ".catch(function (e) { done({error: String(e)}); });"
    )
    assert not isinstance(result, dict), result
    own, widgets = [], []
    for v in result:
        if v["impact"] not in impacts:
            continue
        inside = [t for t in v["targets"] if _in_widget(driver, t)]
        (widgets if len(inside) == len(v["targets"]) else own).append(v)
    return own, widgets


def _in_widget(driver, selector: str) -> bool:
    return bool(driver.execute_script(
        "var e = document.querySelector(arguments[0]);"
        "return !!e && arguments[1].some(function (w) { return !!e.closest(w); });",
        selector, list(WIDGETS)))


def screenshot(driver, name: str) -> Path:
    """Save the page as ``build/screenshots/NAME.png``; return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 5_000
    return path


def check_page(driver, base: str, name: str) -> list[dict]:
    """Assert the page made no request outside ``base`` and has no serious or critical axe
    violation in its own markup; save a screenshot; return the widgets' violations."""
    outside = outside_requests(requests_made(driver), base)
    assert not outside, f"{name}: requests left the server: {outside}"
    own, widgets = axe_violations(driver)
    assert not own, f"{name}: accessibility violations in the page's markup: {own}"
    screenshot(driver, name)
    return widgets
