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


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the cache of the parsed shipped graph (netgov_kg.stores.snapshot) out of the home.

    Commands run in-process and in subprocesses read XDG_CACHE_HOME, so this also covers them.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield
