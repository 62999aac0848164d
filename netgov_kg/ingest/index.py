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

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..namespaces import NG, PREFIXES
from ..resources import query_text
from ..terms import LabelTable, superclasses


def run(dataset: Dataset | Graph, name: str) -> list[tuple]:
    """Run the project query ``name`` on ``dataset`` with the usual prefixes."""
    return list(dataset.query(query_text("ingest", name), initNs=dict(PREFIXES)))


@dataclass
class GraphIndex:
    """Labels, codes, types and class hierarchy of a graph."""

    dataset: Dataset | Graph
    labels: LabelTable = field(default_factory=LabelTable)
    types: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    codes: dict[str, URIRef] = field(default_factory=dict)
    supers: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)
    names: dict[URIRef, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def build(cls, dataset: Dataset | Graph) -> GraphIndex:
        """Index ``dataset`` (the union of its graphs)."""
        index = cls(dataset)
        for resource, type_, label in run(dataset, "labels"):
            index.labels.add(resource, str(label))
            if type_ is not None:
                index.types[resource].add(type_)
            lang = getattr(label, "language", None)
            if lang and lang not in index.names[resource]:
                index.names[resource][lang] = str(label)
        for place, code in run(dataset, "place-codes"):
            index.codes[str(code)] = place
        index.supers.update(superclasses(dataset))
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
        found = self.labels.exact(label)
        return sorted(r for r in found if cls is None or self.is_a(r, cls))  # type: ignore

    def resolve(self, text: str, cls: URIRef | None = None, *, what: str = "resource") -> URIRef:
        """Return the one resource (of class ``cls``) named ``text``: the rule of every entry point.

        :class:`netgov_kg.terms.LabelTable`'s rule, as :func:`netgov_kg.terms.resolve` applies
        it (a case wins over other resources of the same name), except that a name must be
        whole: a template does not guess from a part of a name.

        Raises
        ------
        UnknownResource
            If no resource has this name (the message suggests close ones).
        AmbiguousResource
            If several have it.
        """
        found = self.labels.resolve(
            text, accept=lambda r: cls is None or self.is_a(r, cls),  # type: ignore[arg-type]
            prefer=lambda r: self.is_a(r, NG.Case), exact=True, what=what,  # type: ignore
            describe=lambda r: f"{self.name(r)} <{r}>")  # type: ignore[arg-type]
        return found  # type: ignore[return-value]

    def place_by_code(self, code: str) -> URIRef | None:
        """Return the place with GB/T 2260 code ``code``, or ``None``."""
        return self.codes.get(code)

    def instances(self, cls: URIRef) -> list[URIRef]:
        """Return the labelled resources of class ``cls``, sorted."""
        return sorted({r for rs in self.labels.by_name.values() for r in rs  # type: ignore
                       if self.is_a(r, cls)})  # type: ignore[arg-type]

    def name(self, iri: URIRef, lang: str = "zh") -> str:
        """Return a label of ``iri`` for messages (``lang`` first), or the IRI."""
        names = self.names.get(iri, {})
        return names.get(lang) or next(iter(names.values()), str(iri))
