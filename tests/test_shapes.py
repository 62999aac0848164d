"""The SHACL shapes: every broken fixture fails as it declares; the real data conforms.

Each file in tests/fixtures/broken/ is valid data except one defect, and declares the findings it
must produce in header lines::

    # expect: <focus node> | <source shape> | <severity> | <English message>

``_:statement`` stands for the fixture's (blank) basis statement. The test asserts that the set
of findings is exactly the declared set, in English and in Chinese.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from netgov_kg.errors import InputError
from netgov_kg.namespaces import NG, NGR, NGSH
from netgov_kg.resources import shapes_files
from netgov_kg.validation import (
    Finding,
    Report,
    findings_from_results,
    findings_to_graph,
    short,
    validate,
    validate_files,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.ttl"))
BASELINE = FIXTURES / "valid" / "shapes-baseline.ttl"
CJK = re.compile(r"[\u4e00-\u9fff]")


def expectations(path: Path) -> set[tuple[str, str, str, str]]:
    """Read the ``# expect:`` header lines of a fixture."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            focus, shape, severity, message = (
                part.strip() for part in line[len("# expect:"):].split("|", 3)
            )
            out.add((focus, shape, severity, message))
    return out


def _blank(finding) -> str:
    """Name a blank focus node by what it is: a basis statement or an evidence annotation."""
    evidence = short(finding.source_shape).startswith("ngsh:Evidence")
    return "_:evidence" if evidence else "_:statement"


def observed(report: Report) -> set[tuple[str, str, str, str]]:
    return {
        (_blank(f) if isinstance(f.focus_node, BNode) else short(f.focus_node),
         short(f.source_shape), f.severity, f.message)
        for f in report.results
    }


def test_there_are_fixtures_and_each_declares_findings():
    assert len(BROKEN) >= 40
    for path in BROKEN:
        assert expectations(path), f"{path.name} declares no '# expect:' line"


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_fails_as_declared(path):
    report = validate_files(path, lang="en")
    assert observed(report) == expectations(path)
    severities = {severity for _, _, severity, _ in expectations(path)}
    assert report.conforms is ("Violation" not in severities)
    # the same findings, with their messages in Chinese
    for finding in report.in_language("zh").results:
        assert CJK.search(finding.message), finding


def test_valid_baseline_has_no_finding_at_all():
    report = validate_files(BASELINE)
    assert report.conforms
    assert report.results == []


#: The shapes this module checks (shapes/appeals.ttl belongs to the appeals work and its tests).
OUR_SHAPES = [p for p in shapes_files() if p.name == "netgov-shapes.ttl"]


def _shapes() -> Graph:
    g = Graph()
    for path in OUR_SHAPES:
        g.parse(path)
    return g


def _targeted_node_shapes(g: Graph) -> set[URIRef]:
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
    return {s for t in targets for s in g.subjects(t, None)
            if isinstance(s, URIRef) and s.startswith(str(NGSH))}


def test_every_shape_with_a_target_has_a_broken_fixture():
    g = _shapes()
    covered = {shape for path in BROKEN for _, shape, _, _ in expectations(path)}
    for node_shape in _targeted_node_shapes(g):
        members = {short(node_shape)} | {short(p) for p in g.objects(node_shape, SH.property)}
        assert members & covered, f"no broken fixture for {short(node_shape)}"


def test_every_shape_has_a_message_in_zh_and_en():
    g = _shapes()
    kinds = (SH.NodeShape, SH.PropertyShape)
    shapes = {s for k in kinds for s in g.subjects(RDF.type, k)}
    shapes |= {o for o in g.objects(None, SH.property)}
    assert len(shapes) > 100
    for shape in shapes:
        langs = {m.language for m in g.objects(shape, SH.message) if isinstance(m, Literal)}
        assert {"zh", "en"} <= langs, f"{short(shape)} lacks a zh or en sh:message"


@pytest.mark.parametrize("path", shapes_files(), ids=lambda p: p.name)
def test_sparql_constraints_keep_their_messages_on_a_shape_of_their_own(path):
    # Apache Jena's SHACL refuses a constraint node with more than one sh:message ("More than
    # one match"); every engine reads a shape's messages, one per language.
    g = Graph().parse(path)
    constraints = set(g.subjects(RDF.type, SH.SPARQLConstraint))
    assert constraints, f"{path.name} has no SPARQL constraint"
    for constraint in constraints:
        assert list(g.objects(constraint, SH.message)) == [], short(constraint)
        holders = list(g.subjects(SH.sparql, constraint))
        assert len(holders) == 1, short(constraint)
        shape = holders[0]
        assert list(g.objects(shape, SH.sparql)) == [constraint], short(shape)
        assert list(g.objects(shape, SH.property)) == [], short(shape)
        langs = sorted(m.language for m in g.objects(shape, SH.message))
        assert langs == ["en", "zh"], short(shape)


def test_real_data_conforms(kg):
    report = kg.validate(lang="en")
    print(f"\nreal data: {report.summary()}")
    assert report.violations == [], str(report)
    assert report.conforms


def test_real_data_breaks_when_a_case_loses_its_english_label(kg):
    g = Graph()
    for s, p, o, _ in kg.dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    case = NGR["case/yinchuan-weibo-matrix"]
    assert (case, RDF.type, NG.Case) in g
    english = [o for o in g.objects(case, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
               if o.language == "en"]
    assert len(english) == 1
    g.remove((case, None, english[0]))
    g.add((case, NG.listPosition, Literal(11)))
    report = validate(g, lang="en")
    assert not report.conforms
    assert {(f.focus_node, short(f.source_shape)) for f in report.violations} == {
        (case, "ngsh:Label-en"), (case, "ngsh:Case-listPosition")}


def test_validate_accepts_a_file_a_graph_and_a_dataset(kg):
    fixture = FIXTURES / "broken" / "place-five-digit-code.ttl"
    from_file = validate(fixture)
    from_graph = validate(Graph().parse(fixture))
    assert observed(from_file) == observed(from_graph) != set()
    assert validate(kg.dataset).conforms


def test_unknown_inference_is_a_clear_error(kg):
    with pytest.raises(InputError, match="unknown inference 'owl'"):
        kg.validate(inference="owl")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        validate_files(tmp_path / "nope.ttl")


# -- the report ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def broken_report() -> Report:
    return validate_files(FIXTURES / "broken" / "observation-without-unit.ttl", lang="en")


def test_report_counts_and_severity_lists(broken_report):
    assert broken_report.counts == {"Violation": 2, "Warning": 0, "Info": 0}
    assert len(broken_report.violations) == 2 and broken_report.warnings == []
    assert broken_report.focus_nodes() == {NGR["obs/yinchuan-completion-rate"]}


def test_report_language_switch(broken_report):
    zh = broken_report.in_language("zh")
    assert [f.message for f in zh.results] == [
        "数据须有且仅有一个英文单位（ng:unit@en）", "数据须有且仅有一个中文单位（ng:unit@zh）"]


def test_report_renderings(broken_report):
    table = broken_report.to_table()
    assert "ngr:obs/yinchuan-completion-rate" in table and "ng:unit" in table
    assert table.splitlines()[-1] == "2 violation(s), 0 warning(s), 0 info(s): does not conform"
    assert str(broken_report) == table
    html = broken_report._repr_html_()
    assert html.count("<tr>") == 3 and "ngr:obs/yinchuan-completion-rate" in html
    odd = Report(False, [Finding(URIRef("http://example.org/<x>"), None, None, "Violation",
                                 "a < b", NGSH.X, SH.MinCountConstraintComponent)])
    assert "&lt;http://example.org/&lt;x&gt;&gt;" in odd._repr_html_()
    assert "a &lt; b" in odd._repr_html_()
    df = broken_report.to_dataframe()
    assert list(df.columns) == ["severity", "focus_node", "path", "value", "message",
                                "source_shape", "constraint"]
    assert set(df["constraint"]) == {"QualifiedMinCount"}


def test_report_graph_round_trips_to_the_same_findings(broken_report):
    raw = broken_report.to_graph()
    assert (None, RDF.type, SH.ValidationReport) in raw
    from netgov_kg.validation import shapes_graph

    again = findings_from_results(raw, lang="en", shapes=shapes_graph())
    assert set(again) == set(broken_report.results)
    rebuilt = findings_from_results(findings_to_graph(broken_report.results, conforms=False),
                                    lang="en")
    assert set(rebuilt) == set(broken_report.results)


def test_rich_rendering(broken_report):
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(broken_report)
    assert "yinchuan-completion-rate" in console.export_text()


def test_finding_messages_fall_back_to_the_other_language():
    f = Finding(NGR["x"], None, None, "Warning", "missing", NGSH.X,
                SH.MinCountConstraintComponent, messages=(("en", "missing"),))
    assert f.message_in("zh") == "missing"
    assert f.constraint_name == "MinCount"


def test_same_findings_on_the_oxigraph_store():
    pytest.importorskip("oxrdflib")
    import netgov_kg

    fixture = FIXTURES / "broken" / "place-five-digit-code.ttl"
    memory = netgov_kg.load(fixture).validate(lang="en")
    oxigraph = netgov_kg.load(fixture, store="oxigraph").validate(lang="en")
    assert not memory.conforms
    assert set(oxigraph.results) == set(memory.results)


def test_focus_nodes_validates_like_a_full_run_or_is_refused():
    """kg.validate(focus_nodes=...) reports a full run's findings for those nodes only;
    the raw validate() refuses pyshacl's focus_nodes, which gives false violations."""
    from rdflib import Graph, URIRef

    import netgov_kg
    from netgov_kg.errors import InputError
    from netgov_kg.validation import validate

    kg = netgov_kg.load()
    broken = URIRef("https://w3id.org/netgov-kg/id/platform/broken-demo")
    kg.dataset.graph(URIRef("https://w3id.org/netgov-kg/id/graph/extra/demo")).parse(
        data=f"<{broken}> a <https://w3id.org/netgov-kg/ontology#Platform> ;"
        ' <http://www.w3.org/2000/01/rdf-schema#label> "演示"@zh .',
        format="turtle",
    )
    full = kg.validate()
    assert broken in full.focus_nodes()
    case = URIRef("https://w3id.org/netgov-kg/id/case/jiaodong-online")
    assert kg.validate(focus_nodes=[case]).conforms
    focused = kg.validate(focus_nodes=[broken])
    assert focused.focus_nodes() == {broken}
    assert set(focused.results) == {f for f in full.results if f.focus_node == broken}
    with pytest.raises(InputError, match="focus_nodes"):
        validate(Graph(), focus_nodes=[case])
