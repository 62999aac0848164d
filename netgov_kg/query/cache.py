"""A least-recently-used cache bounded by the bytes its values hold, not by their number.

The query path and the server cache parsed and checked queries (one entry per distinct
text): a count-bounded cache of texts up to 100,000 characters could hold hundreds of
megabytes. :class:`ByteLRU` charges each entry the size its caller gives and drops the least
recently used entries while the total is over the budget; an entry larger than the whole
budget is not kept.

Examples
--------
>>> cache = ByteLRU(10)
>>> cache.put("a", 1, size=6)
>>> cache.put("b", 2, size=6)
>>> cache.get("a") is None, cache.get("b"), cache.size
(True, 2, 6)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

#: Bytes held by each of the server's query caches (per process).
DEFAULT_BUDGET = 32 * 1024 * 1024


class ByteLRU:
    """A thread-safe LRU mapping whose entries' total size stays within ``budget`` bytes.

    Parameters
    ----------
    budget : int
        The most bytes the entries may hold together.
    """

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Any | None:
        """Return the value for ``key`` (and mark it recently used), or ``None``."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: Any, *, size: int) -> None:
        """Store ``value`` under ``key``, charged ``size`` bytes; evict to stay in budget."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= old[1]
            if size > self.budget:
                return
            self._items[key] = (value, size)
            self.size += size
            while self.size > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._items.clear()
            self.size = 0


def text_size(text: str) -> int:
    """Return an estimate of the bytes a cached query costs: its text and its parse tree.

    rdflib's parse of a named query holds about a hundred times the text's size in objects,
    a long chain of operators up to seven hundred (measured with ``tracemalloc``); the height
    limit of :mod:`netgov_kg.query.limits` keeps such chains short.

    Examples
    --------
    >>> text_size("ASK {}")
    5296
    """
    return 4096 + 200 * len(text)
