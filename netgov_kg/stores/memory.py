"""rdflib's in-memory store."""

from __future__ import annotations

from rdflib import Dataset

from ..namespaces import bind_prefixes


def open_memory() -> Dataset:
    """Return an empty in-memory dataset whose default graph is the union of its graphs.

    Examples
    --------
    >>> len(open_memory())
    0
    """
    return bind_prefixes(Dataset(default_union=True))
