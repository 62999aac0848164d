"""The :class:`KnowledgeGraph` facade: a thin object that holds the store and the language.

Every feature lives in its own module; the facade only forwards to it, so that front ends (the
command line, the server, notebooks) have one object to call.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

from .namespaces import NG, NGR

#: Named graph IRIs used when loading the shipped files.
GRAPH_ONTOLOGY = URIRef(str(NGR) + "graph/ontology")
GRAPH_DATA = URIRef(str(NGR) + "graph/data")
GRAPH_EXTRA = URIRef(str(NGR) + "graph/extra")


class KnowledgeGraph:
    """The knowledge graph: an rdflib dataset plus a preferred label language.

    Use :func:`netgov_kg.load` to make one.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The store, as returned by :func:`netgov_kg.stores.open_store`.
    lang : {"zh", "en"}
        The preferred language of labels in results and reports.
    """

    def __init__(self, dataset: Dataset, *, lang: str = "zh") -> None:
        self.dataset = dataset
        self.lang = lang

    def __len__(self) -> int:
        return len(self.dataset)

    def __repr__(self) -> str:
        from .stores import store_kind

        return f"<KnowledgeGraph {len(self)} triples, store={store_kind(self.dataset)!r}>"

    # -- querying ---------------------------------------------------------------------------
    def query(self, sparql: str, **bindings: Any) -> Any:
        """Run a SPARQL query with the usual prefixes pre-bound; bind values safely.

        See :func:`netgov_kg.query.run_query`.
        """
        from .query import run_query

        return run_query(self.dataset, sparql, bindings)

    def named_queries(self) -> Any:
        """List the named-query catalogue. See :mod:`netgov_kg.query.catalogue`."""
        from .query.catalogue import list_queries

        return list_queries()

    def run(self, name: str, **params: Any) -> Any:
        """Run the named query ``name`` with ``params``."""
        from .query.catalogue import run_named

        return run_named(self.dataset, name, params)

    # -- validation and export --------------------------------------------------------------
    def validate(self, **options: Any) -> Any:
        """Validate the graph against the SHACL shapes. See :mod:`netgov_kg.validation`.

        ``changed=`` (a graph of added or removed triples, or the IRIs of new or changed
        resources) validates only what they can affect; see
        :func:`netgov_kg.validation.incremental.validate_changes`. ``focus_nodes=`` (IRIs) is
        the same as ``changed=``.
        """
        lang = options.pop("lang", self.lang)
        if options.get("focus_nodes") is not None:
            options["changed"] = options.pop("focus_nodes")
        if options.get("changed") is not None:
            from .validation.incremental import validate_changes

            return validate_changes(self.dataset, options.pop("changed"), lang=lang, **options)
        from .validation import validate

        return validate(self.dataset, lang=lang, **options)

    def export(self, destination: str | PathLike[str] | Any, *, format: str | None = None) -> None:
        """Write the graph to a file or stream; the format is guessed from the file name."""
        from .export import export

        export(self.dataset, destination, format=format)

    # -- finding ------------------------------------------------------------------------------
    def find(self, text: str, **options: Any) -> Any:
        """Find resources whose label contains ``text`` (zh or en)."""
        from .lookup import find

        return find(self.dataset, text, **options)

    def describe(self, iri_or_label: str, **options: Any) -> Any:
        """Describe one resource, given by IRI, CURIE or label."""
        from .lookup import describe

        return describe(self.dataset, iri_or_label, lang=options.pop("lang", self.lang), **options)

    # -- networks -----------------------------------------------------------------------------
    def network(self, name: str | None = None, *, lang: str | None = None, **options: Any) -> Any:
        """Return the named networkx projection; with no name, list the names.

        See :mod:`netgov_kg.network.projections`.
        """
        from .network.projections import project

        return project(self.dataset, name, lang=lang or self.lang, **options)

    def similar_cases(
        self, case: str | URIRef, k: int = 5, *, broader: bool = False, **options: Any
    ) -> Any:
        """Return the ``k`` cases most similar to ``case``, with the shared themes.

        ``case`` is a ``URIRef`` (as a query row gives it), an IRI, a CURIE or a label, as
        :func:`netgov_kg.terms.resolve` takes them.

        ``broader=True`` counts each case's broader themes too; ``measure=`` picks the score.
        See :func:`netgov_kg.network.similarity.similar_cases`.
        """
        from .network.similarity import similar_cases
        from .terms import resolve

        iri = resolve(self.dataset, case, NG.Case)  # the one rule of every entry point
        G = self.network("case-theme", lang=self.lang, broader=broader)
        return similar_cases(G, iri, k=k, **options)

    # -- adding data ----------------------------------------------------------------------------
    def add_cases(self, path: str | PathLike[str], **options: Any) -> Any:
        """Add cases from a YAML or CSV template. See :mod:`netgov_kg.ingest`."""
        from .ingest import add_cases

        return add_cases(self, Path(path), **options)


def load(
    *extra: str | PathLike[str],
    store: str = "memory",
    inference: str | None = None,
    lang: str = "zh",
    include_data: bool = True,
    reload: bool = False,
) -> KnowledgeGraph:
    """Load the ontology and the data (and any ``extra`` files) into a store.

    Parameters
    ----------
    *extra : str or path
        More RDF files to load; the format is guessed from the file name.
    store : str
        Store spec, see :func:`netgov_kg.stores.open_store`.
    inference : {None, "rdfs", "owl-rl"}
        Materialise RDFS or OWL-RL entailments with owlrl after loading.
    lang : {"zh", "en"}
        Preferred label language.
    include_data : bool
        Load the shipped data (``False`` loads only the ontology).
    reload : bool
        For a persistent store (``"oxigraph:PATH"``, ``"sparql:URL"``), parse every file
        again and replace its graph; by default a file whose graph the store already holds is
        not loaded again (load once, query many times).

    Examples
    --------
    >>> kg = load()
    >>> len(kg) > 0
    True
    """
    from .loading import load_into
    from .stores import open_store

    dataset = open_store(store)
    load_into(dataset, extra=[Path(p) for p in extra], include_data=include_data, reload=reload)
    if inference:
        from .inference import expand

        expand(dataset, inference)
    return KnowledgeGraph(dataset, lang=lang)


def _paths(paths: Iterable[str | PathLike[str]]) -> list[Path]:
    return [Path(p) for p in paths]
