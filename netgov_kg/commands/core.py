"""Core subcommands: query, run, queries, find, describe, info, validate, export, report.

Each handler loads the graph through :func:`netgov_kg.load` and calls the library; users'
mistakes raise :class:`netgov_kg.errors.NetgovError`, which :func:`netgov_kg.cli.main` prints
without a traceback (exit code 2). ``validate`` and ``report`` exit with 1 when the graph has
violations.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from ..formats import EXPORT_FORMATS
from .output import RESULT_FORMATS, console, export_option, print_results, results_option

EXAMPLES = {
    "query": """examples:
  netgov-kg query "SELECT ?c ?l WHERE { ?c a ng:Case ; rdfs:label ?l FILTER(lang(?l)='zh') }"
  netgov-kg query @my-query.rq --format csv > out.csv
  echo "ASK { ?c a ng:Case }" | netgov-kg query -
  netgov-kg query "SELECT ?c WHERE { ?c rdfs:label ?l }" --bind l=一网通办@zh""",
    "run": """examples:
  netgov-kg run cases
  netgov-kg --lang en run cases-by-theme --param theme=党建
  netgov-kg run case-figures --param case=ngr:case/yinchuan-weibo-matrix --format json""",
    "queries": "examples:\n  netgov-kg queries\n  netgov-kg --lang en queries",
    "find": "examples:\n  netgov-kg find 一网通办\n  netgov-kg find chengdu --format csv",
    "describe": (
        "examples:\n  netgov-kg describe 成都市网络理政平台\n  netgov-kg describe ngr:place/510100"
    ),
    "info": "examples:\n  netgov-kg info\n  netgov-kg --store oxigraph info",
    "validate": (
        "examples:\n  netgov-kg validate\n  netgov-kg --lang en validate --load my-cases.ttl"
    ),
    "export": """examples:
  netgov-kg export build/netgov.ttl
  netgov-kg export build/netgov.trig       (named graphs: ontology, data files)
  netgov-kg export build/netgov.jsonld     (compact JSON-LD)
  netgov-kg export build/tables.zip        (CSV tables, one per main class)""",
    "report": "examples:\n  netgov-kg report --out build/report",
}


def common_options() -> argparse.ArgumentParser:
    """Options accepted after the subcommand too (``netgov-kg run cases --lang en``).

    A parent parser for ``add_parser(..., parents=[common_options()])``; the feature
    commands that load the graph (here and ``netgov-kg network``) share it, and
    :func:`load_graph` reads what it gives.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="label language"
    )
    parent.add_argument(
        "--store", default=argparse.SUPPRESS,
        help="oxigraph (default), memory (slower), oxigraph:PATH, sparql:URL",
    )
    parent.add_argument(
        "--load",
        action="append",
        default=[],
        metavar="FILE",
        help="also load this RDF file (repeatable)",
    )
    return parent


def _add(sub: Any, name: str, help_text: str, handler: Any, *, fmt: bool = False) -> Any:
    parser = sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=EXAMPLES.get(name),
        parents=[common_options()],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if fmt:
        parser.add_argument(
            "--format", "-f", type=results_option, default="table", metavar="FORMAT",
            help=f"output format: {', '.join(RESULT_FORMATS)} (or another name of one, e.g. "
            "srj, text/csv)",
        )
    parser.set_defaults(func=handler)
    return parser


def register(sub: Any) -> None:
    """Add the core subcommands to ``sub`` (an argparse subparsers object)."""
    p = _add(sub, "query", "run a SPARQL query (prefixes ng:, ngr:, rdfs:… pre-bound)", cmd_query,
             fmt=True)
    p.add_argument("sparql", nargs="?", help="the query, @FILE to read a file, or - for stdin")
    p.add_argument("--file", type=Path, help="read the query from this file")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a variable: an IRI <…>, a CURIE, text, or text@zh / text@en")
    p.add_argument("--allow-remote", action="store_true",
                   help="let SERVICE and FROM/FROM NAMED read the network or files "
                   "(refused by default)")

    p = _add(sub, "run", "run a named query from the catalogue", cmd_run, fmt=True)
    p.add_argument("name", help="the query's name (see: netgov-kg queries)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter: an IRI, a CURIE or a label where a resource is expected")

    _add(sub, "queries", "list the named queries", cmd_queries, fmt=True)

    p = _add(sub, "find", "find resources whose label contains TEXT (zh or en)", cmd_find,
             fmt=True)
    p.add_argument("text")

    p = _add(sub, "describe", "describe one resource, by IRI, CURIE or label", cmd_describe,
             fmt=True)
    p.add_argument("resource")

    _add(sub, "info", "what is loaded: triples, named graphs, resources per class", cmd_info,
         fmt=True)
    _add(sub, "validate", "validate the graph against the SHACL shapes (exit 1 on violations)",
         cmd_validate)

    p = _add(sub, "export", "write the graph to FILE; the format comes from the extension",
             cmd_export)
    p.add_argument(
        "file", help=".ttl .nt .nq .trig .rdf .jsonld .zip, or a folder with --format csv"
    )
    p.add_argument("--format", type=export_option, metavar="FORMAT",
                   help=f"one of {', '.join(EXPORT_FORMATS)}, or another name of one (nt, "
                   "nquads, xml, a media type...); by default from the extension")

    p = _add(sub, "report", "validate, print a summary and write every export into a folder",
             cmd_report)
    p.add_argument("--out", type=_folder, default=Path("build/report"),
                   help="the output folder")


# -- helpers ----------------------------------------------------------------------------------
def _folder(text: str) -> Path:
    """Argparse type of an output folder: an empty name is refused, not read as ``.``."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty folder name: give a folder, e.g. build/report")
    return Path(text)


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "zh"


def load_graph(args: argparse.Namespace) -> Any:
    """Load the graph the way the options of :func:`common_options` say."""
    import netgov_kg

    store = getattr(args, "store", None)  # None: the default engine (Oxigraph)
    return netgov_kg.load(*args.load, store=store, lang=_lang(args))


def read_query(args: argparse.Namespace) -> tuple[str, str]:
    """Return ``(text, source name)`` of the query from the argument, @FILE, --file or stdin."""
    if args.file is not None and args.sparql:
        raise InputError("give the query either as an argument or with --file, not both")
    if args.file is not None:
        path = args.file
    elif args.sparql is None or args.sparql == "-":
        if args.sparql is None and sys.stdin.isatty():
            raise InputError("no query: give it as an argument, @FILE, --file FILE or - (stdin)")
        return sys.stdin.read(), "<stdin>"
    elif args.sparql.startswith("@"):
        path = Path(args.sparql[1:])
    else:
        return args.sparql, "<query>"
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise InputError("query file not found", Location(str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the query file: {exc}", Location(str(path))) from None


def parse_pairs(pairs: list[str], option: str) -> dict[str, str]:
    """Parse ``NAME=VALUE`` options.

    Examples
    --------
    >>> parse_pairs(["theme=党建", "case=ngr:case/x"], "--param")
    {'theme': '党建', 'case': 'ngr:case/x'}
    """
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"{option} {pair!r}: write it as NAME=VALUE")
        out[name.strip().lstrip("?$")] = value
    return out


def bind_value(text: str) -> Any:
    """Turn a ``--bind`` value into an RDF term.

    Examples
    --------
    >>> bind_value("一网通办@zh")
    rdflib.term.Literal('一网通办', lang='zh')
    >>> bind_value("ngr:case/x")
    rdflib.term.URIRef('https://w3id.org/netgov-kg/id/case/x')
    >>> bind_value("42")
    rdflib.term.Literal('42', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    from rdflib import Literal

    from ..terms import expand

    iri = expand(text)
    if iri is not None:
        return iri
    for lang in ("zh", "en"):
        if text.endswith(f"@{lang}"):
            return Literal(text[: -len(lang) - 1], lang=lang)
    try:
        return Literal(int(text))
    except ValueError:
        return Literal(text)


# -- handlers ---------------------------------------------------------------------------------
def cmd_query(args: argparse.Namespace) -> int:
    """``netgov-kg query``."""
    text, source = read_query(args)
    bindings = {k: bind_value(v) for k, v in parse_pairs(args.bind, "--bind").items()}
    kg = load_graph(args)
    from ..query import run_query

    try:
        results = run_query(
            kg.dataset, text, bindings, source=source,
            allow_remote=getattr(args, "allow_remote", False),
        )
    except Exception as exc:
        clear = _remote_failure(exc, text, source)
        if clear is None:
            raise
        raise clear from None
    print_results(results, args.format, lang=_lang(args))
    return 0


def _remote_failure(exc: Exception, text: str, source: str) -> InputError | None:
    """Return a clear error for a query whose ``SERVICE`` or ``FROM <http…>`` fetch failed.

    rdflib fetches them itself: a refused connection ends in :class:`OSError` (``URLError``),
    a document it cannot read in a bare ``Exception("Could not load …")``; Oxigraph raises
    :class:`OSError`. Any other exception, or one from a query ``text`` with neither keyword,
    is not this function's to explain: ``None``.
    """
    if not re.search(r"\b(SERVICE|FROM)\b", text, re.IGNORECASE):
        return None
    if isinstance(exc, OSError) or (
        type(exc) is Exception and str(exc).startswith("Could not load ")
    ):
        reason = " ".join(str(getattr(exc, "reason", None) or exc).split())[:300]
        return InputError(
            f"the query's SERVICE or FROM/FROM NAMED source could not be fetched: {reason}",
            Location(source),
        )
    return None


def cmd_run(args: argparse.Namespace) -> int:
    """``netgov-kg run NAME --param k=v``."""
    from ..query.catalogue import get_query

    query = get_query(args.name)  # fail fast, before loading, on an unknown name
    params = parse_pairs(args.param, "--param")
    kg = load_graph(args)
    title = query.title.get(_lang(args))
    print_results(kg.run(args.name, bindings=params), args.format, lang=_lang(args), title=title)
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    """``netgov-kg queries``."""
    from rdflib import Literal

    from ..query.catalogue import list_queries
    from ..query.results import Results

    lang = _lang(args)
    rows = [
        (
            Literal(q.name),
            Literal(q.title.get(lang, "")),
            Literal(", ".join(str(p) for p in q.params)),
            Literal(q.description.get(lang, "")),
        )
        for q in list_queries()
    ]
    print_results(Results(["name", "title", "parameters", "description"], rows), args.format,
                  lang=lang)
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    """``netgov-kg find TEXT``."""
    kg = load_graph(args)
    print_results(kg.find(args.text, lang=_lang(args)), args.format, lang=_lang(args),
                  iris=("resource",))
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    """``netgov-kg describe RESOURCE``."""
    kg = load_graph(args)
    description = kg.describe(args.resource, lang=_lang(args))
    title = f"{description.labels.get(_lang(args), '')} <{description.iri}>"
    print_results(description.results(), args.format, lang=_lang(args), title=title)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    """``netgov-kg info``."""
    from ..summary import info

    kg = load_graph(args)
    print_results(info(kg), args.format, lang=_lang(args), title=repr(kg))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``netgov-kg validate``: exit 1 when there are violations."""
    kg = load_graph(args)
    report = kg.validate(lang=_lang(args))
    console().print(report if len(report) else report.summary())
    return 0 if report.conforms else 1


def cmd_export(args: argparse.Namespace) -> int:
    """``netgov-kg export FILE``."""
    kg = load_graph(args)
    kg.export(args.file, format=args.format)
    print(f"wrote {args.file}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``netgov-kg report --out DIR``: validate, summarise, export all; exit 1 on violations."""
    from ..summary import write_report

    kg = load_graph(args)
    conforms = write_report(kg, args.out, lang=_lang(args), stream=sys.stdout)
    return 0 if conforms else 1
