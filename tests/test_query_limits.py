"""Query size limits: both sides of each, in the library on both stores and in the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netgov_kg.errors import QueryTooLarge
from netgov_kg.query.limits import MAX_HEIGHT, MAX_NESTING, MAX_QUERY_CHARS, check_limits


def nested(depth: int) -> str:
    return "ASK " + "{" * depth + "}" * depth


def chain(operators: int) -> str:
    """A FILTER whose expression tree is ``operators`` additions tall."""
    return "ASK { FILTER(" + "1+" * operators + "1 > 0) }"


def test_length_limit_both_sides():
    body = "ASK {}"
    check_limits(body + " " * (MAX_QUERY_CHARS - len(body)))
    with pytest.raises(QueryTooLarge, match="100,001 characters"):
        check_limits(body + " " * (MAX_QUERY_CHARS - len(body) + 1))


def test_nesting_limit_both_sides():
    check_limits(nested(MAX_NESTING))
    with pytest.raises(QueryTooLarge, match=f"{MAX_NESTING + 1} deep"):
        check_limits(nested(MAX_NESTING + 1))


def test_height_limit_both_sides():
    from netgov_kg.query.limits import measure

    fits = MAX_HEIGHT - measure(chain(0))[1]  # the brackets and '>' count too
    assert measure(chain(fits))[1] == MAX_HEIGHT
    check_limits(chain(fits))
    with pytest.raises(QueryTooLarge, match="limit is 1,000"):
        check_limits(chain(fits + 1))


def test_brackets_in_strings_iris_and_comments_do_not_count():
    check_limits("ASK { ?s ?p '" + "{" * 500 + "' } # " + "(" * 500)


def test_every_repository_query_is_far_within_the_limits():
    from netgov_kg.query.limits import measure
    from netgov_kg.resources import query_dir

    for path in query_dir().glob("*.rq"):
        depth, height = measure(path.read_text(encoding="utf-8"))
        assert depth <= MAX_NESTING // 2 and height <= MAX_HEIGHT // 10, path.name


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("text", [nested(500), chain(8000), "ASK {}" + " " * 200_000],
                         ids=["500-braces", "8000-additions", "200k-chars"])
def test_library_refuses_oversized_queries_before_any_engine(store, text):
    import netgov_kg
    from netgov_kg.stores import open_store

    kg = netgov_kg.KnowledgeGraph(open_store(store))
    with pytest.raises(QueryTooLarge):
        kg.query(text)


@pytest.mark.slow
@pytest.mark.parametrize("store, text, limit", [
    ("oxigraph", "SELECT * WHERE { FILTER(" + "1+" * 8000 + "1) }", "limit is 1,000"),
    ("memory", nested(500), "limit is 24"),
], ids=["oxigraph-16kB-filter", "memory-500-braces"])
def test_cli_answers_oversized_queries_with_a_clear_error(tmp_path, store, text, limit):
    # On today's main: a segmentation fault (pyoxigraph), a RecursionError traceback (rdflib).
    query = tmp_path / "big.rq"
    query.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "netgov_kg.cli", "--store", store, "query", f"@{query}"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2, done.stderr[-500:]
    assert "big.rq" in done.stderr and limit in done.stderr
    assert "Traceback" not in done.stderr
