"""Benchmark of the case explorer's JSON API (not a test): /api/cases with two filters.

Starts `netgov-kg serve` (default store: Oxigraph) on the shipped graph plus N synthetic
cases, then C concurrent clients ask /api/cases with a theme and a province-level region.
Two rounds: "cold" (every filter pair asked for the first time: the facet counts are computed
by SPARQL) and "warm" (the same pairs again: the facet counts come from the server's cache,
the page of cases is still queried). Prints p50/p95/p99 and the ratio to the target
(p95 <= 300 ms).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/explorer_api.py --cases 10000 --clients 8
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from server_load import free_port, wait_until_up  # noqa: E402

TARGET_P95 = 0.300


def make_data(folder: Path, n: int) -> Path:
    import netgov_kg
    from netgov_kg.synth import reference_from, write_cases

    return write_cases(folder / f"cases-{n}.nt", n,
                       reference=reference_from(netgov_kg.load().dataset), seed=14)


def pairs(base: str) -> list[tuple[str, str]]:
    answer = httpx.get(base + "/api/cases", timeout=120).json()
    values = {name: [v["value"] for v in items] for name, items in answer["facets"].items()}
    return [(t, p) for t in values["theme"] for p in values["province"]]


def client(base: str, work: list[tuple[str, str]], times: list[float], errors: list[str]):
    with httpx.Client(base_url=base, timeout=60) as http:
        for theme, province in work:
            started = time.perf_counter()
            r = http.get("/api/cases", params={"theme": theme, "province": province})
            if r.status_code == 200:
                times.append(time.perf_counter() - started)
            else:
                errors.append(f"{r.status_code} {r.text[:100]}")


def run_round(base: str, work: list[tuple[str, str]], clients: int) -> tuple[list[float], list]:
    times: list[float] = []
    errors: list[str] = []
    shares = [work[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=client, args=(base, s, times, errors)) for s in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors


def report(name: str, times: list[float], errors: list[str]) -> float:
    q = statistics.quantiles(times, n=100)
    p50, p95, p99 = q[49], q[94], q[98]
    print(f"{name}: {len(times)} requests, {len(errors)} errors; p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms; "
          f"p95 / target {p95 / TARGET_P95:.2f}")
    return p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=0, help="server query workers")
    parser.add_argument("--data", type=Path, help="an N-Triples file of synthetic cases")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or make_data(Path(tmp), args.cases)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "netgov_kg.cli", "serve", "--port", str(port),
             "--log-level", "warning", "--workers", str(args.workers), str(data)],
            cwd=REPO)
        try:
            if not wait_until_up(base, proc, 300):
                print("the server did not start", file=sys.stderr)
                return 1
            work = pairs(base)
            print(f"{args.cases:,} synthetic cases + the shipped graph, {args.clients} clients, "
                  f"{len(work)} theme x province pairs")
            cold, cold_errors = run_round(base, work, args.clients)
            cold_p95 = report("cold (facets computed)", cold, cold_errors)
            warm, warm_errors = run_round(base, work, args.clients)
            report("warm (facets cached)", warm, warm_errors)
            return 1 if cold_errors or warm_errors or cold_p95 > TARGET_P95 else 0
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
