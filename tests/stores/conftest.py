"""Fixtures for the store tests: a throw-away Virtuoso server on loopback."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from rdflib import BNode, Literal

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


def _value(term):
    """A store-neutral form of a result term.

    Literals compare by value (Virtuoso writes 121.4890 as 121.489) and text without its
    language tag: Oxigraph keeps the common tag of a GROUP_CONCAT that rdflib drops.
    GROUP_CONCAT lists compare as sets (their order is not defined), and an empty one as
    unbound (rdflib gives "", Oxigraph nothing).
    """
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (float, Decimal)):
            value = round(Decimal(str(value)), 6)
        if value == "":
            return None
        if isinstance(value, str) and ("、" in value or "; " in value):
            return frozenset(value.replace("; ", "、").split("、"))
        return value
    if isinstance(term, BNode):
        return "_:b"
    return term


def normal_rows(result):
    """Rows of a result in a store-neutral form, sorted."""
    return sorted((tuple(_value(t) for t in row) for row in result), key=repr)


@pytest.fixture(scope="session")
def rows_of():
    """The function that turns a result into comparable rows (see :func:`normal_rows`)."""
    return normal_rows
