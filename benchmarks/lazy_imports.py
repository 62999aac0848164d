"""Lazy imports: what ``import netgov_kg`` pulls in, and what it costs next to rdflib alone.

Prints the heavy modules imported by ``import netgov_kg`` (target: none of pandas, pyshacl,
networkx, the server stack, matplotlib), then by ``load()`` + a named query, and the median
import time of netgov_kg relative to ``import rdflib`` (each in a fresh process).

Run: PYTHONPATH=. python benchmarks/lazy_imports.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

HEAVY = (
    "pandas",
    "pyshacl",
    "networkx",
    "matplotlib",
    "starlette",
    "uvicorn",
    "httpx",
    "netgov_kg.server",
    "netgov_kg.network",
    "netgov_kg.validation",
    "owlrl",
    "rich",
)

PROBE = """
import json, sys, time
t0 = time.perf_counter()
import {module}
t1 = time.perf_counter()
{after}
heavy = sorted({{m for m in sys.modules for h in {heavy!r} if m == h or m.startswith(h + ".")}})
print(json.dumps({{"seconds": t1 - t0, "heavy": sorted({{h for h in {heavy!r}
                   if any(m == h or m.startswith(h + ".") for m in heavy)}})}}))
"""


def probe(module: str, after: str = "") -> dict:
    """Import ``module`` (then run ``after``) in a fresh process; return time and heavy modules."""
    code = PROBE.format(module=module, after=after, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ours, base = [], []
    for _ in range(args.repeat):
        first = probe("netgov_kg")
        ours.append(first["seconds"])
        base.append(probe("rdflib")["seconds"])
    print(f"import netgov_kg imports: {first['heavy'] or 'none of ' + ', '.join(HEAVY)}")
    used = probe("netgov_kg", "kg = netgov_kg.load(); kg.run('cases')")
    print(f"after load() + run('cases'): {used['heavy'] or 'still none'}")
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(
        f"import time: netgov_kg {m_ours:.3f}s, rdflib {m_base:.3f}s, "
        f"ratio {m_ours / m_base:.2f}x (median of {args.repeat})"
    )


if __name__ == "__main__":
    main()
