"""Every query the project ships or shows gives the same rows on rdflib and on Oxigraph.

The named queries (with their example parameters, and the appeal queries on synthetic appeals),
the competency queries, every ``kg.query``/``kg.run``/``table`` call of the notebooks' sources
and every query of the README run through the library on ``store="memory"`` and
``store="oxigraph"``; the rows must be equal as multisets after the normalisations of
``tests/engine_rows.py`` (RDF term equality only). Lists inside cells (GROUP_CONCAT) come out
sorted on both (netgov_kg/query/lists.py), so they compare as text.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import engine_rows  # tests/engine_rows.py (pytest's pythonpath holds tests/)
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

import netgov_kg
from netgov_kg.namespaces import NG, NGR
from netgov_kg.query.catalogue import list_queries

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The shipped graph plus 300 synthetic appeals and a fictional second source, on the
    memory store and on Oxigraph."""
    from netgov_kg.synth import reference_from, write_appeals

    folder = tmp_path_factory.mktemp("appeals")
    ref = reference_from(netgov_kg.load(store="memory").dataset)
    appeals = write_appeals(folder / "appeals.ttl", 300, reference=ref, seed=12, source=False,
                            completed=280, pending=9)
    second = REPO / "tests" / "fixtures" / "second-source.ttl"  # fictional: conflicting-figures
    return {s: netgov_kg.load(appeals, second, store=s) for s in ("memory", "oxigraph")}


def _same(engines, run) -> None:
    memory, oxigraph = (run(engines[s]) for s in ("memory", "oxigraph"))
    if isinstance(memory, bool) or getattr(memory, "boolean", None) is not None:
        assert bool(memory) == bool(oxigraph)
        return
    assert not engine_rows.difference(memory, oxigraph), engine_rows.difference(memory, oxigraph)


# -- named and competency queries -----------------------------------------------------------------
def _example_params(query) -> dict[str, str] | None:
    params = dict(e.split("=", 1) for e in query.examples[:1])
    if any(not p.optional and p.name not in params for p in query.params):
        return None
    return params


NAMED = [q for q in list_queries() if _example_params(q) is not None]


def test_every_named_query_is_compared():
    assert {q.name for q in NAMED} == {q.name for q in list_queries()}


@pytest.mark.parametrize("query", NAMED, ids=lambda q: q.name)
def test_named_query_same_rows_on_both_engines(engines, query):
    params = _example_params(query)
    rows = engines["memory"].run(query.name, **params)
    assert len(rows) > 0, f"{query.name} gives no rows: nothing is compared"
    _same(engines, lambda kg: kg.run(query.name, **params))


COMPETENCY = sorted((REPO / "tests" / "competency").glob("*.rq"))


@pytest.mark.parametrize("path", COMPETENCY, ids=lambda p: p.stem)
def test_competency_query_same_rows_on_both_engines(engines, path):
    text = path.read_text(encoding="utf-8")
    _same(engines, lambda kg: kg.query(text))


# -- notebook and README queries ------------------------------------------------------------------
_NAMES = {"Literal": Literal, "URIRef": URIRef, "BNode": BNode, "XSD": XSD, "NG": NG, "NGR": NGR}


def _calls(source: str, where: str) -> list[tuple[str, str, str, dict]]:
    """Return ``(where, kind, text, bindings)`` for each query call with a literal text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(
            func.value, ast.Name) else None
        wanted = (owner == "kg" and name in ("query", "run")) or (owner is None and name == "table")
        if not wanted:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        kwargs = {
            k.arg: eval(compile(ast.Expression(k.value), where, "eval"), dict(_NAMES))  # noqa: S307
            for k in node.keywords
            if k.arg is not None
        }
        kind = "run" if name == "run" else "query"
        found.append((f"{where}:{node.lineno}", kind, first.value, kwargs))
    return found


def _readme_shell_queries(text: str) -> list[tuple[str, str, str, dict]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not re.match(r"\s*(\.venv/bin/)?netgov-kg query ", line):
            continue
        words = shlex.split(line.split("#")[0] if "#" in line.split('"')[-1] else line)
        sparql = words[words.index("query") + 1]
        if sparql.startswith("@") or sparql == "-":  # a file or stdin: not shown in the README
            continue
        bindings: dict = {}
        for i, word in enumerate(words):
            if word == "--bind":
                name, _, value = words[i + 1].partition("=")
                text_, _, lang = value.rpartition("@")
                bindings[name] = Literal(text_, lang=lang) if text_ else Literal(value)
        found.append((f"README.md:{number}", "query", sparql, bindings))
    return found


def _shown_queries() -> list[tuple[str, str, str, dict]]:
    shown = []
    for path in sorted((REPO / "notebooks" / "src").glob("*.py")):
        shown += _calls(path.read_text(encoding="utf-8"), f"notebooks/src/{path.name}")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    shown += [c for block in blocks for c in _calls(block, "README.md")]
    shown += _readme_shell_queries(readme)
    return shown


SHOWN = _shown_queries()


def test_the_notebook_and_readme_queries_are_found():
    wheres = {w.split(":")[0] for w, *_ in SHOWN}
    assert len(SHOWN) >= 30, len(SHOWN)
    assert {"README.md", "notebooks/src/01-quickstart.py",
            "notebooks/src/02-sparql-cookbook.py"} <= wheres


@pytest.mark.parametrize("call", SHOWN, ids=lambda c: c[0])
def test_shown_query_same_rows_on_both_engines(engines, call):
    _, kind, text, bindings = call
    if kind == "run":
        _same(engines, lambda kg: kg.run(text, **bindings))
        return
    answers = {s: kg.query(text, **bindings) for s, kg in engines.items()}
    if not hasattr(answers["memory"], "vars"):  # CONSTRUCT: compare the graphs' sizes
        assert len(answers["memory"]) == len(answers["oxigraph"])
        return
    _same(engines, lambda kg: answers["memory"] if kg is engines["memory"] else answers["oxigraph"])


# -- lists inside cells ---------------------------------------------------------------------------
LIST_QUERIES = {
    "cases": ("themes_zh", "themes_en"),
    "cases-per-theme": ("names_zh", "names_en"),
    "cases-by-province": ("names_zh", "names_en"),
}


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_cells_are_sorted_and_identical_on_both_engines(engines, name):
    separators = {"zh": "、", "en": "; "}
    texts = {}
    for store, kg in engines.items():
        rows = kg.run(name)
        for row in rows:
            for var in LIST_QUERIES[name]:
                sep = separators[var[-2:]]
                items = str(row[var]).split(sep)
                assert items == sorted(items), (store, name, var, str(row[var]))
        texts[store] = sorted(tuple(str(row[v]) for v in LIST_QUERIES[name]) for row in rows)
    assert texts["memory"] == texts["oxigraph"]
    assert any(sep in t for row in texts["memory"] for t in row for sep in separators.values())


def test_list_cells_are_plain_strings_on_both_engines(engines):
    """The named queries wrap GROUP_CONCAT in STR(): Oxigraph would keep a common language tag."""
    for kg in engines.values():
        for row in kg.run("cases"):
            assert row["themes_zh"].language is None and row["themes_en"].language is None


def test_user_query_lists_are_sorted_on_both_engines(engines):
    query = """SELECT ?case (GROUP_CONCAT(?t; separator="|") AS ?themes)
               WHERE { ?case ng:hasTheme/rdfs:label ?t FILTER(lang(?t) = "en") } GROUP BY ?case"""
    for kg in engines.values():
        rows = kg.query(query)
        assert len(rows) >= 9
        for row in rows:
            items = str(row["themes"]).split("|")
            assert items == sorted(items)


def test_sort_lists_false_keeps_the_engines_order(engines):
    """What the server's raw /sparql answers use: the text as the engine joined it."""
    from netgov_kg.query import run_query

    query = """SELECT (GROUP_CONCAT(?t; separator="|") AS ?all)
               WHERE { { SELECT ?t WHERE { ?x a ng:Theme ; rdfs:label ?t FILTER(lang(?t) = "en") }
                         ORDER BY DESC(?t) } }"""
    raw = run_query(engines["memory"].dataset, query, sort_lists=False)[0]["all"]
    items = str(raw).split("|")
    assert len(items) >= 10 and items != sorted(items)
    assert str(engines["memory"].query(query)[0]["all"]).split("|") == sorted(items)


@pytest.mark.parametrize("argv", [
    ["run", "cases", "--format", "csv"],
    ["run", "cases-per-theme", "--format", "tsv"],
    ["query", 'SELECT ?c (GROUP_CONCAT(?t; separator="、") AS ?themes) WHERE {'
              ' ?c ng:hasTheme/rdfs:label ?t FILTER(lang(?t) = "zh") } GROUP BY ?c ORDER BY ?c',
     "--format", "csv"],
], ids=["run-cases", "run-cases-per-theme", "query"])
def test_cli_gives_the_same_text_on_both_engines(capsys, argv):
    from netgov_kg.cli import main

    outputs = {}
    for store in ("memory", "oxigraph"):
        assert main(["--store", store, *argv]) == 0
        outputs[store] = capsys.readouterr().out
    assert outputs["memory"] == outputs["oxigraph"]
    assert "、" in outputs["memory"]


# -- short-form CONSTRUCT WHERE with solution modifiers -----------------------------------------
@pytest.mark.parametrize("modifiers", ["ORDER BY ?c LIMIT 2", "ORDER BY DESC(?c) OFFSET 3 LIMIT 4"])
def test_construct_where_with_modifiers_same_graph_on_both_engines(engines, modifiers):
    """rdflib raised a bare TypeError for ``CONSTRUCT WHERE {…} LIMIT n`` (no template found)."""
    from rdflib.compare import to_isomorphic

    text = f"CONSTRUCT WHERE {{ ?c a ng:Case ; ng:listPosition ?n }} {modifiers}"
    graphs = {s: kg.query(text) for s, kg in engines.items()}
    assert len(graphs["memory"]) > 0
    assert to_isomorphic(graphs["memory"]) == to_isomorphic(graphs["oxigraph"])
