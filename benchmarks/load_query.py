"""Load and query: netgov_kg against plain rdflib doing the same work by hand.

Each measurement is one fresh Python process that imports, parses the ontology and data into
named graphs, runs one named query and materialises its rows; the time is taken inside the
process, from before the first import to the last row. Runs alternate between the two sides;
the medians and their ratio are printed. Target: netgov_kg / rdflib <= 1.3 on each store.

Then the command line, cold: ``netgov-kg run QUERY --format csv`` in a fresh process (the
default store; the cold path of ``netgov_kg.query.cold``), with the cache of the parsed shipped
graph (written by one run before timing, in a temporary XDG_CACHE_HOME) and without it
(``--no-cache``), against the hand-written rdflib (memory) baseline measured in the same run,
alternating. Both sides are timed as whole processes (wall clock, interpreter start-up
included); the ratio to the baseline's in-process time is printed too. Target: <= 0.5.

With --cache-formats it also times, in one process, the ways to get the shipped graph into a
pyoxigraph store: parsing the Turtle files, the cache's N-Quads, a persisted read-only store.

Run: PYTHONPATH=. python benchmarks/load_query.py [--repeat 5] [--query cases] [--no-cli]
     [--cache-formats] [--stores memory,oxigraph]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

LIBRARY = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    import netgov_kg
    kg = netgov_kg.load(store={store!r})
    rows = kg.run({query!r})
    n = len(rows)
    print(time.perf_counter() - t0, n)
    """
)

BY_HAND = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    from pathlib import Path
    from rdflib import Dataset, URIRef
    root = Path({root!r})
    store = {store!r}
    if store == "oxigraph":
        from oxrdflib import OxigraphStore
        ds, fmt = Dataset(store=OxigraphStore(), default_union=True), "ox-turtle"
    else:
        ds, fmt = Dataset(default_union=True), "turtle"
    base = "https://w3id.org/netgov-kg/id/graph/"
    for kind in ("ontology", "data"):
        for path in sorted((root / kind).glob("*.ttl")):
            ds.graph(URIRef(base + kind + "/" + path.stem)).parse(path, format=fmt)
    prefixes = {prefixes!r}
    text = (root / "netgov_kg" / "queries" / ({query!r} + ".rq")).read_text(encoding="utf-8")
    rows = [tuple(r) for r in ds.query(text, initNs=prefixes)]
    n = len(rows)
    print(time.perf_counter() - t0, n)
    """
)


def measure(code: str) -> tuple[float, int]:
    """Run ``code`` in a fresh interpreter; return (seconds, rows) that it prints."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    ).stdout.split()
    return float(out[0]), int(out[1])


def wall(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``argv``; return (wall-clock seconds of the whole process, its stdout)."""
    started = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, check=True, env=env).stdout
    return time.perf_counter() - started, out


def cold_cli(query: str, repeat: int, prefixes: dict[str, str], root: str) -> dict:
    """Time the cold command line against the hand-written rdflib (memory) baseline."""
    script = Path(sys.executable).with_name("netgov-kg")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "netgov_kg.cli"]
    cli += ["run", query, "--format", "csv"]
    hand = BY_HAND.format(root=root, store="memory", prefixes=prefixes, query=query)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": cache}
        env.pop("NETGOV_KG_CACHE", None)
        wall(cli, env)  # writes the cache
        times: dict[str, list[float]] = {"cached": [], "no-cache": [], "rdflib": [],
                                         "rdflib-inside": []}
        rows = set()
        for _ in range(repeat):
            t, out = wall(cli, env)
            times["cached"].append(t)
            rows.add(len(out.splitlines()) - 1)
            t, out = wall(cli + ["--no-cache"], env)
            times["no-cache"].append(t)
            rows.add(len(out.splitlines()) - 1)
            t, out = wall([sys.executable, "-c", hand], env)
            times["rdflib"].append(t)
            times["rdflib-inside"].append(float(out.split()[0]))
            rows.add(int(out.split()[1]))
    if len(rows) != 1:
        raise SystemExit(f"cold CLI: the sides disagree on the rows: {rows}")
    med = {k: statistics.median(v) for k, v in times.items()}
    ratios = {
        "cached": med["cached"] / med["rdflib"],
        "no-cache": med["no-cache"] / med["rdflib"],
        "cached-vs-inside": med["cached"] / med["rdflib-inside"],
    }
    print(
        f"cold CLI  query={query} rows={rows.pop()}  netgov-kg run (cache) {med['cached']:.3f}s"
        f"  (--no-cache) {med['no-cache']:.3f}s  rdflib by hand {med['rdflib']:.3f}s"
        f" (inside the process {med['rdflib-inside']:.3f}s)\n"
        f"          ratio {ratios['cached']:.2f}x with the cache, {ratios['no-cache']:.2f}x"
        f" without; {ratios['cached-vs-inside']:.2f}x against the baseline's in-process time"
        f"  (target <= 0.50x; wall clock of whole processes, median of {repeat})"
    )
    return {**med, "ratios": ratios}


def cache_formats(repeat: int) -> dict:
    """Time the ways a cold process could get the shipped graph into a pyoxigraph store.

    In this process: parsing the Turtle files (what --no-cache does), loading the cache's
    N-Quads file (what the cache does), and opening a persisted store read-only
    (``pyoxigraph.Store.read_only``, the alternative not taken), each with its reads.
    """
    import pyoxigraph as ox

    from netgov_kg.stores import snapshot

    sources = snapshot._sources()
    nquads = snapshot._nquads(sources)
    times: dict[str, list[float]] = {"turtle": [], "n-quads": [], "read-only store": []}
    with tempfile.TemporaryDirectory() as folder:
        nq = Path(folder) / "g.nq"
        nq.write_bytes(nquads)
        persisted = ox.Store(str(Path(folder) / "store"))
        persisted.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        persisted.flush()
        del persisted
        for _ in range(repeat):
            started = time.perf_counter()
            snapshot._parse([(g, p, p.read_bytes()) for g, p, _ in sources])
            times["turtle"].append(time.perf_counter() - started)
            started = time.perf_counter()
            snapshot._load_nquads(nq.read_bytes())
            times["n-quads"].append(time.perf_counter() - started)
            started = time.perf_counter()
            store = ox.Store.read_only(str(Path(folder) / "store"))
            len(store)
            times["read-only store"].append(time.perf_counter() - started)
            del store
    med = {k: statistics.median(v) for k, v in times.items()}
    print("getting the shipped graph into pyoxigraph (median of "
          f"{repeat}): " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in med.items()))
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--query", default="cases")
    parser.add_argument("--stores", default="memory,oxigraph",
                        help="stores for the library's side ('' for none)")
    parser.add_argument("--no-cli", action="store_true", help="skip the cold command line")
    parser.add_argument("--cache-formats", action="store_true",
                        help="also time Turtle, the N-Quads cache and a read-only store")
    args = parser.parse_args()

    from netgov_kg.namespaces import PREFIXES
    from netgov_kg.resources import data_root

    root = str(data_root())
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    results = {}
    for store in filter(None, args.stores.split(",")):
        lib = LIBRARY.format(store=store, query=args.query)
        hand = BY_HAND.format(root=root, store=store, prefixes=prefixes, query=args.query)
        times: dict[str, list[float]] = {"netgov_kg": [], "rdflib": []}
        rows = {}
        for _ in range(args.repeat):  # alternate, so that machine noise hits both sides
            t, rows["netgov_kg"] = measure(lib)
            times["netgov_kg"].append(t)
            t, rows["rdflib"] = measure(hand)
            times["rdflib"].append(t)
        if rows["netgov_kg"] != rows["rdflib"]:
            raise SystemExit(f"{store}: the two sides disagree on the rows: {rows}")
        med = {k: statistics.median(v) for k, v in times.items()}
        ratio = med["netgov_kg"] / med["rdflib"]
        results[store] = {"rows": rows["rdflib"], **med, "ratio": ratio}
        print(
            f"{store:9s} query={args.query} rows={rows['rdflib']}  "
            f"netgov_kg {med['netgov_kg']:.3f}s  rdflib by hand {med['rdflib']:.3f}s  "
            f"ratio {ratio:.2f}x  (target <= 1.30x; median of {args.repeat})"
        )
    if args.cache_formats:
        results["cache-formats"] = cache_formats(max(args.repeat, 5))
    if not args.no_cli:
        results["cold-cli"] = cold_cli(args.query, args.repeat, prefixes, root)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
