"""Load benchmark for `netgov-kg serve` (not a test).

N concurrent clients on loopback each run a fixed number of the named queries against a
server this script starts. Prints throughput, p50/p99 latency, the error count, and the
server's memory (the server process and its query workers) after a warm-up and after the run.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/server_load.py --clients 8 --requests 50

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


def wait_until_up(base: str, server: subprocess.Popen, seconds: float) -> bool:
    """Wait until the server at ``base`` answers /sparql; False if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(base + "/sparql", timeout=2).status_code == 200:
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
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(count):
            name, text = queries[(offset + i) % len(queries)]
            started = time.perf_counter()
            try:
                r = http.post("/sparql", data={"query": text}, headers={"Accept": ACCEPT})
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="requests per client")
    parser.add_argument("--store", default="memory", help="memory or oxigraph")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--max-growth", type=float, default=0.20)
    args = parser.parse_args(argv)

    examples = named_examples()
    queries = [(e.name, e.text) for e in examples]
    if not queries:
        print("no named queries found", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    server = subprocess.Popen(
        [sys.executable, "-m", "netgov_kg.cli", "--store", args.store, "serve", "--port",
         str(port), "--log-level", "warning", "--workers", str(args.workers)],
        cwd=REPO, env=env,
    )
    try:
        if not wait_until_up(base, server, 120):
            print("server did not start", file=sys.stderr)
            return 2
        # Warm-up: every query once per worker, so caches and workers are in steady state.
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
    growth = (after[0] + after[1]) / (before[0] + before[1]) - 1
    print(f"store={args.store} clients={args.clients} requests={total} "
          f"named queries={len(queries)}")
    print(f"throughput: {total / elapsed:.1f} requests/s over {elapsed:.2f} s")
    print(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"errors: {len(errors) + len(warm_errors)}"
          + (f" (first: {(errors + warm_errors)[0]})" if errors or warm_errors else ""))
    print(f"server RSS: {before[0]:.1f} MiB -> {after[0]:.1f} MiB; "
          f"workers RSS: {before[1]:.1f} MiB -> {after[1]:.1f} MiB; "
          f"total growth {growth:+.1%}")
    slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    print("slowest named queries (p50): " + ", ".join(
        f"{name} {statistics.median(times) * 1000:.0f} ms" for name, times in slowest))
    return 1 if errors or warm_errors or growth > args.max_growth else 0


if __name__ == "__main__":
    sys.exit(main())
