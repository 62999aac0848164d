"""Run SPARQL over the graph; bind values safely; wrap the results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Identifier

from ..namespaces import PREFIXES


def _term(value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    return Literal(value)


def run_query(dataset: Dataset, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
    """Run ``sparql`` on ``dataset`` with the project's prefixes and safe ``bindings``.

    Examples
    --------
    >>> from netgov_kg import load
    >>> rows = run_query(load().dataset, "ASK { ?c a ng:Case }")
    >>> bool(rows)
    True
    """
    init = {k: _term(v) for k, v in (bindings or {}).items()}
    return dataset.query(sparql, initNs=dict(PREFIXES), initBindings=init)


__all__ = ["run_query", "URIRef"]
