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

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..terms import QUOTES, fold, local_name
from .display import choose_label, first_labels

__all__ = ["QUOTES", "fold", "label", "labels", "local_name"]


def labels(graph: Graph, node: Node) -> dict[str, str]:
    """Return ``{language: label}`` from ``rdfs:label`` (then ``skos:prefLabel``)."""

    def literals_of(prop: str) -> Iterator[tuple[str, str | None]]:
        for obj in graph.objects(node, URIRef(prop)):
            if isinstance(obj, Literal):
                yield str(obj), obj.language

    return first_labels(literals_of)


def label(graph: Graph, node: Node, lang: str = "zh") -> str:
    """Return the label of ``node`` in ``lang``, else in the other language, else its name."""
    if not isinstance(node, URIRef):
        found = labels(graph, node)
        return choose_label(found, lang, "") if found else str(node)
    return choose_label(labels(graph, node), lang, str(node))
