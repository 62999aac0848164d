"""Plain-text tables whose columns line up with Chinese text (wide characters count twice).

Examples
--------
>>> print(text_table(["名称", "n"], [["成都", "1"], ["Yinchuan", "22"]]))
名称      n
--------  --
成都      1
Yinchuan  22
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes: East Asian wide characters take two.

    Examples
    --------
    >>> display_width("一网通办"), display_width("abc")
    (8, 3)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Return ``text`` with spaces after it up to ``width`` display columns."""
    return text + " " * (width - display_width(text))


def shorten(text: str, width: int) -> str:
    """Return ``text`` cut to at most ``width`` display columns, ending in ``…`` when cut.

    Examples
    --------
    >>> shorten("网络理政平台", 7), shorten("abc", 7)
    ('网络理…', 'abc')
    """
    if display_width(text) <= width:
        return text
    out, used = [], 1  # room for the ellipsis
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return ``header`` and ``rows`` as aligned columns, with a rule under the header."""
    table = [list(header), *(list(r) for r in rows)]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header))]
    lines = []
    for n, row in enumerate(table):
        lines.append("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
