"""Parse the shipped files (and users' extra files) into named graphs of a dataset."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.util import guess_format

from .errors import InputError, Location
from .namespaces import NGR
from .resources import data_files, ontology_files


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
    target = dataset.graph(graph)
    try:
        target.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many types; report file and line
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        raise InputError(f"cannot parse as {fmt}: {exc}", Location(str(path), line)) from exc


def load_into(dataset: Dataset, *, extra: list[Path], include_data: bool = True) -> Dataset:
    """Load the ontology, the data (unless ``include_data`` is false) and ``extra`` files."""
    for path in ontology_files():
        parse_file(dataset, path, graph_iri("ontology", path))
    if include_data:
        for path in data_files():
            parse_file(dataset, path, graph_iri("data", path))
    for path in extra:
        parse_file(dataset, path, graph_iri("extra", path))
    return dataset
