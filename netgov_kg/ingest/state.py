"""What the mapping phases share: the template, the graph's index, the records and the output.

The phases (:mod:`.collect`, :mod:`.mint`, :mod:`.references`, :mod:`.emit`) each read and fill
one :class:`MapState`; nothing else is kept between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef

from .index import GraphIndex
from .located import LocatedDocument
from .located import Path as KeyPath
from .schema import Field, Kind


@dataclass
class Record:
    """One record of the template: a resource to describe."""

    kind: Kind
    path: KeyPath
    data: dict[str, Any]
    owner: Record | None = None
    owner_field: Field | None = None
    iri: URIRef | None = None
    reused: bool = False
    existing: bool = False


@dataclass
class MapState:
    """The template being mapped and what the phases found so far.

    Attributes
    ----------
    doc, index
        The template and the graph it is mapped against.
    graph
        The triples emitted.
    records
        Every record, in the order written (nested ones after their owner).
    by_id, by_iri
        Records by their written ``id`` and by their IRI (once minted).
    default_source
        The template's ``source`` (its IRI, once known).
    source_record
        The ``source`` record, when the template defines its source.
    refs
        Resolved references: template path -> IRI (filled by :mod:`.references`).
    texts
        Source IRI -> (text, file) of the sources whose record names a local ``text`` file.
    """

    doc: LocatedDocument
    index: GraphIndex
    graph: Graph = field(default_factory=Graph)
    records: list[Record] = field(default_factory=list)
    by_id: dict[str, list[Record]] = field(default_factory=dict)
    by_iri: dict[URIRef, Record] = field(default_factory=dict)
    default_source: URIRef | None = None
    source_record: Record | None = None
    refs: dict[KeyPath, URIRef] = field(default_factory=dict)
    texts: dict[URIRef, tuple[str, str]] = field(default_factory=dict)

    def record_at(self, path: KeyPath) -> Record | None:
        """Return the record written at ``path``, if any."""
        for record in self.records:
            if record.path == tuple(path):
                return record
        return None
