"""The command line's cold path (`netgov-kg run NAME` without rdflib) and its cache.

The cold path must print exactly what the normal path prints: every named query without a
required parameter, in every format, in both languages.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import netgov_kg.commands.core as core
import netgov_kg.query.cold as cold
from netgov_kg.cli import main
from netgov_kg.query.catalogue import list_queries
from netgov_kg.stores import snapshot

REPO = Path(__file__).resolve().parent.parent

#: Named queries the cold path answers: no required parameter.
COLD_QUERIES = [q.name for q in list_queries() if all(p.optional for p in q.params)]
FORMATS = ("table", "csv", "tsv", "json", "xml")
_BNODE = re.compile(r"(_:|\"bnode\", \"value\": \"|<bnode>)[0-9A-Za-z]+")


def _mask(text: str) -> str:
    """Blank-node ids are drawn anew on every load (tables already name them _:b1…)."""
    return _BNODE.sub(r"\1B", text)


@pytest.fixture
def spy(monkeypatch):
    """Record what the cold path answered (True) or declined (False)."""
    calls: list[bool] = []
    real = cold.run_named_cold

    def wrapper(*args, **kwargs):
        calls.append(real(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(cold, "run_named_cold", wrapper)
    return calls


def _normal(capsys, monkeypatch, kg, argv):
    """Run the command on the normal path (the session's graph, loaded by netgov_kg.load)."""
    with monkeypatch.context() as mp:
        mp.setattr(core, "_cold", lambda args: False)
        mp.setattr(core, "load_graph", lambda args: kg)
        assert main(argv) == 0
    return capsys.readouterr()


def test_cold_queries_are_most_of_the_catalogue():
    assert "cases" in COLD_QUERIES and "platforms-by-kind" in COLD_QUERIES
    assert len(COLD_QUERIES) >= 12


@pytest.mark.parametrize("name", COLD_QUERIES)
def test_cold_path_prints_what_the_normal_path_prints(name, capsys, monkeypatch, kg, spy):
    for fmt in FORMATS:
        for lang in ("zh", "en") if fmt == "table" else ("zh",):
            argv = ["--lang", lang, "run", name, "--format", fmt]
            assert main(argv) == 0
            cold_out = capsys.readouterr()
            assert spy[-1] is True, f"{name} {fmt}: the cold path declined"
            normal_out = _normal(capsys, monkeypatch, kg, argv)
            assert _mask(cold_out.out) == _mask(normal_out.out), (name, fmt, lang)
            assert cold_out.err == normal_out.err == ""


def test_the_cold_store_holds_the_loaded_graph(kg):
    import pyoxigraph as ox

    from netgov_kg.stores.oxigraph import native_store

    def quads(store):
        plain, blank = set(), 0
        for q in store.quads_for_pattern(None, None, None, None):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank += 1
            else:
                plain.add(str(q))
        return plain, blank

    assert quads(snapshot.open_shipped(use_cache=True)) == quads(native_store(kg.dataset))
    assert quads(snapshot.open_shipped(use_cache=False)) == quads(native_store(kg.dataset))


@pytest.mark.parametrize(("argv", "header", "rows"), [
    (["run", "cases", "--store", "memory"], "case,position", 11),
    (["run", "appeals-completion-rate", "--param", "place=银川市"], "place,forwarded", None),
    (["run", "cases", "--load", "tests/fixtures/mini.ttl"], "case,position", 33),
])
def test_other_options_take_the_normal_path(argv, header, rows, capsys, spy, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(argv + ["--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert spy == []  # not even asked
    assert out[0].startswith(header) and (rows is None or len(out) == rows)


def test_a_query_with_a_required_parameter_or_a_draft_is_declined(monkeypatch):
    assert cold.run_named_cold("case-figures") is False
    monkeypatch.setattr("netgov_kg.resources.draft_files", lambda: [Path("data/extra.ttl")])
    assert cold.run_named_cold("cases") is False


def test_the_cold_path_imports_neither_rdflib_nor_oxrdflib(tmp_path):
    code = (
        "import sys\n"
        "from netgov_kg.cli import main\n"
        "assert main(['run', 'cases', '--format', 'csv']) == 0\n"
        "print(sorted(m for m in ('rdflib', 'oxrdflib', 'pyparsing') if m in sys.modules))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True, cwd=REPO).stdout
    assert out.splitlines()[-1] == "[]"


# -- the cache -----------------------------------------------------------------------------
def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _cold_csv(capsys, *extra: str) -> str:
    assert main(["run", "cases", "--format", "csv", *extra]) == 0
    return capsys.readouterr().out


def test_the_cache_is_written_once_then_read(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _cold_csv(capsys)
    folder = tmp_path / "netgov-kg"
    [entry] = _entries(folder)
    assert entry.startswith("shipped-") and entry.endswith(".nq")

    def no_parsing(sources):
        raise AssertionError("parsed the files although the cache holds them")

    monkeypatch.setattr(snapshot, "_nquads", no_parsing)
    monkeypatch.setattr(snapshot, "_parse", no_parsing)
    assert _cold_csv(capsys) == first


def test_the_key_follows_the_files_and_old_entries_go(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sources = snapshot._sources()
    changed = [(g, p, d + b"\n# changed\n") if i == 0 else (g, p, d)
               for i, (g, p, d) in enumerate(sources)]
    assert snapshot.cache_key(sources) != snapshot.cache_key(changed)
    folder = tmp_path / "netgov-kg"
    folder.mkdir()
    old = folder / "shipped-0123.nq"
    old.write_text("# an entry of another key\n")
    keep = folder / "notes.txt"
    keep.write_text("not ours")
    _cold_csv(capsys)
    assert _entries(folder) == sorted([f"shipped-{snapshot.cache_key(sources)}.nq", "notes.txt"])


def test_an_entry_that_does_not_repeat_its_key_is_not_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = _cold_csv(capsys)
    [entry] = (tmp_path / "netgov-kg").iterdir()
    entry.write_bytes(b"<urn:a> <urn:b> <urn:c> <urn:g> .\n")  # the right name, other content
    assert _cold_csv(capsys) == expected
    assert entry.read_bytes().startswith(b"# netgov-kg shipped graph ")  # rewritten


@pytest.mark.parametrize("off", [("--no-cache",), ()])
def test_the_cache_can_be_turned_off(off, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if not off:
        monkeypatch.setenv("NETGOV_KG_CACHE", "0")
    assert _cold_csv(capsys, *off).startswith("case,")
    assert _entries(tmp_path) == []


def test_links_and_special_files_are_never_followed_or_replaced(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = _cold_csv(capsys)
    folder = tmp_path / "cache" / "netgov-kg"
    [entry] = folder.iterdir()
    outside = tmp_path / "outside.nq"
    outside.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(outside)
    outside.write_bytes(b"# netgov-kg shipped graph 0\n")
    assert _cold_csv(capsys) == expected
    assert entry.is_symlink() and outside.read_bytes() == b"# netgov-kg shipped graph 0\n"
    entry.unlink()
    os.mkfifo(entry)  # a reader would block on a pipe: it must not be opened for reading
    assert _cold_csv(capsys) == expected
    assert stat.S_ISFIFO(os.lstat(entry).st_mode)
    # The cache folder itself a link: not used, nothing written where it points.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "cache2").mkdir()
    (tmp_path / "cache2" / "netgov-kg").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache2"))
    assert _cold_csv(capsys) == expected
    assert _entries(elsewhere) == []


def test_a_read_only_home_means_no_cache_and_no_complaint(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)  # read-only for its owner: refused even for root (netgov_kg.atomic)
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "netgov_kg.cli", "run", "cases", "--format", "csv"],
            capture_output=True, text=True, env=env, cwd=REPO,
        )
    finally:
        home.chmod(0o755)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("case,") and len(done.stdout.splitlines()) == 11
    assert list(home.iterdir()) == []
