"""The named-query catalogue: the ``.rq`` files in ``netgov_kg/queries/``.

Each file starts with a header comment::

    # title@zh: 按主题列出案例
    # title@en: Cases by theme
    # description@zh: 具有某一主题的案例……
    # description@en: The cases that have a theme, with their place.
    # param theme (resource ng:Theme): the theme, as an IRI, a CURIE or a label
    # example: theme=党建

Parameter types: ``resource CLASS`` (an IRI, a CURIE such as ``ngr:theme/party-building`` or a
label in zh or en of a resource of that class), ``iri``, ``string``, ``integer``, ``decimal``,
``date`` (``2021-12-25``) and ``year`` (``2021``). Add ``optional`` to make a parameter
optional. Every parameter is a variable that the query's SELECT projects, so that each store
binds it natively.

Examples
--------
>>> names = [q.name for q in list_queries()]
>>> "cases-by-theme" in names
True
>>> get_query("cases-by-theme").params[0].name
'theme'
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Location, UnknownNameError
from ..resources import query_dir

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset

TYPES = ("resource", "iri", "string", "integer", "decimal", "date", "year")

_HEADER = re.compile(r"^#\s*([\w@-]+(?:\s+\w+)?)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str
    cls: str | None = None
    optional: bool = False
    description: str = ""

    def __str__(self) -> str:
        kind = f"{self.type} {self.cls}" if self.cls else self.type
        return f"{self.name} ({kind}{', optional' if self.optional else ''})"


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its name (the file's stem), titles, description, parameters and text."""

    name: str
    path: Path
    text: str
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()

    def __repr__(self) -> str:
        params = ", ".join(str(p) for p in self.params)
        return f"<NamedQuery {self.name}({params}): {self.title.get('en', '')}>"

    def param(self, name: str) -> Param:
        """Return the parameter ``name``; unknown names suggest close matches."""
        for p in self.params:
            if p.name == name:
                return p
        known = [p.name for p in self.params]
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownNameError(
            f"{self.name} has no parameter {name!r}"
            f" (its parameters: {', '.join(known) or 'none'}){hint}"
        )


def parse_header(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header comment.

    Raises
    ------
    InputError
        If a header line is malformed, naming the file and line.
    """
    text = path.read_text(encoding="utf-8")
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: list[Param] = []
    examples: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue  # a free comment line
        key, spec, value = match.group(1), match.group(2), match.group(3).strip()
        where = Location(str(path), number)
        if key.startswith(("title@", "description@")):
            kind, lang = key.split("@", 1)
            (title if kind == "title" else description)[lang] = value
        elif key.startswith("param "):
            params.append(_param(key.split()[1], spec or "", value, where))
        elif key == "example":
            examples.append(value)
    return NamedQuery(path.stem, path, text, title, description, tuple(params), tuple(examples))


def _param(name: str, spec: str, description: str, where: Location) -> Param:
    tokens = [t for t in re.split(r"[\s,]+", spec) if t]
    if not tokens or tokens[0] not in TYPES:
        raise InputError(f"parameter {name!r}: type must be one of {', '.join(TYPES)}", where)
    cls = next((t for t in tokens[1:] if ":" in t), None)
    return Param(name, tokens[0], cls, "optional" in tokens[1:], description)


@functools.lru_cache(maxsize=4)
def _catalogue(folder: Path) -> dict[str, NamedQuery]:
    return {p.stem: parse_header(p) for p in sorted(folder.glob("*.rq"))}


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Return every named query, sorted by name."""
    return list(_catalogue(folder or query_dir()).values())


def get_query(name: str, folder: Path | None = None) -> NamedQuery:
    """Return the named query ``name``.

    Raises
    ------
    UnknownNameError
        If there is none; the message suggests close names.

    Examples
    --------
    >>> get_query("case-by-theme")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownNameError: no named query 'case-by-theme'; did you mean cases-by-...
    """
    catalogue = _catalogue(folder or query_dir())
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownNameError(f"no named query {name!r}{hint} (netgov-kg queries lists them)")


def coerce(dataset: Dataset, param: Param, value: Any) -> Any:
    """Turn a user's value for ``param`` into an RDF term (labels and CURIEs resolved)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from ..terms import expand, resolve

    if isinstance(value, (URIRef, Literal)) and param.type not in ("resource", "iri"):
        return value
    text = str(value).strip()
    try:
        if param.type == "resource":
            cls = expand(param.cls) if param.cls else None
            return resolve(dataset, value if isinstance(value, URIRef) else text, cls)
        if param.type == "iri":
            iri = value if isinstance(value, URIRef) else expand(text)
            if iri is None:
                raise ValueError("not an IRI or a CURIE with a known prefix")
            return iri
        if param.type == "integer":
            return Literal(int(text))
        if param.type == "decimal":
            return Literal(Decimal(text))
        if param.type == "date":
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(text)
            return Literal(day)
        if param.type == "year":
            return Literal(f"{int(text):04d}", datatype=XSD.gYear)
    except (ValueError, InvalidOperation) as exc:
        raise InputError(f"parameter {param.name} ({param.type}): {text!r}: {exc}") from None
    return Literal(text)


def bind_params(query: NamedQuery, dataset: Dataset, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``params`` against the query's parameters and convert them to RDF terms.

    Raises
    ------
    UnknownNameError
        For a parameter the query does not have.
    InputError
        For a missing required parameter or a value of the wrong type.
    """
    for name in params:
        query.param(name)  # raises for unknown names
    missing = [p for p in query.params if not p.optional and params.get(p.name) is None]
    if missing:
        needed = "; ".join(f"{p}: {p.description}" for p in missing)
        example = f" (e.g. {query.examples[0]})" if query.examples else ""
        raise InputError(f"{query.name} needs the parameter {needed}{example}")
    return {
        name: coerce(dataset, query.param(name), value)
        for name, value in params.items()
        if value is not None
    }


def run_named(
    dataset: Dataset,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    folder: Path | None = None,
    allow_remote: bool = False,
) -> Any:
    """Run the named query ``name`` with ``params`` on ``dataset``.

    ``allow_remote`` is passed to :func:`netgov_kg.query.run_query` (a query of a user's
    folder with ``SERVICE`` or ``FROM`` is refused without it).

    Examples
    --------
    >>> import netgov_kg
    >>> rows = run_named(netgov_kg.load().dataset, "cases")
    >>> "case" in rows.vars
    True
    """
    from . import run_query

    query = get_query(name, folder)
    bindings = bind_params(query, dataset, params or {})
    return run_query(
        dataset, query.text, bindings, source=str(query.path), allow_remote=allow_remote
    )


def markdown_table(queries: list[NamedQuery] | None = None) -> str:
    """Return the catalogue as a Markdown table (the README's table is made with this)."""
    lines = [
        "| name | title | parameters | description |",
        "| --- | --- | --- | --- |",
    ]
    for q in queries if queries is not None else list_queries():
        params = ", ".join(f"`{p}`" for p in q.params) or "—"
        title = f"{q.title.get('en', '')} / {q.title.get('zh', '')}"
        lines.append(f"| `{q.name}` | {title} | {params} | {q.description.get('en', '')} |")
    return "\n".join(lines) + "\n"


#: The README's markers around the generated table.
README_MARKERS = ("<!-- named-queries:start -->\n", "<!-- named-queries:end -->")


def update_readme(path: Path) -> bool:
    """Rewrite the named-query table between :data:`README_MARKERS` in ``path``.

    Returns whether the file changed.
    """
    from ..atomic import atomic_write_text

    text = path.read_text(encoding="utf-8")
    start, end = README_MARKERS
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    new = f"{head}{start}{markdown_table()}{end}{tail}"
    if new != text:
        atomic_write_text(path, new)
    return new != text


if __name__ == "__main__":  # pragma: no cover - maintenance: python -m netgov_kg.query.catalogue
    import sys

    if len(sys.argv) > 1:
        changed = update_readme(Path(sys.argv[1]))
        print(f"{sys.argv[1]}: {'updated' if changed else 'already up to date'}")
    else:
        print(markdown_table(), end="")
