"""Where the shipped ontology, data and shapes files are.

In a wheel they live in ``netgov_kg/_data/``; in a source checkout (editable install) they are
the repository's top-level ``ontology/``, ``data/`` and ``shapes/`` folders.

Examples
--------
>>> [p.name for p in ontology_files()]
['appeals.ttl', 'netgov.ttl']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_root() -> Path:
    """Return the folder that holds ``ontology/``, ``data/`` and ``shapes/``.

    Examples
    --------
    >>> (data_root() / "ontology").is_dir()
    True
    """
    packaged = _PACKAGE_DIR / "_data"
    if (packaged / "ontology").is_dir():
        return packaged
    return _PACKAGE_DIR.parent


def _ttl_files(folder: str) -> list[Path]:
    return sorted((data_root() / folder).glob("*.ttl"))


def ontology_files() -> list[Path]:
    """Return the ontology's Turtle files."""
    return _ttl_files("ontology")


#: Files of ``data/`` that are not data: ``extra.ttl`` is where ``netgov-kg add`` wrote by
#: default before 0.2.0, a draft that must not enter the graph unasked.
DRAFT_NAMES = frozenset({"extra.ttl"})


def data_files() -> list[Path]:
    """Return the data's Turtle files (``data/*.ttl`` but a draft, see :data:`DRAFT_NAMES`)."""
    return [p for p in _ttl_files("data") if p.name not in DRAFT_NAMES]


def draft_files() -> list[Path]:
    """Return the drafts found in ``data/`` (not loaded; :func:`netgov_kg.load` warns of them)."""
    return [p for p in _ttl_files("data") if p.name in DRAFT_NAMES]


def graph_name(kind: str, path: Path) -> str:
    """Return the IRI of the named graph a file is loaded into: ``ngr:graph/<kind>/<stem>``.

    Examples
    --------
    >>> graph_name("data", Path("data/cases.ttl"))
    'https://w3id.org/netgov-kg/id/graph/data/cases'
    """
    from .iris import NGR_IRI

    return f"{NGR_IRI}graph/{kind}/{path.stem}"


def shipped_files(*, include_data: bool = True) -> list[tuple[str, Path]]:
    """Return ``(kind, path)`` of the files :func:`netgov_kg.load` reads first, in order.

    The ontology's files (kind ``ontology``), then the data's (``data``, drafts left out).

    Examples
    --------
    >>> [kind for kind, _ in shipped_files()][:2]
    ['ontology', 'ontology']
    """
    files = [("ontology", p) for p in ontology_files()]
    if include_data:
        files += [("data", p) for p in data_files()]
    return files


def shapes_files() -> list[Path]:
    """Return the SHACL shapes' Turtle files (``shapes/*.ttl``)."""
    return _ttl_files("shapes")


def query_dir() -> Path:
    """Return the folder of the named-query catalogue (``netgov_kg/queries``)."""
    return _PACKAGE_DIR / "queries"


@cache
def query_text(folder: str, name: str) -> str:
    """Return the text of the project's SPARQL file ``netgov_kg/<folder>/queries/<name>.rq``.

    The one loader of the package's own ``.rq`` files (the network projections', ``add``'s
    index, the server's pages, the synthetic data's); ``folder`` ``""`` is the named-query
    catalogue (``netgov_kg/queries``).

    Examples
    --------
    >>> "ng:usesPlatform" in query_text("network", "case-platform")
    True
    """
    base = _PACKAGE_DIR / folder if folder else _PACKAGE_DIR
    return (base / "queries" / f"{name}.rq").read_text(encoding="utf-8")
