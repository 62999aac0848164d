"""Run SPARQL over the graph; bind values safely; wrap the results.

:func:`run_query` is what :meth:`netgov_kg.KnowledgeGraph.query` calls. SELECT and ASK give
:class:`~netgov_kg.query.results.Results`; CONSTRUCT and DESCRIBE give an
:class:`rdflib.Graph`.

Relative IRIs resolve against the data's namespace: every query runs with
``BASE <https://w3id.org/netgov-kg/id/>`` in front (a query's own ``BASE`` overrides it), so
``<case/yinchuan-weibo-matrix>`` names ``ngr:`` resources whose local names hold a ``/``, which
prefixed names cannot.

Before any engine sees it, the text is bounded (:func:`~netgov_kg.query.limits.check_limits`:
length, bracket nesting, expression height), because a deep enough query overflows the
engines' recursive parsers and kills the process.

The query runs on the one query path of :mod:`netgov_kg.query.engine`, which the server's
workers use too: the same prefixes, the same ``BASE``, the same bindings, on any store.

Nothing is read from the network or from files: a query with ``SERVICE``, ``LOAD``, or
``FROM``/``FROM NAMED`` naming a graph the store does not hold (or a ``file:`` IRI) is refused
with the server's rules (:mod:`netgov_kg.query.guard`) before any engine sees it, unless the
caller passes ``allow_remote=True``. The text that runs is the checked one (normalised by
:func:`netgov_kg.query.lexer.normalise`).

Values are bound without touching the query text: rdflib's ``initBindings`` on the memory
store and Oxigraph's ``substitutions`` (SEP-0007) on the oxigraph store. Oxigraph only
substitutes variables that a SELECT projects; for any other variable the query runs on
rdflib's own engine over the same store (slower, same answers).

Importing this package does not import rdflib (the command line's cold path,
:mod:`netgov_kg.query.cold`, uses its modules without it); :func:`run_query` does.

Examples
--------
>>> from rdflib import Literal
>>> from netgov_kg.stores import open_store
>>> ds = open_store("memory")
>>> rows = run_query(ds, "SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": Literal("}} DROP ALL ; #")})
>>> str(rows[0]["x"])
'}} DROP ALL ; #'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Location, QueryTooLarge
from ..iris import PREFIX_IRIS
from .engine import BASE_PROLOGUE, Outcome, execute, undeclared_prefix, with_base
from .syntax import from_exception, syntax_error

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset, Graph
    from rdflib.query import Result

    from .results import Results, Row
    from .terms import to_python, to_term

#: Names that need rdflib, imported on first use.
_LAZY = {
    "Results": "netgov_kg.query.results",
    "Row": "netgov_kg.query.results",
    "to_term": "netgov_kg.query.terms",
    "to_python": "netgov_kg.query.terms",
}


def __getattr__(name: str) -> Any:
    from .. import _lazy_attribute

    return _lazy_attribute(_LAZY, __name__, name)


def _precise(exc: BaseException, sparql: str) -> BaseException:
    """Prefer Oxigraph's error position (exact) to pyparsing's (where backtracking began).

    Oxigraph has no parser of its own to call, so the text runs on an empty store: never a
    text in which Oxigraph could read a SERVICE (it ends comments at CR, rdflib does not).
    """
    from pyparsing import ParseException

    from ..stores.oxigraph import check_syntax
    from .lexer import keywords

    if not isinstance(exc, ParseException) or "SERVICE" in keywords(sparql):
        return exc
    from .engine import prefixes

    return check_syntax(sparql, prefixes()) or exc


def _unknown_prefix(prefix: str, sparql: str, source: str) -> Exception:
    match = re.search(rf"(?<![\w<]){re.escape(prefix)}:", sparql)
    offset = match.start() if match else 0
    line = sparql.count("\n", 0, offset) + 1
    column = offset - (sparql.rfind("\n", 0, offset) + 1) + 1
    known = ", ".join(PREFIX_IRIS)
    return syntax_error(
        sparql, line, column, f"unknown prefix {prefix}: (pre-bound: {known})", source=source
    )


def wrap(result: Result, dataset: Graph | None = None) -> Results | Graph:
    """Wrap an rdflib query result: rows for SELECT, a boolean for ASK, a graph otherwise."""
    from rdflib import Graph, Variable

    from ..namespaces import bind_prefixes
    from .results import Results

    if result.type == "ASK":
        return Results.ask(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        return bind_prefixes(graph)
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(b.get(Variable(v)) for v in variables) for b in result.bindings]
    return Results(variables, rows, graph=dataset)


def _results(outcome: Outcome, dataset: Graph) -> Results | Graph:
    """Turn an :class:`~netgov_kg.query.engine.Outcome` into the library's answer."""
    from rdflib import Graph

    from ..namespaces import bind_prefixes
    from .results import Results

    if outcome.shape == "ask":
        return Results.ask(outcome.boolean)
    if outcome.shape == "graph":
        graph = Graph()
        for triple in outcome.triples:
            graph.add(triple)
        return bind_prefixes(graph)
    return Results(outcome.variables, list(outcome.rows), graph=dataset)


def _local_text(dataset: Dataset, sparql: str, source: str) -> str:
    """Check ``sparql`` with the server's rules (no network, no files); return the text to run."""
    from .guard import BadQuery, Refused, check_local

    def graphs() -> frozenset[str]:
        return frozenset(str(g.identifier) for g in dataset.graphs())

    try:
        return check_local(sparql, graphs=graphs)
    except Refused as exc:
        raise InputError(
            f"the query uses {exc.what or exc}, which would read the network or a file; "
            "kg.query, kg.run and the command line never do unless told: pass "
            "allow_remote=True (command line: --allow-remote) to allow it",
            Location(source),
        ) from None
    except BadQuery as exc:
        raise InputError(str(exc), Location(source)) from None


def run_query(
    dataset: Dataset,
    sparql: str,
    bindings: Mapping[str, Any] | None = None,
    *,
    source: str = "<query>",
    allow_remote: bool = False,
    sort_lists: bool = True,
) -> Results | Graph:
    r"""Run ``sparql`` on ``dataset`` with the project's prefixes and safely bound values.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The store (see :func:`netgov_kg.stores.open_store`).
    sparql : str
        A SELECT, ASK, CONSTRUCT or DESCRIBE query. The prefixes of
        :data:`netgov_kg.namespaces.PREFIXES` are pre-bound.
    bindings : mapping of str to term or Python value
        Values for variables (name without ``?``); Python values become literals
        (see :func:`~netgov_kg.query.terms.to_term`).
    source : str
        Where the query came from, named in syntax errors (a file name, ``<stdin>``).
    allow_remote : bool
        Let the query read the network or files (``FROM`` an IRI the store does not hold,
        ``SERVICE``), as rdflib's engine does when asked. By default such a query is refused
        with the server's rules (:func:`netgov_kg.query.guard.check_local`), before any
        engine sees it.
    sort_lists : bool
        Sort the items of ``GROUP_CONCAT`` lists in each cell, so that every engine gives the
        same text (see :mod:`netgov_kg.query.lists`); ``False`` keeps the engine's order (the
        server's raw ``/sparql`` answers).

    Returns
    -------
    Results or rdflib.Graph
        Rows for SELECT, a bool-like answer for ASK, a graph for CONSTRUCT and DESCRIBE.

    Raises
    ------
    QuerySyntaxError
        If the query does not parse: the message gives line, column and the text around.
    QueryTooLarge
        If the query is over a limit of :mod:`netgov_kg.query.limits` (checked before any
        engine parses it).
    InputError
        If the query would read the network or a file and ``allow_remote`` is false.

    Examples
    --------
    >>> from netgov_kg.stores import open_store
    >>> run_query(open_store("memory"), "SELECT ?x WHERE {\n  ?x ?y }")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.QuerySyntaxError: <query>, line 2, column 10: ...
    ...
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.sparql import SPARQLError

    from .limits import check_limits
    from .results import Results
    from .terms import to_term

    try:
        check_limits(sparql)
    except QueryTooLarge as exc:
        raise QueryTooLarge(exc.message, Location(source)) from None
    init = {str(k).lstrip("?$"): to_term(v) for k, v in (bindings or {}).items()}
    if allow_remote:
        text = with_base(sparql)
    else:
        text = _local_text(dataset, sparql, source)
        sparql = text[len(BASE_PROLOGUE):]  # the normalised text: what runs, for errors
    try:
        results = _results(execute(dataset, text, bindings=init), dataset)  # lazy: in the try
    except (ParseException, SyntaxError) as exc:
        prefix = undeclared_prefix(sparql) if "Prefix not found" in str(exc) else None
        if prefix is not None:  # Oxigraph's words for it
            raise _unknown_prefix(prefix, sparql, source) from None
        raise from_exception(
            _precise(exc, text), sparql, source=source, shift=len(BASE_PROLOGUE)
        ) from None
    except SPARQLError as exc:  # e.g. rdflib's NotBoundError in DISTINCT aggregates
        raise InputError(
            f"the query failed in rdflib's SPARQL engine: {exc} (the oxigraph store may run it)",
            Location(source),
        ) from None
    except Exception as exc:
        if str(exc).startswith("Unknown namespace prefix"):  # rdflib raises a bare Exception
            prefix = str(exc).rsplit(":", 1)[-1].strip()
            raise _unknown_prefix(prefix, sparql, source) from None
        raise
    if sort_lists and isinstance(results, Results):
        return _sorted_lists(results, sparql)
    return results


def _sorted_lists(results: Results, sparql: str) -> Results:
    """Return ``results`` with the lists in its cells sorted (see :mod:`.lists`)."""
    from .lists import list_variables, sort_rows
    from .results import Results

    lists = list_variables(sparql)
    if not lists or results.boolean is not None:
        return results
    rows = sort_rows(results.vars, [tuple(r) for r in results.rows], lists)
    return Results(results.vars, rows, graph=results.graph)


__all__ = [
    "run_query", "wrap", "execute", "with_base", "BASE_PROLOGUE", "Results", "Row", "to_term",
    "to_python",
]
