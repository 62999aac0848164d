"""``netgov-kg serve``: run the SPARQL endpoint and linked-data pages with uvicorn."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError


def register(subparsers: Any) -> None:
    """Add the ``serve`` subcommand."""
    p = subparsers.add_parser(
        "serve",
        help="serve the graph: SPARQL endpoint, resource pages, ontology docs",
        description=(
            "Serve the graph over HTTP: a SPARQL 1.1 endpoint at /sparql, every resource IRI "
            "at /id/..., the ontology at /ontology, the shapes at /shapes and a VoID "
            "description at /void. Read-only and bound to 127.0.0.1 unless told otherwise."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update from requests carrying --token")
    p.add_argument("--token", help="bearer token that update requests must carry")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default 10)")
    p.add_argument("--max-results", type=int, default=10_000,
                   help="rows or triples returned at most (default 10000)")
    p.add_argument("--max-body", type=int, default=1_000_000,
                   help="largest request body in bytes (default 1000000)")
    p.add_argument("--cors", action="append", metavar="ORIGIN",
                   help="allow browser calls from ORIGIN ('*' for any); repeatable")
    p.add_argument("--workers", type=int, default=0,
                   help="query worker processes (default: CPUs, at least 2)")
    p.add_argument("--log-level", default="info", help="uvicorn log level (default info)")
    p.add_argument("extra", nargs="*", help="more RDF files to load and serve")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Load the graph and run the server until interrupted."""
    if args.allow_update and not args.token:
        raise InputError("--allow-update needs --token: update requests must carry it")
    if args.token and not args.allow_update:
        raise InputError("--token is only used with --allow-update")
    for name in ("timeout", "max_results", "max_body"):
        if getattr(args, name) <= 0:
            raise InputError(f"--{name.replace('_', '-')} must be positive")
    try:
        import uvicorn
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError("serving needs the server extra: pip install 'netgov-kg[server]'") from exc

    import netgov_kg

    from .app import create_app

    kg = netgov_kg.load(*args.extra, store=args.store, lang=args.lang)
    app = create_app(
        kg, timeout=args.timeout, max_results=args.max_results, max_body=args.max_body,
        allow_update=args.allow_update, token=args.token, cors=args.cors, workers=args.workers,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
