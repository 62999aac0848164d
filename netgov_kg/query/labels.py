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

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from ..terms import QUOTES, fold, local_name

__all__ = ["QUOTES", "fold", "label", "labels", "local_name"]


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
