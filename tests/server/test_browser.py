"""Headless Chromium loads a case page and the query page; screenshots kept as artefacts."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import ARTIFACTS

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--virtual-time-budget=15000", "--window-size=1280,1600"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        exe = shutil.which(name)
        if exe:
            return exe
    if os.environ.get("CI"):
        pytest.fail("chromium is missing (scripts/setup.sh installs it)")
    pytest.skip("chromium is not installed")


def browse(url: str, screenshot: Path) -> str:
    """Return the DOM of ``url`` after its scripts ran, and save a screenshot."""
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="netgov-chromium-") as profile:
        common = [exe, *FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, timeout=120,
                             check=True).stdout.decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="netgov-chromium-") as profile:
        common = [exe, *FLAGS, f"--user-data-dir={profile}"]
        screenshot.unlink(missing_ok=True)
        subprocess.run([*common, f"--screenshot={screenshot}", url], capture_output=True,
                       timeout=120, check=True)
    assert screenshot.is_file() and screenshot.stat().st_size > 10_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return dom


def test_case_page_in_chromium(server, case):
    dom = browse(server + case["path"], ARTIFACTS / "case-page.png")
    assert case["zh"] in dom
    assert case["en"] in dom
    assert "<table" in dom


def test_query_page_runs_a_query_in_chromium(server, case):
    query = "SELECT ?case ?name WHERE { ?case a ng:Case ; rdfs:label ?name }"
    dom = browse(f"{server}/query?query={quote(query)}", ARTIFACTS / "query-page.png")
    # The page's own script posted the query to /sparql and drew the answer as a table.
    assert case["zh"] in dom
    assert f'href="{case["path"]}"' in dom
    assert "rows" in dom


def test_query_page_runs_a_named_query_in_chromium(server, kg, case):
    names = [q.name for q in kg.named_queries()]
    assert "cases" in names
    dom = browse(f"{server}/query?example=cases&run", ARTIFACTS / "query-page-named.png")
    named = kg.named_queries()[names.index("cases")]
    assert named.description["zh"] in dom  # the page's script showed the query's notes
    assert f'href="{case["path"]}"' in dom  # and ran it: the answer links the case's page
