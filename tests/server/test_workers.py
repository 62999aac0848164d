"""Query workers: the check runs in them, and they never outlive the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from rdflib import Dataset, Literal, URIRef

from netgov_kg.server.evaluate import Job, Screen
from netgov_kg.server.guard import GuardError
from netgov_kg.server.pool import WorkerPool

from .conftest import ARTIFACTS, REPO, free_port


@pytest.fixture(scope="module")
def pool():
    ds = Dataset(default_union=True)
    ds.add((URIRef("urn:a"), URIRef("urn:p"), Literal(1)))
    with WorkerPool(ds, size=1) as item:
        yield item


def test_a_screened_query_is_checked_in_the_worker(pool):
    job = Job("SELECT * WHERE { # x\r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } \n }", "", "",
              screen=Screen())
    with pytest.raises(GuardError) as refused:
        pool.run(job, timeout=30)
    assert refused.value.status == 403 and "SERVICE" in str(refused.value)
    answer = pool.run(Job("ASK { ?s ?p 1 }", "", "", screen=Screen(accept="text/csv")),
                      timeout=30)
    assert answer.body == b"_askResult\r\ntrue\r\n" and answer.media_type == "text/csv"


def test_no_acceptable_format_is_406_from_the_worker(pool):
    with pytest.raises(GuardError) as refused:
        pool.run(Job("ASK {}", "", "", screen=Screen(accept="image/png")), timeout=30)
    assert refused.value.status == 406


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process tree via psutil")
def test_workers_exit_when_the_server_is_killed(artifacts_dir):
    psutil = pytest.importorskip("psutil")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with open(ARTIFACTS.parent / f"server-{port}.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "netgov_kg.cli", "serve", "--port", str(port),
             "--workers", "2", "--log-level", "warning"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/sparql", timeout=2).is_success:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
            workers = [c for c in psutil.Process(server.pid).children()
                       if c.status() != psutil.STATUS_ZOMBIE]
            assert len(workers) == 2
            server.send_signal(signal.SIGKILL)
            server.wait()
            gone, alive = psutil.wait_procs(workers, timeout=30)
            assert alive == [], f"workers outlived the server: {[p.pid for p in alive]}"
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
