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
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

NG = Namespace("https://w3id.org/netgov-kg/ontology#")
NGR = Namespace("https://w3id.org/netgov-kg/id/")
NGSH = Namespace("https://w3id.org/netgov-kg/shapes#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
VANN = Namespace("http://purl.org/vocab/vann/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
#: The W3C Web Annotation vocabulary: evidence (``ng:evidence``) and its text selectors.
OA = Namespace("http://www.w3.org/ns/oa#")

#: Prefixes pre-bound in every query run through the library (contract: ng, ngr, rdfs, skos,
#: prov, xsd; the rest are added for convenience).
PREFIXES: dict[str, Namespace] = {
    "ng": NG,
    "ngr": NGR,
    "ngsh": NGSH,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "schema": SCHEMA,
    "org": ORG,
    "foaf": Namespace(str(FOAF)),
    "dcterms": Namespace(str(DCTERMS)),
    "geo": GEO,
    "sh": Namespace(str(SH)),
    "vann": VANN,
    "void": VOID,
    "dcat": DCAT,
    "oa": OA,
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
