"""The byte-bounded cache, kept importable from here: it lives in :mod:`netgov_kg.query.cache`."""

from __future__ import annotations

from ..query.cache import DEFAULT_BUDGET, ByteLRU, text_size

__all__ = ["DEFAULT_BUDGET", "ByteLRU", "text_size"]
