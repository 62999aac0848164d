"""Load time of the default graph and of the graph with the gazetteer, measured in one run.

Run: ``.venv/bin/python benchmarks/bench_gazetteer_load.py``. Prints the times and the ratio
(the gazetteer is off by default, so the default load does not pay for it).
"""

from __future__ import annotations

import time

import netgov_kg
from netgov_kg.gazetteer import _gazetteer, resolve_place


def best(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    start = time.perf_counter()
    resolve_place("510131")
    first = time.perf_counter() - start
    lookup = best(lambda: resolve_place("四川省成都市蒲江县"), 5)
    _gazetteer.cache_clear()
    plain = best(lambda: netgov_kg.load())
    with_gaz = best(lambda: netgov_kg.load(gazetteer=True))
    print(f"load(): {plain:.2f} s; load(gazetteer=True): {with_gaz:.2f} s "
          f"(ratio {with_gaz / plain:.1f}); first place lookup (parses the gazetteer): "
          f"{first:.2f} s; warm lookup of a path: {lookup * 1000:.1f} ms")


if __name__ == "__main__":
    main()
