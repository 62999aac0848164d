"""netgov-kg: a knowledge graph of China's 网络理政 (governing through the internet).

The names users need are here: :func:`load` and :class:`KnowledgeGraph`, the results of a
query (:class:`Results`, :class:`Row`), a validation report (:class:`Report`,
:class:`Finding`) and the errors (:class:`NetgovError` and its subclasses). ``import
netgov_kg`` stays light: everything that needs rdflib is imported when first used.

Examples
--------
>>> import netgov_kg
>>> kg = netgov_kg.load()
>>> isinstance(kg, netgov_kg.KnowledgeGraph)
True
>>> netgov_kg.Results, netgov_kg.Report
(<class 'netgov_kg.query.results.Results'>, <class 'netgov_kg.validation.report.Report'>)
>>> issubclass(netgov_kg.QuerySyntaxError, netgov_kg.InputError)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AmbiguousResource,
    ImplausibleValueWarning,
    InputError,
    Location,
    NetgovDeprecationWarning,
    NetgovError,
    NetgovWarning,
    QuerySyntaxError,
    QueryTooLarge,
    StoreError,
    UnknownFormat,
    UnknownNameError,
    UnknownResource,
)

if TYPE_CHECKING:  # pragma: no cover
    from .graph import KnowledgeGraph, load
    from .namespaces import NG, NGR, NGSH
    from .query.results import Results, Row
    from .validation.report import Finding, Report

__version__ = "0.2.0"

#: Names imported on first use: ``import netgov_kg`` (and so any ``netgov_kg.*`` module, such
#: as the command line) does not import rdflib until something needs it; ``netgov_kg.Report``
#: would otherwise import the validation package, and with it rdflib's SPARQL engine.
_LAZY = {
    "KnowledgeGraph": "netgov_kg.graph",
    "load": "netgov_kg.graph",
    "NG": "netgov_kg.namespaces",
    "NGR": "netgov_kg.namespaces",
    "NGSH": "netgov_kg.namespaces",
    "Results": "netgov_kg.query.results",
    "Row": "netgov_kg.query.results",
    "Report": "netgov_kg.validation.report",
    "Finding": "netgov_kg.validation.report",
}


def _lazy_attribute(table: dict[str, str], package: str, name: str) -> Any:
    """Return ``name`` from the module ``table`` gives for it: a package's names on first use."""
    module = table.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __getattr__(name: str) -> Any:
    value = _lazy_attribute(_LAZY, __name__, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "KnowledgeGraph",
    "load",
    "Results",
    "Row",
    "Report",
    "Finding",
    "NetgovError",
    "InputError",
    "QuerySyntaxError",
    "QueryTooLarge",
    "UnknownNameError",
    "UnknownFormat",
    "UnknownResource",
    "AmbiguousResource",
    "StoreError",
    "Location",
    "NetgovDeprecationWarning",
    "NetgovWarning",
    "ImplausibleValueWarning",
    "NG",
    "NGR",
    "NGSH",
    "__version__",
]
