"""Fixtures for the server tests: real uvicorn servers on free loopback ports."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .browser import browser  # noqa: F401  (the headless Chromium fixture for page tests)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "server"
TOKEN = "test-token-5f2c"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(*options: str, store: str = "memory", ready_timeout: float = 90
                   ) -> Iterator[str]:
    """Start `netgov-kg serve` in a subprocess on a free port; yield its base URL."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(ARTIFACTS.parent / f"server-{port}.log", "w")  # noqa: SIM115
    command = [sys.executable, "-m", "netgov_kg.cli", "--store", store,
               "serve", "--port", str(port), "--log-level", "warning", *options]
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                log.flush()
                raise RuntimeError(
                    f"server exited with {proc.returncode}: "
                    + Path(log.name).read_text(encoding="utf-8")[-2000:]
                )
            try:
                if httpx.get(base + "/sparql", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server on {base} did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session", autouse=True)
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server(artifacts_dir) -> Iterator[str]:
    """The read-only server with a short timeout, a small body limit and one CORS origin."""
    with running_server(
        "--timeout", "3", "--workers", "2", "--max-body", "20000",
        "--cors", "https://allowed.example",
    ) as base:
        yield base


@pytest.fixture(scope="session")
def update_server(artifacts_dir) -> Iterator[str]:
    """A server started with --allow-update --token, and a result cap of 3."""
    with running_server("--allow-update", "--token", TOKEN, "--max-results", "3") as base:
        yield base


@pytest.fixture(scope="session")
def oxigraph_server(artifacts_dir) -> Iterator[str]:
    """The same graph on an Oxigraph store."""
    with running_server("--timeout", "3", store="oxigraph") as base:
        yield base


@pytest.fixture(scope="session")
def case(kg) -> dict[str, str]:
    """One case of the real data with its zh and en names (the first in list order)."""
    rows = list(kg.dataset.query(
        """SELECT ?case ?zh ?en WHERE {
             ?case a ng:Case ; rdfs:label ?zh, ?en .
             FILTER(lang(?zh) = "zh" && lang(?en) = "en")
             OPTIONAL { ?case ng:listPosition ?pos }
           } ORDER BY ?pos ?case LIMIT 1""",
        initNs={"ng": "https://w3id.org/netgov-kg/ontology#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
    ))
    assert rows, "the data has no case with zh and en labels"
    iri, zh, en = (str(t) for t in rows[0])
    return {"iri": iri, "zh": zh, "en": en,
            "path": "/id/" + iri.removeprefix("https://w3id.org/netgov-kg/id/")}


@pytest.fixture(scope="session")
def oxigraph_safety_server(artifacts_dir) -> Iterator[str]:
    """The `server` fixture's options on an Oxigraph store (the safety suite runs on both)."""
    with running_server(
        "--timeout", "3", "--workers", "2", "--max-body", "20000",
        "--cors", "https://allowed.example", store="oxigraph",
    ) as base:
        yield base


@pytest.fixture(scope="session")
def oxigraph_update_server(artifacts_dir) -> Iterator[str]:
    """The `update_server` fixture's options on an Oxigraph store."""
    with running_server(
        "--allow-update", "--token", TOKEN, "--max-results", "3", store="oxigraph"
    ) as base:
        yield base


@pytest.fixture(params=["memory", "oxigraph"])
def any_server(request) -> str:
    """The read-only test server, on each store in turn."""
    name = "server" if request.param == "memory" else "oxigraph_safety_server"
    return request.getfixturevalue(name)


@pytest.fixture(params=["memory", "oxigraph"])
def any_update_server(request) -> str:
    """The update-allowing test server, on each store in turn."""
    name = "update_server" if request.param == "memory" else "oxigraph_update_server"
    return request.getfixturevalue(name)
