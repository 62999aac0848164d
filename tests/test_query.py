"""kg.query: prefixes, safe bindings on both stores, Results, W3C formats, syntax errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from rdflib import XSD, Graph, Literal, URIRef

import netgov_kg
from netgov_kg.errors import InputError, QuerySyntaxError
from netgov_kg.namespaces import NG, NGR
from netgov_kg.query.results import Results
from netgov_kg.texttable import display_width

STORES = ["memory", "oxigraph"]
INJECTION = "}} DROP ALL ; #"


@pytest.fixture(scope="module", params=STORES)
def mini(request, fixtures_dir):
    return netgov_kg.load(fixtures_dir / "mini.ttl", store=request.param, include_data=False)


def test_prefixes_are_prebound(mini):
    rows = mini.query("SELECT ?c WHERE { ?c a ng:Case ; prov:wasDerivedFrom ?s }")
    assert len(rows) == 3
    assert {r["c"] for r in rows} >= {NGR["case/shanghai-one-network"]}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?c ?l WHERE { ?c rdfs:label ?l }",  # projected
        "SELECT ?c WHERE { ?c rdfs:label ?l }",  # not projected
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c rdfs:label ?l }",  # under an aggregate
    ],
)
def test_binding_selects_by_value(mini, query):
    rows = mini.query(query, l=Literal("银川市政务微博矩阵", lang="zh"))
    if "COUNT" in query:
        assert int(rows[0]["n"]) == 1
    else:
        assert [r["c"] for r in rows] == [NGR["case/yinchuan-weibo-matrix"]]


def test_binding_in_filter(mini):
    rows = mini.query("SELECT ?o WHERE { ?o ng:value ?v FILTER(?v > ?min) }", min=Literal(1000))
    assert [r["o"] for r in rows] == [NGR["obs/shanghai-cases-handled"]]


def test_python_values_become_literals(mini):
    rows = mini.query("SELECT ?c WHERE { ?c ng:listPosition ?p }", p=6)
    assert [r.c for r in rows] == [NGR["case/shanghai-one-network"]]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?c ?l WHERE { ?c a ng:Case ; rdfs:label ?l }",  # Oxigraph substitutes ?l
        "SELECT ?c WHERE { ?c a ng:Case ; rdfs:label ?l }",  # rdflib's engine binds ?l
    ],
)
def test_injection_does_not_change_the_query(mini, query):
    before = len(mini)
    rows = mini.query(query, l=Literal(INJECTION))
    assert len(rows) == 0  # no label equals the string: the string stayed a string
    echo = mini.query("SELECT ?x WHERE { BIND(?v AS ?x) }", v=INJECTION)
    assert str(echo[0]["x"]) == INJECTION
    assert mini.query("ASK { ?c a ng:Case }", c=Literal(INJECTION)).boolean is False
    assert len(mini) == before  # nothing dropped


def test_injection_attempt_with_an_iri_value(mini):
    evil = URIRef("https://example.org/x> } ; DROP ALL ; #")
    with pytest.raises(InputError, match="not a valid IRI"):
        mini.query("SELECT ?c WHERE { ?c a ng:Case }", c=evil)
    assert len(mini.query("SELECT ?c WHERE { ?c a ng:Case }")) == 3


def test_ask_is_bool_like(mini):
    assert mini.query("ASK { ?c a ng:Case }")
    assert not mini.query("ASK { ?c a ng:NoSuchClass }")
    assert json.loads(mini.query("ASK { ?c a ng:Case }").to_json()) == {"head": {}, "boolean": True}


def test_construct_and_describe_give_graphs(mini):
    g = mini.query("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a ng:Case ; rdfs:label ?l }")
    assert isinstance(g, Graph)
    assert len(g) == 6
    d = mini.query("DESCRIBE ?c", c=NGR["case/chengdu-platform"]) if mini else None
    assert isinstance(d, Graph)


def test_rows_by_name_position_and_attribute(mini):
    rows = mini.query("SELECT ?c ?p WHERE { ?c ng:listPosition ?p } ORDER BY ?p")
    first = rows[0]
    assert first["c"] == first.c == first[0] == NGR["case/chengdu-platform"]
    assert first.get("nope", "dflt") == "dflt"
    with pytest.raises(KeyError, match="the variables are"):
        first["nope"]
    assert [int(r.p) for r in rows] == [2, 6, 10]


def test_to_dataframe_native_types_and_labels(mini):
    rows = mini.query(
        "SELECT ?o ?v ?start ?note WHERE { ?o ng:value ?v "
        "OPTIONAL { ?o ng:periodStart ?start } "
        "OPTIONAL { ?o ng:timeNote ?note FILTER(lang(?note)='zh') } }"
        " ORDER BY ?v"
    )
    df = rows.to_dataframe(labels="en")
    assert list(df.columns) == ["o", "o_label", "v", "start", "note"]
    assert df["v"].tolist() == [97.99, 173000000]
    assert isinstance(df["v"].iloc[1], (int,)) or df["v"].dtype.kind in "if"
    assert df["start"].iloc[0] == dt.date(2021, 1, 1)
    assert df["o_label"].iloc[0] == "Wenzheng Yinchuan completion rate"
    assert df["note"].iloc[1] == "建成三年以来"
    zh = rows.to_dataframe(labels="zh")
    assert zh["o_label"].iloc[0] == "问政银川办结率"


def test_w3c_formats_round_trip(mini):
    rows = mini.query(
        "SELECT ?c ?l ?p WHERE { ?c rdfs:label ?l ; ng:listPosition ?p FILTER(lang(?l)='zh') }"
        " ORDER BY ?p"
    )
    doc = json.loads(rows.to_json())
    assert doc["head"]["vars"] == ["c", "l", "p"]
    b = doc["results"]["bindings"][0]
    assert b["c"] == {"type": "uri", "value": str(NGR["case/chengdu-platform"])}
    assert b["l"] == {"type": "literal", "value": "成都市网络理政平台", "xml:lang": "zh"}
    assert b["p"]["datatype"].endswith("#integer")
    table = list(csv.reader(io.StringIO(rows.to_csv())))
    assert table[0] == ["c", "l", "p"] and table[1][1] == "成都市网络理政平台"
    tsv = rows.to_tsv().splitlines()
    assert tsv[0] == "?c\t?l\t?p" and tsv[1].split("\t")[1] == '"成都市网络理政平台"@zh'
    root = ET.fromstring(rows.to_xml())
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert len(root.findall("s:results/s:result", ns)) == 3
    # the formats parse back with rdflib's own SPARQL results parsers
    from rdflib.query import Result

    for fmt, text in (
        ("json", rows.to_json()),
        ("xml", rows.to_xml()),
        ("csv", rows.to_csv()),
        ("tsv", rows.to_tsv()),
    ):
        back = Result.parse(io.StringIO(text), format=fmt)
        assert len(list(back)) == 3, fmt


def test_tsv_and_xml_of_awkward_literals_and_ask(mini):
    rows = mini.query(
        "SELECT ?x ?b WHERE { VALUES ?x { 'a\\u2028b' 'c\\u0085d' 'e\\u000Bf' }"
        " BIND(BNODE() AS ?b) }"
    )
    lines = rows.to_tsv().splitlines()
    assert len(lines) == 4
    assert {line.split("\t")[0] for line in lines[1:]} == {
        '"a\\u2028b"', '"c\\u0085d"', '"e\\u000Bf"'
    }
    assert all(line.split("\t")[1].startswith("_:") for line in lines[1:])
    # XML 1.0 cannot carry U+000B at all; the bnodes are checked without it
    bnodes = mini.query("SELECT ?b WHERE { VALUES ?x { 1 2 } BIND(BNODE() AS ?b) }")
    root = ET.fromstring(bnodes.to_xml())
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert len(root.findall("s:results/s:result/s:binding/s:bnode", ns)) == 2
    ask = mini.query("ASK { ?c a ng:Case }")
    assert ET.fromstring(ask.to_xml()).find("s:boolean", ns).text == "true"
    # TSV and CSV have no ASK form: one column _askResult, as Jena and the server write it
    assert ask.to_tsv().splitlines() == ["?_askResult", "true"]
    assert ask.to_csv() == "_askResult\r\ntrue\r\n"


def test_to_csv_writes_a_file(mini, tmp_path):
    rows = mini.query("SELECT ?c WHERE { ?c a ng:Case }")
    out = tmp_path / "cases.csv"
    assert rows.to_csv(out) is None
    assert out.read_bytes().startswith(b"c\r\n")


def test_repr_html_escapes_and_labels(mini):
    rows = mini.query("SELECT ?c ?x WHERE { ?c a ng:Case BIND('<b>' AS ?x) }")
    page = rows._repr_html_()
    assert "&lt;b&gt;" in page and "<b>" not in page
    assert "成都市网络理政平台" in page


def test_repr_html_links_only_web_iris(mini):
    rows = mini.query(
        "SELECT ?i WHERE { VALUES ?i { <javascript:alert(1)> <data:text/html,x> "
        "<https://example.org/a?b=1&c=2> } }"
    )
    page = rows._repr_html_()
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "https://example.org/a?b=1&amp;c=2" in hrefs
    assert not [h for h in hrefs if not h.startswith(("http://", "https://"))], hrefs
    assert 'title="javascript:alert(1)">javascript:alert(1)</span>' in page


@pytest.mark.parametrize("store", STORES)
def test_syntax_error_shows_line_column_and_text(store, fixtures_dir):
    kg = netgov_kg.load(store=store, include_data=False)
    query = "SELECT ?c\nWHERE {\n  ?c a ng:Case ;\n     rdfs:label\n}"
    with pytest.raises(QuerySyntaxError) as info:
        kg.query(query)
    err = info.value
    assert err.location.line in (4, 5)
    text = str(err)
    assert f"line {err.location.line}, column" in text
    assert "rdfs:label" in text and "^" in text


def test_unknown_prefix_is_a_syntax_error():
    kg = netgov_kg.load(include_data=False)
    with pytest.raises(QuerySyntaxError, match="line 2, column 14: unknown prefix nosuch"):
        kg.query("SELECT ?x\nWHERE { ?x a nosuch:Thing }")


def test_dataframe_of_real_figures_has_numbers_and_dates(kg):
    df = kg.run("case-figures", case="银川市政务微博矩阵").to_dataframe(labels="en")
    by_measure = dict(zip(df["measure_en"], df["value"], strict=True))
    assert by_measure["completion rate"] == pytest.approx(97.99)
    assert {11006, 10785} <= set(by_measure.values())  # one numeric column
    assert set(df["period_start"]) == {dt.date(2021, 1, 1)}
    assert set(df["period_end"]) == {dt.date(2021, 11, 30)}  # "2021-11" ends on its last day
    assert set(df["case_label"]) == {kg.describe("银川市政务微博矩阵").labels["en"]}


def test_relative_iris_resolve_against_the_data_namespace(mini):
    rows = mini.query("SELECT ?l WHERE { <case/shanghai-one-network> rdfs:label ?l }")
    assert len(rows) == 2
    own_base = (
        "BASE <https://w3id.org/netgov-kg/id/case/> "
        "SELECT ?l WHERE { <shanghai-one-network> rdfs:label ?l }"
    )
    assert len(mini.query(own_base)) == 2


@pytest.mark.parametrize("store", STORES)
def test_syntax_error_columns_on_the_first_line_are_the_users(store):
    # The hidden BASE prologue must not move positions: the same text one line lower
    # (where no prologue sits) reports the same column.
    kg = netgov_kg.load(store=store, include_data=False)
    bad = "SELECT ?x WHERE { ?x ?y }"
    with pytest.raises(QuerySyntaxError) as first:
        kg.query(bad)
    with pytest.raises(QuerySyntaxError) as second:
        kg.query("\n" + bad)
    assert (first.value.location.line, second.value.location.line) == (1, 2)
    assert first.value.location.column == second.value.location.column


def _gyear(text: str) -> Literal:
    return Literal(text, datatype=XSD.gYearMonth if "-" in text else XSD.gYear)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("2021-11", dt.date(2021, 11, 1), dt.date(2021, 11, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # a leap year
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2021-12", dt.date(2021, 12, 1), dt.date(2021, 12, 31)),
    ],
)
def test_a_period_end_is_its_last_day_a_start_its_first(text, start, end):
    names = ["period_start", "periodEnd", "end", "target_date", "date"]
    res = Results(names, [(_gyear(text),) * len(names)])
    df = res.to_dataframe()
    assert df.iloc[0].tolist() == [start, end, end, end, start]
    assert res.to_python()[0]["periodEnd"] == end


def test_a_row_naming_the_end_property_gives_the_last_day(kg):
    df = kg.run("timeline").to_dataframe()
    ends = df[df["property"] == str(NG.periodEnd)]
    starts = df[df["property"] == str(NG.periodStart)]
    assert dt.date(2021, 11, 30) in set(ends["date"]) and dt.date(2021, 12, 31) in set(ends["date"])
    assert all(d.month == 1 or d.day == 1 for d in starts["date"])
    assert dt.date(2021, 1, 1) in set(starts["date"])


def test_case_figures_give_time_notes_in_both_languages(kg):
    df = kg.run("case-figures", bindings={"case": "ngr:case/tencent-weicun"}).to_dataframe()
    notes = set(zip(df["time_note_zh"], df["time_note_en"], strict=True))
    assert ("来源未给出时间", "the source gives no date") in notes
    assert df["time_note_zh"].notna().sum() == df["time_note_en"].notna().sum() > 0


def test_print_results_shows_an_aligned_table(kg, capsys):
    rows = kg.query(
        "SELECT ?case ?p WHERE { ?case a ng:Case ; ng:listPosition ?p } ORDER BY ?p",
    )
    print(rows)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["case", "p"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(rows)} rows)"
    first = rows.label(rows[0]["case"], "zh")
    assert lines[2].startswith(first)  # labels, not IRIs
    # the second column starts at the same display column on every line (CJK counts two)
    starts = {display_width(line[: line.rindex(" ") + 1]) for line in lines[:-1]}
    assert len(starts) == 1
    assert repr(rows) == f"<Results {len(rows)} rows: case, p>"


def test_print_results_in_english_cuts_long_cells_and_rows():
    kg_en = netgov_kg.load(lang="en")
    rows = kg_en.run("timeline")
    assert "Jiaodong Online" in str(rows)
    text = rows.to_table(max_rows=3, max_width=20)
    lines = text.splitlines()
    assert len(lines) == 2 + 3 + 1
    assert lines[-1] == f"({len(rows)} rows, {len(rows) - 3} more not shown)"
    assert all(display_width(cell) <= 20 for line in lines[2:-1] for cell in line.split("  "))
    assert str(Results.ask(True)) == "true"
