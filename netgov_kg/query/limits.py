"""Bound a query's size before any engine sees it.

Both engines parse recursively: 500 nested braces end rdflib in a ``RecursionError``, and a
long enough ``FILTER(1+1+…)`` (about 4,000 terms) or a few thousand nested groups overflow
Oxigraph's stack and kill the process. :func:`check_limits` measures the text itself (its
length, how deep its brackets nest and how tall its expression trees can grow) and refuses a
query past a limit with :class:`~netgov_kg.errors.QueryTooLarge`, before anything is parsed.
The limits are far beyond what any real query needs (the named queries nest at most 9 deep
and chain at most 50 operators).

Examples
--------
>>> check_limits("SELECT * WHERE { ?s ?p ?o }")
>>> check_limits("ASK " + "{" * 30 + "}" * 30)
Traceback (most recent call last):
...
netgov_kg.errors.QueryTooLarge: the query nests brackets 30 deep; the limit is 24
"""

from __future__ import annotations

import re

from ..errors import QueryTooLarge
from .lexer import scan

#: Longest query text accepted, in characters.
MAX_QUERY_CHARS = 100_000
#: Deepest nesting of ``{``, ``(`` and ``[`` accepted.
MAX_NESTING = 24
#: Tallest expression or pattern tree accepted (see :func:`measure`).
MAX_HEIGHT = 1_000

_OPENING = "{(["
_CLOSING = "})]"
#: Tokens that add a level to the parse tree: binary and unary operators, path operators,
#: and the keywords that join group patterns.
_TOKEN = re.compile(
    r"\|\||&&|!=|<=|>=|[=<>+\-*/|^!{}()\[\]]|(?<![\w?$:.@\-])(?:UNION|OPTIONAL|MINUS)(?![\w:\-])",
    re.I,
)


def measure(text: str) -> tuple[int, int]:
    """Return (bracket nesting, tree height) of ``text``, outside strings, IRIs and comments.

    The height is an upper bound of the parse tree's: the nesting depth plus, for every open
    bracket, the operators and sibling groups seen so far inside it (``1+1+1`` is a chain of
    two additions; ``{…} UNION {…}`` is a union of two groups).

    Examples
    --------
    >>> measure("SELECT * WHERE { FILTER(1+1+1) }")
    (2, 6)
    >>> measure("ASK { ?s ?p '((((' }")
    (1, 2)
    """
    counts: list[int] = [0]
    deepest = tallest = 0
    height = 0
    for segment in scan(text):
        if segment.kind != "code":
            continue
        for match in _TOKEN.finditer(segment.text):
            token = match.group(0)
            if token in _OPENING:
                counts[-1] += token == "{"  # a sibling group joins with the previous ones
                height += token == "{"
                counts.append(0)
                height += 1
                deepest = max(deepest, len(counts) - 1)
            elif token in _CLOSING:
                if len(counts) > 1:
                    height -= counts.pop() + 1
            else:
                counts[-1] += 1
                height += 1
            tallest = max(tallest, height)
    return deepest, tallest


def check_limits(text: str) -> None:
    """Refuse ``text`` when it is longer, nests deeper or grows taller than the limits.

    Raises
    ------
    QueryTooLarge
        Naming the limit that was passed and its value.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLarge(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    depth, height = measure(text)
    if depth > MAX_NESTING:
        raise QueryTooLarge(f"the query nests brackets {depth} deep; the limit is {MAX_NESTING}")
    if height > MAX_HEIGHT:
        raise QueryTooLarge(
            f"the query's expressions or patterns chain {height:,} operators deep; "
            f"the limit is {MAX_HEIGHT:,}"
        )
