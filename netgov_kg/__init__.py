"""netgov-kg: a knowledge graph of China's 网络理政 (governing through the internet).

The names users need are here: :func:`load` and :class:`KnowledgeGraph`, the results of a
query (:class:`Results`, :class:`Row`), a validation report (:class:`Report`,
:class:`Finding`) and the errors (:class:`NetgovError` and its subclasses). ``import
netgov_kg`` stays light: :class:`Report` and :class:`Finding` are imported when first used.

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
from .graph import KnowledgeGraph, load
from .namespaces import NG, NGR, NGSH

if TYPE_CHECKING:  # pragma: no cover
    from .query.results import Results, Row
    from .validation.report import Finding, Report

__version__ = "0.2.0"

#: Names imported on first use (``netgov_kg.Report`` would otherwise import the validation
#: package, and with it rdflib's SPARQL engine, at ``import netgov_kg``).
_LAZY = {
    "Results": "netgov_kg.query.results",
    "Row": "netgov_kg.query.results",
    "Report": "netgov_kg.validation.report",
    "Finding": "netgov_kg.validation.report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'netgov_kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
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
