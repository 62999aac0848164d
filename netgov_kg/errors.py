"""Exceptions raised for users' own mistakes.

Each carries enough to say *what* went wrong and *where* (file, line, column, field), so that
the command line can print it without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class NetgovError(Exception):
    """Base class of every error the library raises for bad input."""


@dataclass
class Location:
    """Where a problem is: a file (or ``<string>``), a line, a column and a field."""

    source: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.source or "<input>"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)


class InputError(NetgovError):
    """Bad input: a file that is missing or does not parse, a bad value, a bad template."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location or Location()
        super().__init__(f"{self.location}: {message}" if location else message)


class QuerySyntaxError(InputError):
    """A SPARQL query that does not parse; the message shows the line, column and context."""


class UnknownNameError(NetgovError, KeyError):
    """An unknown named query, network or parameter; the message suggests close matches."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plainly
        return str(self.args[0]) if self.args else ""


class StoreError(NetgovError):
    """A store that cannot be opened (a bad spec, a locked directory, an unreachable server)."""


class QueryTooLarge(InputError):
    """A query over the size, nesting or height limits of :mod:`netgov_kg.query.limits`."""


class UnknownFormat(InputError, UnknownNameError, ValueError):
    """A format name (or file extension) that :mod:`netgov_kg.formats` does not know.

    The message lists the accepted names. Raised by every path that takes a format: loading,
    export, results writers, the command line's ``--format`` and network files. It is an
    :class:`InputError`, an :class:`UnknownNameError` (a ``KeyError``) and a ``ValueError``,
    the three types raised for an unknown format before 0.2.0, so their ``except`` clauses
    keep working.

    Examples
    --------
    >>> from netgov_kg.formats import rdf_format
    >>> try:
    ...     rdf_format("docx")
    ... except ValueError as exc:
    ...     print(exc.name)
    docx
    """

    def __init__(self, message: str, location: Location | None = None, *,
                 name: str | None = None) -> None:
        self.name = name
        super().__init__(message, location)


class NetgovDeprecationWarning(DeprecationWarning):
    """A form of the API that keeps working but has a better replacement (the message names it).

    Filter the project's own deprecations with
    ``warnings.simplefilter("ignore", netgov_kg.NetgovDeprecationWarning)``.
    """


class UnknownResource(UnknownNameError):
    """No resource of the graph is named by what the user gave (an IRI, a CURIE or a label).

    Raised by :func:`netgov_kg.terms.resolve`, and so by every entry point that takes a
    resource (``describe``, ``similar_cases``, named-query parameters, templates). It is an
    :class:`UnknownNameError`, as the unknown labels of earlier versions were.
    """


class AmbiguousResource(InputError):
    """What the user gave names several resources; ``candidates`` lists them (IRIs, sorted).

    Raised by :func:`netgov_kg.terms.resolve`. It is an :class:`InputError`, as the ambiguous
    labels of earlier versions were.
    """

    def __init__(self, message: str, candidates: list[str] | None = None,
                 location: Location | None = None) -> None:
        self.candidates = list(candidates or [])
        super().__init__(message, location)


class NetgovWarning(UserWarning):
    """Base class of the library's warnings: something accepted that the user should check."""


class ImplausibleValueWarning(NetgovWarning):
    """A value that is allowed but rarely right (a share over 100 %, a negative count)."""
