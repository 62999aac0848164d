"""Load benchmark for `netgov-kg serve` (not a test).

N concurrent clients on loopback each run a fixed number of the named queries against a
server this script starts. Prints throughput, p50/p99 latency, the error count, and the
server's memory (the server process and its query workers) after a warm-up and after the run.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/server_load.py --clients 8 --requests 50

With --rdflib-endpoint, the same run is repeated against rdflib-endpoint (PyPI
``rdflib-endpoint``, the ``bench`` extra) serving the same files (the shipped ontology and
data, through its own ``serve`` command), with the same query mix and clients; the queries then
carry their PREFIX declarations (rdflib-endpoint pre-binds none), on both servers. The servers
run one after the other; the throughput ratio and both p99s are printed. Target: >= 10x.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/server_load.py --store oxigraph --rdflib-endpoint

Exit status 1 if any request failed or memory grew by more than --max-growth (default 20%).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from netgov_kg.server.examples import named_examples  # noqa: E402


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, seconds: float, *,
                  path: str = "/sparql", any_answer: bool = False) -> bool:
    """Wait until the server at ``base`` answers ``path`` (with 200, or anything when
    ``any_answer``); False if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            status = httpx.get(base + path, timeout=2).status_code
            if any_answer or status == 200:
                return True
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            return False
        time.sleep(0.2)


def memory(pid: int) -> tuple[float, float]:
    """Return (server RSS, sum of worker RSS) in MiB."""
    proc = psutil.Process(pid)
    workers = proc.children(recursive=True)
    mib = 1024 * 1024
    return proc.memory_info().rss / mib, sum(w.memory_info().rss for w in workers) / mib


ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


def client(base: str, queries: list[tuple[str, str]], count: int, offset: int,
           latencies: list[float], errors: list[str], per_query: dict[str, list[float]]) -> None:
    with httpx.Client(timeout=60) as http:
        for i in range(count):
            name, text = queries[(offset + i) % len(queries)]
            started = time.perf_counter()
            try:
                r = http.post(base, data={"query": text}, headers={"Accept": ACCEPT})
                ok = r.status_code == 200
                if not ok:
                    errors.append(f"{r.status_code}: {r.text[:120]}")
            except httpx.HTTPError as exc:
                errors.append(repr(exc))
                ok = False
            if ok:
                latencies.append(time.perf_counter() - started)
                per_query.setdefault(name, []).append(latencies[-1])


def run_round(base: str, queries: list[tuple[str, str]], clients: int, per_client: int):
    latencies: list[float] = []
    errors: list[str] = []
    per_query: dict[str, list[float]] = {}
    threads = [threading.Thread(target=client, args=(base, queries, per_client, i, latencies,
                                                     errors, per_query))
               for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies, errors, per_query


def start(argv: list[str], base: str) -> subprocess.Popen:
    """Start a server with ``argv``; return it once its endpoint ``base`` answers."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    server = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    if not wait_until_up(base, server, 120, path="", any_answer=True):
        server.kill()
        raise SystemExit("server did not start: " + " ".join(argv))
    return server


def measure(argv: list[str], base: str, queries: list[tuple[str, str]], args) -> dict:
    """Start a server, warm it up, run the timed round; return its figures."""
    server = start(argv, base)
    try:
        # Warm-up: every query once per client, so caches and workers are in steady state.
        _, _, warm_errors, _ = run_round(base, queries, args.clients, len(queries))
        before = memory(server.pid)
        elapsed, latencies, errors, per_query = run_round(
            base, queries, args.clients, args.requests)
        after = memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = args.clients * args.requests
    latencies.sort()
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000 if latencies \
        else float("nan")
    return {
        "total": total, "elapsed": elapsed, "throughput": total / elapsed, "p50": p50,
        "p99": p99, "errors": errors + warm_errors, "before": before, "after": after,
        "growth": (after[0] + after[1]) / (before[0] + before[1]) - 1, "per_query": per_query,
    }


def report(name: str, result: dict, queries: int, clients: int) -> None:
    errors = result["errors"]
    before, after = result["before"], result["after"]
    print(f"{name}: clients={clients} requests={result['total']} named queries={queries}")
    print(f"  throughput: {result['throughput']:.1f} requests/s over {result['elapsed']:.2f} s")
    print(f"  latency: p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms")
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  server RSS: {before[0]:.1f} MiB -> {after[0]:.1f} MiB; "
          f"workers RSS: {before[1]:.1f} MiB -> {after[1]:.1f} MiB; "
          f"total growth {result['growth']:+.1%}")
    slowest = sorted(result["per_query"].items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    print("  slowest named queries (p50): " + ", ".join(
        f"{name} {statistics.median(times) * 1000:.0f} ms" for name, times in slowest))


def row_counts(argv: list[str], base: str, queries: list[tuple[str, str]]) -> dict:
    """Start a server; return each query's number of rows on it (``None`` on an error)."""
    counts: dict[str, int | None] = {}
    server = start(argv, base)
    try:
        with httpx.Client(timeout=60) as http:
            for name, text in queries:
                r = http.post(base, data={"query": text}, headers={"Accept": ACCEPT})
                ok = r.status_code == 200 and "results" in r.text
                counts[name] = len(r.json()["results"]["bindings"]) if ok else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--store", default=None,
                        help="memory or oxigraph (default: the CLI's default, Oxigraph)")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--max-growth", type=float, default=0.20)
    parser.add_argument("--rdflib-endpoint", action="store_true",
                        help="also measure rdflib-endpoint on the same files and queries")
    args = parser.parse_args(argv)

    examples = named_examples()
    queries = [(e.name, e.text) for e in examples]
    if not queries:
        print("no named queries found", file=sys.stderr)
        return 2
    if args.rdflib_endpoint:  # it pre-binds no prefixes: both servers get the declarations
        from netgov_kg.namespaces import sparql_prologue

        queries = [(name, sparql_prologue() + text) for name, text in queries]
    store = ["--store", args.store] if args.store else []
    port = free_port()
    base = f"http://127.0.0.1:{port}/sparql"
    ours = [sys.executable, "-m", "netgov_kg.cli", *store, "serve", "--port", str(port),
            "--log-level", "warning", "--workers", str(args.workers)]
    label = f"netgov-kg serve (store={args.store or 'default: oxigraph'})"
    result = measure(ours, base, queries, args)
    report(label, result, len(queries), args.clients)
    failed = bool(result["errors"]) or result["growth"] > args.max_growth
    if not args.rdflib_endpoint:
        return 1 if failed else 0

    from netgov_kg.resources import shipped_files

    files = [str(path) for _, path in shipped_files()]
    port = free_port()
    other = f"http://127.0.0.1:{port}/"  # rdflib-endpoint's serve answers at /
    theirs = [sys.executable, "-m", "rdflib_endpoint", "serve", *files, "--host", "127.0.0.1",
              "--port", str(port)]
    counts = row_counts(theirs, other, queries)
    mine = row_counts(ours, base, queries)
    differ = {n: (mine[n], counts[n]) for n in mine if mine[n] != counts[n]}
    print(f"rows per query: {'the same on both' if not differ else 'differ on'}"
          + (f" {differ} (netgov-kg, rdflib-endpoint)" if differ else ""))
    base_result = measure(theirs, other, queries, args)
    report("rdflib-endpoint (rdflib memory store)", base_result, len(queries), args.clients)
    ratio = result["throughput"] / base_result["throughput"]
    print(f"throughput ratio: {ratio:.1f}x (target >= 10x); p99 {result['p99']:.1f} ms against "
          f"{base_result['p99']:.1f} ms; median of one run each, servers one after the other")
    return 1 if failed or base_result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
