"""``netgov-kg network``: listing, exports and errors, through the real command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netgov_kg.cli import main
from netgov_kg.network.io import read_graph
from netgov_kg.network.projections import PROJECTIONS


def test_lists_the_names(capsys):
    assert main(["network"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(PROJECTIONS)
    assert all(PROJECTIONS[line.split()[0]] in line for line in out)


def test_unknown_name_exits_2_with_a_hint(capsys):
    assert main(["network", "case-thme"]) == 2
    assert "did you mean 'case-theme'" in capsys.readouterr().err


def test_image_needs_out(capsys):
    assert main(["network", "case-theme", "--format", "png"]) == 2
    assert "--format png needs --out FILE" in capsys.readouterr().err


def test_unguessable_out(capsys, tmp_path):
    assert main(["network", "case-theme", "--out", str(tmp_path / "x.doc")]) == 2
    assert "cannot guess the format" in capsys.readouterr().err


def test_help_lists_formats():
    proc = subprocess.run(
        [sys.executable, "-m", "netgov_kg.cli", "network", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "graphml,gexf,json,csv,png,svg,html" in proc.stdout.replace(" ", "")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_writes_graph_files_of_the_real_data(tmp_path, kg, fmt, capsys):
    out = tmp_path / f"case-theme.{fmt}"
    assert main(["network", "case-theme", "--out", str(out)]) == 0
    G = kg.network("case-theme")
    H = read_graph(out)
    assert set(H.edges) == set(G.edges) or {frozenset(e) for e in H.edges} == {
        frozenset(e) for e in G.edges
    }
    assert "wrote" in capsys.readouterr().err


def test_writes_png_svg_html(tmp_path):
    for fmt in ("png", "svg", "html"):
        out = tmp_path / f"experts.{fmt}"
        assert main(["network", "expert-institution", "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 1000


def test_text_format_to_stdout(capsys):
    assert main(["--lang", "en", "network", "case-platform", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["graph"]["lang"] == "en"
    assert any(n["class"] == "Platform" for n in data["nodes"])


def test_summary(capsys):
    assert main(["network", "case-case", "--summary"]) == 0
    out = capsys.readouterr().out
    assert "density:" in out and "## pagerank" in out and "modularity" in out


def test_options_after_the_subcommand_and_extra_files(tmp_path, capsys):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix ng: <https://w3id.org/netgov-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/netgov-kg/id/case/extra> a ng:Case ;\n"
        '  rdfs:label "新案例"@zh, "New case"@en .\n',
        encoding="utf-8",
    )
    out = tmp_path / "ct.json"
    assert (
        main(["network", "case-theme", "--lang", "en", "--load", str(extra), "--out", str(out)])
        == 0
    )
    G = read_graph(out)
    assert G.graph["lang"] == "en"
    assert G.nodes["https://w3id.org/netgov-kg/id/case/extra"]["label"] == "New case"
    assert sum(1 for _, c in G.nodes(data="class") if c == "Case") == 11
