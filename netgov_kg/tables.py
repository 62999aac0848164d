"""CSV tables, one per main class, for spreadsheet users.

Each table has one row per resource of the class (or of a subclass): ``id`` (the IRI),
``label_zh``, ``label_en``, ``type`` (every asserted class: 问政银川 is an account matrix and a
Weibo account), then one column per property the resources have (``evidence``: the quoted
sentences; ``evidence.csv`` has each quote with its context, offsets and source, the rows of
the named query ``evidence``). Language-tagged
values get a column per language (``measure_zh``, ``measure_en``); several values share a cell,
separated by `` | ``. IRIs are written in full, so tables join on ``id``.

The tables are for spreadsheets, which run a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula (``=HYPERLINK(…)`` in a label would be a live link):
such a cell is written with a leading ``'`` (see :func:`spreadsheet_cell`), unless it is a
plain number such as ``-3.5``. The SPARQL results CSV of ``query --format csv`` and of the
server is a data format, not a table export: it stays exact (W3C SPARQL 1.1 CSV).

Examples
--------
>>> import netgov_kg
>>> tables = tables_csv(netgov_kg.load().dataset)
>>> sorted(tables)[:3]
['cases.csv', 'endorsements.csv', 'events.csv']
>>> tables["evidence.csv"].splitlines()[0]
'resource,class,quote,prefix,suffix,start,end,source'
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .evidence import read_evidence
from .namespaces import NG
from .terms import local_name, subclasses

#: File name -> class, for the main classes of the contract.
MAIN_CLASSES: dict[str, URIRef] = {
    "cases.csv": NG.Case,
    "organisations.csv": NG.Organisation,
    "platforms.csv": NG.Platform,
    "people.csv": NG.Person,
    "experts.csv": NG.Expert,
    "themes.csv": NG.Theme,
    "places.csv": NG.Place,
    "observations.csv": NG.Observation,
    "goals.csv": NG.Goal,
    "posts.csv": NG.Post,
    "endorsements.csv": NG.Endorsement,
    "events.csv": NG.Event,
    "sources.csv": NG.SourceDocument,
}

SEPARATOR = " | "

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(text: str) -> str:
    """Return ``text`` as a spreadsheet reads it literally: formula starts get a leading ``'``.

    Examples
    --------
    >>> print(spreadsheet_cell('=HYPERLINK("http://evil.example","x")'))
    '=HYPERLINK("http://evil.example","x")
    >>> spreadsheet_cell("-12.5"), spreadsheet_cell("成都"), spreadsheet_cell("-1+2")
    ('-12.5', '成都', "'-1+2")
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _instances(dataset: Dataset, cls: URIRef) -> list[Node]:
    members = {s for c in subclasses(dataset, cls) for s in dataset.subjects(RDF.type, c)}
    return sorted(members, key=str)


def _cell(values: list[Node]) -> str:
    return spreadsheet_cell(SEPARATOR.join(sorted(str(v) for v in values)))


def table(dataset: Dataset, cls: URIRef) -> tuple[list[str], list[list[str]]]:
    """Return ``(header, rows)`` of the table of class ``cls`` (cells safe for spreadsheets)."""
    records: list[dict[str, list[Node]]] = []
    columns: dict[str, None] = {"id": None, "label_zh": None, "label_en": None, "type": None}
    for node in _instances(dataset, cls):
        record: dict[str, list[Node]] = defaultdict(list)
        record["id"].append(node)
        for pred, obj in sorted(dataset.predicate_objects(node), key=lambda po: str(po[0])):
            if pred == RDF.type:  # every type, in one cell (the column comes first)
                if obj not in record["type"]:
                    record["type"].append(obj)
                continue
            if pred == NG.evidence:  # the annotation is a blank node: show its quote
                found = read_evidence(dataset, obj)
                if found is None:
                    continue
                obj = Literal(found.exact)
            name = "label" if pred == RDFS.label else local_name(str(pred))
            if isinstance(obj, Literal) and obj.language:
                name = f"{name}_{obj.language}"
            elif name == "label":
                name = "label_"
            record[name].append(obj)
            columns.setdefault(name, None)
        records.append(record)
    header = list(columns)
    rows = [[_cell(rec.get(col, [])) for col in header] for rec in records]
    return header, rows


def evidence_table(dataset: Dataset) -> tuple[list[str], list[list[str]]]:
    """Return ``(header, rows)`` of the evidence table: the rows of the named query ``evidence``."""
    from .query.catalogue import run_named

    results = run_named(dataset, "evidence")
    rows = [[spreadsheet_cell("" if row[v] is None else str(row[v])) for v in results.vars]
            for row in results]
    return list(results.vars), rows


def tables_csv(dataset: Dataset) -> dict[str, str]:
    """Return ``{file name: CSV text}`` for every main class and for the evidence.

    The classes are :data:`MAIN_CLASSES`; ``evidence.csv`` is :func:`evidence_table`.
    """
    out = {}
    tables = [(name, table(dataset, cls)) for name, cls in MAIN_CLASSES.items()]
    for name, (header, rows) in [*tables, ("evidence.csv", evidence_table(dataset))]:
        buffer = io.StringIO()
        # CRLF as RFC 4180 says: a cell with a bare CR (or LF) is then quoted, not split
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        out[name] = buffer.getvalue()
    return out


def write_tables(dataset: Dataset, folder: Path) -> list[Path]:
    """Write every table into ``folder`` (each file atomically); return the paths."""
    from .atomic import atomic_write_text, ensure_folder

    ensure_folder(folder)
    written = []
    for name, text in tables_csv(dataset).items():
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    return written
