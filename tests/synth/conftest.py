"""Fixtures for the synthetic-data tests: the real reference (places, themes, platforms)."""

from __future__ import annotations

import pytest

from netgov_kg.synth import reference_from


@pytest.fixture(scope="session")
def reference(kg):
    """The real places, themes and platforms of the shipped graph."""
    return reference_from(kg.dataset)
