"""The named-query catalogue: headers, parameters, errors, same answers on both stores."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

import netgov_kg
from netgov_kg.errors import InputError, UnknownNameError
from netgov_kg.namespaces import NGR, PREFIXES
from netgov_kg.query import to_python
from netgov_kg.query.catalogue import TYPES, get_query, list_queries, markdown_table

QUERIES = list_queries()
REQUIRED = {
    "cases",
    "case-profile",
    "cases-by-place",
    "cases-by-province",
    "cases-by-theme",
    "experts",
    "case-figures",
    "platforms-by-kind",
    "timeline",
    "organisation-tree",
}

#: Parameters that exist in the test fixture graph, per query.
FIXTURE_PARAMS = {
    "case-profile": {"case": "一网通办"},
    "case-figures": {"case": "ngr:case/shanghai-one-network"},
    "case-evidence": {"case": "ngr:case/shanghai-one-network"},
    "cases-by-place": {"place": "四川省"},
    "cases-by-theme": {"theme": "citizen requests"},
}


@pytest.fixture(scope="module")
def stores(fixtures_dir):
    return {
        s: netgov_kg.load(fixtures_dir / "mini.ttl", store=s, include_data=False)
        for s in ("memory", "oxigraph")
    }


def _cell(term):
    """Compare values, not spellings: GROUP_CONCAT's order is not defined by SPARQL (compare
    the parts as sets) and Oxigraph writes decimals in canonical form (121.4890 -> 121.489)."""
    text = str(to_python(term)) if isinstance(term, Literal) and term.datatype else str(term)
    for sep in ("、", "; "):
        if sep in text:
            return sep.join(sorted(text.split(sep)))
    return text


def test_required_queries_exist():
    assert REQUIRED <= {q.name for q in QUERIES}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_header_is_complete(query):
    assert set(query.title) == {"zh", "en"}, query.path
    assert set(query.description) == {"zh", "en"}, query.path
    for p in query.params:
        assert p.type in TYPES and p.description
        if p.type == "resource":
            assert p.cls and p.cls.split(":")[0] in PREFIXES
    if any(not p.optional for p in query.params):
        assert query.examples, "a query with required parameters shows an example"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_parameters_are_projected_variables(query):
    parsed = prepareQuery(query.text, initNs=dict(PREFIXES))
    projected = {str(v) for v in parsed.algebra["PV"]}
    for p in query.params:
        assert p.name in projected, f"{query.name}: ?{p.name} must be in the SELECT"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_same_answers_on_both_stores(stores, query):
    params = FIXTURE_PARAMS.get(query.name, {})
    answers = {}
    for name, kg in stores.items():
        rows = kg.run(query.name, **params)
        answers[name] = sorted(tuple(_cell(t) for t in row) for row in rows)
    assert answers["memory"] == answers["oxigraph"]


def test_run_binds_and_returns_rows(stores):
    kg = stores["memory"]
    rows = kg.run("cases-by-theme", theme="民生诉求")
    assert [r["case"] for r in rows] == [
        NGR["case/chengdu-platform"],
        NGR["case/yinchuan-weibo-matrix"],
    ]
    assert {r["theme"] for r in rows} == {NGR["theme/citizen-requests"]}


@pytest.mark.parametrize(
    "value",
    [
        "民生诉求",  # zh label
        "Citizen Requests",  # en label, other case
        "诉求",  # alternative label
        "ngr:theme/citizen-requests",  # CURIE
        "https://w3id.org/netgov-kg/id/theme/citizen-requests",  # IRI as text
        URIRef("https://w3id.org/netgov-kg/id/theme/citizen-requests"),
    ],
)
def test_resource_parameters_accept_iri_curie_or_label(stores, value):
    rows = stores["oxigraph"].run("cases-by-theme", theme=value)
    assert len(rows) == 2


def test_cases_by_place_includes_places_within(stores):
    rows = stores["memory"].run("cases-by-place", place="Sichuan")
    assert [r["case"] for r in rows] == [NGR["case/chengdu-platform"]]
    assert rows[0]["located_in"] == NGR["place/510100"]


def test_unknown_query_suggests_close_names(stores):
    with pytest.raises(UnknownNameError, match="did you mean cases-by-theme"):
        stores["memory"].run("case-by-theme", theme="x")


def test_missing_parameter_is_named(stores):
    with pytest.raises(InputError, match=r"cases-by-theme needs the parameter theme \(resource"):
        stores["memory"].run("cases-by-theme")


def test_extra_parameter_suggests_close_names(stores):
    with pytest.raises(UnknownNameError, match="no parameter 'themes'.*did you mean theme"):
        stores["memory"].run("cases-by-theme", themes="党建")


def test_label_that_matches_nothing_suggests(stores):
    assert len(stores["memory"].run("cases-by-theme", theme="民生诉")) == 2  # a part is enough
    with pytest.raises(UnknownNameError, match="no theme resource is labelled.*did you mean"):
        stores["memory"].run("cases-by-theme", theme="民声诉求")


def test_ambiguous_label_lists_the_candidates(stores):
    with pytest.raises(InputError, match="matches 2"):
        stores["memory"].run("case-profile", case="市")


def test_markdown_table_lists_every_query():
    table = markdown_table()
    for q in QUERIES:
        assert f"| `{q.name}` |" in table


def test_get_query_exposes_text_and_path():
    q = get_query("cases")
    assert q.path.name == "cases.rq" and "ng:Case" in q.text


# -- on the real graph ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def kg_ox():
    return netgov_kg.load(store="oxigraph")


def _example(query):
    return dict(e.split("=", 1) for e in query.examples[0].split()) if query.examples else {}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_examples_run_alike_on_the_real_graph(kg, kg_ox, query):
    answers = [
        sorted(tuple(_cell(t) for t in row) for row in g.run(query.name, **_example(query)))
        for g in (kg, kg_ox)
    ]
    assert answers[0] == answers[1]


def test_cases_lists_the_ten_cases_in_order(kg):
    rows = kg.run("cases")
    assert [int(r["position"]) for r in rows] == list(range(1, 11))
    assert all(r["themes_zh"] for r in rows)


def test_cases_by_province_counts_the_articles_provinces(kg):
    counts = {
        str(kg.run("cases-by-province").label(r["province"], "zh")): int(r["cases"])
        for r in kg.run("cases-by-province")
    }
    assert counts["上海市"] == 2  # 一网通办 and 宝山“社区通”
    assert counts["浙江省"] == 2  # 爱安吉 (安吉县) and 鄞州区
    assert sum(counts.values()) == 9  # 腾讯为村 is national, in no province


def test_cases_by_place_resolves_a_province_label(kg):
    rows = kg.run("cases-by-place", place="上海市")
    names = {kg.run("cases").label(r["case"], "zh") for r in rows}
    assert names == {"上海“一网通办”", "上海市宝山区“社区通”"}


# -- parameter types, on a catalogue of one's own ------------------------------------------------
TYPED = """# title@zh: 类型
# title@en: Types
# description@zh: 参数类型。
# description@en: Parameter types.
# param n (integer): a number
# param d (date, optional): a day
# param y (year, optional): a year
# param x (decimal, optional): a decimal
# example: n=3
SELECT ?n ?d ?y ?x WHERE { }
"""


@pytest.fixture()
def typed_folder(tmp_path):
    (tmp_path / "typed.rq").write_text(TYPED, encoding="utf-8")
    (tmp_path / "broken.rq").write_text("# param z (colour): no such type\nASK {}\n")
    return tmp_path


def test_typed_parameters_become_typed_literals(stores, typed_folder):
    from netgov_kg.query.catalogue import get_query, run_named

    (typed_folder / "broken.rq").unlink()
    q = get_query("typed", typed_folder)
    assert [(p.name, p.type, p.optional) for p in q.params] == [
        ("n", "integer", False),
        ("d", "date", True),
        ("y", "year", True),
        ("x", "decimal", True),
    ]
    for kg in stores.values():
        row = run_named(
            kg.dataset,
            "typed",
            {"n": "3", "d": "2021-12-25", "y": "2021", "x": "97.99"},
            folder=typed_folder,
        )[0]
        assert int(row["n"]) == 3
        assert str(row["d"]) == "2021-12-25" and row["d"].datatype.endswith("#date")
        assert str(row["y"]) == "2021" and row["y"].datatype.endswith("#gYear")
        assert float(row["x"]) == 97.99


def test_bad_values_and_bad_headers_are_clear(stores, typed_folder):
    from netgov_kg.query.catalogue import get_query, run_named

    with pytest.raises(InputError, match="type must be one of") as info:
        get_query("broken", typed_folder)
    assert info.value.location.line == 1 and info.value.location.source.endswith("broken.rq")
    (typed_folder / "broken.rq").unlink()
    from netgov_kg.query import catalogue

    catalogue._catalogue.cache_clear()
    with pytest.raises(InputError, match=r"parameter n \(integer\): 'three'"):
        run_named(stores["memory"].dataset, "typed", {"n": "three"}, folder=typed_folder)
    with pytest.raises(InputError, match=r"parameter d \(date\)"):
        run_named(
            stores["memory"].dataset, "typed", {"n": 1, "d": "25/12/2021"}, folder=typed_folder
        )
