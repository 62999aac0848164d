"""The typed facade: keyword-only options, real return types, bindings=, top-level exports."""

from __future__ import annotations

import inspect
import typing
import warnings

import pytest
from rdflib import Literal

import netgov_kg
from netgov_kg.graph import KnowledgeGraph

#: The only ``**`` parameters left: the contract's keyword bindings and pyshacl's own.
OPEN_KEYWORDS = {"query": "legacy_bindings", "run": "legacy_params", "validate": "pyshacl_options"}


def _public_methods() -> list[str]:
    return [n for n, f in vars(KnowledgeGraph).items() if callable(f) and not n.startswith("_")]


@pytest.mark.parametrize("method", _public_methods())
def test_facade_signatures_are_explicit_and_typed(method):
    sig = inspect.signature(getattr(KnowledgeGraph, method))
    var_kw = [p.name for p in sig.parameters.values() if p.kind is p.VAR_KEYWORD]
    assert var_kw == ([OPEN_KEYWORDS[method]] if method in OPEN_KEYWORDS else [])
    hints = typing.get_type_hints(getattr(KnowledgeGraph, method), vars(netgov_kg.graph) | {
        name: getattr(netgov_kg, name) for name in ("Results", "Report")
    } | _heavy_names())
    assert "return" in hints and hints["return"] is not typing.Any
    for p in sig.parameters.values():
        if p.name != "self":
            assert hints[p.name] is not typing.Any or p.kind is p.VAR_KEYWORD, p.name
        if p.default is not p.empty and p.name not in ("k",):
            assert p.kind is p.KEYWORD_ONLY or method == "network", (method, p.name)


def _heavy_names() -> dict[str, object]:
    from datetime import datetime

    import networkx as nx

    from netgov_kg.extract.draft import Draft
    from netgov_kg.ingest.add import Summary
    from netgov_kg.ingest.additions import Removal
    from netgov_kg.lookup import Description
    from netgov_kg.network.projections import ProjectionInfo
    from netgov_kg.network.similarity import SimilarCase
    from netgov_kg.query.catalogue import NamedQuery

    return {"nx": nx, "Draft": Draft, "Summary": Summary, "Description": Description,
            "ProjectionInfo": ProjectionInfo, "SimilarCase": SimilarCase, "NamedQuery": NamedQuery,
            "Node": object, "Removal": Removal, "datetime": datetime}


def test_bindings_may_name_variables_like_parameters(kg):
    query = "SELECT ?name ?b WHERE { BIND(CONCAT(?sparql, ?bindings) AS ?name) BIND(?name AS ?b) }"
    with warnings.catch_warnings():
        warnings.simplefilter("error", netgov_kg.NetgovDeprecationWarning)  # no warning
        rows = kg.query(query, bindings={"sparql": "一网", "bindings": "通办"})
    assert str(rows[0]["name"]) == "一网通办"


def test_run_takes_parameters_as_a_mapping(kg):
    with warnings.catch_warnings():
        warnings.simplefilter("error", netgov_kg.NetgovDeprecationWarning)
        rows = kg.run("cases-by-theme", bindings={"theme": "民生诉求"})
    themes = {str(r["theme"]) for r in rows}
    assert len(rows) > 1 and themes == {str(netgov_kg.NGR["theme/citizen-appeals"])}


def test_keyword_bindings_keep_working_without_a_warning(kg):
    # The contract's form (kg.query(q, l=...)) is kept: same rows as bindings=, no warning.
    query = "SELECT ?c WHERE { ?c rdfs:label ?l }"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = kg.query(query, l=Literal("问政银川", lang="zh"))
        old_run = kg.run("cases-by-theme", theme="民生诉求")
    ours = [w for w in caught if not w.filename.replace("\\", "/").count("/rdflib/")]
    assert ours == [], [str(w.message) for w in ours]
    new = kg.query(query, bindings={"l": Literal("问政银川", lang="zh")})
    assert [tuple(r) for r in old] == [tuple(r) for r in new] and len(new) == 1
    assert old_run.rows == kg.run("cases-by-theme", bindings={"theme": "民生诉求"}).rows


def test_a_binding_given_both_ways_is_refused(kg):
    with pytest.raises(netgov_kg.InputError, match="l given both"):
        kg.query("SELECT ?l WHERE {}", bindings={"l": 1}, l=2)


def test_results_report_and_errors_are_exported_at_top_level(kg):
    from netgov_kg import errors
    from netgov_kg.query.results import Results, Row
    from netgov_kg.validation.report import Finding, Report

    assert netgov_kg.Results is Results and netgov_kg.Row is Row
    assert netgov_kg.Report is Report and netgov_kg.Finding is Finding
    for name, value in vars(errors).items():
        if isinstance(value, type) and issubclass(value, (netgov_kg.NetgovError, Warning)):
            assert getattr(netgov_kg, name) is value, name
            assert name in netgov_kg.__all__
    assert {"Results", "Report", "InputError"} <= set(dir(netgov_kg))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        netgov_kg.Nope  # noqa: B018
    with pytest.raises(netgov_kg.UnknownNameError):
        kg.run("no-such-query")


def test_facade_options_reach_the_features(kg):
    assert len(kg.find("一网通办", limit=1)) == 1
    assert kg.describe("银川市政务微博矩阵", lang="en").lang == "en"
    assert [p.name for p in kg.network()][0] == "case-theme"
    G = kg.network("case-case", by=("themes",), weight="overlap")
    assert G.number_of_nodes() > 0
    with pytest.raises(netgov_kg.UnknownNameError, match="unknown option 'by'"):
        kg.network("case-theme", by=("themes",))
    best = kg.similar_cases("深圳", k=1, measure="overlap")
    assert len(best) == 1 and 0 < best[0].score <= 1
