"""Parse the shipped files (and users' extra files) into named graphs of a dataset."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.util import guess_format

from .errors import InputError, Location
from .namespaces import NGR
from .resources import data_files, ontology_files
from .stores import drop_graph, has_graph, is_persistent, parse_into


def graph_iri(kind: str, path: Path) -> URIRef:
    """Return the named-graph IRI for a file: ``ngr:graph/<kind>/<stem>``.

    Examples
    --------
    >>> str(graph_iri("data", Path("data/cases.ttl")))
    'https://w3id.org/netgov-kg/id/graph/data/cases'
    """
    return URIRef(f"{NGR}graph/{kind}/{path.stem}")


def parse_file(dataset: Dataset, path: Path, graph: URIRef) -> None:
    """Parse one RDF file into the named graph ``graph`` of ``dataset``.

    Raises
    ------
    InputError
        If the file is missing or does not parse; the message names the file and line.
    """
    if not path.is_file():
        raise InputError("file not found", Location(str(path)))
    fmt = guess_format(str(path)) or "turtle"
    try:
        parse_into(dataset, path, graph, fmt)
    except Exception as exc:  # rdflib raises many types; report file and line
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        raise InputError(f"cannot parse as {fmt}: {exc}", Location(str(path), line)) from exc


def load_into(
    dataset: Dataset, *, extra: list[Path], include_data: bool = True, reload: bool = False
) -> Dataset:
    """Load the ontology, the data (unless ``include_data`` is false) and ``extra`` files.

    A persistent store (Oxigraph on disk, a SPARQL server) is loaded once: a file whose named
    graph the store already holds is skipped, unless ``reload`` is true, which replaces it.
    """
    files = [("ontology", p) for p in ontology_files()]
    if include_data:
        files += [("data", p) for p in data_files()]
    files += [("extra", p) for p in extra]
    persistent = is_persistent(dataset)
    for kind, path in files:
        graph = graph_iri(kind, path)
        if persistent and has_graph(dataset, graph):
            if not reload:
                continue
            drop_graph(dataset, graph)
        parse_file(dataset, path, graph)
    return dataset
