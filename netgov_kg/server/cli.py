"""``netgov-kg serve``: run the SPARQL endpoint and linked-data pages with uvicorn.

The update token is read from the environment variable ``NETGOV_KG_TOKEN`` or from a file
(``--token-file``); ``--token`` still works but shows the token to anyone who can list the
machine's processes, so it warns.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError, Location

#: The environment variable that holds the update token.
TOKEN_VARIABLE = "NETGOV_KG_TOKEN"


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
    p.add_argument("--token", help="bearer token that update requests must carry (visible in "
                   f"the process list: prefer {TOKEN_VARIABLE} or --token-file)")
    p.add_argument("--token-file", type=Path, metavar="FILE",
                   help="read the update token from FILE (its first line)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default 10)")
    p.add_argument("--max-results", type=int, default=10_000,
                   help="rows or triples returned at most (default 10000)")
    p.add_argument("--max-body", type=int, default=1_000_000,
                   help="largest request body, and GET query string, in bytes (default 1000000)")
    p.add_argument("--max-answer-bytes", type=int, default=50_000_000,
                   help="largest answer to a query in bytes (default 50000000)")
    p.add_argument("--cors", action="append", metavar="ORIGIN",
                   help="allow browser calls from ORIGIN ('*' for any); repeatable")
    p.add_argument("--workers", type=int, default=0,
                   help="query worker processes (default: CPUs, at least 2)")
    p.add_argument("--root-path", default="", metavar="PREFIX",
                   help="the path prefix a proxy serves the pages under (e.g. /kg); links "
                   "and the editor's endpoint use it")
    p.add_argument("--trust-forwarded-prefix", action="store_true",
                   help="take the path prefix from the proxy's X-Forwarded-Prefix header "
                   "(only behind a proxy that sets or strips it)")
    p.add_argument("--log-level", default="info", help="uvicorn log level (default info)")
    p.add_argument("extra", nargs="*", help="more RDF files to load and serve")
    p.set_defaults(func=handle)


def read_token(args: argparse.Namespace) -> str | None:
    """Return the update token from ``--token-file``, ``--token`` or ``NETGOV_KG_TOKEN``.

    Raises
    ------
    InputError
        If more than one source is given, or the file cannot be read or is empty.
    """
    given = [name for name, value in (("--token", args.token), ("--token-file", args.token_file))
             if value]
    if len(given) > 1:
        raise InputError("give the update token once: --token or --token-file, not both")
    if args.token_file:
        try:
            lines = args.token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the token: {exc}", Location(str(args.token_file))) \
                from None
        token = lines[0].strip() if lines else ""
        if not token:
            raise InputError("the token file is empty", Location(str(args.token_file)))
        return token
    if args.token:
        print(f"warning: --token shows the token in the process list; set {TOKEN_VARIABLE} or "
              "use --token-file", file=sys.stderr)
        return str(args.token)
    return os.environ.get(TOKEN_VARIABLE) or None


def _log_refusals(level: str) -> None:
    """Print the server's own log (refused requests) at uvicorn's ``--log-level``."""
    logger = logging.getLogger("netgov_kg.server")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        logger.addHandler(handler)
    value = logging.getLevelName(level.upper())
    logger.setLevel(value if isinstance(value, int) else logging.INFO)


def handle(args: argparse.Namespace) -> int:
    """Load the graph and run the server until interrupted."""
    token = read_token(args)
    if args.allow_update and not token:
        raise InputError(
            f"--allow-update needs a token: set {TOKEN_VARIABLE} or use --token-file"
        )
    if (args.token or args.token_file) and not args.allow_update:
        raise InputError("--token and --token-file are only used with --allow-update")
    for name in ("timeout", "max_results", "max_body", "max_answer_bytes"):
        if getattr(args, name) <= 0:
            raise InputError(f"--{name.replace('_', '-')} must be positive")
    from .page_context import clean_prefix

    if args.root_path and not clean_prefix(args.root_path):
        raise InputError("--root-path must be a path like /kg (letters, digits, . _ ~ -)")
    try:
        import uvicorn
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError("serving needs the server extra: pip install 'netgov-kg[server]'") from exc

    import netgov_kg

    from .app import create_app

    kg = netgov_kg.load(*args.extra, store=args.store, lang=args.lang)
    app = create_app(
        kg, timeout=args.timeout, max_results=args.max_results, max_body=args.max_body,
        max_answer_bytes=args.max_answer_bytes, allow_update=args.allow_update,
        token=token if args.allow_update else None, cors=args.cors, workers=args.workers,
        trust_forwarded_prefix=args.trust_forwarded_prefix,
    )
    _log_refusals(args.log_level)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                root_path=clean_prefix(args.root_path))
    return 0
