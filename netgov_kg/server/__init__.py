"""Publish the graph on the web: a SPARQL 1.1 endpoint, resolvable IRIs, ontology pages.

``create_app(kg, ...)`` returns an ASGI app (Starlette) that uvicorn runs; ``netgov-kg serve``
does both. Starlette and uvicorn are imported only when the server is used (the ``server``
extra).

Examples
--------
>>> import netgov_kg.server as server
>>> callable(server.create_app)
True
"""

from __future__ import annotations

from typing import Any


def create_app(kg: Any, **options: Any) -> Any:
    """Return the ASGI app publishing ``kg``. See :func:`netgov_kg.server.app.create_app`."""
    from .app import create_app as _create_app

    return _create_app(kg, **options)


__all__ = ["create_app"]
