"""Scale benchmark: load, named queries, validation and network projection at N cases per store.

For each size N (cases; as many citizens' appeals again) and each store, a fresh worker process
loads the shipped graph plus the synthetic files, runs the named queries, validates one added
(broken) case incrementally, projects the case-theme network, and reports its peak memory.
Ratios are to plain rdflib (the memory store) measured in the same run; the named queries on
Oxigraph are also compared with raw pyoxigraph on the same store and query text.

    python benchmarks/scale.py                       # 10, 1k, 10k cases; every store
    python benchmarks/scale.py --sizes 100000        # once only: the machine is shared
    python benchmarks/scale.py --sizes 10 --stores memory oxigraph

Stores: memory (rdflib), oxigraph (in memory), oxigraph-disk (Oxigraph on disk, in a temporary
directory), sparql (a throw-away Virtuoso on loopback; needs virtuoso-opensource).
A step that runs past --timeout seconds is stopped and shown as ">T".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ("appeals-by-theme", "appeals-by-district", "appeals-by-month",
           "appeals-completion-rate", "appeals-time-to-close", "cases-per-theme", "class-counts")
STORES = ("memory", "oxigraph", "oxigraph-disk", "sparql")


class Timeout(BaseException):
    """A step ran past --timeout. Not an Exception: the library wraps a parser's Exception
    (load() turned a Timeout during parsing into "InputError: cannot parse as turtle: ")."""


def _alarm(seconds: float):
    def handler(signum, frame):  # noqa: ARG001
        raise Timeout()

    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)


ERRORS: dict[str, str] = {}


def _timed(fn, timeout: float, what: str = ""):
    _alarm(timeout)
    t = time.perf_counter()
    try:
        value = fn()
        return time.perf_counter() - t, value
    except Timeout:
        return None, None
    except Exception as exc:  # noqa: BLE001 - a store's failure is a result too
        ERRORS[what] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
        return "error", None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# -- worker ------------------------------------------------------------------------------------
def worker(store: str, size: int, folder: Path, timeout: float) -> dict:
    from rdflib import Graph
    from rdflib.namespace import RDF, RDFS

    import netgov_kg
    from netgov_kg.namespaces import NG, NGR, PREFIXES
    from netgov_kg.query.catalogue import get_query
    from netgov_kg.stores import close_store
    from netgov_kg.synth import generate_cases, reference_from
    from netgov_kg.validation import validate
    from netgov_kg.validation.incremental import cached_sparql, validate_changes

    out: dict = {"store": store, "size": size}
    server = None
    spec = store
    if store == "oxigraph-disk":
        spec = f"oxigraph:{folder / f'ox-{size}'}"
    elif store == "sparql":
        from netgov_kg.stores.virtuoso import start_virtuoso

        server = start_virtuoso(buffers=max(20000, size * 4))
        spec = f"sparql:{server.url}"
    files = data_files(folder, size)
    try:
        out["load"], kg = _timed(lambda: netgov_kg.load(*files, store=spec), timeout * 3)
        if kg is None:
            return out
        out["queries"] = {}
        for name in QUERIES:
            out["queries"][name], _ = _timed(lambda n=name: list(kg.run(n)), timeout, name)
        if store == "oxigraph":  # raw pyoxigraph, same store, same text
            inner = kg.dataset.store._inner
            prefixes = {k: str(v) for k, v in PREFIXES.items()}
            out["raw"] = {}
            for name in QUERIES:
                text = get_query(name).text
                out["raw"][name], _ = _timed(
                    lambda t=text: list(inner.query(t, prefixes=prefixes,
                                                    use_default_graph_as_union=True)), timeout)
        out["network"], _ = _timed(lambda: kg.network("case-theme"), timeout)
        # counted after the queries: oxrdflib's len() runs COUNT(DISTINCT TRIPLE(...)), and the
        # query after it paid ~5 s at 100k cases in the first recorded run (docs/performance.md)
        out["triples"] = len(kg)

        # validation: one added case, broken (no labels), new triples only
        ref = reference_from(netgov_kg.load().dataset)  # the real places and themes
        new = generate_cases(1, reference=ref, seed=1, start=size + 1)
        case = next(new.subjects(RDF.type, NG.Case))
        new.remove((case, RDFS.label, None))
        delta = Graph()
        for t in new:
            if t not in kg.dataset:
                delta.add(t)
        target = kg.dataset.graph(NGR["graph/extra/added"])
        for t in delta:
            target.add(t)
        out["validate_one"], report = _timed(lambda: validate_changes(kg.dataset, delta), timeout)
        if report is not None:
            out["findings"] = len(report.results)
        if store == "oxigraph" and size <= FULL_LIMIT:
            def full():
                with cached_sparql():
                    return validate(kg.dataset)

            out["validate_full"], full_report = _timed(full, timeout * 3)
            if full_report is not None and report is not None:
                focus = {f.focus_node for f in report.results} | {case}
                mine = {f for f in full_report.results if f.focus_node in focus}
                out["same_findings"] = mine == set(report.results) and bool(mine)
        close_store(kg.dataset)
    finally:
        if server is not None:
            server.stop()
        out["errors"] = ERRORS
        out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


FULL_LIMIT = 1000


# -- driver ------------------------------------------------------------------------------------
def make_data(folder: Path, size: int) -> None:
    import netgov_kg
    from netgov_kg.synth import reference_from, write_appeals, write_cases

    ref = reference_from(netgov_kg.load().dataset)
    write_cases(folder / f"cases-{size}.ttl", size, reference=ref, seed=1)
    write_appeals(folder / f"appeals-{size}.ttl", size, reference=ref, seed=1, source=False,
                  completion_rate=0.96, pending=size // 50)
    for stem in ("cases", "appeals"):
        split_lines(folder / f"{stem}-{size}.ttl")


#: Largest part of a synthetic file: a loaded file may have at most
#: ``netgov_kg.userfiles.MAX_FILE_BYTES`` (512 MiB; 100k cases take about 540 MB).
PART_BYTES = 256 * 1024 * 1024


def split_lines(path: Path) -> None:
    """Split an N-Triples file (one triple a line, no blank nodes) into parts of PART_BYTES.

    The parts are ``<stem>-part<N>.ttl``; the file itself is removed. A smaller file stays.
    """
    if path.stat().st_size <= PART_BYTES:
        return
    part, size, out = 0, PART_BYTES, None
    with path.open("rb") as source:
        for line in source:
            if size + len(line) > PART_BYTES:
                if out is not None:
                    out.close()
                part += 1
                out = (path.parent / f"{path.stem}-part{part}{path.suffix}").open("wb")
                size = 0
            out.write(line)
            size += len(line)
    if out is not None:
        out.close()
    path.unlink()


def data_files(folder: Path, size: int) -> list[Path]:
    """Return the synthetic files of ``size``: whole, or their parts (see split_lines)."""
    files = []
    for stem in ("cases", "appeals"):
        whole = folder / f"{stem}-{size}.ttl"
        files += [whole] if whole.exists() else sorted(folder.glob(f"{stem}-{size}-part*.ttl"))
    return files


def fmt(seconds) -> str:
    if seconds is None:
        return "—"
    if seconds == "error":
        return "error"
    if seconds == "timeout":
        return "stopped"
    return f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"


def ratio(base, value) -> str:
    numbers = all(isinstance(x, (int, float)) for x in (base, value))
    if not numbers or value == 0:  # not measured, stopped ("timeout") or failed ("error")
        return "—"
    return f"{base / value:.1f}×"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        mem_gb = f"{int(mem) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        mem_gb = "? RAM"
    import pyoxigraph
    import rdflib

    return (f"{cpu}, {os.cpu_count()} cores, {mem_gb}; {platform.system()} {platform.release()};"
            f" Python {platform.python_version()}, rdflib {rdflib.__version__},"
            f" pyoxigraph {pyoxigraph.__version__}")


def table(results: list[dict], timeout: float) -> str:
    lines = [f"machine: {machine()}", ""]
    head = ("| cases | store | triples | load s | vs rdflib | queries s | vs rdflib | vs raw ox |"
            " validate 1 case s | full s (same?) | network s | peak MB |")
    lines += [head, "|" + "---|" * 12]
    by = {(r["size"], r["store"]): r for r in results}
    for r in results:
        base = by.get((r["size"], "memory"), {})
        q = {k: v for k, v in r.get("queries", {}).items() if v != "error"}
        q_total = None if not q or None in q.values() else sum(q.values())
        bq = {k: v for k, v in base.get("queries", {}).items() if k in q}
        b_total = None if not bq or None in bq.values() else sum(bq.values())
        b_shown = b_total
        if b_total is None and bq:  # a stopped query: the sum is a lower bound
            b_total = sum(v if v is not None else timeout for v in bq.values())
            b_shown = None
        raw = r.get("raw")
        raw_total = sum(raw.values()) if raw and None not in raw.values() else None
        vs_raw = f"{q_total / raw_total:.2f}" if raw_total and q_total else "—"
        speed = ratio(b_total, q_total)
        if b_shown is None and b_total is not None and r["store"] != "memory":
            speed = f">{speed}"
        full = "—"
        if "validate_full" in r:
            full = f"{fmt(r['validate_full'])} ({'yes' if r.get('same_findings') else 'NO'})"
        lines.append(
            f"| {r['size']:,} | {r['store']} | {r.get('triples', 0):,} | {fmt(r.get('load'))} |"
            f" {ratio(base.get('load'), r.get('load'))} |"
            f" {fmt(q_total) if q_total is not None else ('>' + fmt(timeout))} | {speed} |"
            f" {vs_raw} | {fmt(r.get('validate_one'))} | {full} | {fmt(r.get('network'))} |"
            f" {r.get('peak_mb', 0):,.0f} |")
    for r in results:
        for what, error in r.get("errors", {}).items():
            lines.append(f"- {r['size']:,} {r['store']}: {what} failed: {error}")
    lines += ["", "Per query (seconds):", ""]
    lines.append("| cases | store | " + " | ".join(QUERIES) + " |")
    lines.append("|" + "---|" * (len(QUERIES) + 2))
    for r in results:
        q = r.get("queries", {})
        cells = " | ".join(fmt(q[n]) if q.get(n) is not None else
                           (f">{timeout:.0f}" if n in q else "—") for n in QUERIES)
        lines.append(f"| {r['size']:,} | {r['store']} | {cells} |")
        if r.get("raw"):
            cells = " | ".join(fmt(r["raw"].get(n)) for n in QUERIES)
            lines.append(f"| {r['size']:,} | raw pyoxigraph | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10, 1000, 10000])
    p.add_argument("--stores", nargs="+", default=list(STORES), choices=STORES)
    p.add_argument("--timeout", type=float, default=600, help="seconds per step")
    p.add_argument("--json", type=Path, help="also write the raw results here")
    p.add_argument("--worker", nargs=3, metavar=("STORE", "SIZE", "DIR"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        store, size, folder = args.worker
        print(json.dumps(worker(store, int(size), Path(folder), args.timeout)))
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="netgov-scale-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            t = time.perf_counter()
            make_data(folder, size)
            print(f"# {size} cases: data written in {time.perf_counter() - t:.1f} s",
                  file=sys.stderr)
            for store in args.stores:
                cmd = [sys.executable, __file__, "--timeout", str(args.timeout),
                       "--worker", store, str(size), str(folder)]
                done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                      env=dict(os.environ, PYTHONPATH=str(ROOT)))
                try:
                    r = json.loads(done.stdout.strip().splitlines()[-1])
                except (IndexError, json.JSONDecodeError):
                    print(done.stderr[-3000:], file=sys.stderr)
                    r = {"store": store, "size": size}
                print(f"# {size} {store}: {json.dumps(r)}", file=sys.stderr)
                results.append(r)
            for f in folder.glob(f"*-{size}.ttl"):
                f.unlink()
    if args.json:
        from netgov_kg.atomic import atomic_write_text

        atomic_write_text(args.json, json.dumps(results, indent=1))
    print(table(results, args.timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
