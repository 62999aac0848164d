r"""Evaluate one checked query on the store and serialise the answer (runs in a worker).

The query runs on the library's one query path (:func:`netgov_kg.query.engine.execute`, as
``kg.query`` does): the same prefixes, the same ``BASE <ngr:>``, the same engine for the same
store (Oxigraph's own where the store has one). The answer is cut at ``max_results`` rows or
triples, and refused when its serialisation is over ``max_bytes``.

A client's query arrives unchecked, with a :class:`Screen`: the worker runs the guard
(:func:`netgov_kg.query.guard.check_query`) itself, under the same timeout as the query, so
a query that is slow to parse holds one killable worker and never the server's event loop.
The engine then runs the guard's checked text (:attr:`~netgov_kg.query.guard.Checked.text`:
the ``BASE`` and the normalised text) and nothing else. The server's own page queries get the
same ``BASE`` (:func:`netgov_kg.query.engine.with_base`).

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:p"), Literal(1)))
>>> answer = evaluate(ds, Job("SELECT ?o WHERE { ?s ?p ?o }", "SELECT", "csv"))
>>> answer.body, answer.count, answer.truncated
(b'o\r\n1\r\n', 1, False)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from ..query.cache import ByteLRU, text_size
from ..query.formats import write_boolean, write_solutions
from ..query.guard import GuardError


class AnswerTooLarge(GuardError):
    """The serialised answer is over the server's byte limit (``--max-answer-bytes``)."""

    status = 413


@dataclass(frozen=True)
class Screen:
    """What the worker needs to check a client's query and choose its answer format.

    Attributes
    ----------
    graphs : frozenset of str
        The store's named graphs (``FROM`` may name only these).
    accept : str or None
        The request's ``Accept`` header.
    wanted : str or None
        The request's ``format=`` (or ``output=``) parameter.
    """

    graphs: frozenset[str] = frozenset()
    accept: str | None = None
    wanted: str | None = None


@dataclass(frozen=True)
class Job:
    """A query to run: its text, form, answer format and limits (picklable, sent to workers).

    Attributes
    ----------
    text : str
        The SPARQL text: a server query (the ``BASE`` is put in front when it runs), or,
        once :func:`screen` has checked a client's query, the checked text (``checked``).
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    fmt : str
        A format name from :mod:`netgov_kg.server.formats` (``json``, ``turtle``...).
    max_results : int
        Rows (or triples) kept; more are cut and the answer is marked truncated.
    bindings : dict of str to str
        Variables bound to IRIs before evaluation (used by the server's own page queries).
    default_graphs, named_graphs : tuple of str
        The protocol's ``default-graph-uri`` and ``named-graph-uri``.
    screen : Screen or None
        Set for a client's query: the worker checks it first (``form`` and ``fmt`` are then
        decided by the check).
    has_dataset : bool
        Whether the query has its own ``FROM``/``FROM NAMED`` (set by the check).
    max_bytes : int or None
        Largest serialised answer; a larger one raises :class:`AnswerTooLarge`.
    checked : bool
        Whether ``text`` is the guard's checked text, ``BASE`` included (set by the check).
    """

    text: str
    form: str
    fmt: str
    max_results: int = 10_000
    bindings: dict[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    screen: Screen | None = None
    has_dataset: bool = False
    max_bytes: int | None = None
    checked: bool = False


@dataclass(frozen=True)
class Answer:
    """A serialised answer: the body, how many rows or triples it holds, and whether it was cut."""

    body: bytes
    count: int
    truncated: bool
    engine: str
    media_type: str = ""


# -- the check ----------------------------------------------------------------------------
#: Checked queries of this worker, by text and graphs (named queries repeat); bounded by bytes.
_CHECKED = ByteLRU()


def screen(job: Job) -> Job:
    """Check a client's query in the worker; return the job to run (normalised text, format).

    Raises
    ------
    GuardError
        What the guard refuses, and 406 when no format the client accepts fits the query.
    """
    from ..namespaces import PREFIXES
    from ..query.guard import check_query
    from . import formats

    assert job.screen is not None
    key = (job.text, job.screen.graphs)
    checked = _CHECKED.get(key)
    if checked is None:
        checked = check_query(job.text, namespaces=PREFIXES, graphs=job.screen.graphs)
        _CHECKED.put(key, checked, size=text_size(job.text))
    fmt = formats.choose(checked.kind, accept=job.screen.accept, fmt=job.screen.wanted)
    if fmt is None:
        offered = ", ".join(f.media_type for f in formats.formats_for(checked.kind))
        error = GuardError(f"no acceptable format; this query can answer as {offered}")
        error.status = 406
        raise error
    return replace(
        job, text=checked.text, form=checked.form, fmt=fmt.name, screen=None,
        has_dataset=checked.has_dataset, checked=True,
    )


def evaluate(dataset: Any, job: Job) -> Answer:
    """Run ``job`` on ``dataset`` (Oxigraph's engine when it has one) and serialise the answer.

    Raises
    ------
    GuardError
        When the job carries a :class:`Screen` and the guard refuses the query; or
        :class:`AnswerTooLarge`.
    Exception
        Whatever the engine raises for a query it cannot run (a syntax it rejects, a type
        error); the server answers 400 with its message.
    """
    if job.screen is not None:
        job = screen(job)
    answer = _evaluate(dataset, job)
    if job.max_bytes is not None and len(answer.body) > job.max_bytes:
        raise AnswerTooLarge(
            f"the answer is {len(answer.body):,} bytes, over this endpoint's limit of "
            f"{job.max_bytes:,} bytes: ask for fewer rows (LIMIT) or fewer variables"
        )
    from .formats import by_name

    fmt = by_name("results" if job.form in ("SELECT", "ASK") else "graph", job.fmt)
    return replace(answer, media_type=fmt.media_type if fmt else "")


def _evaluate(dataset: Any, job: Job) -> Answer:
    from rdflib import URIRef

    from ..namespaces import PREFIXES
    from ..query.engine import execute, with_base

    outcome = execute(
        dataset, job.text if job.checked else with_base(job.text),
        bindings={name: URIRef(iri) for name, iri in job.bindings.items()},
        default_graphs=job.default_graphs, named_graphs=job.named_graphs,
        has_dataset=job.has_dataset, terms="tuple",
    )
    engine = outcome.engine
    shape = outcome.shape
    cap = job.max_results
    if shape == "ask":
        return Answer(write_boolean(job.fmt, outcome.boolean), 1, False, engine)
    if shape == "select":
        variables = outcome.variables
        rows = (dict(zip(variables, row, strict=True)) for row in outcome.rows)
        kept = list(islice(rows, cap + 1))
        truncated = len(kept) > cap
        kept = kept[:cap]
        return Answer(write_solutions(job.fmt, variables, kept), len(kept), truncated, engine)
    from rdflib import Graph

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    triples: Iterator[Any] = outcome.triples
    kept_triples = list(islice(triples, cap + 1))
    truncated = len(kept_triples) > cap
    for triple in kept_triples[:cap]:
        graph.add(triple)
    from .formats import by_name

    fmt = by_name("graph", job.fmt)
    name = fmt.rdflib_name if fmt else job.fmt
    return Answer(serialize_graph(graph, name), min(len(kept_triples), cap), truncated, engine)


def serialize_graph(graph: Any, rdflib_name: str) -> bytes:
    """Serialise ``graph``; JSON-LD is compacted with the library's context (embedded).

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDF
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/netgov-kg/id/case/x"), RDF.type,
    ...            URIRef("https://w3id.org/netgov-kg/ontology#Case")))
    >>> b'"type": "Case"' in serialize_graph(g, "json-ld")
    True
    """
    if rdflib_name == "json-ld":
        from ..export import load_context

        return graph.serialize(
            format="json-ld", context=load_context(), auto_compact=True, encoding="utf-8"
        )
    return graph.serialize(format=rdflib_name, encoding="utf-8")
