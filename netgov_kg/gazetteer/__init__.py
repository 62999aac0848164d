"""The national gazetteer: every province-, prefecture- and county-level division of the PRC.

The gazetteer (``data/gazetteer/gazetteer.ttl.gz``, built by ``scripts/build_gazetteer.py``
from pinned data packages, see ``docs/gazetteer.md``) is a named graph of its own,
:data:`GAZETTEER_GRAPH`, loaded only when asked (``netgov_kg.load(gazetteer=True)``). Its
places use the project's place IRIs (``ngr:place/<code>``), so a code means the same IRI in
the gazetteer, in ``data/places.ttl`` and in what ``add`` writes.

- :func:`find_places` finds places by code, zh name (with or without 省/市/县/区…), pinyin
  or English name, or a path of names (四川省成都市蒲江县);
- :func:`resolve_place` returns the one place meant, or raises
  :class:`~netgov_kg.errors.UnknownResource` / :class:`~netgov_kg.errors.AmbiguousResource`
  with the candidates and their paths;
- :func:`places_for` returns the triples of a place and its ancestors (for ``add``, which
  copies only the places a case needs into its target).

Examples
--------
>>> place = resolve_place("510131")
>>> place.path()
'四川省 › 成都市 › 蒲江县'
>>> place.name_en, place.iri == resolve_place("蒲江").iri == resolve_place("蒲江县").iri
('Pujiang County', True)
>>> [p.path("en") for p in find_places("pujiang")]
['Zhejiang Province › Jinhua › Pujiang County', 'Sichuan Province › Chengdu › Pujiang County']
>>> resolve_place("朝阳区")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.AmbiguousResource: '朝阳区' names 2 places: 110105 北京市 › 朝阳区; ...
"""

from __future__ import annotations

import difflib
import gzip
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..errors import AmbiguousResource, UnknownResource
from ..namespaces import NGR, bind_prefixes
from ..resources import data_root
from ..terms import fold

__all__ = [
    "GAZETTEER_GRAPH",
    "Place",
    "find_places",
    "gazetteer_file",
    "load_gazetteer",
    "place_names",
    "places_for",
    "resolve_place",
]

#: The named graph that holds the gazetteer when it is loaded.
GAZETTEER_GRAPH = URIRef(f"{NGR}graph/gazetteer")

#: Generic endings a zh query may carry or leave out (蒲江 = 蒲江县).
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "特区",
             "省", "市", "县", "区", "旗", "盟")


def gazetteer_file() -> Path:
    """Return the shipped gazetteer file (gzip-compressed Turtle).

    Examples
    --------
    >>> gazetteer_file().name
    'gazetteer.ttl.gz'
    """
    return data_root() / "data" / "gazetteer" / "gazetteer.ttl.gz"


@dataclass(frozen=True)
class Place:
    """One division of the gazetteer, with its ancestors (province first)."""

    iri: URIRef
    code: str
    name_zh: str
    name_en: str
    level: URIRef
    division_type: URIRef
    parent: URIRef | None
    pinyin: str = ""
    short: str = ""
    lat: float | None = None
    long: float | None = None
    ancestors: tuple[Place, ...] = field(default=(), repr=False, compare=False)

    def path(self, lang: str = "zh") -> str:
        """Return the path from the province down, e.g. ``四川省 › 成都市 › 蒲江县``."""
        chain = [*self.ancestors, self]
        return " › ".join(p.name_en if lang == "en" else p.name_zh for p in chain)

    def __str__(self) -> str:
        return f"{self.code} {self.path()} ({self.name_en})"


class _Gazetteer:
    """The parsed gazetteer: an in-memory store, places by code, a name index.

    The file is parsed into its own in-memory store (Oxigraph, the default engine); the places
    come from one query (``gazetteer/queries/places.rq``) through the one query path, and only
    the triples :func:`places_for` returns become rdflib terms.
    """

    def __init__(self) -> None:
        from ..query.engine import execute, with_base
        from ..resources import query_text
        from ..stores import open_store

        self.dataset = open_store(None)
        load_gazetteer(self.dataset)
        self.graph = self.dataset.graph(GAZETTEER_GRAPH)
        out = execute(self.dataset, with_base(query_text("gazetteer", "places")), terms="tuple")
        rows: dict[str, dict[str, str]] = {}
        for row in out.rows:
            values = {var: term[1] for var, term in zip(out.variables, row, strict=True)
                      if term is not None}
            rows[values["place"]] = values
        self.places: dict[str, Place] = {}
        for iri in sorted(rows):
            self._place(iri, rows)
        self.keys: dict[str, set[str]] = {}
        for place in self.places.values():
            for name in {place.name_zh, place.short, place.name_en, place.pinyin,
                         _strip_generic_en(place.name_en)}:
                if name:
                    self.keys.setdefault(fold(name), set()).add(place.code)

    def _place(self, iri: str, rows: dict[str, dict[str, str]]) -> Place:
        row = rows[iri]
        code = row["code"]
        if code in self.places:
            return self.places[code]
        parent = row.get("parent")
        ancestors: tuple[Place, ...] = ()
        if parent in rows:
            up = self._place(parent, rows)
            ancestors = (*up.ancestors, up)
        lat, long = row.get("lat"), row.get("long")
        place = Place(
            iri=URIRef(iri), code=code, name_zh=row["zh"], name_en=row["en"],
            level=URIRef(row["level"]), division_type=URIRef(row["type"]),
            parent=URIRef(parent) if parent else None,
            pinyin=row.get("pinyin", ""), short=row.get("short", ""),
            lat=float(lat) if lat is not None else None,
            long=float(long) if long is not None else None,
            ancestors=ancestors)
        self.places[code] = place
        return place

    def by_key(self, key: str) -> set[str]:
        return set(self.keys.get(key, ()))

    def triples_of(self, iri: URIRef) -> list[tuple]:
        """Return the triples about ``iri`` and those of its basis notes."""
        found = list(self.graph.triples((iri, None, None)))
        for note in self.graph.subjects(RDF.subject, iri):
            found += self.graph.triples((note, None, None))
        return found


def _strip_generic_en(name: str) -> str:
    for generic in (" Autonomous Region", " Autonomous Prefecture", " Autonomous County",
                    " Autonomous Banner", " Province", " Prefecture", " League", " County",
                    " District", " City", " Banner", " New Area"):
        if name.endswith(generic):
            return name[: -len(generic)]
    return name


@cache
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def _lookup(text: str) -> set[str]:
    """Return the codes of the places ``text`` names (see :func:`find_places`)."""
    gaz = _gazetteer()
    text = text.strip()
    if text.isdigit() and len(text) == 6:
        return {text} if text in gaz.places else set()
    key = fold(text)
    found = gaz.by_key(key)
    if not found:
        for suffix in _SUFFIXES:  # 蒲江县 written 蒲江区 or with a generic it does not have
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                found = gaz.by_key(key[: -len(suffix)])
                if found:
                    break
    if not found:  # a path of names: 四川省成都市蒲江县, 北京市朝阳区
        for code, place in gaz.places.items():
            names = {fold(place.name_zh), fold(place.short)} - {""}
            tail = next((n for n in names if key.endswith(n) and len(key) > len(n)), None)
            if tail is not None and _consumed(key[: -len(tail)], place.ancestors):
                found.add(code)
    return found


def _consumed(prefix: str, ancestors: tuple[Place, ...]) -> bool:
    """Whether ``prefix`` is made of the names of ``ancestors`` (in order, any may be left out)."""
    for place in ancestors:
        for name in sorted({fold(place.name_zh), fold(place.short)} - {""}, key=len,
                           reverse=True):
            if prefix.startswith(name):
                prefix = prefix[len(name):]
                break
    return not prefix


def find_places(text: str) -> list[Place]:
    """Return the places ``text`` names, sorted by code.

    ``text`` is a six-digit GB/T 2260 code, a zh name with or without its generic
    (``蒲江县``, ``蒲江``; ``成都``, ``成都市``), a pinyin (``pujiang``, ``pu jiang``), an
    English name (``Pujiang County``, ``Chengdu``) or a path of zh names (``四川省成都市蒲江县``).
    Case, spaces and full-width forms do not count (:func:`netgov_kg.terms.fold`).

    Examples
    --------
    >>> [p.code for p in find_places("Chengdu")], [p.code for p in find_places("四川成都蒲江")]
    (['510100'], ['510131'])
    >>> find_places("no such place")
    []
    """
    gaz = _gazetteer()
    return [gaz.places[c] for c in sorted(_lookup(text))]


def place_names() -> dict[str, tuple[str, ...]]:
    """Return every zh name of the gazetteer (full and short) with the codes it names.

    For finding places in running text (``extract``): scan for these names, longest first,
    then :func:`resolve_place` or :func:`find_places` the hits. Short names of one character
    are left out.

    Examples
    --------
    >>> names = place_names()
    >>> names["蒲江县"], names["蒲江"], names["朝阳区"]
    (('510131',), ('510131',), ('110105', '220104'))
    """
    out: dict[str, set[str]] = {}
    for code, place in _gazetteer().places.items():
        for name in (place.name_zh, place.short):
            if len(name) > 1:
                out.setdefault(name, set()).add(code)
    return {name: tuple(sorted(codes)) for name, codes in sorted(out.items())}


def resolve_place(text_or_code: str) -> Place:
    """Return the one place ``text_or_code`` names (see :func:`find_places`).

    Raises
    ------
    UnknownResource
        If no place has this code or name (the message suggests close names).
    AmbiguousResource
        If several have it (朝阳区); ``candidates`` lists their IRIs and the message their
        codes and paths.

    Examples
    --------
    >>> resolve_place("呼和浩特").name_en
    'Hohhot'
    >>> resolve_place("999999")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownResource: no place of the gazetteer has the code or name '999999'
    """
    found = find_places(text_or_code)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{p.code} {p.path()}" for p in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        example = found[0].path().replace(" › ", "")
        raise AmbiguousResource(
            f"{text_or_code!r} names {len(found)} places: {listed}{more}; give the code (or "
            f"the path, e.g. {example})", [str(p.iri) for p in found])
    gaz = _gazetteer()
    names = {p.name_zh: p for p in gaz.places.values()}
    close = difflib.get_close_matches(text_or_code, sorted(names), n=5, cutoff=0.6)
    hint = ("; did you mean " + ", ".join(f"{names[n].code} {names[n].path()}" for n in close)
            + "?") if close else ""
    raise UnknownResource(
        f"no place of the gazetteer has the code or name {text_or_code!r}{hint}")


def places_for(code: str, *, known: Iterable[str | URIRef] = ()) -> Graph:
    """Return the triples of the place with ``code`` and of its ancestors.

    Each place comes with its basis notes (the generated English name). Ancestors in
    ``known`` (codes or IRIs: places the target graph already has) and the ones above them are
    left out, as is the country (``ngr:place/china``, in the shipped data).

    Examples
    --------
    >>> from netgov_kg.namespaces import NG
    >>> g = places_for("510131")
    >>> sorted({str(s).rsplit("/", 1)[-1] for s in g.subjects(NG.adminCode)})
    ['510000', '510100', '510131']
    >>> sorted(str(c) for c in places_for("510131", known={"510100"}).objects(None, NG.adminCode))
    ['510131']
    """
    gaz = _gazetteer()
    place = resolve_place(code) if code not in gaz.places else gaz.places[code]
    stop = {str(k) for k in known}
    graph = bind_prefixes(Graph())
    for p in (place, *reversed(place.ancestors)):
        if p is not place and (p.code in stop or str(p.iri) in stop):
            break
        for triple in gaz.triples_of(p.iri):
            graph.add(triple)
    return graph


def load_gazetteer(dataset: object, *, reload: bool = False) -> None:
    """Load the gazetteer into the named graph :data:`GAZETTEER_GRAPH` of ``dataset``.

    A persistent store that already holds the graph is left as it is unless ``reload``.
    """
    from ..loading import parse_file
    from ..stores import drop_graph, has_graph, is_persistent

    if is_persistent(dataset) and has_graph(dataset, GAZETTEER_GRAPH):  # type: ignore[arg-type]
        if not reload:
            return
        drop_graph(dataset, GAZETTEER_GRAPH)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.ttl"
        path.write_bytes(gzip.decompress(gazetteer_file().read_bytes()))
        parse_file(dataset, path, GAZETTEER_GRAPH, shipped=True)  # type: ignore[arg-type]
