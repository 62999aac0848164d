"""The project's namespace IRIs as plain strings: importable without rdflib.

The one table of the pre-bound prefixes. :mod:`netgov_kg.namespaces` builds its rdflib
``Namespace`` objects from it; the command line's cold path (:mod:`netgov_kg.query.cold`),
which answers without importing rdflib, reads it directly.

Examples
--------
>>> PREFIX_IRIS["ngr"]
'https://w3id.org/netgov-kg/id/'
>>> RDFS_LABEL
'http://www.w3.org/2000/01/rdf-schema#label'
"""

from __future__ import annotations

NG_IRI = "https://w3id.org/netgov-kg/ontology#"
NGR_IRI = "https://w3id.org/netgov-kg/id/"
NGSH_IRI = "https://w3id.org/netgov-kg/shapes#"

RDF_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_IRI = "http://www.w3.org/2000/01/rdf-schema#"
SKOS_IRI = "http://www.w3.org/2004/02/skos/core#"
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes pre-bound in every query run through the library (contract: ng, ngr, rdfs, skos,
#: prov, xsd; the rest are added for convenience), in this order.
PREFIX_IRIS: dict[str, str] = {
    "ng": NG_IRI,
    "ngr": NGR_IRI,
    "ngsh": NGSH_IRI,
    "rdf": RDF_IRI,
    "rdfs": RDFS_IRI,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD_IRI,
    "skos": SKOS_IRI,
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "oa": "http://www.w3.org/ns/oa#",
}

#: The properties a resource's display label is read from, in order (``rdfs:label``, then
#: ``skos:prefLabel``).
RDFS_LABEL = RDFS_IRI + "label"
SKOS_PREF_LABEL = SKOS_IRI + "prefLabel"
DISPLAY_LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF_LABEL)

#: ``xsd:string``: a literal of this type is the same as a plain one.
XSD_STRING = XSD_IRI + "string"


def local_name(iri: str) -> str:
    """Return the last segment of an IRI (after ``#`` or the last ``/``).

    Examples
    --------
    >>> local_name("https://w3id.org/netgov-kg/ontology#Case")
    'Case'
    >>> local_name("https://w3id.org/netgov-kg/id/place/510100/")
    '510100'
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]
