"""`netgov-kg add` writes only where --into says (issue 12, finding 8)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

import netgov_kg
from netgov_kg import cli, resources
from netgov_kg.errors import NetgovWarning

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def checkout(tmp_path, monkeypatch):
    """A copy of the checkout's ontology/, data/ and shapes/ that the package takes as its own."""
    root = tmp_path / "checkout"
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.setattr(resources, "data_root", lambda: root)
    return root


def test_add_without_into_writes_nothing(checkout, yaml_template, capsys):
    before = sorted(p.name for p in (checkout / "data").iterdir())
    assert cli.main(["add", str(yaml_template)]) == 2
    err = capsys.readouterr().err
    assert f"netgov-kg: error: {yaml_template}: say where to write with --into FILE" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (checkout / "data").iterdir()) == before
    assert not (checkout / "data" / "extra.ttl").exists()


def test_dry_run_needs_no_into_and_names_no_file(checkout, yaml_template, capsys):
    assert cli.main(["add", str(yaml_template), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would add 1 case(s)" in out and "would write to" not in out
    assert not (checkout / "data" / "extra.ttl").exists()


def test_a_draft_left_in_data_is_not_loaded(checkout):
    draft = checkout / "data" / "extra.ttl"
    draft.write_text("<https://example.org/draft> <https://example.org/p> \"x\" .\n",
                     encoding="utf-8")
    with pytest.warns(NetgovWarning, match=r"extra\.ttl is not loaded: it is a draft"):
        kg = netgov_kg.load()
    assert not kg.dataset.query("ASK { <https://example.org/draft> ?p ?o }").askAnswer
    with warnings.catch_warnings():
        warnings.simplefilter("error", NetgovWarning)  # loaded on purpose: no warning
        on_purpose = netgov_kg.load(draft)
    assert on_purpose.dataset.query("ASK { <https://example.org/draft> ?p ?o }").askAnswer


def test_no_warning_without_a_draft(checkout):
    with warnings.catch_warnings():
        warnings.simplefilter("error", NetgovWarning)
        netgov_kg.load(include_data=True)
