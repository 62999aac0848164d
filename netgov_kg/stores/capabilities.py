"""What a store can do, in one object: the only place that tells the stores apart.

The rest of the library never looks at a store's class or internals: it asks
:func:`capabilities` and reads the answer (the engine's name, whether the store persists,
Oxigraph's own query function when there is one, the parser names the store reads fastest).

Examples
--------
>>> from netgov_kg.stores import open_store
>>> caps = capabilities(open_store("memory"))
>>> caps.engine, caps.persistent, caps.native is None
('memory', False, True)
>>> capabilities(open_store("oxigraph")).engine
'oxigraph'
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset


@dataclass(frozen=True)
class Capabilities:
    """What one store can do.

    Attributes
    ----------
    engine : str
        ``"memory"`` (rdflib), ``"oxigraph"`` or ``"sparql"`` (a remote endpoint).
    persistent : bool
        Whether the store outlives the process (Oxigraph on disk, a SPARQL server).
    supports_update : bool
        Whether SPARQL Update can run on it.
    native : object or None
        The store's own SPARQL engine (a ``pyoxigraph.Store``), used in place of rdflib's
        engine; ``None`` where rdflib's engine (or the remote server) answers.
    parsers : mapping of str to str
        rdflib format names mapped to the parser the store reads fastest (Oxigraph's own).
    """

    engine: str
    persistent: bool = False
    supports_update: bool = True
    native: Any = None
    parsers: Mapping[str, str] = field(default_factory=dict)

    def parser(self, fmt: str) -> str:
        """Return the parser name to read rdflib format ``fmt`` into this store.

        Examples
        --------
        >>> Capabilities("memory").parser("turtle")
        'turtle'
        """
        return self.parsers.get(fmt, fmt)


def _is_instance(obj: Any, module: str, name: str) -> bool:
    """Whether ``obj`` is an instance of ``module.name``, without importing ``module``.

    A store of a class from a module that was never imported cannot exist, so this costs
    nothing on the memory store.
    """
    loaded = sys.modules.get(module)
    cls = getattr(loaded, name, None) if loaded is not None else None
    return cls is not None and isinstance(obj, cls)


def capabilities(dataset: Dataset) -> Capabilities:
    """Return the :class:`Capabilities` of the store behind ``dataset``.

    Examples
    --------
    >>> from netgov_kg.stores import open_store
    >>> capabilities(open_store("memory")).supports_update
    True
    """
    store = dataset.store
    if _is_instance(store, "oxrdflib", "OxigraphStore"):
        from .oxigraph import OX_FORMATS, is_on_disk, native_store

        return Capabilities(
            "oxigraph", persistent=is_on_disk(dataset), native=native_store(dataset),
            parsers=OX_FORMATS,
        )
    if _is_instance(store, "rdflib.plugins.stores.sparqlstore", "SPARQLStore"):
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        return Capabilities(
            "sparql", persistent=True, supports_update=isinstance(store, SPARQLUpdateStore)
        )
    return Capabilities("memory")
