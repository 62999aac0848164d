"""Synthetic appeals: exact counts, real districts and platforms, dates in order, and the
completion rate checked against 银川's published figure."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal

import pytest
from rdflib.namespace import RDF

import netgov_kg
from netgov_kg.errors import InputError
from netgov_kg.namespaces import NG, NGR, NGSH
from netgov_kg.synth import generate_appeals, iter_appeals, write_appeals
from netgov_kg.validation.incremental import cached_sparql

YINCHUAN = NGR["place/640100"]


def _yinchuan_figures(kg):
    """The real 银川 figures: forwarded and completed counts and the rate, from the data."""
    query = """
        SELECT ?measure ?value WHERE {
          ?obs a ng:Observation ; ng:about ?about ; ng:measure ?measure ; ng:value ?value .
          ?about ng:locatedIn ?place . ?place ng:partOf* ?city .
          FILTER (lang(?measure) = "en")
        }"""
    rows = kg.query(query, city=YINCHUAN)
    return {str(r[0]): r[1].toPython() for r in rows}


def test_completion_rate_matches_yinchuan(kg, reference, tmp_path):
    figures = _yinchuan_figures(kg)
    rates = [v for k, v in figures.items() if "rate" in k]
    counts = sorted(v for k, v in figures.items() if "rate" not in k and isinstance(v, int))
    assert rates == [Decimal("97.99")] and counts[-2:] == [10785, 11006]
    completed, forwarded = counts[-2:]
    path = write_appeals(tmp_path / "yinchuan.ttl", forwarded, reference=reference, seed=2021,
                         city="640100", completed=completed, pending=120,
                         start=dt.date(2021, 1, 1), end=dt.date(2021, 11, 30))
    graph = netgov_kg.load(path, store="oxigraph")
    (row,) = list(graph.run("appeals-completion-rate", place="银川市"))
    assert row[0] == YINCHUAN
    assert (int(row[1]), int(row[2])) == (forwarded, completed)
    assert Decimal(str(row[3])) == rates[0]


def test_exact_counts_and_statuses(reference):
    g = generate_appeals(200, reference=reference, seed=1, completed=150, pending=9)
    status = {s: o for s, o in g.subject_objects(NG.appealStatus)}
    assert len(status) == 209
    assert sum(o == NG.AppealCompleted for o in status.values()) == 150
    assert sum(o == NG.AppealForwarded for o in status.values()) == 50
    assert sum(o == NG.AppealReceived for o in status.values()) == 9
    closed = set(g.subjects(NG.closedDate, None))
    assert closed == {s for s, o in status.items() if o == NG.AppealCompleted}


def test_dates_in_the_period_and_in_order(reference):
    start, end = dt.date(2021, 3, 1), dt.date(2021, 5, 31)
    g = generate_appeals(300, reference=reference, seed=4, start=start, end=end)
    for appeal in g.subjects(RDF.type, NG.Appeal):
        received = next(g.objects(appeal, NG.receivedDate)).toPython()
        assert start <= received <= end
        for closed in g.objects(appeal, NG.closedDate):
            assert received <= closed.toPython() <= end


def test_districts_are_under_the_city_and_platforms_are_real(reference):
    g = generate_appeals(100, reference=reference, seed=6, city="640100")
    below = {p.iri for p in reference.below(YINCHUAN)}
    assert set(g.objects(None, NG.appealPlace)) <= below
    platforms = set(g.objects(None, NG.receivedVia))
    real = {p.iri for p in reference.platforms_in(reference.below(YINCHUAN))}
    assert platforms and (platforms <= real if real else True)


def test_same_seed_same_text(reference):
    a = "".join(iter_appeals(50, reference=reference, seed=8))
    assert a == "".join(iter_appeals(50, reference=reference, seed=8))
    assert a != "".join(iter_appeals(50, reference=reference, seed=9))


def test_bad_counts_are_clear_errors(reference):
    with pytest.raises(InputError, match="completed must be between 0 and 10"):
        generate_appeals(10, reference=reference, completed=11)
    with pytest.raises(InputError, match="the period is empty"):
        generate_appeals(10, reference=reference, start=dt.date(2021, 2, 1),
                         end=dt.date(2021, 1, 1))
    with pytest.raises(InputError, match="no place with IRI or code '999999'"):
        generate_appeals(10, reference=reference, city="999999")


def test_appeals_conform_and_broken_ones_are_caught(reference):
    g = generate_appeals(40, reference=reference, seed=3, completed=30, pending=2)
    kg = netgov_kg.load(store="oxigraph")
    target = kg.dataset.graph(NGR["graph/extra/appeals"])
    target += g
    with cached_sparql():
        assert kg.validate(lang="en").conforms
    appeal = next(g.subjects(NG.appealStatus, NG.AppealCompleted))
    target.remove((appeal, NG.closedDate, None))
    target.add((appeal, NG.receivedVia, YINCHUAN))  # a place is not a platform
    with cached_sparql():
        report = kg.validate(lang="en")
    assert {f.focus_node for f in report.results} == {appeal}
    assert {(f.path, f.source_shape) for f in report.results} == {
        (NG.closedDate, NGSH.AppealClosedIffCompletedShape),
        (NG.receivedVia, NGSH["Appeal-receivedVia"])}


def test_named_queries_agree_with_python(reference):
    g = generate_appeals(500, reference=reference, seed=12, completed=430, pending=5)
    kg = netgov_kg.load(store="oxigraph")
    kg.dataset.graph(NGR["graph/extra/appeals"]).__iadd__(g)
    by_month = {str(r[0]): int(r[1]) for r in kg.run("appeals-by-month")}
    assert sum(by_month.values()) == 505
    days: dict = {}
    for appeal in g.subjects(NG.appealStatus, NG.AppealCompleted):
        district = next(g.objects(appeal, NG.appealPlace))
        received = next(g.objects(appeal, NG.receivedDate)).toPython()
        closed = next(g.objects(appeal, NG.closedDate)).toPython()
        days.setdefault(district, []).append((closed - received).days)
    rows = list(kg.run("appeals-time-to-close"))
    assert {r[0] for r in rows} == set(days)
    for row in rows:
        mine = days[row[0]]
        assert int(row[1]) == len(mine)
        assert int(row[2]) == statistics.median_low(mine)
        assert float(row[3]) == pytest.approx(statistics.mean(mine), abs=0.006)
    themes = {r[0]: (int(r[1]), int(r[2])) for r in kg.run("appeals-by-theme")}
    assert sum(a for a, _ in themes.values()) == 500 and sum(c for _, c in themes.values()) == 430
