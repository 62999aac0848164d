"""Fixtures for the ingest tests: templates, and a small graph for quick validation."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def yaml_template() -> Path:
    return REPO / "templates" / "case-template.yaml"


@pytest.fixture(scope="session")
def csv_template() -> Path:
    return REPO / "templates" / "case-template.csv"


@pytest.fixture()
def fresh_kg():
    """A freshly loaded full graph that a test may change."""
    import netgov_kg

    return netgov_kg.load()


@pytest.fixture()
def reference_kg():
    """The ontology with the reference data only (places, themes, sources): quick to validate."""
    import netgov_kg

    data = REPO / "data"
    return netgov_kg.load(
        data / "places.ttl", data / "themes.ttl", data / "sources.ttl", include_data=False
    )
