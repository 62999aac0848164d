"""``netgov-kg network``: list the projections, or write one as a graph file, image or page.

Usage::

    netgov-kg network                                   # list the names with descriptions
    netgov-kg network case-case --format graphml --out case-case.graphml
    netgov-kg network expert-institution --format png --out experts.png
    netgov-kg network case-theme --format json          # text formats go to stdout
    netgov-kg network case-case --summary               # statistics, top nodes, communities
    netgov-kg network full --load mine.ttl --out all.gexf   # with more RDF files loaded

Without ``--format`` the format is guessed from ``--out``'s extension.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..commands.core import common_options, load_graph
from ..errors import UnknownNameError

#: Formats of ``--format``: graph files, images and the HTML page.
CLI_FORMATS = ("graphml", "gexf", "json", "csv", "png", "svg", "html")
_BINARY = ("png",)


def register(subparsers: Any) -> None:
    """Add the ``network`` subcommand to the ``netgov-kg`` parser."""
    p = subparsers.add_parser(
        "network",
        help="export a network projection (GraphML, GEXF, JSON, CSV, PNG, SVG, HTML)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        # the global options, accepted after the subcommand too (as the core commands do)
        parents=[common_options()],
    )
    p.add_argument("name", nargs="?", help="projection name; omit to list them")
    p.add_argument("--format", "-f", choices=CLI_FORMATS, help="output format")
    p.add_argument("--out", "-o", help="output file (text formats default to stdout)")
    p.add_argument(
        "--size-by",
        default="degree",
        help="centrality measure sizing nodes in png/svg/html (degree, betweenness, "
        "eigenvector, pagerank)",
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help="print summary statistics, the top three nodes per centrality and the communities",
    )
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.out:
        suffix = args.out.rsplit(".", 1)[-1].lower() if "." in args.out else ""
        if suffix in CLI_FORMATS:
            return suffix
        raise UnknownNameError(
            f"cannot guess the format of {args.out!r}: give --format ({', '.join(CLI_FORMATS)})"
        )
    return "graphml"


def run(args: argparse.Namespace) -> int:
    """Handle ``netgov-kg network``; return the exit code."""
    from .projections import PROJECTIONS, check_name

    if not args.name:
        width = max(map(len, PROJECTIONS))
        for name, description in PROJECTIONS.items():
            print(f"{name:<{width}}  {description}")
        return 0
    check_name(args.name)  # before loading the graph
    fmt = _format(args)
    if fmt in ("png", "svg", "html") and not args.out and not args.summary:
        raise UnknownNameError(f"--format {fmt} needs --out FILE")

    lang = getattr(args, "lang", None) or "zh"
    G = load_graph(args).network(args.name, lang=lang)
    if args.summary:
        print_summary(G)
        if not args.out:
            return 0
    if fmt in ("png", "svg"):
        from .plotting import plot_network

        plot_network(G, args.out, format=fmt, size_by=args.size_by, lang=lang)
    elif fmt == "html":
        from .html import write_html

        write_html(G, args.out, size_by=args.size_by)
    elif args.out:
        from .io import write_graph

        write_graph(G, args.out, format=fmt)
    else:
        from .io import to_text

        sys.stdout.write(to_text(G, fmt))
    if args.out:
        print(
            f"wrote {args.out} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)",
            file=sys.stderr,
        )
    return 0


def print_summary(G: Any) -> None:
    """Print the summary statistics, top-3 centralities per class and the communities."""
    from .centrality import MEASURES, top_by_class
    from .communities import METHODS, detect
    from .summary import summarize

    def label(n: Any) -> str:
        return str(G.nodes[n].get("label", n))

    print(f"# {G.graph.get('name', '')}")
    for key, value in summarize(G).items():
        if isinstance(value, float):
            value = round(value, 4)
        print(f"{key}: {value}")
    for measure in MEASURES:
        print(f"\n## {measure} (top 3 per class)")
        for cls, ranked in top_by_class(G, measure, k=3).items():
            shown = ", ".join(f"{label(n)} {s:.3f}" for n, s in ranked)
            print(f"{cls}: {shown}")
    for method in METHODS:
        part = detect(G, method)
        print(f"\n## communities ({method}), modularity {part.modularity:.3f}")
        for i, community in enumerate(part.communities):
            print(f"{i}: " + ", ".join(sorted(label(n) for n in community)))
