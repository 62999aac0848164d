"""A remote SPARQL 1.1 endpoint as a store: queries with the Protocol, data pushed with Update.

The dataset a remote store shows is only the graphs netgov-kg loaded there (IRIs under
``ngr:graph/``): every query is sent with those graphs as ``default-graph-uri`` and
``named-graph-uri``, so a server's own graphs (Virtuoso keeps system graphs) never leak into
results, counts or exports.

Data goes up as ``INSERT DATA`` requests of at most 4,000 triples (see
:mod:`netgov_kg.stores.chunks`; triples with blank nodes go as ``INSERT {…} WHERE {}``, since
Virtuoso refuses blank nodes in ``INSERT DATA``); results come back as SPARQL JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Node

from ..errors import StoreError
from ..namespaces import NGR, bind_prefixes
from .chunks import DEFAULT_CHUNK, Triple, chunk_triples

#: Triples per templated ``INSERT … WHERE {}`` (those with blank nodes): Virtuoso stops at
#: 10,000 lines of generated SQL.
LINKED_CHUNK = 250

#: Prefix of the named graphs netgov-kg writes; only these are visible through a remote store.
GRAPH_PREFIX = f"{NGR}graph/"

_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_PROLOGUE = re.compile(r"^\s*(?:(?:#[^\n]*\n)|(?:PREFIX\s+\S*\s*<[^>]*>)|(?:BASE\s*<[^>]*>)|\s)*",
                       re.IGNORECASE)


def query_form(sparql: str) -> str:
    r"""Return the form of a query: ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``.

    Examples
    --------
    >>> query_form("PREFIX ng: <urn:x#>\n# a comment\nconstruct { ?s ?p ?o } WHERE {}")
    'CONSTRUCT'
    """
    rest = sparql[_PROLOGUE.match(sparql).end():]  # type: ignore[union-attr]
    word = rest.split(None, 1)[0].upper() if rest.strip() else ""
    return word if word in ("ASK", "CONSTRUCT", "DESCRIBE") else "SELECT"


_VIRTUOSO_BNODE = "vnode"
_BASE = re.compile(r"\s*BASE\s*<[^>]*>\s*", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """Put ``VALUES`` for ``bindings`` first inside the query's (outermost) WHERE clause.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> print(with_values("SELECT ?p ?n WHERE { ?c <urn:in> ?p }", {"p": URIRef("urn:x")}))
    SELECT ?p ?n WHERE { VALUES (?p) { (<urn:x>) } ?c <urn:in> ?p }
    """
    names = list(bindings)
    block = "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(_term(bindings[n]) for n in names))
    blanked = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), sparql)  # skip comments
    match = _WHERE.search(blanked)
    if match is None:
        return f"{sparql}\n{block}"
    return f"{sparql[:match.end()]} {block}{sparql[match.end():]}"


_SEPARATOR = re.compile(r'(separator\s*=\s*)"([^"\\]*)"', re.IGNORECASE)


def _ascii_separators(sparql: str) -> tuple[str, dict[str, str]]:
    """Swap non-ASCII ``GROUP_CONCAT`` separators for ASCII tokens; return the token map.

    Virtuoso 7.2 returns a non-ASCII separator as ``?``.

    Examples
    --------
    >>> _ascii_separators('SELECT (GROUP_CONCAT(?l; separator="、") AS ?x) {}')
    ('SELECT (GROUP_CONCAT(?l; separator="~sep0~") AS ?x) {}', {'~sep0~': '、'})
    """
    found: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        if match.group(2).isascii():
            return match.group(0)
        token = f"~sep{len(found)}~"
        found[token] = match.group(2)
        return f'{match.group(1)}"{token}"'

    return _SEPARATOR.sub(swap, sparql), found


def _restore_separators(result: Result, separators: dict[str, str]) -> Result:
    def fix(v: Node) -> Node:
        if not isinstance(v, Literal) or "~sep" not in str(v):
            return v
        text = str(v)
        for token, sep in separators.items():
            text = text.replace(token, sep)
        return Literal(text, lang=v.language, datatype=v.datatype)

    if result.type == "SELECT":
        result.bindings = [{k: fix(v) for k, v in row.items()} for row in result.bindings]
    return result


def _plain_strings(result: Result) -> Result:
    """Make ``"x"^^xsd:string`` (how Virtuoso returns plain strings) the simple literal ``"x"``.

    In RDF 1.1 they are the same literal; rdflib tells them apart, so results would otherwise
    differ from the other stores'.
    """
    if result.type != "SELECT":
        return result
    result.bindings = [{k: _normal(v) for k, v in row.items()} for row in result.bindings]
    return result


def _normal(v: Node) -> Node:
    if isinstance(v, Literal) and v.datatype == XSD.string:
        return Literal(str(v))
    if isinstance(v, BNode) and str(v).startswith("nodeID://"):
        return BNode(_VIRTUOSO_BNODE + str(v)[len("nodeID://"):])
    return v


def _term(node: Node) -> str:
    """Write a term for a query or update: blank nodes the server gave us keep their identity.

    Virtuoso names the blank nodes of its results ``nodeID://…`` (results show them as
    ``_:vnode…``, a valid label) and accepts ``<nodeID://…>`` back; any other blank node is
    written as a plain ``_:label``.
    """
    if isinstance(node, BNode):
        label = str(node)
        if label.startswith(_VIRTUOSO_BNODE):
            return f"<nodeID://{label[len(_VIRTUOSO_BNODE):]}>"
        return f"<{label}>" if label.startswith("nodeID://") else f"_:{label}"
    return node.n3()


class RemoteStore(SPARQLUpdateStore):
    """An rdflib SPARQL store limited to netgov-kg's graphs, with clear errors.

    Parameters
    ----------
    query_endpoint, update_endpoint : str
        The SPARQL Protocol URLs (often the same).
    timeout : float
        Seconds to wait for the server on each request.
    """

    def __init__(self, query_endpoint: str, update_endpoint: str, *, timeout: float = 120) -> None:
        super().__init__(query_endpoint, update_endpoint, returnFormat="json",
                         node_to_sparql=_term, autocommit=True)
        self.timeout = timeout
        self.graphs: list[str] = []

    # -- HTTP -------------------------------------------------------------------------------------
    def _post(self, url: str, params: list[tuple[str, str]], accept: str) -> tuple[bytes, str]:
        request = Request(url, data=urlencode(params).encode(), headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
        try:
            with urlopen(request, timeout=self.timeout) as res:  # noqa: S310 - user's endpoint
                return res.read(), res.headers.get("Content-Type", "").split(";")[0].strip()
        except HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()[:500]
            raise StoreError(f"SPARQL endpoint {url} answered {exc.code}: {body}") from exc
        except (URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason}") from exc

    def _dataset_params(self) -> list[tuple[str, str]]:
        graphs = self.graphs or [GRAPH_PREFIX + "none"]  # an empty dataset, not the server's
        return [(k, g) for g in graphs for k in ("default-graph-uri", "named-graph-uri")]

    def raw_query(self, sparql: str, *, restrict: bool = True) -> Result:
        """Send ``sparql`` as it is; ``restrict`` limits it to netgov-kg's graphs."""
        form = query_form(sparql)
        accept = _GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS_JSON
        params = [("query", sparql)] + (self._dataset_params() if restrict else [])
        body, ctype = self._post(self.query_endpoint, params, accept)  # type: ignore[arg-type]
        return _plain_strings(Result.parse(BytesIO(body), content_type=ctype or None))

    def query(  # type: ignore[override]
        self, query: Any, initNs: Any = None, initBindings: Any = None,  # noqa: N803
        queryGraph: Any = None, DEBUG: bool = False,  # noqa: N803
    ) -> Result:
        """Run a query; bound values go in a ``VALUES`` block at the top of the WHERE clause.

        rdflib's SPARQL store appends the block after the whole query, which SPARQL allows but
        Virtuoso 7 does not always honour (it returned unbound rows for a property path).
        """
        if initBindings and isinstance(query, str):
            query = with_values(query, initBindings)
            initBindings = None
        separators: dict[str, str] = {}
        if isinstance(query, str):
            query, separators = _ascii_separators(query)
        result = super().query(query, initNs, initBindings, queryGraph, DEBUG)
        return _restore_separators(result, separators) if separators else result

    def _inject_prefixes(self, query: str, extra_bindings: Any) -> str:
        """Add PREFIX lines, keeping a leading ``BASE`` first (Virtuoso wants it there)."""
        match = _BASE.match(query)
        if match is None:
            return super()._inject_prefixes(query, extra_bindings)
        rest = super()._inject_prefixes(query[match.end():], extra_bindings)
        return f"{match.group(0).strip()}\n{rest}"

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        self._queries += 1
        if default_graph is not None and not isinstance(default_graph, BNode):
            params = [("query", query), ("default-graph-uri", str(default_graph))]
            body, ctype = self._post(self.query_endpoint, params, _RESULTS_JSON)  # type: ignore[arg-type]
            return Result.parse(BytesIO(body), content_type=ctype or None)
        return self.raw_query(query)

    def _update(self, update: str) -> None:
        self._updates += 1
        self._post(self.update_endpoint, [("update", update)], _RESULTS_JSON)  # type: ignore[arg-type]

    # -- graphs -----------------------------------------------------------------------------------
    def refresh_graphs(self) -> list[str]:
        """Re-read which netgov-kg graphs the server holds; return them, sorted."""
        rows = self.raw_query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")) }}', restrict=False)
        self.graphs = sorted(str(r[0]) for r in rows)  # type: ignore[index]
        return self.graphs


def open_remote(url: str, *, update_url: str | None = None, timeout: float = 120) -> Dataset:
    """Return a dataset backed by the SPARQL endpoint at ``url``.

    Parameters
    ----------
    url : str
        The query endpoint, e.g. ``http://127.0.0.1:8890/sparql``.
    update_url : str, optional
        The update endpoint, when it differs from ``url``.
    timeout : float
        Seconds to wait on each request.

    Raises
    ------
    StoreError
        If the URL is not http(s) or the server does not answer.

    Examples
    --------
    >>> open_remote("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.StoreError: a SPARQL endpoint must be an http(s) URL, not 'ftp://example.org/sparql'
    """
    if not re.match(r"https?://", url):
        raise StoreError(f"a SPARQL endpoint must be an http(s) URL, not {url!r}")
    store = RemoteStore(url, update_url or url, timeout=timeout)
    store.refresh_graphs()  # also checks that the server answers
    return bind_prefixes(Dataset(store=store, default_union=True))


def _store(dataset: Dataset) -> RemoteStore:
    store = dataset.store
    if not isinstance(store, RemoteStore):
        raise StoreError(f"not a remote store: {type(store).__name__}")
    return store


def has_graph(dataset: Dataset, graph: URIRef) -> bool:
    """Return whether the server holds a non-empty graph ``graph``."""
    return graph.toPython() in _store(dataset).refresh_graphs()


def drop_graph(dataset: Dataset, graph: URIRef) -> None:
    """Remove the graph ``graph`` from the server (no error if it is absent)."""
    store = _store(dataset)
    store._update(f"DROP SILENT GRAPH <{graph}>")
    store.refresh_graphs()


def push(dataset: Dataset, graph: URIRef, triples: Iterable[Triple], *,
         chunk: int = DEFAULT_CHUNK) -> int:
    """Add ``triples`` to the graph ``graph`` on the server, ``chunk`` triples per request.

    Triples are streamed: only those with blank nodes are held until the end (a blank node's
    triples must travel together). If a request fails, the graph is dropped again, so that a
    half-loaded graph is never taken for a loaded one.

    Returns
    -------
    int
        The number of triples sent.
    """
    store = _store(dataset)
    linked: list[Triple] = []
    sent = 0

    def send_plain(part: list[Triple]) -> None:
        body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in part)
        store._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")

    try:
        part: list[Triple] = []
        for t in triples:  # streamed: only triples with blank nodes are held back
            if isinstance(t[0], BNode) or isinstance(t[2], BNode):
                linked.append(t)
                continue
            part.append(t)
            if len(part) >= chunk:
                send_plain(part)
                sent += len(part)
                part = []
        if part:
            send_plain(part)
            sent += len(part)
        # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE makes one
        # fresh node per label, the same within one request. Templates compile to SQL, whose
        # size Virtuoso limits, hence the smaller chunks.
        for part in chunk_triples(linked, min(chunk, LINKED_CHUNK)):
            body = "\n".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in part)
            store._update(f"INSERT {{ GRAPH <{graph}> {{\n{body}\n}} }} WHERE {{}}")
            sent += len(part)
    except StoreError:
        try:
            store._update(f"DROP SILENT GRAPH <{graph}>")
        finally:
            store.refresh_graphs()
        raise
    store.refresh_graphs()
    return sent
