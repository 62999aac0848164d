"""Who added what and when, and ``remove``: taking exactly one addition back."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from netgov_kg.cli import main
from netgov_kg.errors import InputError
from netgov_kg.ingest.additions import list_additions
from netgov_kg.namespaces import NGR

REPO = Path(__file__).resolve().parents[2]
AT = datetime(2026, 1, 20, 8, 30, tzinfo=timezone.utc)

#: A fictional third report that cites the organisation the second source's addition created.
USES_IT = """
source:
  id: fictional-example-digest
  label: {zh: 示例文摘（虚构）, en: Example Digest (fictional)}
  publisher: ngr:org/fictional-example-daily
  date: 2026-03-01
  url: https://example.org/netgov-kg/fictional-digest
cases:
  - existing: ngr:case/yinchuan-weibo-matrix
    goals:
      - label: {zh: 示例目标（虚构）, en: Example goal (fictional)}
        target_date: 2027
"""


@pytest.fixture()
def second(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)
    return folder / "second-source.yaml"


def test_an_addition_records_who_and_when(fresh_kg, second, tmp_path):
    target = tmp_path / "mine.ttl"
    summary = fresh_kg.add_cases(second, into=target, by="Li Hua", at=AT)
    addition = summary.addition
    assert addition.iri == NGR["addition/20260120T083000Z-li-hua"]
    g = summary.graph
    assert (addition.iri, RDF.type, PROV.Activity) in g
    assert (addition.iri, PROV.wasAttributedTo, NGR["agent/li-hua"]) in g
    assert (NGR["agent/li-hua"], RDFS.label, Literal("Li Hua", lang="en")) in g
    created = next(g.objects(addition.iri, DCTERMS.created))
    assert created.datatype == XSD.dateTime and created.toPython() == AT
    made = set(g.subjects(PROV.wasGeneratedBy, addition.iri))
    assert NGR["source/fictional-example-daily-report"] in made and len(made) == 4
    assert list_additions(target) == [addition.iri]
    assert "addition ngr:addition/20260120T083000Z-li-hua by Li Hua" in str(summary)


def test_the_agent_defaults_to_the_environment(fresh_kg, second, monkeypatch):
    monkeypatch.delenv("NETGOV_KG_AGENT", raising=False)
    monkeypatch.setenv("USER", "wang-wu")
    summary = fresh_kg.add_cases(second, dry_run=True, at=AT)
    assert summary.addition.agent == NGR["agent/wang-wu"]
    monkeypatch.setenv("NETGOV_KG_AGENT", "Zhao Liu")
    assert fresh_kg.add_cases(second, dry_run=True, at=AT).addition.agent_name == "Zhao Liu"


def test_remove_takes_back_exactly_one_addition_and_refuses_what_is_needed(
        fresh_kg, second, tmp_path):
    target = tmp_path / "mine.ttl"
    before = "# my own notes, kept as they are\n<urn:x:a> <urn:x:b> \"c\" .\n"
    target.write_text(before, encoding="utf-8")
    first = fresh_kg.add_cases(second, into=target, by="Li Hua", at=AT).addition
    after_first = target.read_bytes()
    third = tmp_path / "templates" / "digest.yaml"
    third.write_text(USES_IT, encoding="utf-8")
    other = fresh_kg.add_cases(third, into=target, by="Li Hua",
                               at=AT.replace(minute=45)).addition
    # the digest cites the daily the first addition created: refuse, naming the user
    with pytest.raises(InputError, match=r"ngr:addition/20260120T084500Z-li-hua still uses "
                                         r"ngr:org/fictional-example-daily"):
        fresh_kg.remove_addition(str(first.iri), source=target)
    assert len(list_additions(target)) == 2
    removal = fresh_kg.remove_addition("ngr:addition/20260120T084500Z-li-hua", source=target)
    assert removal.addition == other.iri
    assert target.read_bytes() == after_first  # byte for byte what it was before
    assert (None, None, NGR["source/fictional-example-digest"]) not in fresh_kg.dataset
    fresh_kg.remove_addition("20260120T083000Z-li-hua", source=target)
    assert target.read_text(encoding="utf-8").rstrip("\n") == before.rstrip("\n")
    assert not list(fresh_kg.dataset.triples((NGR["source/fictional-example-daily-report"],
                                              None, None)))
    assert len(fresh_kg.run("conflicting-figures")) == 0


def test_remove_unknown_addition_lists_the_files(fresh_kg, second, tmp_path):
    target = tmp_path / "mine.ttl"
    fresh_kg.add_cases(second, into=target, by="Li Hua", at=AT)
    with pytest.raises(InputError, match=r"no addition 'nosuch' in this file; its additions "
                                         r"are: ngr:addition/20260120T083000Z-li-hua"):
        fresh_kg.remove_addition("nosuch", source=target)


def test_cli_add_by_and_remove(second, tmp_path, capsys):
    target = tmp_path / "mine.ttl"
    assert main(["add", str(second), "--into", str(target), "--by", "Li Hua"]) == 0
    (addition,) = list_additions(target)
    assert main(["remove", "--from", str(target)]) == 0
    assert str(addition).rsplit("/", 1)[-1] in capsys.readouterr().out
    assert main(["remove", str(addition), "--from", str(target), "--dry-run"]) == 0
    assert "would remove addition" in capsys.readouterr().out
    assert list_additions(target) == [addition]
    assert main(["remove", str(addition), "--from", str(target)]) == 0
    assert list_additions(target) == []
