"""Apply a SPARQL Update (only when the server allows it and the request has the token).

On an Oxigraph-backed graph the update runs on Oxigraph (it then sees the store's real
default graph; name graphs with ``GRAPH``). On rdflib's memory store it runs on a
ConjunctiveGraph view of the same store, whose default graph is the union of the graphs like
the endpoint's queries: rdflib 7.6's ``Dataset.update`` fails on ``INSERT DATA`` into the
default graph of a union dataset.

Examples
--------
>>> from rdflib import Dataset, URIRef
>>> ds = Dataset(default_union=True)
>>> apply_update(ds, "INSERT DATA { <urn:a> <urn:p> <urn:b> }")
>>> (URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")) in ds
True
"""

from __future__ import annotations

import warnings
from typing import Any


def apply_update(dataset: Any, text: str) -> None:
    """Run the (already checked) update ``text`` on ``dataset`` with the usual prefixes.

    ``text`` is the guard's checked text (:attr:`netgov_kg.query.guard.Checked.text`), which
    holds the ``BASE`` of every path.
    """
    from ..namespaces import PREFIXES
    from ..query.engine import prefixes
    from ..stores import capabilities

    caps = capabilities(dataset)
    if caps.native is not None:
        from ..stores.oxigraph import native_update

        native_update(caps.native, text, prefixes())
        return
    store = dataset.store
    from rdflib import ConjunctiveGraph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        view = ConjunctiveGraph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
        view.update(text, initNs=dict(PREFIXES))
