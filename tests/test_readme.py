"""The README stays true: the quick start, and the named-query table matches the catalogue."""

from __future__ import annotations

from netgov_kg.query.catalogue import README_MARKERS, markdown_table

START, END = README_MARKERS


def test_readme_table_matches_the_catalogue(repo_root):
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    table = text[text.index(START) + len(START) : text.index(END)]
    assert table == markdown_table(), (
        "README's named-query table is out of date: python -m netgov_kg.query.catalogue README.md"
    )


def test_readme_keeps_the_two_command_quick_start(repo_root):
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh && .venv/bin/netgov-kg report --out build/report\n" in text
    assert ".venv/bin/python -m pytest\n" in text


def _python_blocks(text):
    blocks, inside, current = [], False, []
    for line in text.splitlines():
        if line.strip() == "```python":
            inside, current = True, []
        elif inside and line.strip() == "```":
            inside = False
            blocks.append("\n".join(current))
        elif inside:
            current.append(line)
    return blocks


def test_readme_python_examples_run(repo_root, tmp_path, monkeypatch):
    blocks = _python_blocks((repo_root / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    monkeypatch.chdir(tmp_path)  # the export example writes into build/
    namespace: dict = {}  # one session, as in a notebook: later examples use the earlier kg
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert (tmp_path / "build" / "netgov.jsonld").is_file()
    assert (tmp_path / "build" / "tables.zip").is_file()
