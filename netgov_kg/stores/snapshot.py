"""The shipped graph in a bare ``pyoxigraph.Store``, from a cache of its parsed quads.

The command line's cold path (:mod:`netgov_kg.query.cold`) answers from this store without
importing rdflib or oxrdflib. The store holds what :func:`netgov_kg.load` reads first: the
ontology and the data, each file in its named graph (:func:`netgov_kg.resources.graph_name`),
parsed by Oxigraph's Turtle parser with the file's URI as base, as the oxigraph store parses
them.

The cache is one N-Quads file in the user's cache folder (``$XDG_CACHE_HOME/netgov-kg`` or
``~/.cache/netgov-kg`` on Linux, the platform's cache folder elsewhere, by ``platformdirs``).
It holds the files' quads in the parser's order, so the store answers rows in the same order
as the oxigraph store where ``ORDER BY`` leaves ties. Its name is a key: the cache format, the
package's version, pyoxigraph's version, and each file's graph and SHA-256. Any change to a
file gives another key, so an entry is never stale; an entry whose first line does not repeat
its key is not used.

- ``NETGOV_KG_CACHE=0`` (or ``off``, ``no``, ``false``) turns the cache off, as does the
  command line's ``--no-cache``; the files are then parsed on every run.
- The cache is written atomically (:func:`netgov_kg.atomic.atomic_path`); entries of other keys
  are removed when a new one is written.
- Only a regular file is read or replaced, and the folder ``netgov-kg`` must be a real folder:
  a symbolic link, a pipe or a device there is left alone and the cache is not used. Nothing
  else is ever read or written.
- A folder that cannot be created or written (a read-only or missing home) means no cache:
  the files are parsed, without a warning.

Examples
--------
>>> store = open_shipped(use_cache=False)
>>> len(store) > 4000
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The environment variable that turns the cache off (``0``, ``off``, ``no``, ``false``).
CACHE_ENV = "NETGOV_KG_CACHE"

#: Bump when what an entry holds changes in a way the key does not show.
CACHE_FORMAT = 1

_OFF = frozenset({"0", "off", "no", "false"})
_PREFIX = "shipped-"
_SUFFIX = ".nq"


def available() -> bool:
    """Return whether the default store is Oxigraph here (pyoxigraph and oxrdflib installed).

    Looks for the modules without importing them (oxrdflib imports rdflib); where either is
    missing, :func:`netgov_kg.stores.default_store` falls back to the memory store.
    """
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("pyoxigraph", "oxrdflib"))


def literals(store: Any, subject: str, prop: str) -> Iterator[tuple[str, str | None]]:
    """Yield ``(text, language)`` of the literal values of ``prop`` on ``subject`` in ``store``.

    In the store's order, as ``graph.objects(subject, prop)`` gives them on the oxigraph
    store (every named graph, duplicates kept).

    Examples
    --------
    >>> store = open_shipped(use_cache=False)
    >>> theme = "https://w3id.org/netgov-kg/id/theme/party-building"
    >>> sorted(literals(store, theme, "http://www.w3.org/2000/01/rdf-schema#label"))
    [('Party building', 'en'), ('党建', 'zh')]
    """
    import pyoxigraph as ox

    for quad in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(prop), None, None):
        if isinstance(quad.object, ox.Literal):
            yield quad.object.value, quad.object.language


def cache_enabled() -> bool:
    """Return whether the cache is on: ``NETGOV_KG_CACHE`` is not ``0``/``off``/``no``/``false``.

    Examples
    --------
    >>> import os
    >>> os.environ[CACHE_ENV] = "off"; cache_enabled()
    False
    >>> del os.environ[CACHE_ENV]; cache_enabled()
    True
    """
    return os.environ.get(CACHE_ENV, "").strip().lower() not in _OFF


def cache_folder() -> Path | None:
    """Return the folder of the cache (it may not exist yet), or ``None`` where there is none.

    Examples
    --------
    >>> cache_folder().name
    'netgov-kg'
    """
    try:
        from platformdirs import user_cache_path

        return user_cache_path("netgov-kg", appauthor=False)
    except Exception:  # noqa: BLE001 - no home, no user: no cache
        return None


def _sources() -> list[tuple[str, Path, bytes]]:
    """Return ``(graph IRI, path, bytes)`` of each shipped file, in loading order."""
    from ..resources import graph_name, shipped_files

    return [(graph_name(kind, path), path, path.read_bytes()) for kind, path in shipped_files()]


def cache_key(sources: list[tuple[str, Path, bytes]]) -> str:
    """Return the key of an entry: a SHA-256 of what the parsed store depends on.

    Examples
    --------
    >>> key = cache_key([("urn:g", Path("a.ttl"), b"<urn:a> <urn:b> <urn:c> .")])
    >>> len(key), key == cache_key([("urn:g", Path("a.ttl"), b"<urn:a> <urn:b> <urn:d> .")])
    (64, False)
    """
    import pyoxigraph

    from .. import __version__

    parts = [
        CACHE_FORMAT, __version__, pyoxigraph.__version__,
        [(graph, hashlib.sha256(data).hexdigest()) for graph, _, data in sources],
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def _header(key: str) -> bytes:
    return f"# netgov-kg shipped graph {key}\n".encode("ascii")


def _parse(sources: list[tuple[str, Path, bytes]]) -> Any:
    """Parse the shipped files into a new in-memory store (Oxigraph's bulk loader)."""
    import pyoxigraph as ox

    store = ox.Store()
    for graph, path, data in sources:
        store.bulk_load(
            data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri(),
            to_graph=ox.NamedNode(graph),
        )
    return store


def _nquads(sources: list[tuple[str, Path, bytes]]) -> bytes:
    """Return the shipped files' quads as N-Quads, in the order the parser gives them.

    Loaded in this order, the store answers in the same order as one that parsed the Turtle
    files (where ``ORDER BY`` leaves ties, the engine's order shows); a dump of the store
    (:meth:`pyoxigraph.Store.dump`) would not: its order is the store's.
    """
    import pyoxigraph as ox

    quads = []
    for graph, path, data in sources:
        name = ox.NamedNode(graph)
        base = path.resolve().as_uri()
        quads.extend(
            ox.Quad(t.subject, t.predicate, t.object, name)
            for t in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base)
        )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def _load_nquads(data: bytes) -> Any:
    """Return a new in-memory store holding the N-Quads ``data`` (comments skipped)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return store


def _real_folder(folder: Path) -> bool:
    """Whether ``folder`` is a folder and not a symbolic link (or anything else)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def _read(folder: Path, key: str) -> Any | None:
    """Return the store of the entry ``key``, or ``None`` if there is no usable one."""
    if not _real_folder(folder):
        return None
    path = folder / f"{_PREFIX}{key}{_SUFFIX}"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    if not data.startswith(_header(key)):
        return None
    try:
        return _load_nquads(data)
    except (SyntaxError, OSError, ValueError):
        return None


def _write(folder: Path, key: str, nquads: bytes) -> bool:
    """Write the entry ``key`` atomically and remove other entries; return whether it did.

    Does nothing where ``folder`` is not a real folder (or cannot be made) or the entry's
    name is taken by something that is not a regular file.
    """
    from ..atomic import atomic_path, ensure_folder
    from ..errors import InputError

    path = folder / f"{_PREFIX}{key}{_SUFFIX}"
    try:
        if os.path.lexists(folder) and not _real_folder(folder):
            return False
        ensure_folder(folder)
        if not _real_folder(folder):
            return False
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False
        with atomic_path(path) as tmp:
            tmp.write_bytes(_header(key) + nquads)
    except (InputError, OSError):
        return False
    _prune(folder, keep=path.name)
    return True


def _prune(folder: Path, *, keep: str) -> None:
    """Remove the entries of other keys (regular files named like entries, nothing else)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            name = entry.name
            if name == keep or not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
                continue
            if entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def open_shipped(*, use_cache: bool = True) -> Any:
    """Return a new ``pyoxigraph.Store`` holding the shipped graph (ontology and data).

    Parameters
    ----------
    use_cache : bool
        Read the store from the cache (and write the cache on a miss); also needs
        :func:`cache_enabled`. ``False`` parses the files.

    Returns
    -------
    pyoxigraph.Store
        In memory; its quads are those of :func:`netgov_kg.load` before any extra file.
    """
    sources = _sources()
    folder = cache_folder() if use_cache and cache_enabled() else None
    if folder is None:
        return _parse(sources)
    key = cache_key(sources)
    store = _read(folder, key)
    if store is None:
        nquads = _nquads(sources)
        store = _load_nquads(nquads)
        _write(folder, key, nquads)
    return store
