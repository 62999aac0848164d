"""SHACL validation: :func:`validate` returns a :class:`Report` of :class:`Finding` objects.

``kg.validate()`` forwards here with the loaded dataset; :func:`validate` also takes plain rdflib
graphs and RDF files (:func:`validate_files`), e.g. to check data before it is written.
:mod:`pyshacl` is imported only when a validation runs.

Examples
--------
>>> import netgov_kg
>>> report = netgov_kg.load().validate()
>>> report.conforms
True
>>> sorted(report.counts)
['Info', 'Violation', 'Warning']
"""

from __future__ import annotations

from .report import Finding, Report, findings_from_results, findings_to_graph, short
from .shacl import data_graph, read_files, shapes_graph, validate, validate_files

__all__ = [
    "Finding",
    "Report",
    "data_graph",
    "findings_from_results",
    "findings_to_graph",
    "read_files",
    "shapes_graph",
    "short",
    "validate",
    "validate_files",
]
