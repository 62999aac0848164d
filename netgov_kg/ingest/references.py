"""Phase 3 of the mapping: resolve every reference of the template to an IRI.

A reference is, in this order: a record written in place; an IRI or CURIE (which must exist in
the template or the graph); the ``id`` of a record of the template; the kind's own lookup
(a GB/T 2260 code or name for places, a scheme label for themes: :mod:`.lookups`); the label of
a record of the template; a label of a resource of the graph (the rule of every entry point,
:meth:`~netgov_kg.ingest.index.GraphIndex.resolve`). Answers are kept in
:attr:`~netgov_kg.ingest.state.MapState.refs`, so :mod:`.emit` only reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from ..errors import AmbiguousResource, UnknownResource
from ..terms import fold
from . import values as V
from .iri_policy import iri_at
from .kinds import accepts, behaviour
from .located import Path as KeyPath
from .lookups import ambiguous
from .schema import COMMON, KINDS, Field, Kind
from .state import MapState, Record


def resolve_references(st: MapState) -> None:
    """Resolve the references of every record's fields (answers go to ``st.refs``)."""
    for record in st.records:
        for fld in record.kind.fields + COMMON:
            if fld.kind in ("ref", "refs"):
                for _ in refs(st, record.path + (fld.name,), fld):
                    pass


def refs(st: MapState, path: KeyPath, fld: Field) -> Iterator[URIRef]:
    """Return the IRIs a reference field written at ``path`` names (none when it is empty)."""
    value = V.get(st.doc, path)
    if value is None:
        return
    target = KINDS.get(fld.target or "") if fld.target != "any" else None
    if isinstance(value, list):
        if fld.kind == "ref":
            raise st.doc.error(f"`{fld.name}` takes one value, not a list", path)
        for i in range(len(value)):
            yield reference(st, path + (i,), target)
    else:
        yield reference(st, path, target)


def reference_or_none(st: MapState, path: KeyPath, target: Kind) -> URIRef | None:
    """:func:`reference`, or ``None`` when nothing is written at ``path``."""
    if V.get(st.doc, path) is None:
        return None
    return reference(st, path, target)


def reference(st: MapState, path: KeyPath, target: Kind | None) -> URIRef:
    """Return the IRI the reference written at ``path`` names (``target``: the kind it must be)."""
    key = tuple(path)
    if key in st.refs:
        return st.refs[key]
    iri = _reference(st, key, target)
    if iri is not None:
        st.refs[key] = iri
    return iri


def _reference(st: MapState, path: KeyPath, target: Kind | None) -> URIRef:
    doc = st.doc
    if isinstance(V.get(doc, path), dict):
        record = st.record_at(path)
        if record is not None:
            return record.iri  # type: ignore[return-value]
    text = V.text(doc, path, required=True)
    assert text is not None
    how = behaviour(target) if target is not None else None
    iri = iri_at(doc, path, text)
    if iri is not None:
        if how is not None and how.vocabulary and how.lookup is not None:
            return how.lookup(st, target, text, path)  # type: ignore[arg-type]
        if iri in st.by_iri or st.index.exists(iri):
            return iri
        raise doc.error(f"unknown reference {text!r}: no such resource in the "
                        "template or the graph", path)
    for record in st.by_id.get(text, []):
        if target is None or accepts(target, record.kind):
            return record.iri  # type: ignore[return-value]
    if how is not None and how.lookup is not None:
        return how.lookup(st, target, text, path)  # type: ignore[arg-type]
    for record in st.records:  # a record of this template, by label
        if target is not None and not accepts(target, record.kind):
            continue
        names = V.lang_map(doc, record.path + ("label",))
        if any(fold(text) == fold(n) for n in names.values()):
            return record.iri  # type: ignore[return-value]
    cls = target.cls if target is not None else None
    what = target.name if target is not None else "resource"
    try:  # the graph's resources, by the rule of every entry point (netgov_kg.terms)
        return st.index.resolve(text, cls, what=what)
    except AmbiguousResource as exc:
        raise ambiguous(st, exc.message, exc, path) from None
    except UnknownResource as exc:
        hint = str(exc).partition("; ")[2]
        raise doc.error(
            f"unknown {what} {text!r}: no record of this template has this id or label, "
            f"and the graph has no {what} with this label (write it as a record, or give "
            f"an IRI){'; ' + hint if hint else ''}", path) from None


def record_sources(st: MapState, record: Record) -> list[URIRef]:
    """Return the record's own ``source`` documents, or else the template's (or none)."""
    fld = record.kind.field("source")
    assert fld is not None
    own = list(refs(st, record.path + ("source",), fld))
    return own or ([st.default_source] if st.default_source is not None else [])
