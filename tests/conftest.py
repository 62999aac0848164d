"""Shared fixtures. Feature-specific fixtures live in the test modules or sub-folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def kg():
    """The full graph (ontology + data), loaded once per test session. Do not mutate it."""
    import netgov_kg

    return netgov_kg.load()
