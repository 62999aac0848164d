"""Phase 4 of the mapping: write the triples of every record.

Each record gives its types, its labels (made up by its kind when none is written), one triple
per value of each field (inverse fields point from the listed records to their owner), its
source (the template's, unless the record names its own) and its generic triples
(:mod:`.generic`). Values are read by the field's kind (:mod:`netgov_kg.ingest.schema`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..namespaces import NG
from ..terms import curie
from . import values as V
from .evidence import emit_evidence, load_texts
from .generic import emit_generic, typed_literal
from .iri_policy import iri_at, writable
from .kinds import behaviour
from .located import Path as KeyPath
from .numbers import parse_number
from .plausible import implausible_values, period_problem
from .references import reference, refs
from .schema import COMMON, KINDS, Field, Kind
from .state import MapState, Record

#: The property that names a record's source document (``prov:wasDerivedFrom``).
NG_PROV_DERIVED = next(f.predicate for f in COMMON if f.name == "source")


def emit(st: MapState) -> list[str]:
    """Emit every record's triples into ``st.graph``; return the warnings on odd values."""
    load_texts(st)
    for record in st.records:
        emit_record(st, record)
    warnings = [w for record in st.records for w in check(st, record)]
    for subject in set(st.graph.subjects()):
        if isinstance(subject, URIRef):  # every triple is checked where it is made; and
            writable(st.doc, subject, ())  # in case a new kind of triple forgets to
    return warnings


def emit_record(st: MapState, record: Record) -> None:
    """Emit the triples of one record."""
    kind, path, iri = record.kind, record.path, record.iri
    assert iri is not None
    how = behaviour(kind)
    writable(st.doc, iri, path)
    add = st.graph.add
    for cls in types(st, record):
        add((iri, RDF.type, cls))
    written = not record.existing or V.get(st.doc, path + ("label",)) is not None
    for lang, text in (labels(st, record) if written else {}).items():
        if record.reused and any(
                getattr(o, "language", None) == lang
                for o in st.index.dataset.objects(iri, RDFS.label)):
            continue  # a reused resource keeps its own names
        add((iri, RDFS.label, Literal(text, lang=lang)))
    for fld in kind.fields + COMMON:
        if fld.name == "label":
            continue
        fpath = path + (fld.name,)
        if fld.inverse:
            for target in refs(st, fpath, fld):
                writable(st.doc, target, fpath)
                add((target, fld.predicate, iri))
            continue
        for obj in values(st, record, fld, fpath):
            add((iri, fld.predicate, obj))
    if how.nests_themes:
        for child in st.records:
            if child.owner is record and child.path[len(path):][:1] == ("themes",):
                theme = reference(st, child.path + ("theme",), _target(child.kind, "theme"))
                add((iri, NG.hasTheme, theme))
    wants_source = kind.needs_source or (how.cites_source and not record.reused)
    if wants_source and V.get(st.doc, path + ("source",)) is None:
        if st.default_source is not None:
            add((iri, NG_PROV_DERIVED, st.default_source))
        elif kind.needs_source:
            raise st.doc.error(
                f"a {kind.name} needs its source document: add `source:` at the top of "
                "the template (title, publisher, date, URL)", path)
    emit_evidence(st, record)
    emit_generic(st, iri, path)


def _target(kind: Kind, key: str) -> Kind:
    fld = kind.field(key)
    assert fld is not None and fld.target is not None
    return KINDS[fld.target]


def check(st: MapState, record: Record) -> list[str]:
    """Refuse a period that ends before it starts; return warnings on implausible values."""
    iri, path, doc = record.iri, record.path, st.doc
    assert iri is not None
    problem = period_problem(st.graph, iri)
    if problem:
        at = path + ("period_end",) if V.get(doc, path + ("period_end",)) else path
        raise doc.error(problem, at)
    at = path + ("value",) if V.get(doc, path + ("value",)) is not None else path
    return [f"{doc.location(at)}: {w}" for w in implausible_values(st.graph, iri)]


def types(st: MapState, record: Record) -> list[URIRef]:
    """Return the record's classes: its kind's, or the more specific ones written under ``type``."""
    doc, path = st.doc, record.path + ("type",)
    value = V.get(doc, path)
    if value is None:
        return [] if record.existing else [record.kind.cls]
    items = value if isinstance(value, list) else [value]
    out = []
    for i in range(len(items)):
        ipath = path + (i,) if isinstance(value, list) else path
        text = V.text(doc, ipath, required=True)
        assert text is not None
        cls = iri_at(doc, ipath, text) or NG[text]
        if not st.index.is_subclass(cls, record.kind.cls):
            raise doc.error(f"type {text!r} is not a kind of {curie(record.kind.cls)}", ipath)
        out.append(cls)
    return out


def labels(st: MapState, record: Record) -> dict[str, str]:
    """Return the record's labels, or those its kind makes up when none is written."""
    path = record.path + ("label",)
    make = behaviour(record.kind).auto_label
    if make is not None and V.get(st.doc, path) is None:
        return make(st, record)
    return V.labels(st.doc, path)


def values(st: MapState, record: Record, fld: Field, path: KeyPath) -> Iterator[Any]:
    """Return the RDF values of field ``fld`` written at ``path``."""
    doc, kind = st.doc, fld.kind
    if kind in ("ref", "refs"):
        yield from refs(st, path, fld)
    elif kind == "langtext":
        for lang, text in V.lang_map(doc, path).items():
            yield Literal(text, lang=lang)
    elif kind == "labels":
        for lang, text in V.labels(doc, path).items():
            yield Literal(text, lang=lang)
    elif kind == "langlist":
        yield from _langlist(st, path)
    elif kind == "date":
        lit = V.date_literal(doc, path)
        if lit is not None:
            yield lit
    elif kind == "integer":
        number = V.integer(doc, path)
        if number is not None:
            yield Literal(str(number), datatype=XSD.integer)
    elif kind == "string":
        text = V.text(doc, path)
        if text is not None:
            if fld.predicate == NG.adminCode:
                V.admin_code(doc, path)
            yield Literal(text)
    elif kind == "url":
        url = V.url(doc, path)
        if url is not None:
            yield url
    elif kind == "number":
        yield from _number(st, record, path)
    else:  # pragma: no cover - the schema has no other kinds
        raise AssertionError(kind)


def _langlist(st: MapState, path: KeyPath) -> Iterator[Literal]:
    doc = st.doc
    value = V.get(doc, path)
    if value is None:
        return
    if not isinstance(value, dict):
        raise doc.error("expected {zh: [..], en: [..]}", path)
    for lang, items in value.items():
        if lang not in V.LANGS:
            raise doc.error(f"unknown language {lang!r}: use zh and en", path + (lang,))
        seq = items if isinstance(items, list) else [items]
        for i in range(len(seq)):
            ipath = path + (lang, i) if isinstance(items, list) else path + (lang,)
            text = V.text(doc, ipath)
            if text:
                yield Literal(text, lang=lang)


def _number(st: MapState, record: Record, path: KeyPath) -> Iterator[Any]:
    doc = st.doc
    value = V.get(doc, path)
    if value is None:
        return
    if isinstance(value, dict):  # a typed literal: bounded, and may be negative (a change)
        lit = typed_literal(doc, path)
        if lit.datatype in (XSD.integer, XSD.decimal):
            try:
                parse_number(str(lit))
            except ValueError as exc:
                raise doc.error(str(exc), path + ("value",)) from None
        yield lit
        return
    text = V.text(doc, path)
    assert text is not None
    try:  # a figure written as a number is a count or an amount: never negative
        parsed = parse_number(text, count=True)
    except ValueError as exc:
        raise doc.error(f"{exc} (write e.g. 1.73亿, 4.5万, 20多, 97.99% or 11006)",
                        path) from None
    number = parsed.value
    if isinstance(number, Decimal):
        yield Literal(format(number, "f"), datatype=XSD.decimal)
    else:
        yield Literal(str(number), datatype=XSD.integer)
    base, iri, add = record.path, record.iri, st.graph.add
    if parsed.qualifier and V.get(doc, base + ("qualifier",)) is None:
        zh, en = parsed.qualifier
        add((iri, NG.qualifier, Literal(zh, lang="zh")))
        add((iri, NG.qualifier, Literal(en, lang="en")))
    unit = V.lang_map(doc, base + ("unit",))
    if not unit:
        if parsed.percent:
            add((iri, NG.unit, Literal("%", lang="zh")))
            add((iri, NG.unit, Literal("percent", lang="en")))
        elif parsed.unit:
            raise doc.error(
                f"write the unit in zh and en: unit: {{zh: {parsed.unit}, en: …}}",
                base + ("unit",))
    elif parsed.unit and unit.get("zh") not in (parsed.unit, None):
        raise doc.error(
            f"the value says {parsed.unit!r} but the unit is {unit.get('zh')!r}", path)
