"""Parse the shipped files (and users' extra files) into named graphs of a dataset.

On the Oxigraph store, files are parsed by Oxigraph's own parsers (``ox-turtle`` and
friends), many times faster than rdflib's; on the memory store by rdflib's.

Examples
--------
>>> parser_format(Path("data/cases.ttl"), oxigraph=True)
'ox-turtle'
>>> parser_format(Path("extra.nt"), oxigraph=False)
'nt'
"""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset, URIRef

from .errors import InputError, Location, NetgovWarning, StoreError
from .formats import format_of
from .namespaces import NGR
from .resources import data_files, draft_files, ontology_files
from .stores import drop_graph, has_graph, is_persistent, parse_into
from .userfiles import check_user_file


def graph_iri(kind: str, path: Path) -> URIRef:
    """Return the named-graph IRI for a file: ``ngr:graph/<kind>/<stem>``.

    Examples
    --------
    >>> str(graph_iri("data", Path("data/cases.ttl")))
    'https://w3id.org/netgov-kg/id/graph/data/cases'
    """
    return URIRef(f"{NGR}graph/{kind}/{path.stem}")


def parser_format(path: Path, *, oxigraph: bool) -> str:
    """Return the parser to use for ``path``: Oxigraph's own on the Oxigraph store.

    The format comes from the file name (:func:`netgov_kg.formats.format_of`); a name that
    tells nothing is read as Turtle.
    """
    fmt = format_of(path, default="turtle")
    return (fmt.oxrdflib_name or fmt.rdflib_name) if oxigraph else fmt.rdflib_name


def _error_line(exc: BaseException) -> int | None:
    if isinstance(getattr(exc, "lines", None), int):  # rdflib's Turtle parser: 0-based
        return int(exc.lines) + 1  # type: ignore[attr-defined]
    line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
    return line if isinstance(line, int) else None


def parse_file(dataset: Dataset, path: Path, graph: URIRef, *, shipped: bool = False) -> None:
    """Parse one RDF file into the named graph ``graph`` of ``dataset``.

    A user's file (``shipped`` false, the default) is first checked by
    :func:`netgov_kg.userfiles.check_user_file`: a regular file of bounded size, and for
    RDF/XML and JSON-LD nothing fetched from the network and nothing expanding or nesting
    without bound. The package's own files (``shipped=True``) skip the check.

    Raises
    ------
    InputError
        If the file is missing, refused by the check or does not parse; the message names the
        file (and the line where the parser gives one).

    Examples
    --------
    >>> from netgov_kg.stores import open_store
    >>> parse_file(open_store("memory"), Path("no/such.ttl"), URIRef("urn:g"))
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: no/such.ttl: file not found
    """
    fmt = format_of(path, default="turtle").rdflib_name  # the store picks its parser
    if not shipped:
        check_user_file(path, fmt)
    elif not path.is_file():
        raise InputError("file not found", Location(str(path)))
    try:
        parse_into(dataset, path, graph, fmt)
    except StoreError:  # the store failed (e.g. a server), not the file
        raise
    except Exception as exc:  # parsers raise many types; report file and line
        message = " ".join(str(getattr(exc, "_why", None) or exc).split())
        if len(message) > 300:
            message = message[:300] + "…"
        raise InputError(
            f"cannot parse as {fmt}: {message}", Location(str(path), _error_line(exc))
        ) from exc


def load_into(
    dataset: Dataset, *, extra: list[Path], include_data: bool = True, reload: bool = False
) -> Dataset:
    """Load the ontology, the data (unless ``include_data`` is false) and ``extra`` files.

    Each file goes into its own named graph (see :func:`graph_iri`): ``ontology/<stem>``,
    ``data/<stem>`` or ``extra/<stem>``. A draft in ``data/`` (``extra.ttl``, see
    :func:`netgov_kg.resources.draft_files`) is not loaded: a warning says so. A persistent
    store (Oxigraph on disk, a SPARQL server) is loaded once: a file whose named graph the
    store already holds is skipped, unless ``reload`` is true, which replaces it.
    """
    files = [("ontology", p) for p in ontology_files()]
    if include_data:
        files += [("data", p) for p in data_files()]
        asked = {p.resolve() for p in extra}
        for draft in (d for d in draft_files() if d.resolve() not in asked):
            warnings.warn(
                f"{draft} is not loaded: it is a draft left by `netgov-kg add` without --into "
                f"(before 0.2.0); load it on purpose with netgov_kg.load({str(draft)!r}), or "
                "move it out of data/", NetgovWarning, stacklevel=3)
    files += [("extra", p) for p in extra]
    persistent = is_persistent(dataset)
    for kind, path in files:
        graph = graph_iri(kind, path)
        if persistent and has_graph(dataset, graph):
            if not reload:
                continue
            drop_graph(dataset, graph)
        parse_file(dataset, path, graph, shipped=kind != "extra")
    return dataset
