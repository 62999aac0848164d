"""Validate a dataset, a graph or files against the SHACL shapes with pyshacl.

The ontology is merged into the data graph and no inference runs by default, so instances are
found the way SHACL defines them (``rdf:type/rdfs:subClassOf*``) and no inference can turn a
wrong link into a valid one.

Examples
--------
>>> import netgov_kg
>>> report = validate(netgov_kg.load(include_data=False))
>>> report.conforms, report.counts["Violation"]
(True, 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from os import PathLike, fspath
from pathlib import Path
from typing import Any, Union

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import OWL, PROV, RDF
from rdflib.term import Node

from ..errors import InputError, Location
from ..loading import graph_iri, parse_file
from ..namespaces import NG, NGR
from ..resources import data_root, ontology_files, shapes_files
from ..stores import union_graph
from .report import Report, findings_from_results

#: What :func:`validate` accepts as data or shapes: a graph, a dataset, a file, or several files.
Source = Union[Graph, str, PathLike, Iterable[Union[str, PathLike]]]  # noqa: UP007

#: Inference options, as pyshacl names them (``"owl-rl"`` is accepted for ``"owlrl"``).
INFERENCE = ("none", "rdfs", "owlrl", "both")


def _paths(source: str | PathLike | Iterable[str | PathLike]) -> tuple[Path, ...]:
    if isinstance(source, (str, PathLike)):
        return (Path(fspath(source)),)
    return tuple(Path(fspath(p)) for p in source)


def read_files(paths: Iterable[str | PathLike]) -> Graph:
    """Parse RDF files into one graph; the format is guessed from each file name.

    Raises
    ------
    InputError
        If a file is missing or does not parse (the message names the file and the line).

    Examples
    --------
    >>> read_files(["no/such.ttl"])
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: no/such.ttl: file not found
    """
    dataset = Dataset(default_union=True)
    shipped = (data_root() / "data").resolve()
    for path in _paths(paths):
        kind = "data" if path.resolve().parent == shipped else "extra"
        parse_file(dataset, path, graph_iri(kind, path), shipped=kind == "data")
    return as_graph(dataset)


#: The named graphs of the package's own data files (``ngr:graph/data/<stem>``).
SHIPPED_GRAPHS = f"{NGR}graph/data/"


def is_shipped(context: Node | None) -> bool:
    """Return whether a named graph holds one of the package's own data files.

    Examples
    --------
    >>> is_shipped(graph_iri("data", Path("data/cases.ttl"))), is_shipped(None)
    (True, False)
    """
    return context is not None and str(getattr(context, "identifier", context)).startswith(
        SHIPPED_GRAPHS)


def shipped_marks(data: Graph, subjects: Iterable[Node] | None = None) -> Graph:
    """Return ``s ng:evidenceRequired true`` for each source-derived resource of the shipped data.

    The shipped data (the named graphs ``ngr:graph/data/*``) must give the evidence of every
    fact it takes from a source, while users' files and synthetic data only should: the
    evidence shapes read this mark (a violation where it is, a warning elsewhere). The marks
    go into the graph that is validated, never into the data. ``subjects`` limits the marks
    to those resources.
    """
    marks = Graph()
    if not hasattr(data, "quads"):
        return marks
    wanted = None if subjects is None else set(subjects)
    for s, _, _, ctx in data.quads((None, PROV.wasDerivedFrom, None, None)):
        if (wanted is None or s in wanted) and is_shipped(ctx):
            marks.add((s, NG.evidenceRequired, Literal(True)))
    return marks


def as_graph(data: Graph) -> Graph:
    """Copy a dataset's union (or a graph) into one plain in-memory :class:`rdflib.Graph`.

    pyshacl validates each named graph of a dataset on its own; the shapes need them merged.
    Resources of the shipped data files are marked as needing evidence (:func:`shipped_marks`).
    Literals are in canonical form whatever the store (``"x"``, not ``"x"^^xsd:string``;
    ``121.544``, not ``121.5440``: :func:`netgov_kg.literals.canonical_literal`), so findings
    compare equal across stores.
    """
    graph = union_graph(data)
    graph += shipped_marks(data)
    return graph


@lru_cache(maxsize=8)
def _cached_files(stamped: tuple[tuple[Path, float], ...]) -> Graph:
    return read_files(path for path, _ in stamped)


def _stamped(paths: Iterable[Path]) -> tuple[tuple[Path, float], ...]:
    return tuple((p, p.stat().st_mtime if p.is_file() else 0.0) for p in paths)


def shapes_graph(shapes: Source | None = None) -> Graph:
    """Return the shapes graph: the shipped ``shapes/*.ttl`` by default, or ``shapes``.

    Examples
    --------
    >>> from netgov_kg.namespaces import NGSH
    >>> (NGSH.CaseShape, None, None) in shapes_graph()
    True
    """
    if shapes is None:
        return _cached_files(_stamped(shapes_files()))
    if isinstance(shapes, Graph):
        return shapes
    return _cached_files(_stamped(_paths(shapes)))


def ontology_graph() -> Graph:
    """Return the shipped ontology (``ontology/*.ttl``) as one graph (cached)."""
    return _cached_files(_stamped(ontology_files()))


def data_graph(data: Source, *, ontology: bool | None = None) -> Graph:
    """Return one plain graph holding ``data`` with the ontology merged in.

    Parameters
    ----------
    data : KnowledgeGraph, rdflib.Dataset, rdflib.Graph, path or paths
        What to validate. A dataset contributes the union of its graphs.
    ontology : bool or None
        Merge the shipped ontology: ``None`` (the default) merges it unless ``data`` already
        holds it; ``False`` never does.
    """
    data = getattr(data, "dataset", data)  # a KnowledgeGraph stands for its dataset
    graph = as_graph(data) if isinstance(data, Graph) else read_files(_paths(data))
    if ontology is False:
        return graph
    onto = ontology_graph()
    headers = list(onto.subjects(RDF.type, OWL.Ontology))
    if ontology is None and headers and all((h, RDF.type, OWL.Ontology) in graph for h in headers):
        return graph
    for triple in onto:
        graph.add(triple)
    return graph


def validate(
    data: Source,
    *,
    lang: str = "zh",
    shapes: Source | None = None,
    inference: str | None = "none",
    advanced: bool = True,
    ontology: bool | None = None,
    **pyshacl_options: Any,
) -> Report:
    """Validate data against the SHACL shapes and return a :class:`Report`.

    Parameters
    ----------
    data : KnowledgeGraph, rdflib.Dataset, rdflib.Graph, path or iterable of paths
        The graph to check: a loaded graph or dataset (``kg.dataset``), any rdflib graph, or
        RDF files.
    lang : {"zh", "en"}
        Language of the messages (falling back to the other one).
    shapes : rdflib.Graph, path or iterable of paths, optional
        The shapes; the shipped ``shapes/*.ttl`` by default.
    inference : {"none", "rdfs", "owlrl", "owl-rl", "both"}
        Inference pyshacl runs on (a copy of) the data first. The default, ``"none"``, is the
        contract's way: instances by ``rdf:type/rdfs:subClassOf*`` only.
    advanced : bool
        Enable SHACL Advanced Features (SPARQL targets, functions).
    ontology : bool or None
        Merge the shipped ontology into the data graph (by default, unless already there).
    **pyshacl_options
        Passed on to :func:`pyshacl.validate` (e.g. ``abort_on_first``, ``use_shapes``).
        pyshacl's ``focus_nodes`` is refused: it counts some values twice (false
        ``sh:qualifiedMaxCount`` violations). To validate only some resources, use
        :func:`netgov_kg.validation.incremental.validate_changes` (``kg.validate(changed=...)``
        or ``kg.validate(focus_nodes=...)``), which reports what a full run reports for them.

    Returns
    -------
    Report
        ``conforms`` is true when no finding is a violation.

    Raises
    ------
    InputError
        For an unknown ``inference`` or a file that is missing or does not parse.

    Examples
    --------
    >>> from rdflib import Graph
    >>> broken = Graph().parse(data='''
    ...     @prefix ng: <https://w3id.org/netgov-kg/ontology#> .
    ...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     <https://w3id.org/netgov-kg/id/place/x> a ng:Place ; rdfs:label "某地"@zh ;
    ...         ng:adminLevel ng:Country .
    ... ''', format="turtle")
    >>> report = validate(broken, lang="en")
    >>> report.conforms
    False
    >>> [(f.severity, f.message) for f in report.results]
    [('Violation', 'needs exactly one rdfs:label in English (@en)')]
    """
    if "focus_nodes" in pyshacl_options:
        raise InputError(
            "focus_nodes is not passed to pyshacl (it reports false violations on qualified "
            "shapes): use netgov_kg.validation.incremental.validate_changes(data, nodes) or "
            "kg.validate(changed=nodes)",
            Location(field="focus_nodes"),
        )
    import pyshacl

    inference = "none" if inference in (None, "none") else inference
    inference = "owlrl" if inference == "owl-rl" else inference
    if inference not in INFERENCE:
        raise InputError(
            f"unknown inference {inference!r}: use one of none, rdfs, owlrl, both",
        )
    graph = data_graph(data, ontology=ontology)
    shacl = shapes_graph(shapes)
    _, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shacl,
        inference=inference,
        advanced=advanced,
        allow_warnings=True,
        inplace=inference == "none",
        **pyshacl_options,
    )
    findings = findings_from_results(results, lang=lang, shapes=shacl)
    conforms = not any(f.severity == "Violation" for f in findings)
    return Report(conforms=conforms, results=findings, lang=lang, graph=results)


def validate_files(*paths: str | PathLike, **options: Any) -> Report:
    """Validate RDF files (merged, with the ontology) against the shapes.

    Same options as :func:`validate`; handy for fixtures and for checking a file before it is
    written into the data.

    Examples
    --------
    >>> from netgov_kg.resources import data_files
    >>> validate_files(*data_files()).conforms
    True
    """
    return validate(paths, **options)
