"""A pool of worker processes that evaluate queries, so that a runaway query can be killed.

Neither rdflib nor pyoxigraph can interrupt a query that is running, so each query runs in a
worker process forked from the server (it shares the loaded graph copy-on-write). The server
waits for the answer for at most the timeout; past it, the worker is killed and replaced, and
the client gets 503. The other workers go on answering other clients meanwhile.

Workers are forked when the pool starts and whenever one is replaced. Updates (when allowed)
run in the server process; afterwards :meth:`WorkerPool.refresh` replaces every worker so that
later queries see the change.

A worker never outlives the server, however the server ends (``kill -9`` included): on Linux
the kernel kills it when the server dies (``prctl(PR_SET_PDEATHSIG)``; every fork happens on
one long-lived thread of the pool, because the signal follows the forking *thread*); on any
system it closes the pipe ends it inherited, so that it reads end-of-file when the server is
gone, and a watchdog thread exits when its parent process changes.

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

import ctypes
import ctypes.util
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .evaluate import Answer, Job, evaluate
from .guard import GuardError

_PR_SET_PDEATHSIG = 1
#: Seconds between a worker's checks that its parent is alive.
WATCH_INTERVAL = 1.0


class QueryTimeout(Exception):
    """The query did not finish within the timeout; its worker was killed."""


class QueryFailed(Exception):
    """The engine refused or failed the query; the message is the engine's."""


class PoolBusy(Exception):
    """No worker became free within the timeout."""


def _die_with_parent(parent: int) -> None:  # pragma: no cover - runs in the child
    """Arrange for this worker to end when the process ``parent`` does."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(0)

    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)
    threading.Thread(target=watch, daemon=True, name="netgov-kg-watchdog").start()


def _serve(
    dataset: Any, conn: Any, parent: int = 0, inherited: tuple[Any, ...] = ()
) -> None:  # pragma: no cover - runs in the child
    """Worker loop: receive jobs, evaluate them, send back answers or errors.

    ``inherited`` are the server's ends of the pipes (this worker's and the other workers'),
    which the fork copied: they are closed so that the pipe reads end-of-file once the server
    is gone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    for end in inherited:
        try:
            end.close()
        except OSError:
            pass
    if parent:
        _die_with_parent(parent)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", evaluate(dataset, job))
        except GuardError as exc:  # refused by the guard, which runs here
            reply = ("refused", (exc.status, str(exc)))
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
        self._ends: dict[int, Any] = {}
        self._forker: ThreadPoolExecutor | None = None
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
        """Fork a worker on the pool's forking thread (see the module's notes)."""
        if self._forker is None:
            self._forker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netgov-kg-fork")
        return self._forker.submit(self._fork).result()

    def _fork(self) -> _Worker:
        with self._fork_lock:
            parent, child = self._context.Pipe()
            inherited = (parent, *self._ends.values())
            process = self._context.Process(
                target=_serve, args=(self.dataset, child, os.getpid(), inherited),
                daemon=True, name="netgov-kg-query",
            )
            process.start()
            child.close()
            self._all.add(process.pid)
            self._ends[process.pid] = parent
            return _Worker(process, parent, self._generation)

    def _kill(self, worker: _Worker) -> None:
        try:
            worker.process.kill()
        except (OSError, ValueError):  # pragma: no cover - already gone
            pass
        worker.process.join(timeout=5)
        worker.conn.close()
        self._all.discard(worker.process.pid)
        self._ends.pop(worker.process.pid, None)

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
        GuardError
            If the worker's check of a client's query refused it (its ``status`` is kept).
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
        if status == "refused":
            code, message = payload
            refused = GuardError(message)
            refused.status = code
            raise refused
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
