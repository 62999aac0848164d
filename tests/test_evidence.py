"""Evidence for every stated fact: selectors that check out against the seed article.

The article is the tests' copy ``tests/competency/source-000_775a52ee8c492e26.txt`` (the shared
folder's ``sources/000_775a52ee8c492e26.txt``); it is not shipped in the package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from netgov_kg.errors import InputError
from netgov_kg.evidence import Evidence, add_evidence, all_evidence, check, evidence_of, locate
from netgov_kg.namespaces import NG, NGR, OA, PROV
from netgov_kg.resources import data_files, ontology_files

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "tests" / "competency" / "source-000_775a52ee8c492e26.txt"
SOURCE = NGR["source/000-775a52ee8c492e26"]
#: The kinds of resource whose every member derived from a source needs evidence.
KINDS = ("Case", "Organisation", "Platform", "Post", "Endorsement", "Observation", "Goal",
         "Event", "ThemeAssignment")


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data() -> Graph:
    g = Graph()
    for path in [*data_files(), *ontology_files()]:
        g.parse(path)
    return g


def _members(g: Graph, kind: str) -> set[URIRef]:
    classes = set(g.transitive_subjects(RDFS.subClassOf, NG[kind]))
    return {s for c in classes for s in g.subjects(RDF.type, c)
            if isinstance(s, URIRef) and s.startswith(str(NGR))}


def test_every_selector_checks_out_against_the_article(data, text):
    found = list(all_evidence(data))
    assert len(found) > 200
    bad = [(str(r), ev, problems) for r, ev in found if (problems := check(text, ev))]
    assert bad == []
    assert {ev.source for _, ev in found} == {SOURCE}
    # every annotation is complete (read_evidence gives None for a broken one)
    assert len(found) == len(set(data.objects(None, NG.evidence)))


@pytest.mark.parametrize("kind", KINDS)
def test_every_resource_of_the_kind_has_evidence(data, kind):
    members = _members(data, kind)
    assert members
    assert all((m, PROV.wasDerivedFrom, SOURCE) in data for m in members)
    assert sorted(m for m in members if not evidence_of(data, m)) == []


def test_quotes_of_figures_goals_and_themes_are_among_their_evidence(data):
    """The verbatim phrase a figure, goal or theme link already carries is located as evidence."""
    for kind in ("Observation", "Goal", "ThemeAssignment"):
        for member in _members(data, kind):
            quotes = {str(q) for q in data.objects(member, NG.quote)}
            assert quotes <= {ev.exact for ev in evidence_of(data, member)}, member


def test_the_mended_clause_of_shequtong_has_a_literal_and_evidence(data):
    case = NGR["case/baoshan-shequtong"]
    texts = " ".join(str(o) for o in data.objects(case, None) if isinstance(o, Literal))
    assert "在基层取得了诸多成效" in texts
    assert any("在基层取得了诸多成效" in ev.exact for ev in evidence_of(data, case))


def test_the_evidence_file_is_what_the_build_script_writes():
    done = subprocess.run([sys.executable, "scripts/build_evidence.py", "--check"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_article_is_not_shipped():
    from netgov_kg.resources import data_root

    assert not list(data_root().glob("data/*.txt"))
    assert not list((REPO / "netgov_kg").rglob("*775a52ee8c492e26*"))


# -- the helpers --------------------------------------------------------------------------
def test_offsets_are_code_points_and_context_stops_at_a_line_break():
    text = "标题\n“一网通办”累计办件量1.73亿。下一句话很长很长很长很长很长很长很长很长。"
    ev = locate(text, "累计办件量1.73亿")
    assert text[ev.start:ev.end] == ev.exact
    assert (ev.start, ev.prefix) == (9, "“一网通办”")  # not "标题\n…"
    assert ev.suffix == "。下一句话很长很长很长很长很长很长很长很"  # 20 code points
    assert check(text, ev) == []


def test_a_wrong_offset_or_context_is_found():
    text = "上海“一网通办”建成三年以来"
    good = locate(text, "建成三年")
    assert check(text, good) == []
    moved = Evidence(good.start + 1, good.end + 1, good.exact, good.prefix, good.suffix)
    assert len(check(text, moved)) == 3
    assert check(text, Evidence(good.start, good.end, good.exact, "北京", good.suffix))


def test_a_missing_or_ambiguous_quote_is_refused():
    with pytest.raises(InputError, match="not in the text"):
        locate("甲乙", "丙")
    with pytest.raises(InputError, match="occurs 2 times"):
        locate("甲乙甲", "甲")
    with pytest.raises(InputError, match="not 3"):
        locate("甲乙甲", "甲", occurrence=3)


def test_add_evidence_writes_the_web_annotation_structure_and_reads_back():
    g = Graph()
    ev = Evidence(2, 4, "发布", prefix="上海", suffix="。", source=SOURCE)
    target = add_evidence(g, NGR["case/x"], ev)
    assert isinstance(target, BNode)
    assert (target, RDF.type, OA.SpecificResource) in g
    assert (target, OA.hasSource, SOURCE) in g
    starts = list(g.objects(None, OA.start))
    assert starts == [Literal(2)]  # xsd:integer: Oxigraph reads nonNegativeInteger as integer
    assert evidence_of(g, NGR["case/x"]) == [ev]


# -- validation: a violation for the shipped data, a warning elsewhere ----------------------
def _without_evidence(kind: str, case: URIRef):
    """The data files in named graphs of ``kind`` (data: shipped, extra: a user's), minus the
    evidence of ``case``."""
    from rdflib import Dataset

    from netgov_kg.loading import graph_iri, parse_file

    ds = Dataset(default_union=True)
    for path in data_files():
        parse_file(ds, path, graph_iri(kind, path), shipped=True)
    for quad in list(ds.quads((case, NG.evidence, None, None))):
        ds.remove(quad)
    return ds


@pytest.mark.parametrize(("kind", "severity"), [("data", "Violation"), ("extra", "Warning")])
def test_missing_evidence_is_a_violation_in_shipped_data_and_a_warning_elsewhere(kind, severity):
    from netgov_kg.validation import validate

    case = NGR["case/tencent-weicun"]
    report = validate(_without_evidence(kind, case), lang="en")
    assert [(f.focus_node, f.severity) for f in report.results] == [(case, severity)]
    assert report.conforms == (severity == "Warning")


def test_incremental_validation_marks_shipped_data_as_a_full_run_does():
    from netgov_kg.validation.incremental import validate_changes

    case = NGR["case/tencent-weicun"]
    report = validate_changes(_without_evidence("data", case), [case], lang="en")
    assert [(f.focus_node, f.severity) for f in report.results] == [(case, "Violation")]


# -- where evidence shows ---------------------------------------------------------------------
def test_tables_show_quotes_and_an_evidence_table(kg):
    import csv
    import io

    from netgov_kg.tables import tables_csv

    tables = tables_csv(kg.dataset)
    cases = {r["id"]: r for r in csv.DictReader(io.StringIO(tables["cases.csv"]))}
    assert "自2009年来" in cases[str(NGR["case/tencent-weicun"])]["evidence"]
    quotes = [c for r in cases.values() for c in r["evidence"].split(" | ")]
    assert all(c in ARTICLE.read_text(encoding="utf-8") for c in quotes)  # quotes, not node ids
    rows = list(csv.DictReader(io.StringIO(tables["evidence.csv"])))
    assert len(rows) == len(list(kg.dataset.objects(None, NG.evidence)))
    first = rows[0]
    assert first["source"] == str(SOURCE) and int(first["end"]) > int(first["start"])


def test_the_evidence_query_lists_each_annotation_once_and_existing_queries_do_not(kg):
    assert len(kg.run("evidence")) == len(set(kg.dataset.objects(None, NG.evidence)))
    one = kg.run("evidence", bindings={"resource": "ngr:obs/yiwangtongban-cases-handled"})
    assert [str(r["quote"]) for r in one] == ["累计办件量1.73亿"]
    assert [str(r["class"]) for r in one] == [str(NG.Observation)]


def test_describe_shows_each_quote_in_its_context_not_a_blank_node(kg):
    d = kg.describe("ngr:case/baoshan-shequtong")
    assert [ev.exact[:4] for ev in d.evidence] == ["7.上海", "上海市宝", "经过4年"]
    text = str(d)
    assert "【经过4年多的运营,在基层取得了诸多成效】" in text and "_:" not in text.split("←")[0]


def test_case_evidence_gives_the_profile_of_a_case_with_its_quotes(kg):
    rows = kg.run("case-evidence", case="腾讯为村").to_python()
    kinds = {local for r in rows for local in [str(r["class"]).rsplit("#", 1)[1]]}
    assert kinds == {"Case", "Organisation", "Observation", "Platform", "Endorsement",
                     "ThemeAssignment"}
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    text = ARTICLE.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in rows)
    # every figure and theme link of the case is there
    figures = set(kg.dataset.subjects(NG.about, NGR["case/tencent-weicun"]))
    assert {str(f) for f in figures} <= {str(r["resource"]) for r in rows}
