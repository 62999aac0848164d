"""Places named in article text, through one interface: the places of the loaded graph.

The graph's places are the shipped ones (``data/places.ttl``) and, when the national gazetteer
is loaded (:mod:`netgov_kg.gazetteer`; :func:`netgov_kg.extract.extract` loads it when it is
installed), every province-, prefecture- and county-level division with its GB/T 2260 code,
its parent and its short name (``skos:altLabel``: 蒲江 for 蒲江县). Without the gazetteer the
shipped places are all there is, with short names made by :func:`~.names.short_names`.

A name that several places share (朝阳区) or a short name of a county (蒲江, 宝山; 资源 is also
a county) is kept only when the text also names the place's parent (成都, 上海), or another of
its ancestors right before it (浙江省安吉新闻集团) — then that place is meant; a shared name
whose places none are so placed is kept with all its candidates and flagged ``ambiguous``.
A place's name followed by 大学 (中山大学) names a university, not the place.

Examples
--------
>>> from netgov_kg.extract.names import Known, NameIndex
>>> zj = Known("p/330000", "place", ("浙江省",), code="330000", level=1)
>>> aj = Known("p/330523", "place", ("安吉县", "安吉"), code="330523", parent="p/330000", level=3)
>>> finder = PlaceFinder(NameIndex([zj, aj]))
>>> [(m.text, m.place.code, m.place.path) for m in finder.find("浙江省安吉新闻集团")]
[('浙江省', '330000', '浙江省'), ('安吉', '330523', '浙江省 › 安吉县')]
>>> finder.find("安吉新闻集团")  # a county's short name alone: not enough
[]
>>> most_specific(finder.find("浙江省安吉新闻集团")).name
'安吉县'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .names import Known, Mention, NameIndex

#: The separator of a place's path (四川省 › 成都市 › 蒲江县).
PATH_SEP = " › "
#: Words that stand for the whole country.
COUNTRY_WORDS = ("全国",)
#: Words after a place's name that make it the name of something else.
NOT_AFTER = ("大学", "路", "街", "号")


@dataclass(frozen=True)
class Place:
    """A place a text may name.

    Attributes
    ----------
    name : str
        Its zh name.
    code : str or None
        Its GB/T 2260 code.
    path : str
        Its name with its ancestors' (``四川省 › 成都市 › 蒲江县``).
    iri : str or None
        Its IRI in the graph.
    level : int or None
        0 country, 1 province, 2 prefecture, 3 county, 4 township (None: not an
        administrative division, e.g. a region such as 胶东).
    en : str
        An English name ("" if none is known).
    """

    name: str
    code: str | None
    path: str
    iri: str | None = None
    level: int | None = None
    en: str = ""


@dataclass(frozen=True)
class PlaceMention:
    """A place named at ``start``..``end`` of the text, as ``text``.

    ``candidates`` holds every place of that name when the text does not say which is meant
    (``ambiguous``); ``place`` is then the first of them.
    """

    start: int
    end: int
    text: str
    place: Place
    candidates: tuple[Place, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Whether several places have this name and the text does not say which."""
        return len(self.candidates) > 1


class PlaceFinder:
    """Finds the places of a :class:`~netgov_kg.extract.names.NameIndex` in text.

    Parameters
    ----------
    index : NameIndex
        The graph's names (:func:`netgov_kg.extract.names.graph_names`).
    """

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.by_iri = {k.iri: k for k in index.known if k.kind == "place"}
        self._country = next((k for k in self.by_iri.values() if k.level == 0), None)
        self._country_iri = self._country.iri if self._country else None

    def ancestors(self, known: Known) -> list[Known]:
        """Return the places ``known`` is part of, nearest first."""
        out, seen, node = [], {known.iri}, self.by_iri.get(known.parent or "")
        while node is not None and node.iri not in seen:
            seen.add(node.iri)
            out.append(node)
            node = self.by_iri.get(node.parent or "")
        return out

    def place(self, known: Known) -> Place:
        """Return the :class:`Place` of a graph place (its path leaves out the country)."""
        chain = [known, *self.ancestors(known)]
        names = [k.name for k in chain if k.level != 0]
        path = PATH_SEP.join(reversed(names)) or known.name
        return Place(known.name, known.code, path, known.iri, known.level, known.en)

    def find(self, text: str) -> list[PlaceMention]:
        """Return the places named in ``text`` (simplified), in order."""
        spans: dict[tuple[int, int], list[Mention]] = defaultdict(list)
        for m in self.index.find(text, "place"):
            if not text.startswith(NOT_AFTER, m.end):
                spans[(m.start, m.end)].append(m)
        named = {m.known.iri for ms in spans.values() for m in ms}
        before: dict[int, set[str]] = defaultdict(set)  # places named just before a position
        for (_start, end), mentions in spans.items():
            before[end].update(m.known.iri for m in mentions)
        out: list[PlaceMention] = []
        for (start, end), mentions in spans.items():
            knowns = list(dict.fromkeys(m.known for m in mentions))
            backed = [k for k in knowns if (k.parent in named and k.parent != self._country_iri)
                      or any(a.iri in before[start] for a in self.ancestors(k) if a.level != 0)]
            name = mentions[0].text
            short = all(name != k.name for k in knowns)
            if len(knowns) > 1:
                knowns = backed or knowns
            elif short and (knowns[0].level or 0) >= 3 and not backed:
                continue  # 宝山, 龙华 alone: too common as words; kept with 上海, 深圳
            places = tuple(self.place(k) for k in knowns)
            out.append(PlaceMention(start, end, name, places[0],
                                    places if len(places) > 1 else ()))
        if self._country is not None:
            country = self.place(self._country)
            for word in COUNTRY_WORDS:
                at = text.find(word)
                while at != -1:
                    out.append(PlaceMention(at, at + len(word), word, country))
                    at = text.find(word, at + 1)
        return sorted(out, key=lambda m: (m.start, -m.end))


def most_specific(mentions: Iterable[PlaceMention]) -> Place | None:
    """Return the most specific administrative division among ``mentions``.

    The deepest level wins; among equals, the one named most often, then first. Places
    without a level (regions such as 胶东) and ambiguous names count only when nothing else
    is named.
    """
    mentions = list(mentions)
    if not mentions:
        return None
    counts = Counter(m.place for m in mentions)
    first: dict[Place, int] = {}
    clear: set[Place] = set()
    for i, m in enumerate(mentions):
        first.setdefault(m.place, i)
        if not m.ambiguous:
            clear.add(m.place)
    return max(counts, key=lambda p: (p in clear, p.level is not None, p.level or 0,
                                      counts[p], -first[p]))
