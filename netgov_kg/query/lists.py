r"""Put the lists inside result cells (``GROUP_CONCAT``) in one defined order on every engine.

SPARQL leaves the order of the values that ``GROUP_CONCAT`` joins undefined, and rdflib,
Oxigraph and Virtuoso each use their own. The library and the command line sort every such list
by code point (Python's ``sorted`` on the items) so that a named query or a user's query gives
the same text on every store. The raw answers of the server's ``/sparql`` endpoint are not
touched.

Which variables hold lists is read from the query text: a ``GROUP_CONCAT`` with an explicit
``separator``, alone or inside ``STR`` or as the first argument of a ``COALESCE``, bound with
``AS ?v`` (in a SELECT expression or a ``BIND``), and every variable bound the same way from
such a variable (``(COALESCE(?zh, "") AS ?themes_zh)``, ``(?zh AS ?names)``). A
``GROUP_CONCAT`` without a separator (a space) is left as the engine gives it: its items may
hold spaces, so they cannot be told apart. An item that holds its separator is split at it
(choose a separator the items do not contain). A list cell is a simple literal on every engine,
as SPARQL 1.1 defines ``GROUP_CONCAT``: Oxigraph keeps the language tag that all the items
share, rdflib does not (docs/engine-differences.md), so the library drops it.

Examples
--------
>>> sep = list_variables('SELECT (GROUP_CONCAT(?l; separator="、") AS ?x) WHERE {}')
>>> sep
{'x': '、'}
>>> from rdflib import Literal
>>> sort_cell(Literal("数据治理、党建", lang="zh"), "、")
rdflib.term.Literal('党建、数据治理')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..iris import XSD_STRING
from .lexer import scan

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

#: A string placeholder in the code-only text: ``"§3"`` is the fourth string of the query.
_STRING = r'"§(\d+)"'
_VAR = r"[?$](\w+)"
_AS = r"\s+AS\s+" + _VAR
#: ``GROUP_CONCAT(<an expression, parentheses one level deep> ; separator = "…")``.
_CONCAT = r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?;\s*SEPARATOR\s*=\s*" + _STRING + r"\s*\)"
_OPEN = r"\(\s*(?:(?:COALESCE|STR)\s*\(\s*)*"
_CLOSE = r"(?:\s*\)|\s*,\s*" + _STRING + r"\s*\))*"
#: ``(GROUP_CONCAT(…) AS ?v``, also inside ``STR(…)`` and ``COALESCE(…, "")``.
_DIRECT = re.compile(_OPEN + _CONCAT + _CLOSE + _AS, re.I)
#: ``(?u AS ?v``, also inside ``STR(…)`` and ``COALESCE(…, "")``.
_RENAME = re.compile(_OPEN + _VAR + _CLOSE + _AS, re.I)


def _code_with_placeholders(sparql: str) -> tuple[str, list[str]]:
    """Return the query with comments and IRIs blanked and strings as numbered placeholders."""
    strings: list[str] = []
    parts: list[str] = []
    for segment in scan(sparql):
        if segment.kind == "code":
            parts.append(segment.text)
        elif segment.kind == "string":
            strings.append(_string_value(segment.text))
            parts.append(f'"§{len(strings) - 1}"')
        else:
            parts.append(" ")
    return "".join(parts), strings


def _string_value(token: str) -> str:
    r"""Return the value of a SPARQL string token (quotes removed, ``\"``-style escapes read).

    Examples
    --------
    >>> _string_value("'''a'b'''"), _string_value(r'"\t;"')
    ("a'b", '\t;')
    """
    quote = 3 if token[:3] in ('"""', "'''") else 1
    body = token[quote:-quote] if len(token) >= 2 * quote else token[quote:]
    escapes = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), body)


def list_variables(sparql: str) -> dict[str, str]:
    """Return ``{variable: separator}`` for the variables of ``sparql`` that hold lists.

    Examples
    --------
    >>> list_variables('''SELECT ?c (COALESCE(?zh, "") AS ?themes) WHERE {
    ...   { SELECT ?c (GROUP_CONCAT(DISTINCT ?t; SEPARATOR="; ") AS ?zh) WHERE {} GROUP BY ?c }
    ... }''')
    {'zh': '; ', 'themes': '; '}
    >>> list_variables('SELECT (COALESCE(STR(GROUP_CONCAT(?t; separator=",")), "") AS ?x) {}')
    {'x': ','}
    >>> list_variables('SELECT (GROUP_CONCAT(?t) AS ?x) (CONCAT(?x, "!") AS ?y) WHERE {}')
    {}
    """
    text, strings = _code_with_placeholders(sparql)
    found = {m.group(3): strings[int(m.group(1))] for m in _DIRECT.finditer(text)}
    renames = [(m.group(1), m.group(3)) for m in _RENAME.finditer(text)]
    changed = True
    while changed:  # follow renames until nothing new is found
        changed = False
        for source, target in renames:
            if source in found and target not in found:
                found[target] = found[source]
                changed = True
    return found


def sorted_items(text: str, separator: str) -> str:
    """Return the list ``text`` with its items (split at ``separator``) sorted by code point.

    Examples
    --------
    >>> sorted_items("b; a; c", "; ")
    'a; b; c'
    """
    return separator.join(sorted(text.split(separator)))


def sort_cell(term: Node | None, separator: str) -> Node | None:
    """Return a list cell as a simple literal with its items sorted; other terms unchanged."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if not isinstance(term, Literal) or term.datatype not in (None, XSD.string):
        return term
    return Literal(sorted_items(str(term), separator))


def sort_term_cell(term: Any, separator: str) -> Any:
    """:func:`sort_cell` for a term tuple ``(kind, value, language, datatype)`` (no rdflib).

    Examples
    --------
    >>> sort_term_cell(("literal", "b、a", "zh", None), "、")
    ('literal', 'a、b', None, None)
    >>> sort_term_cell(("literal", "2、1", None, "http://www.w3.org/2001/XMLSchema#integer"), "、")
    ('literal', '2、1', None, 'http://www.w3.org/2001/XMLSchema#integer')
    """
    if term is None or term[0] != "literal" or term[3] not in (None, XSD_STRING):
        return term
    return ("literal", sorted_items(term[1], separator), None, None)


def sort_rows(
    variables: list[str],
    rows: list[tuple[Any, ...]],
    lists: Mapping[str, str],
    *,
    cell: Callable[[Any, str], Any] = sort_cell,
) -> list[tuple[Any, ...]]:
    """Return ``rows`` with the cells of the list ``variables`` sorted.

    ``cell`` sorts one cell: :func:`sort_cell` for rdflib terms (the default),
    :func:`sort_term_cell` for term tuples.
    """
    columns = [(i, lists[v]) for i, v in enumerate(variables) if v in lists]
    if not columns:
        return rows
    out = []
    for row in rows:
        cells = list(row)
        for i, separator in columns:
            cells[i] = cell(cells[i], separator)
        out.append(tuple(cells))
    return out
