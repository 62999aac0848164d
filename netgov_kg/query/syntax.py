r"""Turn the SPARQL parsers' errors into :class:`~netgov_kg.errors.QuerySyntaxError`.

Examples
--------
>>> err = syntax_error("SELECT ?s WHERE {\n  ?s ?p\n}", 2, 7, "expected an object")
>>> print(err)
<query>, line 2, column 7: expected an object
      1 | SELECT ?s WHERE {
      2 |   ?s ?p
        |       ^
      3 | }
"""

from __future__ import annotations

import re

from ..errors import Location, QuerySyntaxError

_OX_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def context(text: str, line: int, column: int, *, around: int = 1) -> str:
    """Return the lines around ``line`` (1-based) with a caret under ``column`` (1-based)."""
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    out = []
    for n in range(max(1, line - around), min(len(lines), line + around) + 1):
        out.append(f"{n:>7} | {lines[n - 1]}")
        if n == line:
            out.append(" " * 7 + " | " + " " * max(column - 1, 0) + "^")
    return "\n".join(out)


def syntax_error(
    text: str, line: int, column: int, message: str, *, source: str = "<query>"
) -> QuerySyntaxError:
    """Build a :class:`QuerySyntaxError` that shows the text around ``line``/``column``."""
    err = QuerySyntaxError(message, Location(source, line, column))
    err.args = (f"{err.location}: {message}\n{context(text, line, column)}",)
    return err


def from_exception(
    exc: BaseException, text: str, *, source: str = "<query>", shift: int = 0
) -> QuerySyntaxError:
    """Convert a pyparsing (rdflib) or Oxigraph syntax error raised for ``text``.

    ``shift`` is the length of a prologue that was put before ``text`` on its first line when
    the query ran; positions on line 1 are moved back by it.
    """
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    message = str(getattr(exc, "msg", "") or exc)
    match = _OX_POSITION.search(str(exc))
    if match:  # Oxigraph: "error at 3:8: expected one of ..."
        line, column = int(match.group(1)), int(match.group(2))
        message = match.group(3)
    message = " ".join(message.split())
    if "expected one of" in message:  # drop Oxigraph's character-class alternatives
        message = re.sub(r"\[[^\[\]]*\]", "", message)
        message = re.sub(r"(,\s*)+(?=,|$)", "", message).replace(", ,", ",").rstrip(", ")
        message = message.replace("expected one of", "expected one of:")
    if int(line or 1) == 1 and column:
        column = max(1, int(column) - shift)
    if len(message) > 200:
        message = message[:200] + "…"
    return syntax_error(text, int(line or 1), int(column or 1), message, source=source)
