"""How a written name of a place or a theme finds its resource (the kinds' own lookups).

A place is found by its GB/T 2260 code (a place of the template first, then the graph, then
the national gazetteer, whose place and missing ancestors are then copied into the new triples)
or by its name (the graph, then the gazetteer); a theme by a label of the scheme (zh or en)
or by its IRI. Both are used by :mod:`.kinds` as the ``lookup`` of their kind.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..errors import AmbiguousResource, UnknownResource
from ..namespaces import NG
from . import values as V
from .iri_policy import iri_at
from .located import Path as KeyPath
from .schema import Kind
from .state import MapState


def place(st: MapState, kind: Kind, text: str, path: KeyPath) -> URIRef:
    """Return the place written ``text`` (a six-digit code or a name) at ``path``."""
    doc, index = st.doc, st.index
    if re.fullmatch(r"\d+", text):
        code = V.admin_code(doc, path)
        assert code is not None
        for record in st.records:  # a place this template adds
            if record.kind is kind and V.get(doc, record.path + ("code",)) == code:
                return record.iri  # type: ignore[return-value]
        found = index.place_by_code(code) or from_gazetteer(st, code, path)
        if found is None:
            raise doc.error(
                f"admin code {code} does not exist: none of the {len(index.codes)} "
                "places known to the graph has this GB/T 2260 code, nor has the national "
                "gazetteer (check the code, or add the place first)", path)
        return found
    try:
        return index.resolve(text, NG.Place, what="place")
    except AmbiguousResource as exc:
        raise ambiguous(st, f"place name {text!r} is ambiguous "
                        f"({', '.join(exc.candidates)}): write its GB/T 2260 code",
                        exc, path) from None
    except UnknownResource as exc:
        found = from_gazetteer(st, text, path)
        if found is not None:
            return found
        hint = str(exc).partition("; ")[2]
        raise doc.error(
            f"unknown place {text!r}: neither the graph nor the national gazetteer knows a "
            f"place of this name (write its six-digit GB/T 2260 code)"
            f"{'; ' + hint if hint else ''}", path) from None


def from_gazetteer(st: MapState, text: str, path: KeyPath) -> URIRef | None:
    """Return the place of the national gazetteer that ``text`` (a code or name) names, or ``None``.

    The place and its ancestors that the graph lacks are copied into the new triples
    (:func:`netgov_kg.gazetteer.places_for`); an ambiguous name (朝阳区) is refused with the
    candidates and their paths.
    """
    from ..gazetteer import places_for, resolve_place

    try:
        found = resolve_place(text)
    except UnknownResource:
        return None
    except AmbiguousResource as exc:
        raise ambiguous(st, f"place name {text!r} is ambiguous: {exc.message}", exc,
                        path) from None
    for triple in places_for(found.code, known=st.index.codes):
        st.graph.add(triple)
    st.index.codes[found.code] = found.iri
    return found.iri


def theme(st: MapState, kind: Kind, text: str, path: KeyPath) -> URIRef:
    """Return the theme of the scheme written ``text`` (a label or an IRI) at ``path``."""
    iri = iri_at(st.doc, path, text)
    if iri is not None:
        if (iri in st.by_iri or st.index.exists(iri)) and st.index.is_a(iri, NG.Theme):
            return iri
        raise unknown_theme(st, text, path)
    try:
        return st.index.resolve(text, NG.Theme, what="theme")
    except UnknownResource:
        raise unknown_theme(st, text, path) from None
    except AmbiguousResource as exc:
        raise ambiguous(st, exc.message, exc, path) from None


def ambiguous(st: MapState, message: str, exc: AmbiguousResource, path: KeyPath) -> Exception:
    """Return the core's :class:`AmbiguousResource`, located at ``path`` of the template."""
    return AmbiguousResource(message, exc.candidates, st.doc.location(path))


def unknown_theme(st: MapState, text: str, path: KeyPath) -> Exception:
    """Return the error for a theme the scheme does not have, listing the scheme's themes."""
    known = [st.index.name(t, "zh") for t in st.index.instances(NG.Theme)]
    listed = ", ".join(sorted(set(known))[:30]) or "none"
    return st.doc.error(f"unknown theme {text!r} (the scheme's themes are: {listed})", path)
