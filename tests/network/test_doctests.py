"""Run the examples in the network modules' docstrings (they load the shipped data)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "netgov_kg.network",
    "netgov_kg.network._rdf",
    "netgov_kg.network.projections",
    "netgov_kg.network.centrality",
    "netgov_kg.network.communities",
    "netgov_kg.network.similarity",
    "netgov_kg.network.matrices",
    "netgov_kg.network.summary",
    "netgov_kg.network.plotting",
    "netgov_kg.network.html",
    "netgov_kg.network.io",
]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
