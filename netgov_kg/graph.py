"""The :class:`KnowledgeGraph` facade: a thin object that holds the store and the language.

Every feature lives in its own module; the facade only forwards to it, so that front ends (the
command line, the server, notebooks) have one object to call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from rdflib import Dataset, Graph, URIRef

from .errors import InputError
from .namespaces import NG, NGR

if TYPE_CHECKING:  # pragma: no cover - heavy modules, imported only when used
    from datetime import datetime

    import networkx as nx
    from rdflib.term import Node

    from .extract.draft import Draft
    from .ingest.add import Summary
    from .ingest.additions import Removal
    from .lookup import Description
    from .network.projections import ProjectionInfo
    from .network.similarity import SimilarCase
    from .query.catalogue import NamedQuery
    from .query.results import Results
    from .validation.report import Report

#: Named graph IRIs used when loading the shipped files.
GRAPH_ONTOLOGY = URIRef(str(NGR) + "graph/ontology")
GRAPH_DATA = URIRef(str(NGR) + "graph/data")
GRAPH_EXTRA = URIRef(str(NGR) + "graph/extra")


def merge_bindings(
    bindings: Mapping[str, object] | None, legacy: Mapping[str, object], *, call: str
) -> dict[str, object]:
    """Return ``bindings`` and the old keyword form ``legacy`` as one dict.

    The keyword form (``kg.query(q, l=...)``) is part of the contract and keeps working without
    a warning; it only cannot bind a variable named like a parameter (``sparql``, ``name``,
    ``bindings``), which is what ``bindings=`` is for. A name given both ways is refused.

    Examples
    --------
    >>> merge_bindings({"name": 1}, {}, call="run")
    {'name': 1}
    """
    merged = dict(bindings or {})
    if legacy:
        both = sorted(set(merged) & set(legacy))
        if both:
            raise InputError(f"{call}(): {', '.join(both)} given both in bindings= and as keywords")
        merged.update(legacy)
    return merged


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
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, object] | None = None,
        allow_remote: bool = False,
        **legacy_bindings: object,
    ) -> Results | Graph:
        """Run a SPARQL query with the usual prefixes pre-bound; bind values safely.

        Parameters
        ----------
        sparql : str
            A SELECT, ASK, CONSTRUCT or DESCRIBE query (see
            :func:`netgov_kg.query.run_query` for the pre-bound prefixes and ``BASE``).
        bindings : mapping of str to term or Python value, optional
            Values for variables, by name without ``?``: any name, ``sparql`` and ``name``
            included. A ``str`` becomes a plain literal; pass :class:`rdflib.URIRef` for IRIs.
        allow_remote : bool, default False
            Let ``SERVICE``, ``LOAD`` and ``FROM`` read the network or files (refused by
            default, as on the server).
        **legacy_bindings
            The older form ``kg.query(q, l=...)``: keeps working
            (it cannot bind a variable named like a parameter).

        Returns
        -------
        Results or rdflib.Graph
            :class:`~netgov_kg.Results` for SELECT and ASK, a graph for CONSTRUCT and DESCRIBE.

        Examples
        --------
        >>> import netgov_kg
        >>> kg = netgov_kg.load()
        >>> rows = kg.query("SELECT ?name WHERE { BIND(?sparql AS ?name) }",
        ...                 bindings={"sparql": "一网通办"})
        >>> str(rows[0]["name"])
        '一网通办'
        """
        from .query import run_query

        values = merge_bindings(bindings, legacy_bindings, call="query")
        return self._in_lang(run_query(self.dataset, sparql, values, allow_remote=allow_remote))

    def named_queries(self) -> list[NamedQuery]:
        """List the named-query catalogue. See :mod:`netgov_kg.query.catalogue`."""
        from .query.catalogue import list_queries

        return list_queries()

    def run(
        self,
        name: str,
        *,
        bindings: Mapping[str, object] | None = None,
        allow_remote: bool = False,
        **legacy_params: object,
    ) -> Results:
        """Run the named query ``name`` (see :meth:`named_queries`).

        Parameters
        ----------
        name : str
            The query's name, e.g. ``"cases-by-theme"``.
        bindings : mapping of str to value, optional
            The query's parameters by name: IRIs, CURIEs or labels for resources, Python
            values or strings for the others (any parameter name, ``name`` included).
        allow_remote : bool, default False
            As for :meth:`query`.
        **legacy_params
            The older form ``kg.run(name, theme=...)``: keeps working
            (it cannot bind a variable named like a parameter).

        Returns
        -------
        Results

        Examples
        --------
        >>> import netgov_kg
        >>> rows = netgov_kg.load().run("cases-by-theme", bindings={"theme": "党建"})
        >>> len(rows) > 0
        True
        """
        from .query.catalogue import run_named

        params = merge_bindings(bindings, legacy_params, call="run")
        result = self._in_lang(run_named(self.dataset, name, params, allow_remote=allow_remote))
        if isinstance(result, Graph):  # the catalogue holds SELECT and ASK queries only
            raise InputError(f"named query {name!r} is not a SELECT or ASK query")
        return result

    def _in_lang(self, result: Results | Graph) -> Results | Graph:
        """Label ``result``'s printed table in the graph's language."""
        if not isinstance(result, Graph):
            result.lang = self.lang
        return result

    # -- validation and export --------------------------------------------------------------
    def validate(
        self,
        *,
        changed: Graph | Iterable[Node] | None = None,
        focus_nodes: Iterable[Node] | None = None,
        lang: str | None = None,
        shapes: Graph | str | PathLike[str] | Iterable[str | PathLike[str]] | None = None,
        inference: str | None = "none",
        advanced: bool = True,
        ontology: bool | None = None,
        **pyshacl_options: Any,
    ) -> Report:
        """Validate the graph against the SHACL shapes. See :mod:`netgov_kg.validation`.

        Parameters
        ----------
        changed : rdflib.Graph or iterable of nodes, optional
            Added or removed triples, or the IRIs of new or changed resources: validate only
            what they can affect (see
            :func:`netgov_kg.validation.incremental.validate_changes`).
        focus_nodes : iterable of nodes, optional
            The same as ``changed=`` (IRIs).
        lang : {"zh", "en"}, optional
            Language of the messages (default: the graph's).
        shapes, inference, advanced, ontology
            See :func:`netgov_kg.validation.validate`.
        **pyshacl_options
            Passed on to :func:`pyshacl.validate` (e.g. ``abort_on_first=True``).

        Returns
        -------
        Report
            ``report.conforms`` and ``report.results`` (the findings).
        """
        options: dict[str, Any] = dict(
            lang=lang or self.lang,
            shapes=shapes,
            inference=inference,
            advanced=advanced,
            ontology=ontology,
            **pyshacl_options,
        )
        if focus_nodes is not None:
            changed = focus_nodes
        if changed is not None:
            from .validation.incremental import validate_changes

            return validate_changes(self.dataset, changed, **options)
        from .validation import validate

        return validate(self.dataset, **options)

    def export(
        self, destination: str | PathLike[str] | IO[Any], *, format: str | None = None
    ) -> None:
        """Write the graph to a file, a folder or a stream; the format is guessed from the name.

        See :func:`netgov_kg.export.export`.
        """
        from .export import export

        export(self.dataset, destination, format=format)

    # -- finding ------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        *,
        cls: URIRef | None = None,
        lang: str | None = None,
        limit: int | None = None,
    ) -> Results:
        """Find resources whose label contains ``text`` (zh or en).

        See :func:`netgov_kg.lookup.find` for the parameters.
        """
        from .lookup import find

        found = find(self.dataset, text, cls=cls, lang=lang, limit=limit)
        found.lang = lang or self.lang
        return found

    def describe(self, iri_or_label: str | URIRef, *, lang: str | None = None) -> Description:
        """Describe one resource, given by IRI, CURIE or label (zh or en)."""
        from .lookup import describe

        return describe(self.dataset, iri_or_label, lang=lang or self.lang)

    # -- networks -----------------------------------------------------------------------------
    @overload
    def network(self, name: None = None, *, lang: str | None = None) -> list[ProjectionInfo]: ...
    @overload
    def network(
        self,
        name: str,
        *,
        lang: str | None = None,
        broader: bool | None = None,
        by: Iterable[str] | None = None,
        weight: str | None = None,
        exclude: Iterable[str] | None = None,
    ) -> nx.Graph: ...
    def network(
        self,
        name: str | None = None,
        *,
        lang: str | None = None,
        broader: bool | None = None,
        by: Iterable[str] | None = None,
        weight: str | None = None,
        exclude: Iterable[str] | None = None,
    ) -> nx.Graph | list[ProjectionInfo]:
        """Return the named networkx projection; with no name, list the names.

        Parameters
        ----------
        name : str, optional
            A projection name (``"case-theme"``, ``"case-case"``, ``"full"``…).
        lang : {"zh", "en"}, optional
            Language of the nodes' labels (default: the graph's).
        broader : bool, optional
            ``case-theme``, ``case-case``: count each case's broader themes too.
        by : iterable of str, optional
            ``case-case``: what cases share (``"themes"``, ``"platform-kinds"``,
            ``"province"``).
        weight : {"jaccard", "overlap"}, optional
            ``case-case``: the edge weight.
        exclude : iterable of str, optional
            ``full``: properties to leave out.

        An option the projection does not have is refused
        (:class:`~netgov_kg.errors.UnknownNameError`). See
        :mod:`netgov_kg.network.projections`.
        """
        from .network.projections import project

        given = {"broader": broader, "by": by, "weight": weight, "exclude": exclude}
        options = {k: v for k, v in given.items() if v is not None}
        return project(self.dataset, name, lang=lang or self.lang, **options)

    def similar_cases(
        self,
        case: str | URIRef,
        k: int = 5,
        *,
        broader: bool = False,
        measure: Literal["jaccard", "overlap", "cosine"] = "jaccard",
    ) -> list[SimilarCase]:
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
        return similar_cases(G, iri, k=k, measure=measure)

    # -- adding data ----------------------------------------------------------------------------
    def add_cases(
        self,
        path: str | PathLike[str],
        *,
        into: str | PathLike[str] | None = None,
        dry_run: bool = False,
        lang: str | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> Summary:
        """Add cases from a YAML or CSV template. See :func:`netgov_kg.ingest.add.add_cases`."""
        from .ingest.add import add_cases

        target = None if into is None else Path(into)
        return add_cases(self, Path(path), into=target, dry_run=dry_run, lang=lang, by=by,
                         at=at)

    def remove_addition(
        self,
        addition: str,
        *,
        source: str | PathLike[str],
        dry_run: bool = False,
        lang: str | None = None,
    ) -> Removal:
        """Take back one addition. See :func:`netgov_kg.ingest.additions.remove_addition`."""
        from .ingest.additions import remove_addition

        return remove_addition(self, addition, source=Path(source), dry_run=dry_run, lang=lang)

    def extract(
        self,
        text: str,
        *,
        gazetteer: bool = True,
        source_url: str | None = None,
        source_date: str | None = None,
    ) -> Draft:
        """Draft a case template from a Chinese article (see :mod:`netgov_kg.extract`).

        Every proposed item has ``evidence`` (offsets into ``text`` as given) and ``review``.

        Examples
        --------
        >>> import netgov_kg
        >>> d = netgov_kg.load().extract("“青禾通”APP上线以来,接入部门20多个。")
        >>> d.figures[0].written, d.cases[0]["platforms"][0]["label"]["zh"]
        ('20多', '“青禾通”APP')
        """
        from .extract import extract

        return extract(self.dataset, text, gazetteer=gazetteer, source_url=source_url,
                       source_date=source_date)


def load(
    *extra: str | PathLike[str],
    store: str | None = None,
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
    store : str or None
        Store spec, see :func:`netgov_kg.stores.open_store`. ``None``: the default engine,
        Oxigraph (rdflib's ``"memory"`` store, with a warning, where ``pyoxigraph`` cannot be
        imported). ``"memory"`` is slower and answers a few queries differently.
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
