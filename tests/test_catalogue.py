"""The named-query catalogue: headers, parameters, errors, same answers on both stores."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

import netgov_kg
from netgov_kg.errors import InputError, UnknownNameError
from netgov_kg.namespaces import NGR, PREFIXES
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
    """GROUP_CONCAT's order is not defined by SPARQL: compare the concatenated parts as sets."""
    text = str(term)
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
