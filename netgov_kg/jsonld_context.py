"""Build the compact JSON-LD ``@context`` (``netgov_kg/context.jsonld``) from the graph.

Every class of the ontology and every property used in the data gets a short term (its local
name): properties whose values are IRIs are typed ``@id`` (not those with blank-node values,
which are written as embedded nodes), properties whose values are all
language-tagged texts get a ``@language`` container (``"label": {"zh": …, "en": …}``). The
shipped file is regenerated with ``python -m netgov_kg.jsonld_context``; a test checks that it
covers every property the data uses.

Examples
--------
>>> import netgov_kg
>>> ctx = build_context(netgov_kg.load().dataset)
>>> ctx["label"]
{'@id': 'rdfs:label', '@container': '@language'}
>>> ctx["locatedIn"]
{'@id': 'ng:locatedIn', '@type': '@id'}
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF

from .namespaces import NG, PREFIXES
from .terms import local_name

#: Prefixes declared in the context.
CONTEXT_PREFIXES = (
    "ng",
    "ngr",
    "rdf",
    "rdfs",
    "owl",
    "xsd",
    "skos",
    "prov",
    "schema",
    "org",
    "foaf",
    "dcterms",
    "geo",
    "dcat",
    "void",
    "vann",
    "oa",
)


def compact(iri: URIRef) -> str:
    """Return ``iri`` as ``prefix:local`` with :data:`CONTEXT_PREFIXES`, else the IRI."""
    for prefix in CONTEXT_PREFIXES:
        ns = str(PREFIXES[prefix])
        if str(iri).startswith(ns) and len(str(iri)) > len(ns):
            return f"{prefix}:{str(iri)[len(ns) :]}"
    return str(iri)


def _definition(dataset: Dataset, prop: URIRef) -> Any:
    values = list(dataset.objects(None, prop))
    if any((v, RDF.first, None) in dataset for v in values):
        return compact(prop)  # holds RDF lists: let the serializer write @list
    if values and all(isinstance(v, URIRef) for v in values):
        # not for blank nodes (ng:evidence, oa:hasSelector): rdflib embeds a blank node used
        # once, and a property coerced to @id would then keep only its label, not its triples
        return {"@id": compact(prop), "@type": "@id"}
    if values and all(isinstance(v, Literal) and v.language for v in values):
        return {"@id": compact(prop), "@container": "@language"}
    return compact(prop)


def build_context(dataset: Dataset) -> dict[str, Any]:
    """Return the ``@context`` object for ``dataset`` (see the module's description)."""
    ctx: dict[str, Any] = {"@version": 1.1}
    ctx.update({p: str(PREFIXES[p]) for p in CONTEXT_PREFIXES})
    ctx.update({"id": "@id", "type": "@type", "graph": "@graph"})
    classes = sorted({c for c in dataset.subjects(RDF.type, OWL.Class) if str(c).startswith(NG)})
    for cls in classes:
        ctx[local_name(str(cls))] = compact(cls)
    # the project's own properties first, so that they get the short names (ng:title: "title")
    skip = {RDF.type, RDF.first, RDF.rest}  # lists are written with @list
    used = sorted(
        {p for p in dataset.predicates() if p not in skip},
        key=lambda p: (not str(p).startswith(NG), str(p)),
    )
    for prop in used:
        term = local_name(str(prop))
        if term in ctx and ctx[term] != _definition(dataset, prop):
            term = compact(prop).replace(":", "_")  # a clash: e.g. schema:name vs foaf:name
        ctx.setdefault(term, _definition(dataset, prop))
    return ctx


def main() -> None:  # pragma: no cover - a maintenance command
    """Rewrite ``netgov_kg/context.jsonld`` from the shipped ontology and data."""
    import netgov_kg
    from netgov_kg.atomic import atomic_write_text
    from netgov_kg.export import CONTEXT_FILE

    ctx = build_context(netgov_kg.load().dataset)
    atomic_write_text(
        CONTEXT_FILE, json.dumps({"@context": ctx}, ensure_ascii=False, indent=2) + "\n"
    )
    print(f"wrote {CONTEXT_FILE} ({len(ctx)} terms)")


if __name__ == "__main__":  # pragma: no cover
    main()
