"""Labels of resources in a chosen language.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> x = URIRef("https://w3id.org/netgov-kg/id/theme/party-building")
>>> _ = g.add((x, RDFS.label, Literal("党建", lang="zh")))
>>> _ = g.add((x, RDFS.label, Literal("party building", lang="en")))
>>> label(g, x, "en")
'party building'
>>> label(g, URIRef("https://example.org/no-label"), "zh")
'no-label'
"""

from __future__ import annotations

import unicodedata

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

#: Quotation marks that do not count when labels are compared.
QUOTES = frozenset("“”\"'‘’「」《》『』")


def fold(text: str) -> str:
    """Fold a label for comparing: the one rule by which two labels are "the same".

    NFKC (full-width forms become plain), case folded, and with no quotation marks, no
    white space and no invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, bidi marks and overrides, the byte-order mark). ``add`` uses it to find a
    duplicate or a resource to reuse, ``find``/``resolve`` to match what a user typed.

    Examples
    --------
    >>> fold("胶东\u200b在线") == fold("胶东在线")
    True
    >>> fold(" 上海“一网通办” ") == fold('上海"一网通办"')
    True
    >>> fold("Sina  Weibo"), fold("ＳＩＮＡ\u202eWeibo")
    ('sinaweibo', 'sinaweibo')
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return unicodedata.normalize("NFKC", "".join(
        ch for ch in text
        if not ch.isspace() and ch not in QUOTES and unicodedata.category(ch) != "Cf"))


def local_name(iri: str) -> str:
    """Return the last segment of an IRI (after ``#`` or the last ``/``).

    Examples
    --------
    >>> local_name("https://w3id.org/netgov-kg/ontology#Case")
    'Case'
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def labels(graph: Graph, node: Node) -> dict[str, str]:
    """Return ``{language: label}`` from ``rdfs:label`` (then ``skos:prefLabel``)."""
    found: dict[str, str] = {}
    for prop in (RDFS.label, SKOS.prefLabel):
        for obj in graph.objects(node, prop):
            if isinstance(obj, Literal):
                found.setdefault(obj.language or "", str(obj))
        if found:
            break
    return found


def label(graph: Graph, node: Node, lang: str = "zh") -> str:
    """Return the label of ``node`` in ``lang``, else in the other language, else its name."""
    found = labels(graph, node)
    for key in (lang, "zh" if lang == "en" else "en", ""):
        if key in found:
            return found[key]
    if found:
        return next(iter(found.values()))
    return local_name(str(node)) if isinstance(node, URIRef) else str(node)
