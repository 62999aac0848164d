"""Build, execute and check the tutorial notebooks.

The notebooks' cells are written as plain Python files in the "percent" format (the format
jupytext and VS Code use) under ``notebooks/src/``::

    # %% [markdown]
    # # A heading
    # Some prose.

    # %%
    import netgov_kg

This script turns each source into ``notebooks/<name>.ipynb``, executes it with nbclient in a
kernel that runs *this* interpreter with the repository first on ``PYTHONPATH``, and writes the
notebook with its outputs, so that a reader sees the results without running anything.

The same functions are used by ``tests/test_notebooks.py``: it executes every notebook again
and compares the normalised outputs (text/plain, text/html and stdout; memory addresses,
timings, ports, temporary paths and image bytes are ignored) with the committed ones.

Usage::

    python notebooks/_build.py                 # build and execute every notebook
    python notebooks/_build.py 03-network      # only the notebooks whose name starts so
    python notebooks/_build.py --check         # execute and compare, write nothing
    python notebooks/_build.py --no-execute    # write cells only (outputs are dropped)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOTEBOOK_DIR = Path(__file__).resolve().parent
REPO = NOTEBOOK_DIR.parent
SOURCE_DIR = NOTEBOOK_DIR / "src"
KERNEL_NAME = "netgov-kg-build"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
CELL_MARK = re.compile(r"^# %%(?P<rest>.*)$")


# -- sources -> notebook --------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One cell of a notebook source: ``kind`` is ``"code"`` or ``"markdown"``."""

    kind: str
    source: str


def sources() -> list[Path]:
    """Return the notebook sources (``notebooks/src/*.py``), sorted by name."""
    return sorted(SOURCE_DIR.glob("[0-9]*.py"))


def notebook_path(source: Path) -> Path:
    """Return the ``.ipynb`` written for ``source``."""
    return NOTEBOOK_DIR / f"{source.stem}.ipynb"


def parse_source(path: Path) -> list[Cell]:
    """Split a percent-format file into cells.

    A line ``# %%`` starts a code cell, ``# %% [markdown]`` a markdown cell whose lines are
    comments (``# `` is removed). Blank lines around a cell are dropped. Text before the first
    marker is an error, so that nothing is silently lost.
    """
    cells: list[Cell] = []
    kind: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            out = []
            for line in body.splitlines():
                if line and not line.startswith("#"):
                    raise ValueError(f"{path}: markdown cell line not a comment: {line!r}")
                out.append(line[2:] if line.startswith("# ") else line[1:])
            body = "\n".join(out)
        if body.strip():
            cells.append(Cell(kind, body))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = CELL_MARK.match(line)
        if match:
            flush()
            kind = "markdown" if "[markdown]" in match["rest"] else "code"
            lines = []
        elif kind is None:
            if line.strip():
                raise ValueError(f"{path}:{number}: text before the first '# %%' marker")
        else:
            lines.append(line)
    flush()
    return cells


def build_notebook(path: Path) -> Any:
    """Return a new (unexecuted) nbformat notebook made from the source file ``path``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in parse_source(path):
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.source))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.source))
    for index, cell in enumerate(nb.cells):  # stable ids keep diffs small
        cell["id"] = f"{path.stem[:2]}-{index:02d}"
    return nb


# -- execution ------------------------------------------------------------------------------
@contextlib.contextmanager
def kernel_manager() -> Iterator[Any]:
    """Yield a kernel manager whose kernel is this interpreter (``sys.executable``).

    The kernelspec is written to a temporary folder, so nothing needs to be registered on the
    machine and no other Python (from ``~/.local/share/jupyter``, say) is picked by accident.
    """
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory(prefix="netgov-kernels-") as tmp:
        spec_dir = Path(tmp) / KERNEL_NAME
        spec_dir.mkdir()
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": KERNELSPEC["display_name"],
            "language": "python",
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        ksm = KernelSpecManager(kernel_dirs=[tmp], ensure_native_kernel=False)
        yield KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)


def kernel_env() -> dict[str, str]:
    """Return the kernel's environment: the repository first on the path, fixed hashing."""
    env = dict(os.environ)
    path = env.get("PYTHONPATH", "")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), path) if p)
    env["PYTHONHASHSEED"] = "0"
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.pop("JPY_PARENT_PID", None)
    return env


def execute(nb: Any, *, timeout: int = 600) -> float:
    """Execute ``nb`` in place (errors raise ``nbclient.exceptions.CellExecutionError``).

    Returns the wall-clock time in seconds.
    """
    from nbclient import NotebookClient

    started = time.perf_counter()
    with kernel_manager() as km:
        client = NotebookClient(
            nb,
            km=km,
            timeout=timeout,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
        )
        kernel_pids: list[int] = []
        client.on_notebook_start = lambda notebook: kernel_pids.append(_kernel_pid(km))
        try:
            client.execute(env=kernel_env())
        finally:
            for pid in kernel_pids:
                _kill_session(pid)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return time.perf_counter() - started


def _kernel_pid(km: Any) -> int:
    provisioner = getattr(km, "provisioner", None)
    return int(getattr(provisioner, "pid", 0) or 0)


def _kill_session(pid: int) -> None:
    """Kill what is left of a kernel: its own process group (it runs in a new session).

    A notebook that forks (the endpoint's query workers) may leave children behind when a cell
    fails; they would keep pipes open and hang the caller. The group id is the kernel's pid
    (it stays reserved while any member lives); the caller's own group is never signalled.
    """
    import signal

    if pid <= 0 or pid == os.getpgid(0):
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)  # jupyter_client starts kernels with start_new_session


def write(nb: Any, path: Path) -> None:
    """Write ``nb`` to ``path`` atomically (the project's temporary file + rename)."""
    import nbformat

    from netgov_kg.atomic import atomic_write

    nbformat.validate(nb)
    atomic_write(path, nbformat.writes(nb) + "\n")


def read(path: Path) -> Any:
    """Read a committed notebook."""
    import nbformat

    return nbformat.read(path, as_version=4)


# -- comparing outputs ----------------------------------------------------------------------
_VOLATILE = [
    (re.compile(r"0x[0-9a-fA-F]{4,}"), "0x…"),
    (re.compile(r"\b(127\.0\.0\.1|localhost|\[::1\]):\d+"), r"\1:PORT"),
    (re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns|s|sec|seconds)\b"), "<time>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
    (re.compile(r"\b[nN][0-9a-f]{32}(?:b\d+)?\b"), "<bnode>"),  # rdflib's blank-node ids
    # Oxigraph's: random on every load (hex without leading zeros), as in BNode('d11044e3…')
    (re.compile(r"(?<=BNode\(')[0-9a-f]{16,32}(?='\))"), "<bnode>"),
    (re.compile(r"(?:/private)?/(?:tmp|var/folders)/[^\s'\"<>)]*"), "<tmp>"),
    (re.compile(r"[ \t]+$", re.M), ""),
]


def normalise_text(text: str) -> str:
    """Remove what changes from run to run without the code or data changing."""
    text = text.replace(str(REPO), "<repo>").replace(tempfile.gettempdir(), "/tmp")
    for pattern, repl in _VOLATILE:
        text = pattern.sub(repl, text)
    return text.strip("\n")


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _comparable(outputs: list[Any]) -> list[str]:
    items: list[str] = []
    stdout: list[str] = []
    for out in [*outputs, {"output_type": "end"}]:
        kind = out.get("output_type")
        if kind == "stream":
            if out.get("name") == "stdout":
                stdout.append(_joined(out.get("text", "")))
            continue
        if stdout:
            items.append("stdout: " + normalise_text("".join(stdout)))
            stdout = []
        if kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            for mime in sorted(data):
                if mime in ("text/plain", "text/html"):
                    items.append(f"{mime}: " + normalise_text(_joined(data[mime])))
                else:
                    items.append(f"{mime}: <not compared>")
        elif kind == "error":
            items.append(f"error: {out.get('ename')}: {out.get('evalue')}")
    return items


def normalised_outputs(nb: Any) -> list[tuple[int, list[str]]]:
    """Return, for every code cell, its outputs as comparable strings.

    Compared: stdout, and the ``text/plain`` and ``text/html`` of results and displays. Images
    are reduced to their MIME type; stderr (warnings, progress) is ignored. Consecutive stdout
    chunks are joined, since how a kernel splits a stream depends on timing.
    """
    return [
        (index, _comparable(cell.get("outputs", [])))
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
    ]


def _first_difference(a: str, b: str, context: int = 160) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - context)
    return (
        f"  first difference at character {at}:\n"
        f"  committed: …{a[start : at + context]!r}…\n"
        f"  fresh:     …{b[start : at + context]!r}…"
    )


def compare(committed: Any, fresh: Any) -> str:
    """Return where the two notebooks' normalised outputs differ ('' when equal).

    For each differing cell, the report shows the first differing character with some text
    around it (outputs can be long HTML tables).
    """
    old = normalised_outputs(committed)
    new = normalised_outputs(fresh)
    if old == new:
        return ""
    lines = []
    for (index, a), (_, b) in zip(old, new, strict=False):
        if a != b:
            lines.append(f"--- cell {index}: {len(a)} outputs committed, {len(b)} fresh")
            lines.append(_first_difference("\n".join(a), "\n".join(b)))
    if len(old) != len(new):
        lines.append(f"number of code cells: committed {len(old)}, fresh {len(new)}")
    return "\n".join(lines)


def source_mismatch(source: Path, committed: Any) -> str:
    """Return how the committed notebook's cells differ from ``source`` ('' when equal)."""
    want = [(c.kind, c.source) for c in parse_source(source)]
    have = [(c.cell_type, _joined(c.source)) for c in committed.cells]
    if want == have:
        return ""
    for index, (a, b) in enumerate(zip(want, have, strict=False)):
        if a != b:
            return f"cell {index} differs:\nsource:    {a!r}\nnotebook:  {b!r}"
    return f"number of cells: source {len(want)}, notebook {len(have)}"


def glyph_warnings(nb: Any) -> list[str]:
    """Return matplotlib's 'Glyph ... missing' warnings found in stderr outputs."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = _joined(out.get("text", ""))
                found += [ln for ln in text.splitlines() if "Glyph" in ln and "missing" in ln]
    return found


# -- command line ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Build (and execute) the notebooks named on the command line, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebook name prefixes (default: all)")
    parser.add_argument("--check", action="store_true", help="execute and compare only")
    parser.add_argument("--no-execute", action="store_true", help="write cells without outputs")
    args = parser.parse_args(argv)
    if str(REPO) not in sys.path:  # run as a script: use this checkout's netgov_kg
        sys.path.insert(0, str(REPO))
    chosen = [
        s for s in sources() if not args.names or any(s.stem.startswith(n) for n in args.names)
    ]
    if not chosen:
        parser.error(f"no notebook source matches {args.names} in {SOURCE_DIR}")
    status = 0
    for source in chosen:
        nb = build_notebook(source)
        target = notebook_path(source)
        try:
            seconds = 0.0 if args.no_execute else execute(nb)
        except Exception as exc:  # a failing cell: say which notebook, keep going
            from nbclient.exceptions import CellExecutionError

            if not isinstance(exc, CellExecutionError):
                raise
            print(f"{target.name}: FAILED, not written\n{exc}", file=sys.stderr)
            status = 1
            continue
        problems = glyph_warnings(nb)
        for line in problems:
            print(f"{target.name}: {line}", file=sys.stderr)
        if args.check:
            diff = compare(read(target), nb) if target.exists() else "not committed"
            print(f"{target.name}: {seconds:.1f} s, {'stale' if diff else 'up to date'}")
            if diff:
                print(diff)
                status = 1
        else:
            write(nb, target)
            print(f"{target.name}: {seconds:.1f} s, written")
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
