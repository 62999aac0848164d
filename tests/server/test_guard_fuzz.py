r"""Fuzz the guard: random SPARQL with comments, escapes and line ends spliced in.

Whatever the guard lets through runs on both engines (an empty Oxigraph store and an empty
rdflib dataset) exactly as the server would run it (the normalised text); a loopback listener
stands in for any SERVICE or LOAD target and must never see a connection. The number of
examples comes from ``NETGOV_KG_FUZZ_EXAMPLES`` (default 60, a few seconds).
"""

from __future__ import annotations

import os
import socket
import threading

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from netgov_kg.query.lexer import keywords
from netgov_kg.server.guard import GuardError, check_query, check_update

EXAMPLES = int(os.environ.get("NETGOV_KG_FUZZ_EXAMPLES", "60"))


class Listener:
    """Counts connections to a loopback port."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


LISTENER = Listener()
URL = LISTENER.url

ENDS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
        "\\u000a", "\\u000d", "\\u000A", "\\U0000000d"]
PIECES = [
    " ?s ?p ?o ", " . ", " ?s <urn:p> 'x' ", f" SERVICE <{URL}> {{ ?a ?b ?c }} ",
    f" SERVICE SILENT <{URL}> {{ }} ", f" S\\u0045RVICE <{URL}> {{ ?a ?b ?c }} ",
    f" SERVICE <{URL}\\u003e {{ }} ", " # comment ", "#", " 'a#b' ", ' "x\\"#" ', " '\\u0027 ",
    " \"\"\"long\n# not a comment\"\"\" ", " <urn:a#b> ", " OPTIONAL { ?s ?p ?o } ",
    " FILTER(?s != <urn:x>) ", " BIND(1 AS ?v) ", " { ?s ?p ?o } UNION { ?s ?p ?o } ",
    "\\u0023", "\\u0027", "\\u003e", "\\u007b", "\\u007d", " service ", " ex:service ",
    " ?service ", "{", "}",
]
UPDATE_PIECES = [
    " INSERT DATA { <urn:a> <urn:b> 1 } ", " ; ", f" LOAD <{URL}g.ttl> ",
    f" L\\u004fAD <{URL}g.ttl> ", f" LOAD SILENT <{URL}> INTO GRAPH <urn:g> ", " # c ", "#",
    " CLEAR SILENT GRAPH <urn:g> ", " 'x#' ",
]

fragment = st.one_of(st.sampled_from(PIECES), st.sampled_from(ENDS))
update_fragment = st.one_of(st.sampled_from(UPDATE_PIECES), st.sampled_from(ENDS))


def run_everywhere(text: str, *, update: bool) -> None:
    """Run ``text`` on an empty Oxigraph store and an empty rdflib dataset, errors ignored."""
    for run in (
        (lambda: ox.Store().update(text)) if update else
        (lambda: list(ox.Store().query(text, use_default_graph_as_union=True))),
        (lambda: Dataset().update(text)) if update else (lambda: list(Dataset().query(text))),
    ):
        try:
            run()
        except Exception:  # noqa: BLE001 - only whether a connection was made matters
            pass


fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@fuzz
@given(st.lists(fragment, max_size=14), st.sampled_from(["", "# head", "#", "PREFIX ex: <urn:e#>"]))
def test_what_the_guard_passes_never_reaches_service(parts, head):
    text = f"{head}\nSELECT * WHERE {{{''.join(parts)}}}"
    try:
        checked = check_query(text)
    except GuardError:
        return
    assert "SERVICE" not in keywords(checked.text)
    before = LISTENER.connections
    run_everywhere(checked.text, update=False)
    assert LISTENER.connections == before, repr(text)


@fuzz
@given(st.lists(update_fragment, min_size=1, max_size=10))
def test_what_the_guard_passes_never_reaches_load(parts):
    text = "".join(parts)
    try:
        checked = check_update(text)
    except GuardError:
        return
    assert "LOAD" not in keywords(checked.text)
    before = LISTENER.connections
    run_everywhere(checked.text, update=True)
    assert LISTENER.connections == before, repr(text)


def test_the_fuzz_target_can_be_reached():
    """The listener does see connections, so the fuzz's silence means something."""
    before = LISTENER.connections
    run_everywhere(f"SELECT * WHERE {{ SERVICE <{URL}> {{ ?a ?b ?c }} }}", update=False)
    assert LISTENER.connections > before


@pytest.mark.parametrize("end", ["\r", "\\u000a"])
def test_the_raw_text_would_have_reached_service(end):
    """Without normalising, some engine runs the hidden SERVICE (what the guard prevents)."""
    before = LISTENER.connections
    run_everywhere(f"SELECT * WHERE {{ # x{end} SERVICE <{URL}> {{ ?a ?b ?c }} \n }}",
                   update=False)
    assert LISTENER.connections > before
