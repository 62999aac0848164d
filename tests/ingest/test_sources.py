"""Several sources per case: a second report adds facts to an existing case, with evidence.

The second sources here are fictional (《示例日报》, example.org); so are their figures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from netgov_kg.errors import InputError
from netgov_kg.evidence import all_evidence, check
from netgov_kg.namespaces import NG, NGR, OA

REPO = Path(__file__).resolve().parents[2]
CASE = NGR["case/yinchuan-weibo-matrix"]
TEXT = ("《示例日报》（虚构）报道：银川市政务微博矩阵办结率达到98.2%。"
        "另据示例日报，办结率达到98.2%。\n")

HEAD = """
source:
  id: fictional-example-weekly-report
  label: {zh: 示例周刊（虚构）的报道, en: "Example Weekly (fictional): a report"}
  date: 2026-02-01
  url: https://example.org/netgov-kg/fictional-weekly
  text: report.txt
cases:
"""


def _template(tmp_path: Path, body: str, *, text: str = TEXT, name: str = "t.yaml") -> Path:
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_second_source_adds_facts_to_the_existing_case(fresh_kg, tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(REPO / "templates", folder)
    target = tmp_path / "mine.ttl"
    summary = fresh_kg.add_cases(folder / "second-source.yaml", into=target, by="Tester")
    assert summary.cases == [] and summary.extended == [CASE]
    cases = set(fresh_kg.dataset.subjects(RDF.type, NG.Case))
    assert len(cases) == 10  # never a second case
    figures = {s for s in summary.graph.subjects(NG.about, CASE)}
    assert len(figures) == 2
    for fig in figures:  # each with its own source and evidence
        assert (fig, NGR["source/fictional-example-daily-report"]) in {
            (s, o) for s, o in summary.graph.subject_objects(
                URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}
        assert (fig, NG.evidence, None) in summary.graph
    text = (folder / "second-source.txt").read_text(encoding="utf-8")
    found = list(all_evidence(summary.graph))
    assert len(found) == 3
    for _, evidence in found:  # the quoted text sits at the offsets
        assert check(text, evidence) == []
    rows = fresh_kg.run("conflicting-figures")
    assert len(rows) == 1
    values = {str(rows[0][k]) for k in ("value", "other_value")}
    assert values == {"97.99", "98.2"}


def test_existing_case_by_label_and_errors(fresh_kg, tmp_path):
    body = """  - existing: 银川市政务微博矩阵
    figures:
      - measure: {zh: 办结率, en: completion rate}
        value: 98.2%
        time_note: {zh: 截至报道时, en: as of the report}
        evidence: {quote: 办结率达到98.2%, prefix: 银川市政务微博矩阵}
"""
    summary = fresh_kg.add_cases(_template(tmp_path, body), dry_run=True)
    assert summary.extended == [CASE]
    (_, evidence), = all_evidence(summary.graph)
    assert (evidence.start, evidence.exact) == (TEXT.index("办结率"), "办结率达到98.2%")
    with pytest.raises(InputError, match="not a case of the graph|is not a case") as info:
        fresh_kg.add_cases(_template(tmp_path, "  - existing: ngr:org/fudan-university\n"),
                           dry_run=True)
    assert info.value.location.line == 9
    with pytest.raises(InputError, match="either `id`"):
        fresh_kg.add_cases(_template(tmp_path, "  - {existing: 银川市政务微博矩阵, id: x}\n"),
                           dry_run=True)


def test_a_new_case_with_an_existing_label_points_to_existing(fresh_kg, tmp_path):
    body = """  - label: {zh: 银川市政务微博矩阵, en: Another matrix}
    place: "640100"
"""
    with pytest.raises(InputError, match="write `existing: ngr:case/yinchuan-weibo-matrix`"):
        fresh_kg.add_cases(_template(tmp_path, body), dry_run=True)


@pytest.mark.parametrize(("evidence", "message"), [
    ("{quote: 办结率达到99%}", r"quote '办结率达到99%' is not in the text \(in report.txt"),
    ("{quote: 办结率达到98.2%}", r"occurs 2 times .*in report.txt; give start, or a prefix"),
    ("{quote: 办结率达到98.2%, start: 3}", r"does not match report.txt"),
    ("{quote: 办结率达到98.2%, start: 3, end: 4}", r"do not span the quote"),
    ("{quote: 办结率, colour: red}", r"unknown key 'colour' in evidence"),
])
def test_bad_evidence_is_located(fresh_kg, tmp_path, evidence, message):
    body = f"""  - existing: ngr:case/yinchuan-weibo-matrix
    evidence: {evidence}
"""
    with pytest.raises(InputError, match=message) as info:
        fresh_kg.add_cases(_template(tmp_path, body), dry_run=True)
    assert info.value.location.line == 10
    assert info.value.location.field.startswith("cases[0].evidence")


def test_evidence_context_keeps_line_breaks_and_spaces(fresh_kg, tmp_path):
    """A prefix or suffix that ends at a line break is matched as written (it was stripped)."""
    text = "标题\n  另据示例日报，办结率达到98.2%。\n办结率达到98.2%。\n"
    body = """  - existing: ngr:case/yinchuan-weibo-matrix
    evidence: {quote: 办结率达到98.2%, prefix: "。\\n", suffix: "。\\n"}
"""
    summary = fresh_kg.add_cases(_template(tmp_path, body, text=text), dry_run=True)
    (_, evidence), = all_evidence(summary.graph)
    assert evidence.start == text.rindex("办结率达到98.2%")
    assert (evidence.prefix, evidence.suffix) == ("。\n", "。\n")
    assert check(text, evidence) == []


def test_evidence_without_a_text(fresh_kg, tmp_path):
    body = """  - existing: ngr:case/yinchuan-weibo-matrix
    evidence: [{quote: 某句话}, {quote: 另一句, start: 5}]
"""
    path = _template(tmp_path, body)
    path.write_text(path.read_text(encoding="utf-8").replace("  text: report.txt\n", ""),
                    encoding="utf-8")
    graph = fresh_kg.add_cases(path, dry_run=True).graph
    exact = {str(o): q for q, o in graph.subject_objects(OA.exact)}
    assert set(exact) == {"某句话", "另一句"}
    positions = list(graph.subjects(RDF.type, OA.TextPositionSelector))
    assert len(positions) == 1  # only where the offsets are written
    assert [int(o) for o in graph.objects(positions[0], OA.end)] == [8]


def test_review_notes_are_refused_each_listed(reference_kg, yaml_template, tmp_path):
    text = yaml_template.read_text(encoding="utf-8")
    text = text.replace("    start_date: 2024-03\n",
                        "    start_date: 2024-03\n    review: 核对开始日期\n", 1)
    text = text.replace("        value: 20多 ",
                        "        review: 是否为约数？\n        value: 20多 ", 1)
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        reference_kg.add_cases(path, dry_run=True)
    message = str(info.value)
    assert "2 review note(s)" in message
    assert "field 'cases[0].review'" in message and "核对开始日期" in message
    assert "figures[1].review'" in message and "是否为约数？" in message


def test_csv_template_names_an_existing_case_with_evidence(fresh_kg, tmp_path):
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "second.csv"
    path.write_text(
        "record,case,id,existing,label_zh,label_en,url,date,source_text,value,period_start,"
        "period_end,evidence_quote,evidence_prefix,review\n"
        "source,,fictional-example-weekly-report,,示例周刊（虚构）的报道,Example Weekly "
        "(fictional): a report,https://example.org/netgov-kg/fictional-weekly,2026-02-01,"
        "report.txt,,,,,,\n"
        "case,yc,,银川市政务微博矩阵,,,,,,,,,银川市政务微博矩阵,,\n"
        "figure,yc,,,办结率,completion rate,,,,98.2%,2021-01,2021-11,办结率达到98.2%,"
        "银川市政务微博矩阵,\n", encoding="utf-8")
    summary = fresh_kg.add_cases(path, dry_run=True)
    assert summary.extended == [CASE] and summary.cases == []
    starts = sorted(ev.start for _, ev in all_evidence(summary.graph))
    assert starts == [TEXT.index("银川"), TEXT.index("办结率")]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "银川市政务微博矩阵,\n", "银川市政务微博矩阵,核对数值\n"), encoding="utf-8")
    with pytest.raises(InputError,
                       match=r"(?s)line 4, column 15, field 'review'.*1 review note.*核对数值"):
        fresh_kg.add_cases(path, dry_run=True)
