"""Places named in article text: the graph's places, and the national gazetteer when installed.

Places come from one small interface, :class:`PlaceFinder`: the graph's own places (with their
short names: 安吉 for 安吉县) and, when :mod:`netgov_kg.gazetteer` can be imported, every
division it knows, looked up with its ``find_place(text)`` (candidates with ``code``, ``name``
and ``path``). Without the gazetteer the graph's places are all there is.

Examples
--------
>>> from netgov_kg.extract.names import Known, NameIndex
>>> zj = Known("p/330000", "place", ("浙江省",), code="330000", level=1)
>>> aj = Known("p/330523", "place", ("安吉县",), code="330523", parent="p/330000", level=3)
>>> finder = PlaceFinder(NameIndex([zj, aj], [("安吉", aj)]), gazetteer=False)
>>> [(m.text, m.place.code, m.place.path) for m in finder.find("浙江省安吉新闻集团")]
[('浙江省', '330000', '浙江省'), ('安吉', '330523', '浙江省 › 安吉县')]
>>> most_specific(finder.find("浙江省安吉新闻集团")).name
'安吉县'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .names import Known, NameIndex

#: The separator of a place's path (四川省 › 成都市 › 蒲江县).
PATH_SEP = " › "
#: Endings of division names, for asking the gazetteer about the words before them.
_ENDINGS = re.compile(r"特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|县|区|旗|盟|州")
#: Words that stand for the whole country.
COUNTRY_WORDS = ("全国",)


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
        Its IRI in the graph, when the graph has it.
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
    """A place named at ``start``..``end`` of the text, as ``text``."""

    start: int
    end: int
    text: str
    place: Place


def _gazetteer_lookup() -> Callable[[str], Iterable[Any]] | None:
    """Return the gazetteer's ``find_place`` when :mod:`netgov_kg.gazetteer` is installed."""
    try:
        from .. import gazetteer  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(gazetteer, "find_place", None)


def _path(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return PATH_SEP.join(str(getattr(p, "name", p)) for p in value)
    return str(value or "")


class PlaceFinder:
    """Finds places in text: the graph's, then the gazetteer's.

    Parameters
    ----------
    index : NameIndex
        The graph's names (:func:`netgov_kg.extract.names.graph_names`).
    gazetteer : bool or callable, default True
        ``True``: use :mod:`netgov_kg.gazetteer` when it can be imported; ``False``: the graph
        only; or a ``find_place(text)`` function of one's own.
    """

    def __init__(self, index: NameIndex, *, gazetteer: bool | Callable[..., Any] = True) -> None:
        self.index = index
        self.by_iri = {k.iri: k for k in index.known if k.kind == "place"}
        if gazetteer is True:
            self.lookup = _gazetteer_lookup()
        else:
            self.lookup = gazetteer or None  # type: ignore[assignment]
        self._country = next((k for k in self.by_iri.values() if k.level == 0), None)

    def place(self, known: Known) -> Place:
        """Return the :class:`Place` of a graph place."""
        names, seen, node = [], set(), known
        while node is not None and node.iri not in seen and node.level != 0:
            seen.add(node.iri)
            names.append(node.name)
            node = self.by_iri.get(node.parent or "")
        path = PATH_SEP.join(reversed(names)) or known.name
        return Place(known.name, known.code, path, known.iri, known.level, known.en)

    def find(self, text: str) -> list[PlaceMention]:
        """Return the places named in ``text`` (simplified), in order."""
        out = [PlaceMention(m.start, m.end, m.text, self.place(m.known))
               for m in self.index.find(text, "place")]
        if self._country is not None:
            for word in COUNTRY_WORDS:
                for match in re.finditer(word, text):
                    out.append(PlaceMention(match.start(), match.end(), word,
                                            self.place(self._country)))
        if self.lookup is not None:
            out.extend(self._from_gazetteer(text, {m.place.code for m in out if m.place.code},
                                            {(m.start, m.end) for m in out}))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _from_gazetteer(self, text: str, codes: set[str | None],
                        spans: set[tuple[int, int]]) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for ending in _ENDINGS.finditer(text):
            for size in range(2, 9):
                start = ending.end() - size
                if start < 0 or (start, ending.end()) in spans:
                    continue
                words = text[start:ending.end()]
                if not all("\u4e00" <= ch <= "\u9fff" for ch in words):
                    break
                try:
                    found = list(self.lookup(words) or ())  # type: ignore[misc]
                except Exception:  # noqa: BLE001 - a gazetteer's error must not stop a draft
                    continue
                exact = [c for c in found if getattr(c, "name", None) == words]
                if len(exact) == 1 and getattr(exact[0], "code", None) not in codes:
                    c = exact[0]
                    place = Place(words, getattr(c, "code", None), _path(getattr(c, "path", "")),
                                  None, getattr(c, "level", None) if isinstance(
                                      getattr(c, "level", None), int) else None,
                                  str(getattr(c, "en", "") or ""))
                    out.append(PlaceMention(start, ending.end(), words, place))
                    codes.add(place.code)
                    break
        return out


def most_specific(mentions: Iterable[PlaceMention]) -> Place | None:
    """Return the most specific administrative division among ``mentions``.

    The deepest level wins; among equals, the one named most often, then first. Places
    without a level (regions such as 胶东) count only when nothing else is named.
    """
    mentions = list(mentions)
    if not mentions:
        return None
    counts = Counter(m.place for m in mentions)
    first = {}
    for i, m in enumerate(mentions):
        first.setdefault(m.place, i)
    return max(counts, key=lambda p: (p.level is not None, p.level or 0, counts[p], -first[p]))
