"""The ``netgov-kg`` command line.

Each feature adds its own subcommands from its own module: a module listed in
:data:`FEATURE_COMMANDS` exposes ``register(subparsers) -> None``, and each subparser it adds
sets ``func=handler`` where ``handler(args) -> int`` returns the exit code. A user's mistake
raises :class:`netgov_kg.errors.NetgovError`, which :func:`main` prints without a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .errors import NetgovError

EXAMPLES = """\
examples:
  netgov-kg report --out build/report       validate, summarise, write every export
  netgov-kg query "SELECT ?c ?l WHERE { ?c a ng:Case ; rdfs:label ?l FILTER(lang(?l)='zh') }"
  netgov-kg query @my-query.rq --format csv  a query from a file (or - for stdin)
  netgov-kg queries                          list the named queries
  netgov-kg run cases-by-theme --param theme=智慧党建 --lang en
  netgov-kg find 一网通办                     find resources by label (zh or en)
  netgov-kg validate                         SHACL report; exit 1 on violations
  netgov-kg export graph.jsonld              the format comes from the extension
  netgov-kg network case-theme --format graphml --out case-theme.graphml
  netgov-kg serve --port 8000                SPARQL endpoint at http://127.0.0.1:8000/sparql
  netgov-kg add my-case.yaml --dry-run       check a case template before adding it
  netgov-kg extract article.txt --out draft.yaml   draft a case template from an article
  netgov-kg remove ngr:addition/… --from my-cases.ttl   take one addition back

run `netgov-kg COMMAND --help` for each command's options and more examples.
"""

#: Modules that register subcommands (core first, then features).
FEATURE_COMMANDS: tuple[str, ...] = (
    "netgov_kg.commands.core",
    "netgov_kg.network.cli",
    "netgov_kg.server.cli",
    "netgov_kg.ingest.cli",
    "netgov_kg.extract.cli",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available feature's subcommands."""
    parser = argparse.ArgumentParser(
        prog="netgov-kg",
        description="Query, validate, export and serve the netgov-kg knowledge graph.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    parser.add_argument(
        "--store", default=None,
        help="store: oxigraph (the default), memory (slower), oxigraph:PATH, sparql:URL",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in FEATURE_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that feature is not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except NetgovError as exc:
        print(f"netgov-kg: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
