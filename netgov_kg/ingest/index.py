"""What the graph already holds, for reusing it: labels, GB/T 2260 codes, classes.

The mapper asks this index to match a template's references (an organisation's name, a
place's code, a theme's label) to resources the graph already has, so that they are reused
instead of created again.

Examples
--------
>>> from rdflib import Dataset, Literal, RDF, RDFS
>>> from netgov_kg.namespaces import NG, NGR
>>> ds = Dataset(default_union=True)
>>> g = ds.graph(NGR["graph/t"])
>>> _ = g.add((NGR["place/330523"], RDF.type, NG.Place))
>>> _ = g.add((NGR["place/330523"], NG.adminCode, Literal("330523")))
>>> _ = g.add((NGR["place/330523"], RDFS.label, Literal("安吉县", lang="zh")))
>>> index = GraphIndex.build(ds)
>>> index.place_by_code("330523") == NGR["place/330523"]
True
>>> index.by_label("安吉县", NG.Place) == [NGR["place/330523"]]
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources as _resources

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..namespaces import PREFIXES
from ..query.labels import fold


def query_text(name: str) -> str:
    """Return the text of ``netgov_kg/ingest/queries/<name>.rq``.

    Examples
    --------
    >>> "ng:adminCode" in query_text("place-codes")
    True
    """
    return (_resources.files(__package__) / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def run(dataset: Dataset | Graph, name: str) -> list[tuple]:
    """Run the project query ``name`` on ``dataset`` with the usual prefixes."""
    return list(dataset.query(query_text(name), initNs=dict(PREFIXES)))


@dataclass
class GraphIndex:
    """Labels, codes, types and class hierarchy of a graph."""

    dataset: Dataset | Graph
    labels: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    types: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    codes: dict[str, URIRef] = field(default_factory=dict)
    supers: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    names: dict[URIRef, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def build(cls, dataset: Dataset | Graph) -> GraphIndex:
        """Index ``dataset`` (the union of its graphs)."""
        index = cls(dataset)
        for resource, type_, label in run(dataset, "labels"):
            index.labels[fold(str(label))].add(resource)
            if type_ is not None:
                index.types[resource].add(type_)
            lang = getattr(label, "language", None)
            if lang and lang not in index.names[resource]:
                index.names[resource][lang] = str(label)
        for place, code in run(dataset, "place-codes"):
            index.codes[str(code)] = place
        for sub, sup in run(dataset, "subclasses"):
            index.supers[sub].add(sup)
        return index

    def exists(self, iri: URIRef) -> bool:
        """Whether the graph says anything about ``iri`` (as subject)."""
        return (iri, None, None) in self.dataset

    def types_of(self, iri: URIRef) -> set[URIRef]:
        """Return the stated types of ``iri``."""
        if iri not in self.types:
            self.types[iri] = set(self.dataset.objects(iri, RDF.type))
        return self.types[iri]

    def is_subclass(self, cls: URIRef, sup: URIRef) -> bool:
        """Whether ``cls`` is ``sup`` or one of its subclasses (per the ontology)."""
        return cls == sup or sup in self.supers.get(cls, ())

    def is_a(self, iri: URIRef, cls: URIRef) -> bool:
        """Whether ``iri`` is typed ``cls`` or a subclass of it (SHACL's instance rule)."""
        return any(self.is_subclass(t, cls) for t in self.types_of(iri))

    def by_label(self, label: str, cls: URIRef | None = None) -> list[URIRef]:
        """Return the resources (of class ``cls``) with this label, sorted."""
        found = self.labels.get(fold(label), set())
        return sorted(r for r in found if cls is None or self.is_a(r, cls))

    def place_by_code(self, code: str) -> URIRef | None:
        """Return the place with GB/T 2260 code ``code``, or ``None``."""
        return self.codes.get(code)

    def instances(self, cls: URIRef) -> list[URIRef]:
        """Return the labelled resources of class ``cls``, sorted."""
        return sorted({r for rs in self.labels.values() for r in rs if self.is_a(r, cls)})

    def name(self, iri: URIRef, lang: str = "zh") -> str:
        """Return a label of ``iri`` for messages (``lang`` first), or the IRI."""
        names = self.names.get(iri, {})
        return names.get(lang) or next(iter(names.values()), str(iri))
