"""The query guard, kept importable from here: it lives in :mod:`netgov_kg.query.guard`.

The library (``kg.query``, the command line) and the server check queries with the same
rules, so the guard is in :mod:`netgov_kg.query`, which needs no server dependency.
"""

from __future__ import annotations

from ..query.guard import (
    BadQuery,
    Checked,
    GuardError,
    Refused,
    check_query,
    check_update,
    prepare,
)

__all__ = [
    "BadQuery", "Checked", "GuardError", "Refused", "check_query", "check_update", "prepare",
]
