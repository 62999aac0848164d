"""Namespaces and prefixes: the one place where they are defined.

Every other module imports its namespaces from here.

Examples
--------
>>> from netgov_kg.namespaces import NG, NGR
>>> str(NG.Case)
'https://w3id.org/netgov-kg/ontology#Case'
>>> str(NGR["case/yinchuan-weibo-matrix"])
'https://w3id.org/netgov-kg/id/case/yinchuan-weibo-matrix'
"""

from __future__ import annotations

import re

from rdflib import Graph, Namespace

# rdflib's own namespaces, importable from here as in 0.1 (`from netgov_kg.namespaces import PROV`).
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD  # noqa: F401

from .iris import NG_IRI, NGR_IRI, NGSH_IRI, PREFIX_IRIS

NG = Namespace(NG_IRI)
NGR = Namespace(NGR_IRI)
NGSH = Namespace(NGSH_IRI)
SCHEMA = Namespace(PREFIX_IRIS["schema"])
ORG = Namespace(PREFIX_IRIS["org"])
GEO = Namespace(PREFIX_IRIS["geo"])
VANN = Namespace(PREFIX_IRIS["vann"])
VOID = Namespace(PREFIX_IRIS["void"])
DCAT = Namespace(PREFIX_IRIS["dcat"])
#: The W3C Web Annotation vocabulary: evidence (``ng:evidence``) and its text selectors.
OA = Namespace(PREFIX_IRIS["oa"])

#: Prefixes pre-bound in every query run through the library, as rdflib namespaces (the
#: table itself, as strings, is :data:`netgov_kg.iris.PREFIX_IRIS`).
PREFIXES: dict[str, Namespace] = {
    prefix: {"ng": NG, "ngr": NGR, "ngsh": NGSH}.get(prefix) or Namespace(iri)
    for prefix, iri in PREFIX_IRIS.items()
}


def sparql_prologue() -> str:
    """Return the PREFIX declarations of :data:`PREFIXES` as SPARQL text.

    Examples
    --------
    >>> "PREFIX ng: <https://w3id.org/netgov-kg/ontology#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every prefix of :data:`PREFIXES` on ``graph`` and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> str(dict(g.namespaces())["ng"]) == str(NG)
    True
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


#: The IRIs that pages and notebooks show as links: http(s) with a host, and no space,
#: control character or character that cannot appear in an IRI. The same pattern (matched
#: whole and ignoring case) is handed to the query page's script.
WEB_IRI_PATTERN = r"https?://[^\x00-\x20\x7f-\x9f\"<>\\^`{|}/?#][^\x00-\x20\x7f-\x9f\"<>\\^`{|}]*"

_WEB_IRI = re.compile(WEB_IRI_PATTERN, re.IGNORECASE)


def is_web_iri(iri: object) -> bool:
    """Return whether ``iri`` is an http(s) IRI, the only kind a page shows as a link.

    ``javascript:``, ``data:``, ``file:``, ``mailto:``, ``urn:`` and every other scheme are
    shown as text: an IRI from a loaded file, an update or a query answer is untrusted.

    Examples
    --------
    >>> is_web_iri("https://w3id.org/netgov-kg/id/case/x"), is_web_iri("HTTP://example.org")
    (True, True)
    >>> [is_web_iri(i) for i in ("javascript:alert(1)", " http://a", "http://a b", "http:///x")]
    [False, False, False, False]
    """
    return isinstance(iri, str) and _WEB_IRI.fullmatch(iri) is not None
