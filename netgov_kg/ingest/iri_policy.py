"""Which IRIs a template may use, and which resources it may say things about.

Examples
--------
>>> expand_iri("ngr:org/fudan-university")
rdflib.term.URIRef('https://w3id.org/netgov-kg/id/org/fudan-university')
>>> read_only(NG.Case), read_only(NGR["case/x"])
(True, False)
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..errors import InputError
from ..namespaces import NG, NGR, PREFIXES
from ..terms import curie, expand
from .located import LocatedDocument
from .located import Path as KeyPath

_WEB_IRI = re.compile(r"(?:https?://|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:)[^\x00-\x20<>\"{}|\\^`\x7f]+")

__all__ = ["NGR", "expand_iri", "iri_at", "read_only", "writable"]


def expand_iri(value: str) -> URIRef | None:
    """Return the IRI for ``<…>``, ``http(s)://…`` or a known-prefix CURIE, else ``None``.

    The reading is :func:`netgov_kg.terms.expand`'s; a template adds a policy to it: only
    ``http``, ``https`` and ``urn`` IRIs are taken; any other (``<file:///…>``,
    ``<javascript:…>``) and an IRI with a space or a character such as ``<``, ``>`` or ``"``
    in it raise ``ValueError``.

    Raises
    ------
    ValueError
        For an IRI of another scheme or with characters an IRI cannot have.

    Examples
    --------
    >>> expand_iri("ngr:org/fudan-university")
    rdflib.term.URIRef('https://w3id.org/netgov-kg/id/org/fudan-university')
    >>> expand_iri("<https://example.org/x>")
    rdflib.term.URIRef('https://example.org/x')
    >>> expand_iri("智慧党建") is None, expand_iri("note: a remark") is None
    (True, True)
    >>> expand_iri("<javascript:alert(1)>")
    Traceback (most recent call last):
    ...
    ValueError: not an http, https or urn IRI: 'javascript:alert(1)'
    """
    try:
        iri = expand(value)  # the one reading of IRIs and CURIEs (netgov_kg.terms)
    except InputError as exc:
        raise ValueError(exc.message) from None
    if iri is not None and not _WEB_IRI.fullmatch(iri):
        raise ValueError(f"not an http, https or urn IRI: {str(iri)!r}")
    return iri


def read_only(iri: URIRef) -> bool:
    """Whether ``iri`` is a term of the ontology or of a vocabulary it uses (not data).

    Templates add data: they may use these terms but not say anything about them.

    Examples
    --------
    >>> from rdflib.namespace import RDFS
    >>> read_only(NG.Case), read_only(RDFS.label), read_only(NGR["case/x"])
    (True, True, False)
    """
    text = str(iri)
    return text == str(NG).rstrip("#") or any(
        text.startswith(str(ns)) for prefix, ns in PREFIXES.items() if prefix != "ngr")


def iri_at(doc: LocatedDocument, path: KeyPath, value: str) -> URIRef | None:
    """:func:`expand_iri`, with a refused IRI reported at ``path`` of the template."""
    try:
        return expand_iri(value)
    except ValueError as exc:
        raise doc.error(f"{exc} (only http, https and urn IRIs are taken)", path) from None


def writable(doc: LocatedDocument, subject: URIRef, path: KeyPath) -> None:
    """Refuse a triple about a term of the ontology or a vocabulary (they are read-only)."""
    if read_only(subject):
        raise doc.error(
            f"{curie(subject)} is a term of the ontology or a vocabulary: a template "
            "cannot add statements about it (it adds data, under ngr:)", path)
