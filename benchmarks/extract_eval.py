"""Measure `netgov-kg extract` on the seed article against the graph, and time it.

Prints recall and precision of figures, places and organisations (netgov_kg.extract.evaluate),
the cost of the first call in a fresh process (OpenCC's dictionaries, the graph's names) and
the time of a warm call on a 4,000-character article (the seed article is 4,126 characters).

    .venv/bin/python benchmarks/extract_eval.py
"""

from __future__ import annotations

import time
from pathlib import Path

import netgov_kg
from netgov_kg.extract.evaluate import evaluate

SEED = Path(__file__).parent.parent / "tests" / "competency" / "source-000_775a52ee8c492e26.txt"
SOURCE = "https://w3id.org/netgov-kg/id/source/000-775a52ee8c492e26"
TARGET = 1.0  # seconds, warm


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    kg = netgov_kg.load()
    t1 = time.perf_counter()
    draft = kg.extract(text, gazetteer=False)
    t2 = time.perf_counter()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        kg.extract(text, gazetteer=False)
        runs.append(time.perf_counter() - start)
    warm = min(runs)
    print(f"article: {len(text)} characters")
    print(f"load the graph: {t1 - t0:.2f} s; first extract (OpenCC, graph names): {t2 - t1:.2f} s")
    print(f"warm extract: {warm * 1000:.0f} ms (best of 5); target {TARGET:.1f} s; "
          f"ratio {warm / TARGET:.2f} of the target")
    print(evaluate(kg.dataset, draft, source=SOURCE))


if __name__ == "__main__":
    main()
