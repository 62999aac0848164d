"""``/sparql``: the SPARQL 1.1 Protocol (query by GET, form POST or direct POST; update).

Status codes: 200 with the answer; 400 with the parser's message for a query that does not
parse, is empty or is over a size limit; 403 for what the endpoint refuses (update without the
token, SERVICE, LOAD, ``file:``); 406 when no acceptable format exists; 413 for a body (or an
answer) over the limit; 414 for a GET whose query is longer than the body limit; 415 for an
unknown body type; 503 when the query (its check included) runs past the timeout. A GET with
no query answers with the Service Description (or, for a browser, the query page). HEAD
answers as GET without the body.

The client's query is checked in a query worker, not here (see
:mod:`netgov_kg.server.evaluate`). Every refused request is logged on the
``netgov_kg.server`` logger: the status, the rule and the client's address.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any
from urllib.parse import parse_qs

from . import formats
from .evaluate import Job, Screen
from .guard import GuardError, check_update
from .state import ServerState

log = logging.getLogger("netgov_kg.server")

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


class HTTPProblem(Exception):
    """An error answer: a status and a plain-text message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def text_response(status: int, message: str, **headers: str) -> Any:
    """Return a plain-text response (used for every error)."""
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


async def read_body(request: Any, limit: int) -> bytes:
    """Read the request body, refusing (413) more than ``limit`` bytes.

    The declared ``Content-Length`` is checked first, then the bytes actually received.
    """
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPProblem(413, f"request body of {declared} bytes is over the {limit}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPProblem(413, f"request body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise HTTPProblem(400, f"give the {name!r} parameter once, not {len(values)} times")
    return values[0] if values else None


async def _operation(request: Any, limit: int) -> tuple[str | None, str | None, dict]:
    """Return (query, update, parameters) from a GET or POST as the protocol defines them."""
    raw_query = request.scope.get("query_string", b"")
    if len(raw_query) > limit:
        raise HTTPProblem(
            414, f"the URL's query string is {len(raw_query)} bytes, over the {limit}-byte "
            "limit: send a long query by POST"
        )
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method in ("GET", "HEAD"):
        if "update" in params:
            raise HTTPProblem(400, "updates must be sent by POST")
        return _single(params, "query"), None, params
    body = await read_body(request, limit)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPProblem(400, f"the request body is not UTF-8: {exc}") from None
    if media == _FORM:
        form = parse_qs(text, keep_blank_values=True)
        for key, values in form.items():
            params.setdefault(key, []).extend(values)
        query, update = _single(params, "query"), _single(params, "update")
        if query is not None and update is not None:
            raise HTTPProblem(400, "send either 'query' or 'update', not both")
        return query, update, params
    if media == _QUERY:
        return text, None, params
    if media == _UPDATE:
        return None, text, params
    raise HTTPProblem(
        415, f"unsupported body type {media or '(none)'!r}: use {_FORM}, {_QUERY} or {_UPDATE}"
    )


def _client(request: Any) -> str:
    client = request.client
    return f"{client.host}:{client.port}" if client else "unknown client"


def log_refusal(request: Any, status: int, message: str) -> None:
    """Log a refused request on ``netgov_kg.server``: status, rule and client.

    Refusals of what the endpoint forbids (403) and of size limits (413, 414) are warnings;
    queries that do not parse (400) are logged at info level.
    """
    level = logging.WARNING if status in (403, 413, 414) else logging.INFO
    rule = " ".join(message.split())[:300]
    log.log(level, "refused %s %s from %s: %s", status, request.method, _client(request), rule)


def _answer_headers(answer: Any, settings: Any) -> dict[str, str]:
    headers = {"Vary": "Accept", "X-Netgov-Engine": answer.engine}
    if answer.truncated:
        headers["X-SPARQL-MaxRows"] = str(settings.max_results)
        headers["X-Netgov-Truncated"] = "true"
    return headers


async def sparql_endpoint(request: Any) -> Any:
    """Handle ``/sparql`` (GET and POST)."""
    from starlette.responses import Response

    from .pool import PoolBusy, QueryFailed, QueryTimeout

    state: ServerState = request.app.state.netgov
    settings = state.settings
    try:
        query, update, params = await _operation(request, settings.max_body)
        if update is not None:
            return await _update(request, state, update)
        if query is None:
            return await _service_description(request, state)
        if not query.strip():
            raise HTTPProblem(400, "the query is empty: send a SPARQL query as 'query'")
        wanted = _single(params, "format") or _single(params, "output")
        graphs = [*params.get("default-graph-uri", []), *params.get("named-graph-uri", [])]
        for iri in graphs:
            if iri not in state.graphs:
                raise HTTPProblem(403, f"<{iri}> is not a graph of this dataset")
        job = Job(
            query,
            "",
            "",
            settings.max_results,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            screen=Screen(state.graphs, request.headers.get("accept"), wanted),
            max_bytes=settings.max_answer_bytes,
        )
        try:
            answer = await state.run(job)
        except GuardError as exc:  # the worker's check refused the query
            if exc.status == 403 and "read-only" in str(exc) and settings.allow_update:
                raise HTTPProblem(400, "send SPARQL Update as 'update', not 'query'") from None
            raise HTTPProblem(exc.status, str(exc)) from None
        except QueryTimeout as exc:
            raise HTTPProblem(503, str(exc)) from None
        except PoolBusy as exc:
            raise HTTPProblem(503, str(exc)) from None
        except QueryFailed as exc:
            raise HTTPProblem(400, str(exc)) from None
    except HTTPProblem as problem:
        if problem.status in (400, 403, 413, 414):
            log_refusal(request, problem.status, problem.message)
        extra = {"Retry-After": "1"} if problem.status == 503 else {}
        return text_response(problem.status, problem.message, **extra)
    plain = answer.media_type == "application/sparql-results+json"  # JSON is UTF-8 already
    media = answer.media_type + ("" if plain else "; charset=utf-8")
    return Response(answer.body, media_type=media, headers=_answer_headers(answer, settings))


async def _update(request: Any, state: ServerState, text: str) -> Any:
    from anyio import to_thread

    from ..namespaces import PREFIXES

    settings = state.settings
    if not settings.allow_update:
        raise HTTPProblem(403, "SPARQL Update is not allowed: this endpoint is read-only")
    supplied = request.headers.get("authorization", "")
    scheme, _, token = supplied.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), (settings.token or "").encode()
    ):
        raise HTTPProblem(403, "SPARQL Update needs the server's token (Authorization: Bearer …)")
    try:  # off the event loop: only a token holder gets here, but parsing can be slow
        checked = await to_thread.run_sync(
            lambda: check_update(text, namespaces=PREFIXES, graphs=state.graphs)
        )
    except GuardError as exc:
        raise HTTPProblem(exc.status, str(exc)) from None

    from .update import apply_update

    def apply() -> None:
        with state.pool.exclusive():  # no worker is forked while the store changes
            apply_update(state.kg.dataset, checked.text)  # exactly the text that was checked

    try:
        await to_thread.run_sync(apply)
    except Exception as exc:  # the engine's own complaint
        raise HTTPProblem(400, " ".join(str(exc).split())) from None
    state.changed()
    return text_response(200, "update applied")


async def _service_description(request: Any, state: ServerState) -> Any:
    from starlette.responses import HTMLResponse, Response

    from .description import service_description

    fmt = formats.choose(
        "graph", accept=request.headers.get("accept"),
        fmt=request.query_params.get("format"), html=True,
    )
    if fmt is None:
        raise HTTPProblem(406, "the service description is available as RDF or HTML")
    if fmt is formats.HTML:
        from .query_page import query_page

        return HTMLResponse(await query_page(state), headers={"Vary": "Accept"})
    endpoint = str(request.url.replace(query="", fragment=""))
    graph = service_description(endpoint, state.settings)
    from .evaluate import serialize_graph

    body = serialize_graph(graph, fmt.rdflib_name)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})
