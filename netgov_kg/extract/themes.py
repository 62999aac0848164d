"""Themes of the graph's theme scheme named in article text, by preferred and alternative labels.

Examples
--------
>>> from netgov_kg.extract.names import Known, NameIndex
>>> index = NameIndex([Known("t/g", "theme", ("基层治理",), "grassroots governance")])
>>> [(m.theme.name, m.start) for m in find_themes("推动基层治理创新", index)]
[('基层治理', 2)]
"""

from __future__ import annotations

from dataclasses import dataclass

from .names import Known, NameIndex


@dataclass(frozen=True)
class ThemeMention:
    """A theme named at ``start``..``end`` (by ``text``, one of its labels)."""

    start: int
    end: int
    text: str
    theme: Known


def find_themes(text: str, index: NameIndex) -> list[ThemeMention]:
    """Return the themes named in ``text`` (simplified), in order.

    A label inside a longer label found at the same place (党建 inside 智慧党建) is left out.
    """
    found = [ThemeMention(m.start, m.end, m.text, m.known) for m in index.find(text, "theme")]
    return [m for m in found
            if not any(o is not m and o.start <= m.start and m.end <= o.end
                       and (o.end - o.start) > (m.end - m.start) for o in found)]
