"""A pool of worker processes that evaluate queries, so that a runaway query can be killed.

Neither rdflib nor pyoxigraph can interrupt a query that is running, so each query runs in a
worker process forked from the server (it shares the loaded graph copy-on-write). The server
waits for the answer for at most the timeout; past it, the worker is killed and replaced, and
the client gets 503. The other workers go on answering other clients meanwhile.

Workers are forked when the pool starts and whenever one is replaced. Updates (when allowed)
run in the server process; afterwards :meth:`WorkerPool.refresh` replaces every worker so that
later queries see the change.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from netgov_kg.server.evaluate import Job
>>> ds = Dataset(default_union=True)
>>> _ = ds.add((URIRef("urn:a"), URIRef("urn:p"), Literal(1)))
>>> with WorkerPool(ds, size=1) as pool:
...     pool.run(Job("ASK { ?s ?p 1 }", "ASK", "json"), timeout=30).body
b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from dataclasses import dataclass
from typing import Any

from .evaluate import Answer, Job, evaluate


class QueryTimeout(Exception):
    """The query did not finish within the timeout; its worker was killed."""


class QueryFailed(Exception):
    """The engine refused or failed the query; the message is the engine's."""


class PoolBusy(Exception):
    """No worker became free within the timeout."""


def _serve(dataset: Any, conn: Any) -> None:  # pragma: no cover - runs in the child
    """Worker loop: receive jobs, evaluate them, send back answers or errors."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", evaluate(dataset, job))
        except Exception as exc:  # the engine's message goes back to the client
            reply = ("error", " ".join(str(exc).split()) or type(exc).__name__)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: Any
    conn: Any
    generation: int


class WorkerPool:
    """Forked worker processes that evaluate :class:`~netgov_kg.server.evaluate.Job` objects.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The graph; each worker inherits it at fork time.
    size : int
        The number of workers, i.e. of queries evaluated at the same time.
    """

    def __init__(self, dataset: Any, *, size: int = 2) -> None:
        self.dataset = dataset
        self.size = max(1, size)
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._fork_lock = threading.RLock()
        self._generation = 0
        self._all: set[int] = set()
        self._closed = True

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> WorkerPool:
        """Fork the workers."""
        self._closed = False
        for _ in range(self.size):
            self._idle.put(self._spawn())
        return self

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        with self._fork_lock:
            parent, child = self._context.Pipe()
            process = self._context.Process(
                target=_serve, args=(self.dataset, child), daemon=True, name="netgov-kg-query"
            )
            process.start()
            child.close()
            self._all.add(process.pid)
            return _Worker(process, parent, self._generation)

    def _kill(self, worker: _Worker) -> None:
        try:
            worker.process.kill()
        except (OSError, ValueError):  # pragma: no cover - already gone
            pass
        worker.process.join(timeout=5)
        worker.conn.close()
        self._all.discard(worker.process.pid)

    def close(self) -> None:
        """Stop every idle worker (busy ones are killed when they come back)."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            self._kill(worker)

    def refresh(self) -> None:
        """Replace every worker (after an update) so that new queries see the new data."""
        with self._fork_lock:
            self._generation += 1

    def exclusive(self) -> threading.RLock:
        """Return the lock held while forking; hold it while changing the store."""
        return self._fork_lock

    def pids(self) -> list[int]:
        """Return the process ids of the live workers (for memory measurements)."""
        return sorted(self._all)

    # -- running ----------------------------------------------------------------------------
    def _take(self, timeout: float) -> _Worker:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy(f"every query worker stayed busy for {timeout:g} s") from None
        if worker.generation != self._generation or not worker.process.is_alive():
            self._kill(worker)
            worker = self._spawn()
        return worker

    def _give_back(self, worker: _Worker) -> None:
        if self._closed:
            self._kill(worker)
        elif worker.generation != self._generation:
            self._kill(worker)
            self._idle.put(self._spawn())
        else:
            self._idle.put(worker)

    def run(self, job: Job, *, timeout: float) -> Answer:
        """Evaluate ``job`` in a worker; block until it answers or ``timeout`` seconds pass.

        Raises
        ------
        QueryTimeout
            If the worker took longer than ``timeout``; it has been killed and replaced.
        QueryFailed
            If the engine raised an error (a query it cannot run).
        PoolBusy
            If no worker became free within ``timeout``.
        """
        if self._closed:
            raise RuntimeError("the worker pool is not running")
        worker = self._take(timeout)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._kill(worker)
                worker = self._spawn()
                raise QueryTimeout(f"the query ran longer than the {timeout:g} s timeout")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:  # the worker died
            self._kill(worker)
            worker = self._spawn()
            raise QueryFailed(f"the query worker stopped unexpectedly: {exc}") from None
        finally:
            self._give_back(worker)
        if status != "ok":
            raise QueryFailed(payload)
        return payload


def default_size() -> int:
    """Return the default number of workers: the number of CPUs, at least 2.

    Examples
    --------
    >>> default_size() >= 2
    True
    """
    return max(2, os.cpu_count() or 1)
