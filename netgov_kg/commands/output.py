"""Print query results on the command line: a rich table, or a W3C results format.

Examples
--------
>>> import io
>>> from rdflib import Literal
>>> from netgov_kg.query.results import Results
>>> out = io.StringIO()
>>> print_results(Results(["n"], [(Literal(1),)]), "csv", out=out)
>>> out.getvalue().splitlines()
['n', '1']
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any

from rdflib import Graph

from ..errors import UnknownFormat
from ..formats import export_format, rdf_format, results_format
from ..query.results import Results

#: ``--format`` for SELECT/ASK results: ``table``, or a results format by any of its names
#: (:mod:`netgov_kg.formats`: ``srj``, ``text/csv``...).
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")

#: ``--format`` for CONSTRUCT/DESCRIBE graphs (``table`` prints Turtle).
GRAPH_FORMATS = {"table": "turtle", "json": "json-ld", "xml": "rdf-xml", "csv": "n-triples",
                 "tsv": "n-triples"}


def results_option(text: str) -> str:
    """Read ``--format`` of a results command: ``table`` or a results format's canonical name.

    Raises
    ------
    argparse.ArgumentTypeError
        For an unknown name; the message lists the accepted names.

    Examples
    --------
    >>> results_option("SRJ"), results_option("table")
    ('json', 'table')
    """
    if text.strip().lower() == "table":
        return "table"
    try:
        return results_format(text).name
    except UnknownFormat as exc:
        raise argparse.ArgumentTypeError(f"{exc}; or table") from None


def export_option(text: str) -> str:
    """Read ``export --format``: any name of an export format, as its canonical name.

    Examples
    --------
    >>> export_option("nt")
    'n-triples'
    """
    try:
        return export_format(text).name
    except UnknownFormat as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def console(out: IO[str] | None = None) -> Any:
    """Return a rich console writing to ``out`` (wide when not a terminal)."""
    from rich.console import Console

    stream = out or sys.stdout
    tty = hasattr(stream, "isatty") and stream.isatty()
    return Console(file=stream, width=None if tty else 200, soft_wrap=not tty)


def rich_table(
    results: Results, lang: str, title: str | None = None, *, iris: tuple[str, ...] = ()
) -> Any:
    """Return a :class:`rich.table.Table` of ``results`` with IRIs shown by their labels.

    The columns named in ``iris`` show IRIs (as CURIEs) instead.
    """
    from rich.table import Table

    header, body = results.labelled(lang, iris=iris)
    table = Table(title=title, caption=f"{len(results)} rows", show_lines=False)
    for name in header:
        table.add_column(name, overflow="fold")
    for row in body:
        table.add_row(*row)
    return table


def print_results(
    results: Results | Graph,
    fmt: str = "table",
    *,
    lang: str = "zh",
    title: str | None = None,
    iris: tuple[str, ...] = (),
    out: IO[str] | None = None,
) -> None:
    """Print ``results`` (or a CONSTRUCT graph) in ``fmt`` to ``out`` (stdout by default)."""
    stream = out or sys.stdout
    if isinstance(results, Graph):
        name = GRAPH_FORMATS.get(fmt, fmt)
        stream.write(results.serialize(format=rdf_format(name).rdflib_name))
        return
    if fmt == "table":
        if results.boolean is not None:
            stream.write(("true" if results.boolean else "false") + "\n")
        else:
            console(stream).print(rich_table(results, lang, title, iris=iris))
        return
    text = results.serialize(fmt)
    stream.write(text if fmt != "csv" else text.replace("\r\n", "\n"))
