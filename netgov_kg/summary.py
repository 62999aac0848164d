"""What is in the graph (``netgov-kg info``) and the full report (``netgov-kg report``).

:func:`write_report` is the project's main job: validate the graph, print a summary (resources
per class, cases per province-level region and per theme) and write every export into a folder.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

from rdflib import Literal

from .query.results import Results

#: The exports :func:`write_report` writes, by file name.
REPORT_FILES = (
    "netgov-kg.ttl",
    "netgov-kg.nt",
    "netgov-kg.nq",
    "netgov-kg.trig",
    "netgov-kg.rdf",
    "netgov-kg.jsonld",
    "tables.zip",
)


def info(kg: Any) -> Results:
    """Return rows ``item``, ``count``: triples, each named graph's size, resources per class.

    Examples
    --------
    >>> import netgov_kg
    >>> rows = info(netgov_kg.load())
    >>> str(rows[0]["item"]), int(rows[0]["count"]) > 0
    ('triples', True)
    """
    rows: list[tuple[Any, Any]] = [(Literal("triples"), Literal(len(kg)))]
    for graph in sorted(kg.dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph):
            rows.append((graph.identifier, Literal(len(graph))))
    for row in kg.run("class-counts"):
        rows.append((row["class"], row["resources"]))
    return Results(["item", "count"], rows, graph=kg.dataset)


def write_report(kg: Any, out: Path, *, lang: str = "zh", stream: IO[str] | None = None) -> bool:
    """Validate ``kg``, print a summary to ``stream`` and write every export into ``out``.

    Writes the RDF exports of :data:`REPORT_FILES`, the CSV tables (``tables/`` and
    ``tables.zip``), every named query without parameters as ``queries/<name>.csv``, and the
    validation report (``validation.txt``, ``validation.ttl``).

    Returns
    -------
    bool
        Whether the graph conforms to the shapes (no violations).
    """
    from .atomic import atomic_write_text, ensure_folder
    from .commands.output import console, rich_table
    from .query.catalogue import list_queries

    ensure_folder(out)  # a file or a read-only folder: say so before the long work
    con = console(stream or sys.stdout)
    report = kg.validate(lang=lang)
    if report.conforms:
        con.print(report.summary())
    else:  # the violations in a table; warnings only counted (validation.txt has them all)
        con.print(type(report)(report.conforms, report.violations, report.lang, report.graph))
        con.print(report.summary())
    con.print(rich_table(kg.run("class-counts"), lang, _title(lang, "资源数量", "Resources")))
    con.print(rich_table(kg.run("cases-by-province"), lang,
                         _title(lang, "各省级行政区的案例", "Cases per province")))
    con.print(rich_table(kg.run("cases-per-theme"), lang,
                         _title(lang, "各主题的案例", "Cases per theme")))

    for name in REPORT_FILES:
        kg.export(out / name)
    kg.export(out / "tables", format="csv")
    for query in list_queries():
        if not any(not p.optional for p in query.params):
            kg.run(query.name).to_csv(out / "queries" / f"{query.name}.csv")
    atomic_write_text(out / "validation.txt", report.to_table() + "\n")
    atomic_write_text(out / "validation.ttl", report.to_graph().serialize(format="turtle"))
    con.print(f"{_title(lang, '已写入', 'wrote')} {out}/: {', '.join(REPORT_FILES)}, tables/, "
              "queries/, validation.txt, validation.ttl")
    return bool(report.conforms)


def _title(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en
