"""``/sparql``: the SPARQL 1.1 Protocol (query by GET, form POST or direct POST; update).

Status codes: 200 with the answer; 400 with the parser's message for a query that does not
parse; 403 for what the endpoint refuses (update without the token, SERVICE, LOAD, ``file:``);
406 when no acceptable format exists; 413 for a body over the limit; 415 for an unknown body
type; 503 when the query runs past the timeout. A GET with no query answers with the Service
Description (or, for a browser, the query page).
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

from . import formats
from .evaluate import Job
from .guard import GuardError, check_query, check_update
from .state import ServerState

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
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
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


@lru_cache(maxsize=512)
def _checked(query: str, graphs: frozenset[str]) -> Any:
    """Check ``query`` once per text and set of graphs (named queries repeat)."""
    from ..namespaces import PREFIXES

    return check_query(query, namespaces=PREFIXES, graphs=graphs)


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
        try:
            checked = _checked(query, state.graphs)
        except GuardError as exc:
            if exc.status == 403 and "read-only" in str(exc) and settings.allow_update:
                raise HTTPProblem(400, "send SPARQL Update as 'update', not 'query'") from None
            raise HTTPProblem(exc.status, str(exc)) from None
        wanted = _single(params, "format") or _single(params, "output")
        fmt = formats.choose(checked.kind, accept=request.headers.get("accept"), fmt=wanted)
        if fmt is None:
            offered = ", ".join(f.media_type for f in formats.formats_for(checked.kind))
            raise HTTPProblem(406, f"no acceptable format; this query can answer as {offered}")
        graphs = [*params.get("default-graph-uri", []), *params.get("named-graph-uri", [])]
        for iri in graphs:
            if iri not in state.graphs:
                raise HTTPProblem(403, f"<{iri}> is not a graph of this dataset")
        job = Job(
            query,
            checked.form,
            fmt.name,
            settings.max_results,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        try:
            answer = await state.run(job)
        except QueryTimeout as exc:
            raise HTTPProblem(503, str(exc)) from None
        except PoolBusy as exc:
            raise HTTPProblem(503, str(exc)) from None
        except QueryFailed as exc:
            raise HTTPProblem(400, str(exc)) from None
    except HTTPProblem as problem:
        extra = {"Retry-After": "1"} if problem.status == 503 else {}
        return text_response(problem.status, problem.message, **extra)
    media = fmt.media_type + ("; charset=utf-8" if fmt.name not in ("json",) else "")
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
    try:
        check_update(text, namespaces=PREFIXES, graphs=state.graphs)
    except GuardError as exc:
        raise HTTPProblem(exc.status, str(exc)) from None

    from .update import apply_update

    def apply() -> None:
        with state.pool.exclusive():  # no worker is forked while the store changes
            apply_update(state.kg.dataset, text)

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
