"""Fast checks of the server's bounds: byte-capped caches and answers, the update token."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from netgov_kg.cli import build_parser
from netgov_kg.errors import InputError
from netgov_kg.query import engine as engine_module
from netgov_kg.query.engine import with_base
from netgov_kg.server import evaluate as evaluate_module
from netgov_kg.server.cache import ByteLRU, text_size
from netgov_kg.server.cli import TOKEN_VARIABLE, read_token
from netgov_kg.server.evaluate import AnswerTooLarge, Job, Screen, evaluate
from netgov_kg.server.guard import check_query


@pytest.fixture
def dataset():
    ds = Dataset(default_union=True)
    graph = ds.graph(URIRef("urn:g"))
    for i in range(50):
        graph.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal("x" * 100)))
    return ds


def test_byte_lru_stays_within_its_budget():
    cache = ByteLRU(1000)
    for i in range(100):
        cache.put(i, str(i), size=90)
        assert cache.size <= 1000
    assert len(cache) == 11 and cache.get(99) == "99" and cache.get(0) is None
    cache.put("huge", "x", size=1001)  # larger than the budget: not kept
    assert cache.get("huge") is None and cache.size <= 1000
    cache.put(98, "again", size=1000)  # exactly the budget: kept alone
    assert cache.get(98) == "again" and len(cache) == 1


def test_the_workers_query_caches_are_bounded_by_bytes(dataset, monkeypatch):
    budget = 40 * text_size("x" * 100)
    monkeypatch.setattr(engine_module, "_PREPARED", ByteLRU(budget))
    monkeypatch.setattr(evaluate_module, "_CHECKED", ByteLRU(budget))
    for i in range(200):  # distinct queries, as an attacker would send them
        text = f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(?s != <urn:n{i}>) }} # {'x' * 100}"
        evaluate(dataset, Job(text, "", "", screen=Screen()))
        assert engine_module._PREPARED.size <= budget
        assert evaluate_module._CHECKED.size <= budget
    assert 0 < len(engine_module._PREPARED) < 200


def test_answers_are_capped_by_bytes_both_sides(dataset):
    job = Job("SELECT ?s ?o WHERE { ?s ?p ?o }", "SELECT", "csv")
    size = len(evaluate(dataset, job).body)
    from dataclasses import replace

    assert len(evaluate(dataset, replace(job, max_bytes=size)).body) == size
    with pytest.raises(AnswerTooLarge, match=f"{size:,} bytes") as too_large:
        evaluate(dataset, replace(job, max_bytes=size - 1))
    assert too_large.value.status == 413


def test_the_checked_text_is_what_runs(dataset):
    checked = check_query("SELECT ?o WHERE { # c\r ?s ?p ?o } LIMIT 1")
    assert checked.text == with_base("SELECT ?o WHERE {  \n ?s ?p ?o } LIMIT 1")
    answer = evaluate(dataset, Job(checked.text, checked.form, "csv", checked=True))
    assert answer.count == 1


# -- the update token -----------------------------------------------------------------------
def serve_args(*argv: str):
    return build_parser().parse_args(["serve", *argv])


def test_token_from_the_environment(monkeypatch):
    monkeypatch.setenv(TOKEN_VARIABLE, "from-env")
    assert read_token(serve_args("--allow-update")) == "from-env"
    monkeypatch.delenv(TOKEN_VARIABLE)
    assert read_token(serve_args("--allow-update")) is None


def test_token_from_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_VARIABLE, "from-env")
    path = tmp_path / "token"
    path.write_text("from-file\n", encoding="utf-8")
    assert read_token(serve_args("--allow-update", "--token-file", str(path))) == "from-file"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_token(serve_args("--token-file", str(path)))
    with pytest.raises(InputError, match="token"):
        read_token(serve_args("--token-file", str(tmp_path / "missing")))


def test_token_on_the_command_line_still_works_but_warns(capsys):
    assert read_token(serve_args("--token", "typed")) == "typed"
    assert "process list" in capsys.readouterr().err
    with pytest.raises(InputError, match="not both"):
        read_token(serve_args("--token", "a", "--token-file", "b"))
