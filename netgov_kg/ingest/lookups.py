"""How a written name of a place or a theme finds its resource (the kinds' own lookups).

A place is found by its GB/T 2260 code (a place of the template first, then the graph) or by
its name; a theme by a label of the scheme (zh or en) or by its IRI. Both are used by
:mod:`.kinds` as the ``lookup`` of their kind.
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
        found = index.place_by_code(code)
        if found is None:
            raise doc.error(
                f"admin code {code} does not exist: none of the {len(index.codes)} "
                "places known to the graph has this GB/T 2260 code (add the place first, "
                "or check the code)", path)
        return found
    try:
        return index.resolve(text, NG.Place, what="place")
    except AmbiguousResource as exc:
        raise ambiguous(st, f"place name {text!r} is ambiguous "
                        f"({', '.join(exc.candidates)}): write its GB/T 2260 code",
                        exc, path) from None
    except UnknownResource as exc:
        hint = str(exc).partition("; ")[2]
        raise doc.error(
            f"unknown place {text!r}: the graph knows no place of this name (write its "
            f"six-digit GB/T 2260 code){'; ' + hint if hint else ''}", path) from None


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
