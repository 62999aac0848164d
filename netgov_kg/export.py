"""Write the graph as RDF (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) or CSV tables.

The format is taken from the file name unless ``format`` is given; ``format`` may be any name
:mod:`netgov_kg.formats` knows for it (``"nt"``, ``"n-triples"``, ``"application/n-triples"``…):

==================  =========  ===========================================================
extension           format     what is written
==================  =========  ===========================================================
``.ttl``            turtle     every triple (the union of the named graphs)
``.nt``             n-triples  every triple, one per line
``.nq``             n-quads    every quad: ontology, data and extra files in named graphs
``.trig``           trig       the same named graphs, in Turtle syntax
``.rdf``, ``.owl``  rdf-xml    RDF/XML
``.jsonld``         json-ld    JSON-LD compacted with :data:`CONTEXT_FILE`
``.zip``            csv        one CSV table per main class, zipped
a folder            csv        one CSV table per main class (``format="csv"``)
==================  =========  ===========================================================

Every file is written atomically: to a temporary file next to it, then renamed, so a failed
export leaves an existing file intact. Literals are written in canonical form
(:func:`netgov_kg.literals.canonical_literal`: ``"x"`` for ``"x"^^xsd:string``, ``121.544`` for
``121.5440``) and N-Triples and N-Quads lines are sorted, so every store exports the same lines
(blank-node labels aside).

Examples
--------
>>> format_for("build/kg.trig")
'trig'
>>> format_for("build/tables.zip")
'csv'
>>> format_for("build/kg.nt")
'n-triples'
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph
from rdflib.term import Node

from . import formats
from .atomic import atomic_write_bytes
from .errors import InputError, Location, UnknownFormat
from .literals import canonical_literal
from .namespaces import bind_prefixes
from .stores import union_graph  # noqa: F401 - also importable from here, as before

#: The compact JSON-LD context that JSON-LD exports use (published with the package).
CONTEXT_FILE = Path(__file__).resolve().parent / "context.jsonld"

#: The export formats (canonical names of :mod:`netgov_kg.formats`); ``csv`` writes tables.
FORMATS = formats.EXPORT_FORMATS

#: File extension -> export format (from :mod:`netgov_kg.formats`).
EXTENSIONS = {
    ext: fmt.name
    for fmt in (*formats.RDF_FORMATS, *formats.TABLE_FORMATS) if fmt.name in FORMATS
    for ext in fmt.extensions
}

#: Formats that keep the named graphs.
QUAD_FORMATS = ("n-quads", "trig")


def export_format(name: str) -> str:
    """Return the canonical name of the export format called ``name``.

    See :func:`netgov_kg.formats.export_format`.

    Examples
    --------
    >>> export_format("nt"), export_format("xml"), export_format("csv")
    ('n-triples', 'rdf-xml', 'csv')
    """
    return formats.export_format(name).name


def format_for(destination: str | PathLike[str]) -> str:
    """Return the export format for a file name, from its extension.

    Raises
    ------
    UnknownFormat
        If the extension is not one of :data:`EXTENSIONS` (an :class:`InputError`).
    """
    suffix = Path(destination).suffix.lower()
    try:
        return EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise UnknownFormat(
            f"cannot tell the format from the extension {suffix or '(none)'!r}: use one of "
            f"{known}, or pass format= (one of {', '.join(FORMATS)})",
            Location(str(destination)), name=suffix,
        ) from None


def load_context() -> dict[str, Any]:
    """Return the ``@context`` object of :data:`CONTEXT_FILE`.

    Examples
    --------
    >>> load_context()["Case"]
    'ng:Case'
    """
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


# -- RDF ----------------------------------------------------------------------------------------
def canonical_triples(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Yield the triples of ``graph`` with every literal in canonical form."""
    for s, p, o in graph.triples((None, None, None)):
        yield s, p, canonical_literal(o)


def rdf_bytes(dataset: Dataset, fmt: str) -> bytes:
    """Serialise ``dataset`` in an RDF format of :data:`FORMATS` (not ``csv``), by any name."""
    fmt = export_format(fmt)
    rdflib_name = formats.rdf_format(fmt).rdflib_name
    if fmt in QUAD_FORMATS:
        target: Graph = bind_prefixes(Dataset())
        for graph in dataset.graphs():
            if len(graph) and graph.identifier != dataset.default_graph.identifier:
                target.graph(graph.identifier).__iadd__(canonical_triples(graph))
        return _sorted_lines(target.serialize(format=rdflib_name, encoding="utf-8"), fmt)
    graph = union_graph(dataset)
    if fmt == "json-ld":
        data = graph.serialize(format="json-ld", context=load_context(), auto_compact=True)
        return data.encode("utf-8")
    return _sorted_lines(graph.serialize(format=rdflib_name, encoding="utf-8"), fmt)


def _sorted_lines(data: bytes, fmt: str) -> bytes:
    """Sort the lines of N-Triples and N-Quads (one statement a line), so the order is stable."""
    if fmt not in ("n-triples", "n-quads"):
        return data
    return b"".join(sorted(line + b"\n" for line in data.splitlines() if line.strip()))


def export(
    dataset: Dataset,
    destination: str | PathLike[str] | IO[Any],
    *,
    format: str | None = None,
) -> None:
    """Write ``dataset`` to a file, a folder (CSV tables) or an open stream.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The graph's store.
    destination : path or binary/text stream
        Where to write. A path's format is guessed from its extension (see the module's
        table); a stream needs ``format`` unless it has a ``name``.
    format : str, optional
        One of :data:`FORMATS` (``"turtle"``, ``"n-triples"``, ``"n-quads"``, ``"trig"``,
        ``"rdf-xml"``, ``"json-ld"``, ``"csv"``) or another of its names (``"nt"``,
        ``"nquads"``, ``"xml"``, a media type...: see :mod:`netgov_kg.formats`).

    Raises
    ------
    UnknownFormat
        If the format is unknown or cannot be guessed (an :class:`InputError`).
    InputError
        If the destination is an empty name.

    Examples
    --------
    >>> import netgov_kg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kg.nt"
    >>> netgov_kg.load().export(out)
    >>> out.stat().st_size > 0
    True
    """
    if format is not None:
        format = export_format(format)
    if hasattr(destination, "write"):
        name = getattr(destination, "name", None)
        fmt = format or (format_for(name) if isinstance(name, str) else None)
        if fmt is None:
            raise InputError("writing to a stream needs format=")
        data = _csv_zip(dataset) if fmt == "csv" else rdf_bytes(dataset, fmt)
        try:
            destination.write(data)  # type: ignore[union-attr]
        except TypeError:  # a text stream
            destination.write(data.decode("utf-8"))  # type: ignore[union-attr]
        return
    if not os.fspath(destination).strip():  # type: ignore[arg-type]
        raise InputError("no destination: give a file or folder name (an empty name is not "
                         "the current folder)")
    path = Path(destination)  # type: ignore[arg-type]
    fmt = format or ("csv" if path.is_dir() or str(destination).endswith(("/", os.sep)) else None)
    fmt = fmt or format_for(path)
    if fmt == "csv":
        from .tables import write_tables

        if path.suffix.lower() == ".zip":
            atomic_write_bytes(path, _csv_zip(dataset))
        else:
            write_tables(dataset, path)
        return
    atomic_write_bytes(path, rdf_bytes(dataset, fmt))


def _csv_zip(dataset: Dataset) -> bytes:
    from .tables import tables_csv

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables_csv(dataset).items():
            archive.writestr(name, text)
    return buffer.getvalue()
