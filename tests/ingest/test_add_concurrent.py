"""Two or more ``add`` runs into one file take turns and lose nothing (issue 11, item 3)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from netgov_kg.errors import InputError
from netgov_kg.ingest import add as add_module
from netgov_kg.namespaces import NG, NGR

NETGOV_KG = Path(sys.executable).with_name("netgov-kg")


def _variant(template: Path, i: int, folder: Path) -> Path:
    """The template's fictional case with its own ids and labels (``fictional<i>-…``)."""
    text = (template.read_text("utf-8").replace("fictional-", f"fictional{i}-")
            .replace("（虚构）", f"（虚构{i}）").replace("(fictional)", f"(fictional {i})")
            .replace("码上议", f"码上议{i}").replace("Code-to-Discuss", f"Code-to-Discuss {i}"))
    path = folder / f"case{i}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _cases(target: Path) -> set:
    return set(Graph().parse(target, format="turtle").subjects(RDF.type, NG.Case))


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_concurrent_adds_into_one_file_keep_every_case(yaml_template, tmp_path, round_):
    target = tmp_path / "same.ttl"
    target.write_text("# shared\n", encoding="utf-8")
    templates = [_variant(yaml_template, i, tmp_path) for i in range(4)]
    runs = [subprocess.Popen([str(NETGOV_KG), "add", str(t), "--into", str(target)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for t in templates]
    outcomes = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    # the lock makes them take turns: each one succeeds, and each one's case is in the file
    assert [code for code, *_ in outcomes] == [0] * 4, [err for *_, err in outcomes]
    assert all("written to" in out for _, out, _ in outcomes)
    assert _cases(target) == {NGR[f"case/fictional{i}-code-to-discuss"] for i in range(4)}
    assert target.read_text("utf-8").startswith("# shared\n")
    assert sorted(os.listdir(tmp_path)) == sorted(["same.ttl", *(t.name for t in templates)])


def test_a_change_by_another_program_during_validation_is_refused(
        reference_kg, yaml_template, tmp_path, monkeypatch):
    target = tmp_path / "extra.ttl"
    target.write_text("# mine\n", encoding="utf-8")
    validate = add_module._validate

    def validate_while_someone_writes(*args, **kwargs):
        validate(*args, **kwargs)
        with target.open("a", encoding="utf-8") as f:  # an editor that takes no lock
            f.write("<https://example.org/a> <https://example.org/b> \"theirs\" .\n")

    monkeypatch.setattr(add_module, "_validate", validate_while_someone_writes)
    with pytest.raises(InputError, match="changed since it was read.*run again"):
        add_module.add_cases(reference_kg, yaml_template, into=target)
    assert target.read_text("utf-8").endswith("\"theirs\" .\n")  # their change is kept
    assert "code-to-discuss" not in target.read_text("utf-8")
    assert os.listdir(tmp_path) == ["extra.ttl"]


def test_add_through_a_symlink_writes_the_real_file(reference_kg, yaml_template, tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("# mine\n", encoding="utf-8")
    (tmp_path / "link.ttl").symlink_to("real.ttl")
    add_module.add_cases(reference_kg, yaml_template, into=tmp_path / "link.ttl")
    assert (tmp_path / "link.ttl").is_symlink()
    assert NGR["case/fictional-code-to-discuss"] in _cases(real)


def test_add_dry_run_into_a_fifo_is_refused_without_blocking(reference_kg, yaml_template,
                                                            tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        add_module.add_cases(reference_kg, yaml_template, into=fifo, dry_run=True)
