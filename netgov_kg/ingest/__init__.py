"""Add cases to the graph from a YAML or CSV template, without writing Turtle.

``kg.add_cases(path)`` and ``netgov-kg add FILE [--into data/extra.ttl] [--dry-run]`` both call
:func:`add_cases`. The pieces, one job each:

=====================  ===================================================================
module                 job
=====================  ===================================================================
``schema``             the template's records and fields, and the RDF property of each
``limits``             the bounds of a template: size, nesting, ids, numbers
``numbers``            numbers written the Chinese way (1.73亿, 4.5万, 20多, 97.99%)
``located``            parsed template data that remembers file, line, column and field
``yaml_reader``        YAML template -> located data
``csv_reader``         CSV template (one row per record) -> the same located data
``values``             single values: labels in zh and en, dates, codes, URLs, slugs
``index``              what the graph already has: labels, GB/T 2260 codes, classes
``kinds``              what each kind of record does (reuse by label, made-up labels, slugs,
                       lookups, export order): one registry, no per-kind branches elsewhere
``state``              the records and the output the mapping phases share
``mapper``             located data -> RDF in four phases: ``collect`` (find the records),
                       ``mint`` (IRIs), ``references`` (resolve references), ``emit`` (triples)
``naming``             labels and slugs made up for records written without them
``lookups``            places by GB/T 2260 code or name, themes by scheme label
``generic``            ``extra``, ``statements`` and ``referenced_by`` triples
``iri_policy``         which IRIs a template may use and what it may describe
``exporter``           a case of the graph -> a template (for the round trip)
``atomic``             write a file atomically (temp file + ``os.replace``)
``add``                read, map, validate with the whole graph, then append atomically
``cli``                the ``netgov-kg add`` command
=====================  ===================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def add_cases(kg: Any, path: Path | str, **options: Any) -> Any:
    """Add the cases of a YAML or CSV template; see :func:`netgov_kg.ingest.add.add_cases`."""
    from .add import add_cases as _add_cases

    return _add_cases(kg, Path(path), **options)


__all__ = ["add_cases"]
