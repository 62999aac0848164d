"""A parsed template that remembers where each value came from.

Both readers (YAML and CSV) produce a :class:`LocatedDocument`: plain nested dicts, lists and
strings, plus a table from each value's *path* (a tuple of keys and indexes) to the
:class:`~netgov_kg.errors.Location` it was read from. The template checker then reports any
problem at the file, line (or row), column and field where the user wrote it.

Examples
--------
>>> doc = LocatedDocument("cases.yaml", {"cases": [{"id": "x"}]},
...                       {("cases", 0, "id"): Location("cases.yaml", 3, 9)})
>>> str(doc.location(("cases", 0, "id")))
"cases.yaml, line 3, column 9, field 'cases[0].id'"
>>> str(doc.location(("cases", 0, "id", "zh")))  # the nearest known place
"cases.yaml, line 3, column 9, field 'cases[0].id.zh'"
>>> doc.error("bad id", ("cases", 0, "id")).message
'bad id'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Location

Path = tuple[str | int, ...]


def path_text(path: Sequence[str | int]) -> str:
    """Write a path the way a reader of the template thinks of it.

    Examples
    --------
    >>> path_text(("cases", 0, "figures", 2, "value"))
    'cases[0].figures[2].value'
    >>> path_text(())
    ''
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass
class LocatedDocument:
    """Nested template data with the location of every value.

    Parameters
    ----------
    source : str
        The file name, as it should appear in messages.
    data : Any
        Nested dicts, lists and strings.
    locations : dict
        Path -> :class:`~netgov_kg.errors.Location` (``field`` may be unset; it is filled in
        from the path when asked for).
    """

    source: str
    data: Any
    locations: dict[Path, Location] = field(default_factory=dict)

    def location(self, path: Sequence[str | int]) -> Location:
        """Return the location of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        name = path_text(path) or None
        for cut in range(len(path), -1, -1):
            found = self.locations.get(path[:cut])
            if found is not None:
                return Location(found.source or self.source, found.line, found.column,
                                found.field or name)
        return Location(self.source, None, None, name)

    def error(self, message: str, path: Sequence[str | int]) -> InputError:
        """Return an :class:`~netgov_kg.errors.InputError` located at ``path``."""
        return InputError(message, self.location(path))
