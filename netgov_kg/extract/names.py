"""The graph's own names, and finding them in text.

:class:`Known` is one resource of the graph (a place, an organisation, a platform or a theme)
with its zh names; :class:`NameIndex` holds them all, read once per dataset by the named query
``extract/names`` (through the one query path, :func:`netgov_kg.query.engine.execute`), and
finds every occurrence of every name in a text: all of them, nested ones included
(``宁波市鄞州区委`` inside ``宁波市鄞州区委宣传部`` names the parent body).

Examples
--------
>>> index = NameIndex([Known("ngr:org/x", "organisation", ("复旦大学",), "Fudan University")])
>>> [(m.start, m.end, m.known.iri) for m in index.find("由复旦大学新闻学院发布")]
[(1, 5, 'ngr:org/x')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

#: The order of administrative levels, broadest first (the last part of ``ng:adminLevel``).
LEVELS: dict[str, int] = {"Country": 0, "ProvinceLevel": 1, "PrefectureLevel": 2,
                          "CountyLevel": 3, "TownshipLevel": 4}


@dataclass(frozen=True)
class Known:
    """A resource of the graph the extractor can name.

    Attributes
    ----------
    iri : str
        Its IRI.
    kind : {"place", "organisation", "platform", "theme", "case"}
    names : tuple of str
        Its zh names (label, preferred and alternative labels).
    en : str
        An English label ("" if none).
    code : str or None
        A place's GB/T 2260 code.
    parent : str or None
        The IRI of what it is part of.
    level : int or None
        A place's administrative level (:data:`LEVELS`; ``None`` when not stated).
    """

    iri: str
    kind: str
    names: tuple[str, ...]
    en: str = ""
    code: str | None = None
    parent: str | None = None
    level: int | None = None

    @property
    def name(self) -> str:
        """The first zh name (its ``rdfs:label``)."""
        return self.names[0]


@dataclass(frozen=True)
class Mention:
    """An occurrence of a name in a text."""

    start: int
    end: int
    text: str
    known: Known


class NameIndex:
    """Names of known resources and where they occur in a text.

    Parameters
    ----------
    known : iterable of Known
        The resources.
    extra_names : iterable of (str, Known), optional
        More names to look for (e.g. a place's short name, 安吉 for 安吉县).
    """

    def __init__(self, known: Iterable[Known],
                 extra_names: Iterable[tuple[str, Known]] = ()) -> None:
        self.known = list(known)
        self.by_name: dict[str, list[Known]] = {}
        for item in self.known:
            for name in item.names:
                self._add(name, item)
        for name, item in extra_names:
            self._add(name, item)
        self._last: tuple[str, list[Mention]] | None = None
        self._folded: dict[str, list[Known]] | None = None
        self._lengths: dict[str, list[int]] = {}
        for name in self.by_name:
            self._lengths.setdefault(name[0], []).append(len(name))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)

    def _add(self, name: str, item: Known) -> None:
        if len(name) >= 2:
            bucket = self.by_name.setdefault(name, [])
            if item not in bucket:
                bucket.append(item)

    def named(self, text: str, kind: str) -> list[Known]:
        """Return the resources of ``kind`` one of whose names is ``text`` (folded)."""
        from ..terms import fold

        if self._folded is None:
            self._folded = {}
            for name, items in self.by_name.items():
                self._folded.setdefault(fold(name), []).extend(items)
        return [k for k in self._folded.get(fold(text), ()) if k.kind == kind]

    def find(self, text: str, kind: str | None = None) -> list[Mention]:
        """Return every occurrence of every name (of ``kind``), nested ones too, in order.

        At one position the longest name comes first.
        """
        if self._last is None or self._last[0] is not text:
            out: list[Mention] = []
            lengths, by_name = self._lengths, self.by_name
            for i, ch in enumerate(text):
                for length in lengths.get(ch, ()):
                    name = text[i:i + length]
                    for item in by_name.get(name, ()):
                        out.append(Mention(i, i + length, name, item))
            self._last = (text, out)  # the finders of one article ask for one kind each
        found = self._last[1]
        return list(found) if kind is None else [m for m in found if m.known.kind == kind]


_LEVEL_SUFFIX = re.compile(r"(?:壮族|回族|维吾尔|藏族)?自治区$|特别行政区$|省$|市$|县$|区$")


def short_names(item: Known) -> list[str]:
    """Return the names a place goes by without its type: 安吉 for 安吉县, 广西 for 广西壮族自治区.

    Only for provinces, prefectures and counties, and only when two characters or more remain.

    Examples
    --------
    >>> short_names(Known("p", "place", ("广西壮族自治区",), level=1))
    ['广西']
    >>> short_names(Known("p", "place", ("鄞州区",), level=3))
    ['鄞州']
    """
    if item.kind != "place" or item.level not in (1, 2, 3):
        return []
    out = []
    for name in item.names:
        short = _LEVEL_SUFFIX.sub("", name)
        if short != name and len(short) >= 2:
            out.append(short)
    return out


_CACHE: dict[int, tuple[Any, object, NameIndex]] = {}


def graph_names(dataset: Dataset, *, refresh: bool = False) -> NameIndex:
    """Return the :class:`NameIndex` of ``dataset``'s places, organisations, platforms, themes.

    Read once per dataset and kept (the extractor is called again and again on one loaded
    graph), and read again when the gazetteer has been loaded since, or with ``refresh=True``
    (after adding resources whose names should be found). Places also go by their short names
    (:func:`short_names`, and the ``skos:altLabel`` the gazetteer gives each division).
    """
    state = _gazetteer_state(dataset)
    cached = _CACHE.get(id(dataset))
    if not refresh and cached is not None and cached[0] is dataset and cached[1] == state:
        return cached[2]
    from ..query.engine import execute, with_base
    from ..resources import query_text

    rows: dict[tuple[str, str], dict[str, Any]] = {}
    outcome = execute(dataset, with_base(query_text("extract", "names")))
    for resource, kind, label, main, en, code, parent, level in outcome.rows:
        key = (str(resource), str(kind))
        entry = rows.setdefault(key, {"names": [], "en": "", "code": None, "parent": None,
                                      "level": None, "main": None})
        entry["main"] = min(filter(None, (entry["main"], main and str(main))), default=None)
        if str(label) not in entry["names"]:
            entry["names"].append(str(label))
        entry["en"] = entry["en"] or (str(en) if en is not None else "")
        entry["code"] = entry["code"] or (str(code) if code is not None else None)
        entry["parent"] = entry["parent"] or (str(parent) if parent is not None else None)
        if level is not None:
            entry["level"] = LEVELS.get(str(level).rsplit("#", 1)[-1], entry["level"])
    known = []
    for (iri, kind), entry in sorted(rows.items()):
        names = sorted(entry["names"], key=lambda n: (n != entry["main"], n))
        known.append(Known(iri, kind, tuple(names), entry["en"], entry["code"],
                           entry["parent"], entry["level"]))
    extra = [(short, item) for item in known for short in short_names(item)]
    index = NameIndex(known, extra)
    _CACHE.clear()
    _CACHE[id(dataset)] = (dataset, state, index)
    return index


def _gazetteer_state(dataset: Dataset) -> object:
    """Whether ``dataset`` holds the gazetteer's named graph (``None`` if it is not installed)."""
    import sys

    module = sys.modules.get(__name__.rsplit(".", 2)[0] + ".gazetteer")
    graph = getattr(module, "GAZETTEER_GRAPH", None)
    if graph is None:
        return None
    from ..stores import has_graph

    return has_graph(dataset, graph)
