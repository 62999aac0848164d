"""Fixtures for the store tests: a throw-away Virtuoso server on loopback."""

from __future__ import annotations

import os

import pytest

from netgov_kg.stores import virtuoso


@pytest.fixture(scope="session")
def virtuoso_server():
    """A fresh Virtuoso (own ini, own database directory, free ports), stopped after the session.

    Virtuoso is a system package (scripts/setup.sh installs it). Without it the tests fail in
    CI and are skipped elsewhere.
    """
    if not virtuoso.available():
        if os.environ.get("CI"):
            pytest.fail("virtuoso-opensource is not installed (scripts/setup.sh installs it)")
        pytest.skip("virtuoso-opensource is not installed")
    server = virtuoso.start_virtuoso()
    yield server
    server.stop()
