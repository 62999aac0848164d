"""Oxigraph through oxrdflib: in memory, or on disk when a path is given.

An on-disk store persists between runs. Its graphs keep fixed IRIs (``ngr:graph/…``, and the
dataset's default graph is rdflib's fixed ``urn:x-rdflib:default``), so a reopened store shows
the triples it was given. Oxigraph locks the directory: opening it a second time while it is
open (in this process or another) raises :class:`~netgov_kg.errors.StoreError`.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from ..errors import StoreError
from ..namespaces import bind_prefixes

#: rdflib parser names whose Oxigraph equivalent parses straight into the store.
OX_FORMATS = {
    "turtle": "ox-turtle", "ttl": "ox-turtle", "nt": "ox-nt", "ntriples": "ox-nt",
    "nt11": "ox-nt", "nquads": "ox-nquads", "trig": "ox-trig", "xml": "ox-xml",
    "n3": "ox-n3", "json-ld": "ox-json-ld",
}


def _oxrdflib():  # noqa: ANN202 - a module
    try:
        import oxrdflib
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError(
            "the oxigraph store needs oxrdflib: pip install 'netgov-kg[fast]'"
        ) from exc
    return oxrdflib


def open_oxigraph(path: str | None = None) -> Dataset:
    """Return an Oxigraph-backed dataset, in memory or persisted at ``path``.

    Parameters
    ----------
    path : str or None
        A directory for an on-disk store (created if missing); ``None`` keeps the store in
        memory.

    Raises
    ------
    StoreError
        If ``path`` is a file, or the directory is already open (Oxigraph's lock).

    Examples
    --------
    >>> ds = open_oxigraph()
    >>> type(ds.store).__name__
    'OxigraphStore'
    >>> import tempfile, os
    >>> folder = os.path.join(tempfile.mkdtemp(), "kg")
    >>> first = open_oxigraph(folder)
    >>> open_oxigraph(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.StoreError: the Oxigraph store .../kg is already open (it is locked ...
    """
    oxrdflib = _oxrdflib()
    if path is None:
        store = oxrdflib.OxigraphStore()
    else:
        import pyoxigraph

        folder = Path(path).expanduser()
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"the Oxigraph store {folder} is a file, not a directory")
        try:
            inner = pyoxigraph.Store(str(folder))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"the Oxigraph store {folder} is already open (it is locked by this or "
                    "another process); reuse the open KnowledgeGraph, or close it first "
                    "with netgov_kg.stores.close_store(kg.dataset)"
                ) from exc
            raise StoreError(f"cannot open the Oxigraph store {folder}: {exc}") from exc
        store = oxrdflib.OxigraphStore(store=inner)
        store.path = folder  # marks an on-disk (persistent) store
    dataset = Dataset(store=store, default_union=True)
    return bind_prefixes(dataset)


class _Closed:
    """Stands in for a closed pyoxigraph store: any use raises a clear error."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __getattr__(self, name: str) -> None:
        raise StoreError(f"the Oxigraph store {self._path} is closed")


def close_oxigraph(dataset: Dataset) -> None:
    """Release an on-disk store's files and lock; the dataset is unusable afterwards.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = os.path.join(tempfile.mkdtemp(), "kg")
    >>> ds = open_oxigraph(folder)
    >>> close_oxigraph(ds)
    >>> len(open_oxigraph(folder))  # the lock is free again
    0
    >>> len(ds)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.StoreError: the Oxigraph store .../kg is closed
    """
    store = dataset.store
    inner = getattr(store, "_store", None)
    if inner is not None:
        inner.flush()
    store._store = _Closed(getattr(store, "path", Path("<memory>")))  # type: ignore[attr-defined]
