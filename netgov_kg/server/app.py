"""The ASGI application: :func:`create_app` wires the routes, the limits and the workers.

Routes
------
``/``                 home page: the cases, and where to go next
``/sparql``           SPARQL 1.1 Protocol (query, update when allowed, Service Description)
``/query``            the SPARQL editor (YASGUI) with the named queries as examples
``/network``          the network projections drawn with Cytoscape.js
``/api/network``      a projection's nodes and edges as JSON (``?projection=case-theme``)
``/static/...``       the pages' CSS and scripts and the vendored widgets (cache headers)
``/id/{path}``        every resource IRI ``https://w3id.org/netgov-kg/id/{path}``
``/ontology``         the ontology as HTML documentation or RDF
``/shapes``           the SHACL shapes as RDF
``/void``             the VoID/DCAT dataset description (also ``/.well-known/void``)
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from .state import ServerState, Settings


async def _home(request: Any) -> Any:
    from starlette.responses import HTMLResponse

    from .html import render_page
    from .page_context import current

    state: ServerState = request.app.state.netgov
    key = current().cache_key("home")
    if key not in state.cache:
        rows = await state.rows("home-cases")
        cases = [{"iri": r["case"]["value"], "zh": r.get("label_zh", {}).get("value", ""),
                  "en": r.get("label_en", {}).get("value", "")} for r in rows]
        state.cache[key] = render_page(
            "home.html", title="网络理政知识图谱 netgov-kg", page_path="/", cases=cases)
    return HTMLResponse(state.cache[key])


async def _query_page(request: Any) -> Any:
    from starlette.responses import HTMLResponse

    from .query_page import query_page

    return HTMLResponse(await query_page(request.app.state.netgov))


async def _void(request: Any) -> Any:
    from starlette.responses import Response

    from . import formats
    from .description import dataset_description
    from .protocol import text_response

    fmt = formats.choose(
        "graph", accept=request.headers.get("accept"), fmt=request.query_params.get("format")
    )
    if fmt is None:
        return text_response(406, "the dataset description is available as an RDF format")
    base = f"{request.url.scheme}://{request.url.netloc}"
    graph = await dataset_description(request.app.state.netgov, base)
    from .evaluate import serialize_graph

    return Response(
        serialize_graph(graph, fmt.rdflib_name), media_type=fmt.media_type,
        headers={"Vary": "Accept"},
    )


async def _unavailable(request: Any, exc: Exception) -> Any:
    """Answer 503: a page's own query ran past the timeout, or no worker was free."""
    from .protocol import text_response

    return text_response(503, str(exc), **{"Retry-After": "1"})


async def _failed(request: Any, exc: Exception) -> Any:
    """Answer 500 with the engine's message: a page's own query failed."""
    from .protocol import text_response

    return text_response(500, f"the page's query failed: {exc}")


def create_app(
    kg: Any,
    *,
    timeout: float = 10.0,
    max_results: int = 10_000,
    max_body: int = 1_000_000,
    max_answer_bytes: int = 50_000_000,
    allow_update: bool = False,
    token: str | None = None,
    cors: str | list[str] | tuple[str, ...] | None = None,
    workers: int = 0,
    trust_forwarded_prefix: bool = False,
) -> Any:
    """Return the ASGI app that publishes ``kg``; run it with uvicorn.

    Parameters
    ----------
    kg : netgov_kg.KnowledgeGraph
        The graph to publish. Queries on an Oxigraph-backed graph run on Oxigraph's engine.
    timeout : float
        Seconds a query may run; past it the worker is killed and the client gets 503.
    max_results : int
        Rows or triples returned at most; more are cut, and the answer says so in its headers.
    max_body : int
        Largest request body in bytes (413 beyond it), and longest GET query string (414).
    max_answer_bytes : int
        Largest serialised answer to a client's query in bytes (413 beyond it).
    allow_update : bool
        Accept SPARQL Update from requests that carry ``token`` as a bearer token.
    token : str or None
        The update token; required when ``allow_update`` is true.
    cors : str or sequence of str or None
        Origins allowed to call the server from a browser (``"*"`` for any).
    workers : int
        Query worker processes (0: the number of CPUs, at least 2).
    trust_forwarded_prefix : bool
        Take the path prefix the pages link under from the ``X-Forwarded-Prefix`` header
        (only behind a proxy that sets it; see :mod:`.page_context`). The ASGI ``root_path``
        (uvicorn's ``--root-path``) is always used.

    Returns
    -------
    starlette.applications.Starlette
        The app. The query workers start with the app's lifespan (uvicorn runs it).

    Examples
    --------
    >>> import netgov_kg
    >>> app = create_app(netgov_kg.load(), timeout=5)
    >>> sorted(r.path for r in app.routes)[:3]
    ['/', '/.well-known/void', '/api/network']
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.routing import Mount, Route

    from .network_page import network_api, network_page
    from .ontology_page import ontology_response, shapes_response
    from .pool import PoolBusy, QueryFailed, QueryTimeout
    from .protocol import sparql_endpoint
    from .resource_page import resource_response
    from .static_files import static_app

    origins = (cors,) if isinstance(cors, str) else tuple(cors or ())
    settings = Settings(
        timeout=timeout, max_results=max_results, max_body=max_body,
        max_answer_bytes=max_answer_bytes, allow_update=allow_update, token=token,
        cors=origins, workers=workers,
    )
    state = ServerState(kg, settings)

    @asynccontextmanager
    async def lifespan(app: Any) -> Any:
        state.start()
        try:
            yield
        finally:
            state.stop()

    from .headers import SecurityHeaders
    from .page_context import PageContextMiddleware

    middleware = [
        Middleware(SecurityHeaders),
        Middleware(PageContextMiddleware, trust_forwarded_prefix=trust_forwarded_prefix),
    ]
    if origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "Authorization"],
            expose_headers=["X-Netgov-Truncated", "X-SPARQL-MaxRows"],
        ))
    routes = [
        Route("/", _home),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/query", _query_page),
        Route("/network", network_page),
        Route("/api/network", network_api),
        Mount("/static", app=static_app(), name="static"),
        Route("/id/{path:path}", resource_response),
        Route("/ontology", ontology_response),
        Route("/shapes", shapes_response),
        Route("/void", _void),
        Route("/.well-known/void", _void),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, lifespan=lifespan,
        exception_handlers={
            QueryTimeout: _unavailable, PoolBusy: _unavailable, QueryFailed: _failed,
        },
    )
    app.state.netgov = state
    from .slashes import relative_slash_redirects

    relative_slash_redirects(app)
    return app
