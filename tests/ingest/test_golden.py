"""Golden output: what ``map_template`` and ``export_case`` give must not change unnoticed.

The inputs are copies of the template examples as they were when the golden files were written
(``golden/template.yaml`` and ``.csv``), so the shipped templates may grow new examples while
this stays a check that the mapping itself is unchanged. Blank nodes are canonicalised
(:func:`rdflib.compare.to_canonical_graph`), lines sorted, so the comparison is byte for byte.

To accept an intended change, run with ``NETGOV_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib.compare import to_canonical_graph

from netgov_kg.ingest.add import read_template
from netgov_kg.ingest.exporter import export_case, to_yaml
from netgov_kg.ingest.index import GraphIndex
from netgov_kg.ingest.mapper import map_template
from netgov_kg.ingest.ownership import cases_of, data_graph

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NETGOV_UPDATE_GOLDEN") == "1"


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} differs from the golden file"


@pytest.fixture(scope="module")
def index(kg):
    return GraphIndex.build(kg.dataset)


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_template_maps_to_the_golden_triples(index, fmt):
    result = map_template(read_template(GOLDEN / f"template.{fmt}"), index)
    lines = to_canonical_graph(result.graph).serialize(format="nt").splitlines()
    text = "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    _check(f"template-{fmt}.nt", text)
    summary = [f"cases {' '.join(sorted(str(c) for c in result.cases))}"]
    summary += [f"{r.kind.name} {r.iri} reused={r.reused}" for r in result.records]
    summary += [f"warning {w}" for w in result.warnings]
    _check(f"template-{fmt}.records", "\n".join(summary) + "\n")


def _stable(value):
    """Sort ``statements`` lists: the exporter orders them by blank-node id, which is random."""
    if isinstance(value, dict):
        return {k: sorted((_stable(v) for v in item), key=json.dumps) if k == "statements"
                else _stable(item) for k, item in value.items()}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_every_case_exports_to_the_golden_yaml(kg):
    graph = data_graph(kg.dataset)
    texts = [to_yaml(_stable(export_case(kg.dataset, case))) for case in cases_of(graph)]
    _check("export.yaml", "\n---\n".join(texts))
