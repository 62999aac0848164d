"""Oxigraph through oxrdflib: in memory, or on disk when a path is given.

An on-disk store persists between runs. Its graphs keep fixed IRIs (``ngr:graph/…``, and the
dataset's default graph is rdflib's fixed ``urn:x-rdflib:default``), so a reopened store shows
the triples it was given. Oxigraph locks the directory: opening it a second time while it is
open (in this process or another) raises :class:`~netgov_kg.errors.StoreError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef

from ..errors import StoreError
from ..formats import oxrdflib_parsers
from ..namespaces import bind_prefixes

#: ``xsd:string``: a literal of this type is returned as a plain literal.
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Every name of an RDF format Oxigraph reads (rdflib's, media types, extensions...) mapped to
#: the oxrdflib parser that parses it straight into the store (from :mod:`netgov_kg.formats`).
OX_FORMATS = oxrdflib_parsers()


def _oxrdflib():  # noqa: ANN202 - a module
    try:
        import oxrdflib
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError(
            "the oxigraph store needs oxrdflib and pyoxigraph (core dependencies): "
            "reinstall netgov-kg, or use store='memory'"
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


# -- what the rest of the library may ask of an Oxigraph store (through capabilities) ---------
def is_on_disk(dataset: Dataset) -> bool:
    """Return whether ``dataset``'s Oxigraph store lives on disk (it persists)."""
    return getattr(dataset.store, "path", None) is not None


def native_store(dataset: Dataset) -> Any:
    """Return the ``pyoxigraph.Store`` behind an oxrdflib-backed dataset."""
    return dataset.store._inner  # type: ignore[attr-defined]


def native_update(native: Any, text: str, prefixes: Mapping[str, str]) -> None:
    """Run a SPARQL Update on the Oxigraph store ``native`` (its real default graph)."""
    native.update(text, prefixes=dict(prefixes))


def _tuple(term: Any) -> tuple[str, str, str | None, str | None] | None:
    """Return a pyoxigraph term as the server's term tuple (see ``query.formats.Term``)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        lang = term.language
        return ("literal", term.value, lang, None if lang else term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    return ("triple", str(term), None, None)


def _plain(term: Any) -> Any:
    """Return a pyoxigraph term as rdflib's, an ``xsd:string`` literal as a plain one."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language or datatype == _XSD_STRING:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(datatype))
    return URIRef(str(term))


def _rdflib(term: Any) -> Any:
    """Return a pyoxigraph term as rdflib's, the way oxrdflib converts it (``None`` stays)."""
    from oxrdflib._converter import from_ox

    return None if term is None else from_ox(term)


#: Term converters by name: rdflib terms (as oxrdflib gives them) or the server's tuples.
CONVERTERS = {"rdflib": _rdflib, "tuple": _tuple}


def native_query(
    native: Any,
    text: str,
    *,
    prefixes: Mapping[str, str],
    bindings: Mapping[str, Any],
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    union: bool = True,
    terms: str = "rdflib",
) -> tuple[str, Any]:
    """Run ``text`` on Oxigraph's own engine.

    Parameters
    ----------
    native : pyoxigraph.Store
        The store (:attr:`~netgov_kg.stores.capabilities.Capabilities.native`).
    text : str
        The query, run as it is.
    prefixes : mapping of str to str
        Pre-bound prefixes.
    bindings : mapping of str to rdflib term
        Values substituted for variables (SEP-0007): only projected variables.
    default_graphs, named_graphs : sequence of str
        The protocol's dataset (``default-graph-uri``, ``named-graph-uri``).
    union : bool
        Whether the default graph is the union of the named graphs (when no dataset is given
        by the request or by the query's own ``FROM``).
    terms : {"rdflib", "tuple"}
        How solution terms come back.

    Returns
    -------
    tuple
        ``("ask", bool)``, ``("select", (variables, rows))`` with rows as tuples of converted
        terms, or ``("graph", triples)`` of rdflib terms.
    """
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    options: dict[str, Any] = {"prefixes": dict(prefixes)}
    if default_graphs or named_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    elif union:
        options["use_default_graph_as_union"] = True
    if bindings:
        options["substitutions"] = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
    result = native.query(text, **options)
    if isinstance(result, ox.QueryBoolean):
        return "ask", bool(result)
    if isinstance(result, ox.QuerySolutions):
        convert = CONVERTERS[terms]
        variables = [v.value for v in result.variables]
        rows: Iterator[tuple[Any, ...]] = (
            tuple(convert(sol[v]) for v in variables) for sol in result
        )
        return "select", (variables, rows)
    convert_term = _plain if terms == "tuple" else _rdflib
    triples = (
        (convert_term(t.subject), convert_term(t.predicate), convert_term(t.object))
        for t in result
    )
    return "graph", triples


def check_syntax(text: str, prefixes: Mapping[str, str]) -> SyntaxError | None:
    """Return Oxigraph's syntax error for ``text`` (run on an empty store), else ``None``.

    Oxigraph's error positions are exact, pyparsing's are where backtracking began. The
    caller must never pass a text in which Oxigraph could read a SERVICE.
    """
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - depends on the install
        return None
    try:
        pyoxigraph.Store().query(text, prefixes=dict(prefixes))
    except SyntaxError as exc:
        return exc
    except Exception:  # noqa: BLE001 - only a syntax check
        return None
    return None
