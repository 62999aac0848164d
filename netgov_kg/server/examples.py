r"""The named queries offered as ready examples on the query page.

They come from the library's catalogue (:mod:`netgov_kg.query.catalogue`); when the catalogue
is not available, from the ``.rq`` files of :func:`netgov_kg.resources.query_dir`, titled by
their first comment line.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "cases.rq").write_text("# All cases\nSELECT ?c WHERE { ?c a ng:Case }\n")
>>> [(e.name, e.title) for e in examples_from_folder(folder)]
[('cases', 'All cases')]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Example:
    """One example query: its catalogue name, a title, the SPARQL text, and notes.

    ``notes`` describes the query and its parameters (variables the library binds; on the
    endpoint they are left open or bound with ``VALUES``).
    """

    name: str
    title: str
    text: str
    notes: str = ""


def examples_from_folder(folder: Path) -> list[Example]:
    """Read every ``*.rq`` in ``folder``; the first ``#`` comment line is the title."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")]
        found.append(Example(path.stem, comments[0] if comments else path.stem, text))
    return found


def _from_entry(entry: Any) -> Example | None:
    name = getattr(entry, "name", None) or (entry.get("name") if isinstance(entry, dict) else None)
    if not name:
        return None

    def pick(*keys: str) -> str | None:
        for key in keys:
            value = entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)
            if isinstance(value, str) and value:
                return value
        return None

    text = pick("text", "sparql", "query", "source")
    if text is None:
        return None
    title = getattr(entry, "title", None)
    if isinstance(title, dict):  # the catalogue's {"zh": ..., "en": ...}
        title = " / ".join(t for t in (title.get("zh"), title.get("en")) if t)
    description = getattr(entry, "description", None)
    notes = []
    if isinstance(description, dict):
        notes.extend(d for d in (description.get("zh"), description.get("en")) if d)
    for param in getattr(entry, "params", ()) or ():
        notes.append(f"?{getattr(param, 'name', param)}: {getattr(param, 'description', '')}")
    for example in getattr(entry, "examples", ()) or ():
        notes.append(f"e.g. {example}")
    return Example(str(name), title or pick("title", "description") or str(name), text,
                   "\n".join(notes))


def named_examples() -> list[Example]:
    """Return the named-query catalogue as examples (empty if there is none)."""
    try:
        from ..query.catalogue import list_queries
    except ImportError:
        from ..resources import query_dir

        folder = query_dir()
        return examples_from_folder(folder) if folder.is_dir() else []
    entries = list_queries()
    if isinstance(entries, dict):
        entries = list(entries.values())
    return [e for e in (_from_entry(x) for x in entries) if e is not None]
