"""The real resources synthetic data is built from: places, themes and platforms of the graph.

Synthetic cases sit in real places of the real hierarchy and carry real themes of the real
scheme; only the cases, organisations, platforms, people and figures are made up. This module
reads those real resources from a loaded graph with the queries in ``synth/queries/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef

from ..errors import InputError
from ..namespaces import NG, PREFIXES
from ..resources import query_text


def _query(name: str) -> str:
    return query_text("synth", name)


@dataclass(frozen=True)
class Named:
    """A real resource with its two labels."""

    iri: URIRef
    zh: str
    en: str


@dataclass(frozen=True)
class Place(Named):
    """A real place: its GB/T 2260 code (or ``""``), level and direct parent."""

    code: str = ""
    level: URIRef | None = None
    parent: URIRef | None = None


@dataclass
class Reference:
    """The real places, themes and platforms that synthetic data refers to.

    Attributes
    ----------
    places : list of Place
        Every place, sorted by IRI.
    themes : list of Named
        Every theme of the scheme, sorted by IRI.
    platforms : dict
        Platform IRI -> (platform, IRIs of the places of the cases that use it).
    """

    places: list[Place]
    themes: list[Named]
    platforms: dict[URIRef, tuple[Named, tuple[URIRef, ...]]] = field(default_factory=dict)

    @property
    def case_places(self) -> list[Place]:
        """Places a case can be in: every place below the country that is not a mere region."""
        skip = {NG.Country, NG.Region}
        return [p for p in self.places if p.level not in skip and p.parent is not None]

    def place(self, key: str | URIRef) -> Place:
        """Return the place with the IRI or GB/T 2260 code ``key``.

        Raises
        ------
        InputError
            If no place has that IRI or code.
        """
        for p in self.places:
            if str(p.iri) == str(key) or p.code == str(key):
                return p
        raise InputError(f"no place with IRI or code {key!r} in the reference graph")

    def below(self, place: URIRef) -> list[Place]:
        """Return ``place`` and every place under it (through ``ng:partOf``), sorted by IRI."""
        children: dict[URIRef, list[Place]] = {}
        for p in self.places:
            if p.parent is not None:
                children.setdefault(p.parent, []).append(p)
        out, todo = [], [self.place(place)]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p.iri, []))
        return sorted(out, key=lambda p: str(p.iri))

    def platforms_in(self, places: list[Place]) -> list[Named]:
        """Return the platforms used by cases located in one of ``places``, sorted by IRI."""
        wanted = {p.iri for p in places}
        return [named for named, where in self.platforms.values() if wanted & set(where)]


def reference_from(graph: Graph | Dataset) -> Reference:
    """Read the real places, themes and platforms from a loaded graph.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        A graph holding the project's data (``netgov_kg.load().dataset``).

    Raises
    ------
    InputError
        If the graph has no places or no themes (e.g. it was loaded without the data).

    Examples
    --------
    >>> from rdflib import Graph
    >>> reference_from(Graph())
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: the reference graph has no places with zh and en labels; load the data first (netgov_kg.load())
    """  # noqa: E501
    ns = dict(PREFIXES)
    places: dict[URIRef, Place] = {}
    for row in graph.query(_query("places"), initNs=ns):
        iri = row[0]
        if iri in places:  # a place with two parents keeps the first; labels are unique
            continue
        places[iri] = Place(iri, str(row[1]), str(row[2]), str(row[3] or ""), row[4], row[5])
    if not places:
        raise InputError(
            "the reference graph has no places with zh and en labels; "
            "load the data first (netgov_kg.load())"
        )
    themes: dict[URIRef, Named] = {}
    for row in graph.query(_query("themes"), initNs=ns):
        themes.setdefault(row[0], Named(row[0], str(row[1]), str(row[2])))
    if not themes:
        raise InputError("the reference graph has no themes; load the data first")
    platforms: dict[URIRef, tuple[Named, tuple[URIRef, ...]]] = {}
    for row in graph.query(_query("platforms"), initNs=ns):
        named, where = platforms.get(row[0], (Named(row[0], str(row[1]), str(row[2])), ()))
        if row[3] is not None and row[3] not in where:
            where = (*where, row[3])
        platforms[row[0]] = (named, where)
    return Reference(list(places.values()), list(themes.values()), platforms)
