"""Fixtures of the network tests: the small hand-made graph and its projections."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini.ttl"
NGR = "https://w3id.org/netgov-kg/id/"


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The hand-made fixture graph (tests/network/fixtures/mini.ttl), alone in a dataset."""
    ds = Dataset(default_union=True)
    ds.graph(URIRef(NGR + "graph/test/mini")).parse(MINI, format="turtle")
    return ds


@pytest.fixture(scope="session")
def real(kg) -> Dataset:
    """The shipped ontology and data (the session's shared ``kg``), as a dataset."""
    return kg.dataset
