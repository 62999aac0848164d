"""The store seam: ``open_store(spec)`` returns an rdflib :class:`~rdflib.Dataset`.

Every store is an rdflib ``Dataset`` whose default graph is the union of its named graphs, so
the rest of the library (queries, networks, export, validation) works the same on each.

========================  ===================================================================
spec                      store
========================  ===================================================================
``"memory"``              rdflib's in-memory store (the default)
``"oxigraph"``            Oxigraph in memory, through oxrdflib (``pip install netgov-kg[fast]``)
``"oxigraph:/a/path"``    Oxigraph on disk: persists between runs
``"sparql:http://…"``     a remote SPARQL 1.1 endpoint
========================  ===================================================================

Examples
--------
>>> ds = open_store("memory")
>>> ds.default_union
True
"""

from __future__ import annotations

from rdflib import Dataset

from ..errors import StoreError

_KINDS = ("memory", "oxigraph", "sparql")


def open_store(spec: str = "memory") -> Dataset:
    """Open the store named by ``spec`` and return it as an rdflib Dataset.

    Parameters
    ----------
    spec : str
        ``"memory"``, ``"oxigraph"``, ``"oxigraph:PATH"`` or ``"sparql:URL"``.

    Returns
    -------
    rdflib.Dataset
        An empty (or, for a persistent store, previously filled) dataset with
        ``default_union=True``.

    Raises
    ------
    StoreError
        If the spec names no known store, or the store cannot be opened.

    Examples
    --------
    >>> try:
    ...     open_store("nosuch")
    ... except StoreError as exc:
    ...     print(exc)
    unknown store 'nosuch': use one of memory, oxigraph, oxigraph:PATH, sparql:URL
    """
    kind, _, arg = spec.partition(":")
    if kind == "memory" and not arg:
        from .memory import open_memory

        return open_memory()
    if kind == "oxigraph":
        from .oxigraph import open_oxigraph

        return open_oxigraph(arg or None)
    if kind == "sparql" and arg:
        from .remote import open_remote  # type: ignore[import-not-found]

        return open_remote(arg)
    raise StoreError(
        f"unknown store {spec!r}: use one of memory, oxigraph, oxigraph:PATH, sparql:URL"
    )


def store_kind(dataset: Dataset) -> str:
    """Return ``"memory"``, ``"oxigraph"`` or ``"sparql"`` for a dataset made by :func:`open_store`.

    Examples
    --------
    >>> store_kind(open_store("memory"))
    'memory'
    """
    name = type(dataset.store).__name__
    if name == "OxigraphStore":
        return "oxigraph"
    if "SPARQL" in name:
        return "sparql"
    return "memory"


__all__ = ["open_store", "store_kind", "_KINDS"]
