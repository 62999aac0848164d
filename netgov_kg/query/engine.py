"""The one query path: every SPARQL query of the library, the command line and the server.

:func:`with_base` makes the text that runs (the user's text after ``BASE <ngr:>``, on the same
first line so line numbers stay the user's); :func:`execute` runs such a text on any store
with the same pre-bound prefixes (:data:`netgov_kg.namespaces.PREFIXES`) and the same
bindings. Which engine answers is the store's business: Oxigraph's own engine where the store
has one (:attr:`netgov_kg.stores.capabilities.Capabilities.native`), rdflib's otherwise.

Examples
--------
>>> from netgov_kg.stores import open_store
>>> from rdflib import URIRef
>>> ds = open_store("memory")
>>> _ = ds.graph(URIRef("urn:g")).add((NGR["case/x"], NGR["p"], NGR["case/y"]))
>>> out = execute(ds, with_base("SELECT ?o WHERE { <case/x> ?p ?o }"))
>>> out.shape, out.variables, [str(r[0]) for r in out.rows]
('select', ['o'], ['https://w3id.org/netgov-kg/id/case/y'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import Dataset, URIRef, Variable
from rdflib.term import Node

from ..namespaces import NGR, PREFIXES
from .cache import ByteLRU, text_size

#: Put before every query and update, on its first line, by every path (library, command
#: line, server): relative IRIs such as ``<case/yinchuan-weibo-matrix>`` name ``ngr:``
#: resources. A query's own ``BASE`` comes after it and overrides it.
BASE_PROLOGUE = f"BASE <{NGR}> "

#: Oxigraph's complaint about substituting a variable a SELECT does not project.
_NOT_PROJECTED = "in its SELECT projection"


def with_base(text: str) -> str:
    """Return the text that runs for the user's ``text``: ``BASE <ngr:>`` in front.

    Examples
    --------
    >>> with_base("ASK {}")
    'BASE <https://w3id.org/netgov-kg/id/> ASK {}'
    """
    return BASE_PROLOGUE + text


@lru_cache(maxsize=1)
def _all_prefixes() -> tuple[tuple[str, str], ...]:
    from rdflib import Graph

    known = {prefix: str(ns) for prefix, ns in Graph().namespaces() if prefix}
    known.update((prefix, str(ns)) for prefix, ns in PREFIXES.items())
    return tuple(known.items())


def prefixes() -> dict[str, str]:
    """Return the pre-bound prefixes as strings, the same for every engine and path.

    :data:`netgov_kg.namespaces.PREFIXES`, and the prefixes rdflib's SPARQL parser binds
    by itself (``dc:``, ``time:``…), so that Oxigraph knows them too.

    Examples
    --------
    >>> prefixes()["ngr"], prefixes()["dc"]
    ('https://w3id.org/netgov-kg/id/', 'http://purl.org/dc/elements/1.1/')
    """
    return dict(_all_prefixes())


@dataclass
class Outcome:
    """What a query gave, before anyone formats it.

    Attributes
    ----------
    shape : {"select", "ask", "graph"}
        Rows, a boolean, or triples.
    engine : str
        ``"oxigraph"``, ``"rdflib"`` or ``"sparql"`` (a remote endpoint).
    variables : list of str
        The projected variables (``shape == "select"``).
    rows : iterator of tuple
        The solutions, one tuple of terms per row in ``variables`` order (``None`` unbound);
        the terms are rdflib's or the server's tuples, as :func:`execute` was asked.
    boolean : bool
        The ASK answer.
    triples : iterator of tuple
        The CONSTRUCT or DESCRIBE answer, as rdflib triples.
    """

    shape: str
    engine: str
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple[Any, ...]] = field(default_factory=lambda: iter(()))
    boolean: bool = False
    triples: Iterator[tuple[Any, Any, Any]] = field(default_factory=lambda: iter(()))


def execute(
    dataset: Dataset,
    text: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    has_dataset: bool | None = None,
    terms: str = "rdflib",
) -> Outcome:
    """Run the query ``text`` exactly as given (see :func:`with_base`) on ``dataset``.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The store (:func:`netgov_kg.stores.open_store`).
    text : str
        The text to run, already checked and with its ``BASE``.
    bindings : mapping of str to rdflib term, optional
        Values for variables (names without ``?``), bound without touching the text. Oxigraph
        substitutes only projected variables; for any other the query runs on rdflib's
        engine over the same store (slower, same answers).
    default_graphs, named_graphs : sequence of str
        The SPARQL protocol's ``default-graph-uri`` and ``named-graph-uri``.
    has_dataset : bool, optional
        Whether the text has its own ``FROM``/``FROM NAMED`` (then the default graph is not
        the union); ``None`` decides from the text's keywords.
    terms : {"rdflib", "tuple"}
        The terms of :attr:`Outcome.rows`: rdflib's, or the server's term tuples.

    Returns
    -------
    Outcome
        Lazy where the engine is: iterate the rows before the store changes.
    """
    from ..stores import capabilities

    init = dict(bindings or {})
    caps = capabilities(dataset)
    if caps.native is not None:
        from ..stores.oxigraph import native_query

        if has_dataset is None:
            from .lexer import keywords

            has_dataset = "FROM" in text.upper() and "FROM" in keywords(text)
        try:
            shape, payload = native_query(
                caps.native, text, prefixes=prefixes(), bindings=init,
                default_graphs=default_graphs, named_graphs=named_graphs,
                union=not has_dataset, terms=terms,
            )
        except RuntimeError as exc:
            if not (init and _NOT_PROJECTED in str(exc)):
                raise
        else:
            return _outcome(shape, payload, caps.engine)
    engine = "rdflib" if caps.engine == "memory" else caps.engine
    return _run_rdflib(
        dataset, text, init, default_graphs, named_graphs, terms,
        remote=caps.engine == "sparql", engine=engine,
    )


def _outcome(shape: str, payload: Any, engine: str) -> Outcome:
    if shape == "ask":
        return Outcome("ask", engine, boolean=bool(payload))
    if shape == "select":
        variables, rows = payload
        return Outcome("select", engine, variables=list(variables), rows=rows)
    return Outcome("graph", engine, triples=payload)


#: Parsed queries of this process, by text (named and page queries repeat); bounded by bytes.
_PREPARED = ByteLRU()


def _prepared(text: str) -> Any:
    """Parse and translate ``text`` once per process (the same prefixes as every path)."""
    from rdflib.plugins.sparql import prepareQuery

    query = _PREPARED.get(text)
    if query is None:
        query = _with_construct_template(prepareQuery(text, initNs=dict(PREFIXES)))
        _PREPARED.put(text, query, size=text_size(text))
    return query


def _with_construct_template(query: Any) -> Any:
    """Give a short-form ``CONSTRUCT WHERE { … }`` its template (its basic graph pattern).

    rdflib looks for the pattern only directly under the projection, so a short form with a
    solution modifier (``CONSTRUCT WHERE { ?c a ng:Case } LIMIT 2``) ended in a ``TypeError``.
    The short form allows nothing but triples, so the innermost ``BGP`` is the template.
    """
    algebra = query.algebra
    if algebra.name != "ConstructQuery" or algebra.template:
        return query
    part = algebra.p
    while part is not None and getattr(part, "name", None) != "BGP":
        part = part.get("p")
    if part is not None:
        algebra["template"] = list(part.triples)
    return query


def _run_rdflib(
    dataset: Dataset,
    text: str,
    init: dict[str, Node],
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
    terms: str,
    *,
    remote: bool,
    engine: str,
) -> Outcome:
    """Run ``text`` on rdflib's engine (or send it to the remote store)."""
    if remote:  # the remote store sends the text itself; nothing to prepare
        result = dataset.query(text, initNs=dict(PREFIXES), initBindings=init)
    else:
        from rdflib.plugins.sparql import prepareQuery
        from rdflib.plugins.sparql.parserutils import CompValue

        if default_graphs or named_graphs:
            query = _with_construct_template(prepareQuery(text, initNs=dict(PREFIXES)))
            query.algebra["datasetClause"] = [
                CompValue("DatasetClause", default=URIRef(g)) for g in default_graphs
            ] + [CompValue("DatasetClause", named=URIRef(g)) for g in named_graphs]
        else:
            query = _prepared(text)
        result = dataset.query(query, initBindings=init)
    if result.type == "ASK":
        return Outcome("ask", engine, boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Outcome("graph", engine, triples=iter(result.graph or ()))
    variables = [str(v) for v in (result.vars or [])]
    keys = [Variable(v) for v in variables]
    if terms == "tuple":
        from .formats import term_tuple

        rows = (tuple(term_tuple(b.get(k)) for k in keys) for b in result.bindings)
    else:
        rows = (tuple(b.get(k) for k in keys) for b in result.bindings)
    return Outcome("select", engine, variables=variables, rows=rows)
