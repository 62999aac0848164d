"""Phase 2 of the mapping: give every record its IRI.

A record with an ``id`` gets ``ngr:<segment>/<id>`` (an existing resource is reused, except
where its kind must be new: a case); one without is matched by label to a resource of the
graph (kinds that reuse by label) or gets a new IRI from its kind's slug (:mod:`.naming`),
numbered ``-2``, ``-3`` … when taken.
"""

from __future__ import annotations

from rdflib import URIRef

from ..errors import AmbiguousResource, UnknownResource
from ..namespaces import NGR
from ..terms import curie
from . import values as V
from .iri_policy import iri_at
from .kinds import behaviour
from .lookups import ambiguous
from .state import MapState, Record


def mint(st: MapState) -> None:
    """Give every record of ``st`` its IRI; the source's is the default source."""
    for record in st.records:
        assign_iri(st, record)
    if st.source_record is not None:
        st.default_source = st.source_record.iri


def assign_iri(st: MapState, record: Record) -> None:
    """Give ``record`` its IRI (see the module documentation)."""
    kind, path, doc = record.kind, record.path, st.doc
    how = behaviour(kind)
    given = V.record_id(doc, path + ("id",), kind.name, kind.segment)
    if V.get(doc, path + ("existing",)) is not None:
        if given:
            raise doc.error(f"write either `id` (a new {kind.name}) or `existing` (one the "
                            "graph has), not both", path + ("id",))
        iri = existing(st, record)
    elif given:
        iri = NGR[given]
        if st.index.exists(iri):
            if how.new_only:
                raise doc.error(
                    f"duplicate {kind.name}: {curie(iri)} is "
                    f"already in the graph ({st.index.name(iri)})", path + ("id",))
            record.reused = True
    else:
        iri = _reuse_by_label(st, record)
        if iri is None:
            iri = _new_iri(st, record)
    if how.new_only and not record.existing:
        _check_label_is_new(st, record)
    if iri in st.by_iri and st.by_iri[iri] is not record:
        other = st.by_iri[iri]
        raise doc.error(
            f"this {kind.name} gets the IRI {iri} that the record at "
            f"{doc.location(other.path)} already has: give one of them another id", path)
    record.iri = iri
    st.by_iri[iri] = record


def existing(st: MapState, record: Record) -> URIRef:
    """Return the resource of the graph that ``existing:`` names (an IRI, CURIE or label).

    The record then adds facts to it: nothing new is minted, and its label and type may be
    left out. A name is resolved by the rule of every entry point
    (:meth:`~netgov_kg.ingest.index.GraphIndex.resolve`, i.e. :func:`netgov_kg.terms.resolve`).
    """
    kind, doc = record.kind, st.doc
    path = record.path + ("existing",)
    text = V.text(doc, path, required=True)
    assert text is not None
    iri = iri_at(doc, path, text)
    if iri is not None:
        if not st.index.is_a(iri, kind.cls):
            raise doc.error(f"{text!r} is not a {kind.name} of the graph "
                            f"({curie(kind.cls)})", path)
    else:
        try:
            iri = st.index.resolve(text, kind.cls, what=kind.name)
        except AmbiguousResource as exc:
            raise ambiguous(st, exc.message, exc, path) from None
        except UnknownResource as exc:
            raise doc.error(f"{exc.message}: `existing` names a {kind.name} the graph "
                            "already has", path) from None
    record.reused = record.existing = True
    return iri


def _check_label_is_new(st: MapState, record: Record) -> None:
    for lang, text in V.lang_map(st.doc, record.path + ("label",)).items():
        for other in st.index.by_label(text, record.kind.cls):
            if other != record.iri:
                raise st.doc.error(
                    f"duplicate {record.kind.name}: the graph already has a "
                    f"{record.kind.name} called {text!r} ({other}); to add facts to it from "
                    f"another source, write `existing: {curie(other)}` instead of its id and "
                    "label", record.path + ("label", lang))


def _reuse_by_label(st: MapState, record: Record) -> URIRef | None:
    if not behaviour(record.kind).reuse_by_label:
        return None
    names = V.lang_map(st.doc, record.path + ("label",))
    for lang in ("zh", "en"):
        if lang in names:
            found = st.index.by_label(names[lang], record.kind.cls)
            if len(found) == 1:
                record.reused = True
                return found[0]
    return None


def _new_iri(st: MapState, record: Record) -> URIRef:
    kind = record.kind
    base = behaviour(kind).slug(st, record)
    if not base:
        raise st.doc.error(
            f"this {kind.name} needs an id (lower-case ASCII, e.g. my-{kind.segment}) or "
            "an English label to make one from", record.path)
    slug, n = base, 1
    while True:
        iri = NGR[f"{kind.segment}/{slug}"]
        if iri not in st.by_iri and not st.index.exists(iri):
            return iri
        n += 1
        slug = f"{base}-{n}"

