"""The server's settings and shared state: the graph, the worker pool, the server's own queries.

Examples
--------
>>> Settings().timeout, Settings().allow_update
(10.0, False)
>>> "CONSTRUCT" in server_query("resource-graph")
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..resources import query_text
from .evaluate import Answer, Job
from .pool import WorkerPool, default_size


@dataclass(frozen=True)
class Settings:
    """How the server behaves; every limit is configurable from ``netgov-kg serve``.

    Attributes
    ----------
    timeout : float
        Seconds a query may run before its worker is killed and the client gets 503.
    max_results : int
        Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned at most; the rest is cut and
        the response says so in ``X-SPARQL-MaxRows`` and ``X-Netgov-Truncated``.
    max_body : int
        Largest request body accepted, in bytes (413 beyond it); also the longest query
        string of a GET (414 beyond it).
    max_answer_bytes : int
        Largest serialised answer to a client's query, in bytes (413 beyond it).
    allow_update : bool
        Whether SPARQL Update is accepted (with ``token``); it is refused (403) otherwise.
    token : str or None
        The bearer token an update request must carry.
    cors : tuple of str
        Origins allowed by CORS (``"*"`` for any); empty means no CORS headers.
    workers : int
        Query worker processes.
    """

    timeout: float = 10.0
    max_results: int = 10_000
    max_body: int = 1_000_000
    max_answer_bytes: int = 50_000_000
    allow_update: bool = False
    token: str | None = None
    cors: tuple[str, ...] = ()
    workers: int = 0

    def __post_init__(self) -> None:
        if self.allow_update and not self.token:
            raise ValueError("allow_update needs a token: updates must carry it")
        if (self.timeout <= 0 or self.max_results < 1 or self.max_body < 1
                or self.max_answer_bytes < 1):
            raise ValueError(
                "timeout, max_results, max_body and max_answer_bytes must be positive"
            )


def _check_iris(bindings: dict[str, str]) -> None:
    """Answer 404 for a binding that is not an IRI (``/id/a%20b``): no resource can have it.

    Without this the memory store finds nothing while Oxigraph refuses the IRI (a 500).
    """
    from rdflib import URIRef
    from starlette.exceptions import HTTPException

    from ..errors import InputError
    from ..query.terms import to_term

    for iri in bindings.values():
        try:
            to_term(URIRef(iri))
        except InputError:
            raise HTTPException(404, f"no resource <{iri}>: not a valid IRI") from None


def server_query(name: str) -> str:
    """Return the text of the server's own query ``name`` (``queries/<name>.rq``)."""
    return query_text("server", name)


class ServerState:
    """What every request handler shares: the graph, settings, and the query workers.

    Parameters
    ----------
    kg : netgov_kg.KnowledgeGraph
        The graph to serve.
    settings : Settings
        Limits and switches.
    """

    def __init__(self, kg: Any, settings: Settings) -> None:
        self.kg = kg
        self.settings = settings
        self.pool = WorkerPool(kg.dataset, size=settings.workers or default_size())
        self.graphs: frozenset[str] = frozenset()
        self._cache: dict[str, Any] = {}

    def start(self) -> None:
        """Note the named graphs and fork the query workers."""
        self.graphs = frozenset(str(c.identifier) for c in self.kg.dataset.graphs())
        self.pool.start()

    def stop(self) -> None:
        """Stop the query workers."""
        self.pool.close()

    def changed(self) -> None:
        """Forget cached pages and counts, and replace the workers (after an update)."""
        self._cache.clear()
        self.graphs = frozenset(str(c.identifier) for c in self.kg.dataset.graphs())
        self.pool.refresh()

    @property
    def cache(self) -> dict[str, Any]:
        """A cache for answers that change only with the data (VoID counts, ontology docs)."""
        return self._cache

    async def run(self, job: Job) -> Answer:
        """Evaluate ``job`` in a worker without blocking the event loop."""
        from anyio import to_thread

        return await to_thread.run_sync(
            lambda: self.pool.run(job, timeout=self.settings.timeout)
        )

    async def rows(self, name: str, **bindings: str) -> list[dict[str, dict[str, str]]]:
        """Run the server's SELECT query ``name`` and return its rows as SPARQL JSON bindings."""
        _check_iris(bindings)
        job = Job(
            server_query(name), "SELECT", "json", self.settings.max_results, dict(bindings)
        )
        answer = await self.run(job)
        return json.loads(answer.body)["results"]["bindings"]

    async def graph(self, name: str, fmt: str, **bindings: str) -> Answer:
        """Run the server's CONSTRUCT query ``name``; return the graph serialised as ``fmt``."""
        _check_iris(bindings)
        job = Job(
            server_query(name), "CONSTRUCT", fmt, self.settings.max_results, dict(bindings)
        )
        return await self.run(job)
