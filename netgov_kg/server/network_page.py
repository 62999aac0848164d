"""The network page (``/network``) and its data (``/api/network``), drawn with Cytoscape.js.

The data are :func:`netgov_kg.network.html.graph_payload` of ``kg.network(name)``: the same
library call as ``netgov-kg network`` and the exported HTML view (no second query path). Only
the projections in :data:`SERVED` are offered; a payload is computed once per projection
(the graph does not change while serving, and :meth:`ServerState.changed` clears the cache).

``/api/network?projection=case-theme`` answers JSON; ``/network?projection=...`` is the page,
which lists the nodes as links too (usable without JavaScript or a pointer).
"""

from __future__ import annotations

from typing import Any

from ..html_safety import script_json
from ..namespaces import NGR
from .html import render_page, tr

#: The projections the page offers, first the default.
SERVED = ("case-theme", "case-case", "expert-institution")


async def payload(state: Any, name: str) -> dict[str, Any]:
    """Return the JSON-ready drawing of projection ``name`` (cached)."""
    key = f"network:{name}"
    if key not in state.cache:
        from anyio import to_thread

        from ..network.html import graph_payload

        def build() -> dict[str, Any]:
            return graph_payload(state.kg.network(name))

        state.cache[key] = await to_thread.run_sync(build)
    return state.cache[key]


def _projection(request: Any) -> str | None:
    name = request.query_params.get("projection") or SERVED[0]
    return name if name in SERVED else None


async def network_api(request: Any) -> Any:
    """Handle ``/api/network?projection=NAME``: the projection's nodes and edges as JSON."""
    from starlette.responses import JSONResponse

    from .protocol import text_response

    name = _projection(request)
    if name is None:
        return text_response(404, "unknown projection; one of: " + ", ".join(SERVED))
    return JSONResponse(await payload(request.app.state.netgov, name))


async def network_page(request: Any) -> Any:
    """Handle ``/network``: the interactive view, with the nodes also listed as links."""
    from starlette.responses import HTMLResponse

    from ..network.projections import PROJECTIONS
    from .page_context import current
    from .protocol import text_response

    name = _projection(request)
    if name is None:
        return text_response(404, "unknown projection; one of: " + ", ".join(SERVED))
    state = request.app.state.netgov
    ctx = current()
    key = ctx.cache_key(f"network-page:{name}")
    if key not in state.cache:
        data = await payload(state, name)
        from markupsafe import Markup

        config = {"graph": None, "api": ctx.root + "/api/network", "projection": name,
                  "lang": ctx.lang, "local": str(NGR), "root": ctx.root, "pages": True}
        state.cache[key] = render_page(
            "network.html", title=tr("网络", "Network") + " — netgov-kg", page_path="/network",
            projection=name, nodes=data["nodes"],
            projections=[{"name": n, "description": PROJECTIONS[n]} for n in SERVED],
            config=Markup(script_json(config)),
        )
    return HTMLResponse(state.cache[key])
