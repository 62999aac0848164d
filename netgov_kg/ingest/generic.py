"""Triples no named field holds: ``extra``, ``statements`` (with their basis) and ``referenced_by``.

Their values are IRIs, ids of records of the template, ``{zh: …, en: …}`` or typed literals
``{value: …, datatype: …}`` (or ``lang``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ..namespaces import NG
from . import values as V
from .iri_policy import iri_at, writable
from .located import LocatedDocument
from .located import Path as KeyPath
from .state import MapState

#: ``basis`` values a statement may have.
BASES = {"background": NG.Background, "implied": NG.Implied, "correction": NG.Correction}
_STATEMENT_KEYS = ("subject", "property", "value", "basis", "comment", "extra")


def emit_generic(st: MapState, iri: URIRef, path: KeyPath) -> None:
    """Emit the ``extra``, ``statements`` and ``referenced_by`` of the record at ``path``."""
    extra(st, iri, path + ("extra",))
    statements(st, iri, path + ("statements",))
    referenced_by(st, iri, path + ("referenced_by",))


def extra(st: MapState, iri: URIRef | BNode, path: KeyPath) -> None:
    """``extra: {property: value(s)}``: one triple per value."""
    doc = st.doc
    value = V.get(doc, path)
    if value is None:
        return
    if not isinstance(value, dict):
        raise doc.error("`extra` maps properties (CURIEs) to values", path)
    for prop in value:
        predicate = iri_at(doc, path + (prop,), prop)
        if predicate is None:
            raise doc.error(f"not a property: {prop!r} (write a CURIE such as "
                            "ng:handle)", path + (prop,))
        for obj in generic_values(st, path + (prop,)):
            st.graph.add((iri, predicate, obj))


def statements(st: MapState, iri: URIRef, path: KeyPath) -> None:
    """``statements``: reified triples with their basis (background, implied, correction)."""
    doc, add = st.doc, st.graph.add
    value = V.get(doc, path)
    if value is None:
        return
    if not isinstance(value, list):
        raise doc.error("`statements` is a list", path)
    for i, item in enumerate(value):
        spath = path + (i,)
        if not isinstance(item, dict):
            raise doc.error("a statement is a mapping: property, value, basis, comment", spath)
        for key in item:
            if key not in _STATEMENT_KEYS:
                raise doc.error(f"unknown field {key!r} in a statement (its fields "
                                "are subject, property, value, basis, comment, "
                                "extra)", spath + (key,))
        prop_text = V.text(doc, spath + ("property",), required=True)
        predicate = iri_at(doc, spath + ("property",), prop_text or "")
        if predicate is None:
            raise doc.error(f"not a property: {prop_text!r}", spath + ("property",))
        objects = list(generic_values(st, spath + ("value",)))
        if len(objects) != 1:
            raise doc.error("a statement has exactly one value", spath + ("value",))
        basis_text = V.text(doc, spath + ("basis",), required=True) or ""
        basis = BASES.get(basis_text.lower()) or iri_at(doc, spath + ("basis",), basis_text)
        if basis not in BASES.values():
            raise doc.error(f"unknown basis {basis_text!r} (use background, implied "
                            "or correction)", spath + ("basis",))
        subject = iri
        if V.get(doc, spath + ("subject",)) is not None:
            from .references import reference

            subject = reference(st, spath + ("subject",), None)
        node = BNode()
        add((node, RDF.type, RDF.Statement))
        add((node, RDF.subject, subject))
        add((node, RDF.predicate, predicate))
        add((node, RDF.object, objects[0]))
        add((node, NG.basis, basis))
        for lang, text in V.lang_map(doc, spath + ("comment",)).items():
            add((node, RDFS.comment, Literal(text, lang=lang)))
        extra(st, node, spath + ("extra",))


def referenced_by(st: MapState, iri: URIRef, path: KeyPath) -> None:
    """``referenced_by: {property: resources}``: triples from other resources to this one."""
    doc = st.doc
    value = V.get(doc, path)
    if value is None:
        return
    if not isinstance(value, dict):
        raise doc.error("`referenced_by` maps properties to the resources that use "
                        "them to point here", path)
    for prop in value:
        predicate = iri_at(doc, path + (prop,), prop)
        if predicate is None:
            raise doc.error(f"not a property: {prop!r}", path + (prop,))
        for subject in generic_values(st, path + (prop,)):
            if not isinstance(subject, URIRef):
                raise doc.error("expected a resource (an IRI or id)", path + (prop,))
            writable(doc, subject, path + (prop,))
            st.graph.add((subject, predicate, iri))


def typed_literal(doc: LocatedDocument, path: KeyPath) -> Literal:
    """``{value: …, datatype: …}`` or ``{value: …, lang: …}`` as a literal."""
    value = V.get(doc, path)
    assert isinstance(value, dict)
    unknown = set(value) - {"value", "datatype", "lang"}
    if unknown:
        raise doc.error(f"unknown key {sorted(unknown)[0]!r} in a literal (use value, "
                        "datatype or lang)", path)
    text = value.get("value")
    if not isinstance(text, str):
        raise doc.error("a literal needs a `value`", path + ("value",))
    if value.get("lang"):
        return Literal(text, lang=value["lang"])
    if value.get("datatype"):
        datatype = iri_at(doc, path + ("datatype",), value["datatype"])
        if datatype is None:
            raise doc.error(f"unknown datatype {value['datatype']!r}", path + ("datatype",))
        return Literal(text, datatype=datatype)
    return Literal(text)


def generic_values(st: MapState, path: KeyPath) -> Iterator[Any]:
    """Values of ``extra``/``statements``: IRIs, ids, ``{zh:, en:}`` or ``{value:, datatype:}``."""
    doc = st.doc
    value = V.get(doc, path)
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        ipath = path + (i,) if isinstance(value, list) else path
        if item is None:
            continue
        if isinstance(item, dict):
            if "value" in item:
                yield typed_literal(doc, ipath)
            else:
                for lang, text in V.lang_map(doc, ipath).items():
                    yield Literal(text, lang=lang)
        elif isinstance(item, list):
            raise doc.error("expected a value, not a list", ipath)
        else:
            iri = iri_at(doc, ipath, item)
            if iri is not None:
                yield iri
            elif item in st.by_id:
                yield st.by_id[item][0].iri
            else:
                yield Literal(item)
