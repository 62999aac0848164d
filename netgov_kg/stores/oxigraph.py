"""Oxigraph through oxrdflib: in memory, or on disk when a path is given."""

from __future__ import annotations

from rdflib import Dataset

from ..errors import StoreError
from ..namespaces import bind_prefixes


def open_oxigraph(path: str | None = None) -> Dataset:
    """Return an Oxigraph-backed dataset, in memory or persisted at ``path``.

    Parameters
    ----------
    path : str or None
        A directory for an on-disk store; ``None`` keeps the store in memory.

    Examples
    --------
    >>> ds = open_oxigraph()
    >>> type(ds.store).__name__
    'OxigraphStore'
    """
    try:
        from oxrdflib import OxigraphStore
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError(
            "the oxigraph store needs oxrdflib: pip install 'netgov-kg[fast]'"
        ) from exc
    if path is not None:
        raise StoreError("on-disk Oxigraph stores are not available yet")
    return bind_prefixes(Dataset(store=OxigraphStore(), default_union=True))
