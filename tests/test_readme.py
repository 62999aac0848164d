"""The README stays true: the quick start, and the named-query table matches the catalogue."""

from __future__ import annotations

from netgov_kg.query.catalogue import markdown_table

START, END = "<!-- named-queries:start -->\n", "<!-- named-queries:end -->"


def test_readme_table_matches_the_catalogue(repo_root):
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    table = text[text.index(START) + len(START) : text.index(END)]
    assert table == markdown_table(), (
        "README's named-query table is out of date: paste markdown_table() between the markers"
    )


def test_readme_keeps_the_two_command_quick_start(repo_root):
    text = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh && .venv/bin/netgov-kg report --out build/report\n" in text
    assert ".venv/bin/python -m pytest\n" in text
