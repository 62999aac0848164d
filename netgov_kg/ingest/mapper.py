"""Map a checked template to RDF, reusing what the graph already holds.

The mapping runs in four phases over one :class:`~netgov_kg.ingest.state.MapState`, one module
each: :mod:`.collect` (find the records), :mod:`.mint` (give each its IRI), :mod:`.references`
(resolve every reference) and :mod:`.emit` (write the triples). What differs between kinds of
record (reuse by label, made-up labels, slugs, lookups) is their behaviour in :mod:`.kinds`.

:func:`map_template` reads a :class:`~netgov_kg.ingest.located.LocatedDocument` (from the YAML
or CSV reader), checks every record against :mod:`netgov_kg.ingest.schema`, gives each new
resource a readable IRI under its type segment (``ngr:case/…``, ``ngr:org/…``,
``ngr:platform/…``, ``ngr:person/…``, ``ngr:obs/…`` …), matches references to places (by
GB/T 2260 code or name), themes (by label or IRI), organisations, platforms and people (by
label) that the graph already has, and returns every triple the template states.

Any problem raises :class:`~netgov_kg.errors.InputError` at the file, line (or row), column
and field where it was written.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.ingest.yaml_reader import read_yaml_text
>>> from netgov_kg.ingest.index import GraphIndex
>>> kg = netgov_kg.load()
>>> doc = read_yaml_text('''
... source: {label: {zh: 示例来源, en: Example source}, url: "https://example.org/a"}
... cases:
...   - id: demo-case
...     label: {zh: 示例案例, en: Demo case}
...     place: "330523"
...     themes: [nosuch]
... ''', "demo.yaml")
>>> map_template(doc, GraphIndex.build(kg.dataset))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: demo.yaml, line 7, column 14, field 'cases[0].themes[0].theme': ...
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from ..namespaces import NG
from .collect import collect
from .emit import emit
from .generic import BASES
from .index import GraphIndex
from .iri_policy import expand_iri, read_only
from .located import LocatedDocument
from .mint import mint
from .references import resolve_references
from .state import MapState, Record

__all__ = ["BASES", "MapResult", "Record", "expand_iri", "map_template", "read_only"]


@dataclass
class MapResult:
    """What a template states.

    Attributes
    ----------
    graph : rdflib.Graph
        Every triple the template states (some may already be in the graph).
    records : list of Record
        The records, in the order written.
    cases : list of rdflib.URIRef
        The new cases' IRIs.
    extended : list of rdflib.URIRef
        The cases of the graph the template adds facts to (``existing:``).
    warnings : list of str
        Values that are allowed but rarely right, each with its location
        (see :mod:`netgov_kg.ingest.plausible`).
    """

    graph: Graph
    records: list[Record] = field(default_factory=list)
    cases: list[URIRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extended: list[URIRef] = field(default_factory=list)


def map_template(doc: LocatedDocument, index: GraphIndex) -> MapResult:
    """Map the template ``doc`` to RDF against the graph described by ``index``.

    Parameters
    ----------
    doc : LocatedDocument
        A template read by :func:`~netgov_kg.ingest.yaml_reader.read_yaml` or
        :func:`~netgov_kg.ingest.csv_reader.read_csv`.
    index : GraphIndex
        The graph the cases are added to.

    Returns
    -------
    MapResult

    Raises
    ------
    netgov_kg.errors.InputError
        For any mistake in the template, located where it was written.
    """
    st = MapState(doc, index)
    collect(st)
    mint(st)
    resolve_references(st)
    warnings = emit(st)
    cases = [r for r in st.records if r.kind.cls == NG.Case and r.iri is not None]
    return MapResult(st.graph, st.records, [r.iri for r in cases if not r.existing],  # type: ignore[misc]
                     warnings, [r.iri for r in cases if r.existing])  # type: ignore[misc]
