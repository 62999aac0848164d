"""Named projections of the knowledge graph onto networkx graphs.

Each projection selects its links with one of the SPARQL files in
``netgov_kg/network/queries`` (or a named query, see below) and builds a networkx graph whose
node keys are IRIs (strings).

Every node carries ``iri``, ``label`` (in the chosen language, falling back to the other),
``label_zh``, ``label_en``, ``class`` (the contract's core class: ``Case``, ``Expert``,
``Organisation``…) and every type, as strings of CURIEs sorted and separated by spaces
(GraphML and GEXF cannot hold lists): ``types`` (every asserted class), ``kind`` (the most
specific of them: ``ng:AccountMatrix ng:WeiboAccount`` for 问政银川), ``top_kind`` (the classes
directly below ``class``, e.g. ``ng:SocialMediaAccount``; empty when no kind is stated) and
``type`` (the first of ``kind``, kept for older code).

The case–theme links come from the named query ``case-themes`` and the platform kinds from
``platforms-by-kind`` (run without parameters, on the path of ``kg.run``), so a projection
cannot disagree with the named query.

Every edge carries ``property`` (a CURIE or property path) and ``weight``; an edge whose triple
the source does not state outright (see the contract's "How sure a fact is") also carries
``basis`` (``Background``, ``Implied`` or ``Correction``).

==========================  ===============================================================
name                        graph
==========================  ===============================================================
``case-theme``              :class:`networkx.Graph`, bipartite (``bipartite`` 0 = case, 1 =
                            theme), edges ``ng:hasTheme``
``case-case``               :class:`networkx.Graph` of cases; an edge per pair sharing a theme
                            (or, on request, a platform kind or a province)
``expert-institution``      :class:`networkx.DiGraph`: expert → unit (``ng:affiliation``),
                            unit → parent (``ng:partOf``), expert → case endorsed
``organisation-tree``       :class:`networkx.DiGraph`: organisation → direct parent
``place-tree``              :class:`networkx.DiGraph`: place → direct parent
``case-platform``           :class:`networkx.Graph`, bipartite: case — platform
``full``                    :class:`networkx.MultiDiGraph`: every data resource and every link
                            between resources, keyed by property
==========================  ===============================================================

Examples
--------
>>> import netgov_kg
>>> ds = netgov_kg.load().dataset
>>> G = project(ds, "case-theme")
>>> sum(1 for _, c in G.nodes(data="class") if c == "Case")
10
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ..errors import UnknownNameError
from ._rdf import (
    Annotator,
    curie,
    expand,
    is_data_resource,
    local_name,
    named_select,
    reified_basis,
    select,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "PROJECTIONS",
    "ProjectionInfo",
    "project",
    "check_name",
    "case_theme",
    "case_case",
    "expert_institution",
    "organisation_tree",
    "place_tree",
    "case_platform",
    "full",
    "platform_kinds",
]


class ProjectionInfo(NamedTuple):
    """A projection's name and one-line description."""

    name: str
    description: str


@dataclass(frozen=True)
class _Projection:
    name: str
    description: str
    build: Callable[..., Any]


# -- helpers ----------------------------------------------------------------------------------
def _add_node(G: nx.Graph, annotate: Annotator, node: URIRef, **extra: Any) -> str:
    key = str(node)
    if key not in G:
        G.add_node(key, **annotate(node), **extra)
    elif extra:
        G.nodes[key].update(extra)
    return key


def _mark_basis(
    attrs: dict[str, Any], basis: dict[tuple[Any, Any, Any], str], triple: tuple[Any, Any, Any]
) -> dict[str, Any]:
    found = basis.get(triple)
    if found:
        attrs["basis"] = found
    return attrs


def _graph_attrs(G: nx.Graph, name: str, lang: str) -> None:
    G.graph.update(name=name, lang=lang, description=_REGISTRY[name].description)


def _sort_in_place(G: nx.Graph) -> nx.Graph:
    """Reorder ``G``'s nodes and every neighbour table by key (IRI); return ``G``.

    Each store returns query rows in its own order, and networkx iterates nodes, neighbours
    and edges in insertion order, which Louvain, layouts and ties follow: sorting makes the
    graph the same on every store down to that order. The dicts are reordered where they are
    (networkx's dict-of-dicts layout: ``_node``, ``_adj``, ``_pred``), keeping the
    same objects, so views and shared edge data stay valid; five to ten times cheaper than a
    sorted copy.
    """

    def sort(table: dict[Any, Any]) -> None:
        items = sorted(table.items(), key=lambda kv: str(kv[0]))
        table.clear()
        table.update(items)

    sort(G._node)
    for table in (G._adj, G._pred) if G.is_directed() else (G._adj,):  # type: ignore[attr-defined]
        sort(table)
        for neighbours in table.values():
            sort(neighbours)
            if G.is_multigraph():
                for keys in neighbours.values():
                    sort(keys)
    return G


def _in_order(build: Callable[..., Any]) -> Callable[..., Any]:
    """Make the projection ``build`` return its graph in sorted order (:func:`_sort_in_place`)."""

    @functools.wraps(build)
    def ordered(*args: Any, **kwargs: Any) -> Any:
        return _sort_in_place(build(*args, **kwargs))

    return ordered


# -- the projections ---------------------------------------------------------------------------
@_in_order
def case_theme(graph: Graph, *, lang: str = "zh", broader: bool = False) -> nx.Graph:
    """Return the bipartite case–theme graph.

    Case nodes have ``bipartite=0``, theme nodes ``bipartite=1``; every case is included, even
    one with no theme. Edges: ``property="ng:hasTheme"``, ``weight=1``.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The data and ontology.
    lang : {"zh", "en"}
        Language of the ``label`` attribute.
    broader : bool
        Also link each case to the broader themes of its themes (``skos:broader``, any number
        of steps, but not the scheme's top concept, which every case would share); those edges
        have ``property="ng:hasTheme/skos:broader+"``.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import netgov_kg
    >>> G = case_theme(netgov_kg.load().dataset)
    >>> {d["class"] for _, d in G.nodes(data=True)} == {"Case", "Theme"}
    True
    """
    G, annotate = _case_bipartite(graph, "case-theme", _case_themes(graph), "ng:hasTheme", lang)
    if broader:
        ancestors = _broader_themes(graph)
        for c in [n for n, b in G.nodes(data="bipartite") if b == 0]:
            for t in list(G[c]):
                for up in ancestors.get(t, ()):
                    if not G.has_edge(c, up):
                        _add_node(G, annotate, URIRef(up), bipartite=1)
                        G.add_edge(c, up, property=_BROADER_PATH, weight=1)
    return G


_BROADER_PATH = "ng:hasTheme/skos:broader+"


def _case_themes(graph: Graph) -> list[tuple[Any, Any]]:
    """Return the distinct ``(case, theme)`` pairs of the named query ``case-themes``."""
    return list(dict.fromkeys(named_select(graph, "case-themes", ("case", "theme"))))


def _broader_themes(graph: Graph) -> dict[str, set[str]]:
    """Map each theme in use to its broader themes (top concepts left out)."""
    out: dict[str, set[str]] = {}
    for theme, up in select(graph, "theme-broader"):
        out.setdefault(str(theme), set()).add(str(up))
    return out


@_in_order
def case_case(
    graph: Graph,
    *,
    lang: str = "zh",
    by: Iterable[str] = ("themes",),
    weight: str = "jaccard",
    broader: bool = False,
) -> nx.Graph:
    """Return the case–case graph: cases linked by what they share.

    For each criterion in ``by`` an edge carries the shared items and two scores,
    Jaccard (shared / union) and overlap (shared / the smaller set):

    ============== =========================================== ===============================
    criterion      shared items                                 edge attributes
    ============== =========================================== ===============================
    themes         ``ng:hasTheme`` values                      ``shared_themes``, ``jaccard``,
                                                               ``overlap``, ``shared``
    platform-kinds the most specific class below ``ng:Platform`` ``shared_platform_kinds``,
                   of each ``ng:usesPlatform`` value           ``platform_jaccard``,
                                                               ``platform_overlap``
    province       the province reached by                      ``same_province`` (1 or 0)
                   ``ng:locatedIn/ng:partOf*``
    ============== =========================================== ===============================

    Two cases are linked if they share something under any criterion. ``weight`` is the
    ``weight`` argument's score (``"jaccard"`` or ``"overlap"``) averaged over the criteria in
    ``by`` (``same_province`` counting as 1 or 0). Lists of shared items are sorted IRIs.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
    lang : {"zh", "en"}
    by : iterable of {"themes", "platform-kinds", "province"}
        The criteria; default themes only.
    weight : {"jaccard", "overlap"}
        The score used as ``weight``.
    broader : bool
        Count each case's broader themes as its themes too (see :func:`case_theme`).

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import netgov_kg
    >>> G = case_case(netgov_kg.load().dataset)
    >>> all(0 < d["jaccard"] <= d["overlap"] <= 1 for *_, d in G.edges(data=True))
    True
    """
    import networkx as nx

    from .similarity import pair_scores

    criteria = (by,) if isinstance(by, str) else tuple(by)
    unknown = [c for c in criteria if c not in _CASE_CASE_CRITERIA]
    if unknown or not criteria:
        raise UnknownNameError(
            f"unknown case-case criterion {unknown[0] if unknown else '(none)'!r}: "
            f"use one or more of {', '.join(_CASE_CASE_CRITERIA)}"
        )
    if weight not in ("jaccard", "overlap"):
        raise UnknownNameError(f"unknown weight {weight!r}: use 'jaccard' or 'overlap'")

    annotate = Annotator(graph, lang=lang)
    G = nx.Graph()
    _graph_attrs(G, "case-case", lang)
    G.graph["criteria"] = ",".join(criteria)
    themes: dict[str, set[str]] = {}
    for (case,) in select(graph, "cases"):
        themes[_add_node(G, annotate, case)] = set()
    for case, theme in _case_themes(graph):
        themes[_add_node(G, annotate, case)].add(str(theme))
    if broader:
        ancestors = _broader_themes(graph)
        for held in themes.values():
            held |= {up for t in list(held) for up in ancestors.get(t, ())}

    per_pair: dict[tuple[str, str], dict[str, Any]] = {}
    scores_by_criterion: dict[str, dict[tuple[str, str], float]] = {}
    if "themes" in criteria:
        scores_by_criterion["themes"] = {}
        for a, b, shared, jac, ovl in pair_scores(themes):
            per_pair.setdefault((a, b), {}).update(
                shared_themes=sorted(shared), shared=len(shared), jaccard=jac, overlap=ovl
            )
            scores_by_criterion["themes"][(a, b)] = jac if weight == "jaccard" else ovl
    if "platform-kinds" in criteria:
        kinds = platform_kinds(graph)
        for c in G:
            kinds.setdefault(c, set())
        scores_by_criterion["platform-kinds"] = {}
        for a, b, shared, jac, ovl in pair_scores(kinds):
            per_pair.setdefault((a, b), {}).update(
                shared_platform_kinds=sorted(shared), platform_jaccard=jac, platform_overlap=ovl
            )
            scores_by_criterion["platform-kinds"][(a, b)] = jac if weight == "jaccard" else ovl
    if "province" in criteria:
        provinces: dict[str, set[str]] = {}
        for case, province in select(graph, "case-province"):
            provinces.setdefault(str(case), set()).add(str(province))
        scores_by_criterion["province"] = {}
        for a, b, _, _, _ in pair_scores(provinces):
            per_pair.setdefault((a, b), {})["same_province"] = 1
            scores_by_criterion["province"][(a, b)] = 1.0

    for (a, b), attrs in per_pair.items():
        if a not in G or b not in G:
            continue
        total = sum(scores_by_criterion[c].get((a, b), 0.0) for c in criteria)
        for criterion in criteria:  # every edge carries every requested criterion's scores
            for key, empty in _CASE_CASE_DEFAULTS[criterion].items():
                attrs.setdefault(key, list(empty) if isinstance(empty, list) else empty)
        G.add_edge(a, b, property="ng:hasTheme", weight=total / len(criteria), **attrs)
        if criteria != ("themes",):
            G.edges[a, b]["property"] = "+".join(_CASE_CASE_CRITERIA[c] for c in criteria)
    return G


_CASE_CASE_CRITERIA = {
    "themes": "ng:hasTheme",
    "platform-kinds": "ng:usesPlatform/rdf:type",
    "province": "ng:locatedIn/ng:partOf*",
}


_CASE_CASE_DEFAULTS: dict[str, dict[str, Any]] = {
    "themes": {"shared_themes": [], "shared": 0, "jaccard": 0.0, "overlap": 0.0},
    "platform-kinds": {
        "shared_platform_kinds": [],
        "platform_jaccard": 0.0,
        "platform_overlap": 0.0,
    },
    "province": {"same_province": 0},
}


def platform_kinds(graph: Graph, *, level: str = "specific") -> dict[str, set[str]]:
    """Map each case (IRI) to the kinds (CURIEs) of the platforms it uses.

    The rows of the named query ``platforms-by-kind``: every most specific kind of every
    platform (问政银川 gives both ``ng:AccountMatrix`` and ``ng:WeiboAccount``), or with
    ``level="top"`` the kinds directly below ``ng:Platform``. A platform whose kind is not
    stated (typed only ``ng:Platform``) adds no kind; a case with no platform is absent.

    Examples
    --------
    >>> import netgov_kg
    >>> kinds = platform_kinds(netgov_kg.load().dataset)
    >>> sorted(kinds["https://w3id.org/netgov-kg/id/case/yinchuan-weibo-matrix"])
    ['ng:AccountMatrix', 'ng:WeiboAccount']
    """
    column = {"specific": "specific_kind", "top": "kind"}[level]
    not_stated = URIRef(_NG + "Platform")
    out: dict[str, set[str]] = {}
    for case, kind in named_select(graph, "platforms-by-kind", ("case", column)):
        if case is not None and kind is not None and kind != not_stated:
            out.setdefault(str(case), set()).add(curie(kind))
    return out


@_in_order
def expert_institution(graph: Graph, *, lang: str = "zh") -> nx.DiGraph:
    """Return experts, their units, the units' parent institutions and the cases endorsed.

    Edges point from expert to unit (``property="ng:affiliation"``, with ``title_zh`` and
    ``title_en`` of the posts held there, joined by "、" / "; "), from unit to parent
    (``"ng:partOf"``, every step up to the top) and from expert to case
    (``"^ng:endorser/ng:endorsedCase"``, with ``endorsement`` = the endorsement's IRI).

    Examples
    --------
    >>> import netgov_kg
    >>> G = expert_institution(netgov_kg.load().dataset)
    >>> sum(1 for _, c in G.nodes(data="class") if c == "Expert")
    10
    """
    import networkx as nx

    annotate = Annotator(graph, lang=lang)
    basis = reified_basis(graph)
    G = nx.DiGraph()
    _graph_attrs(G, "expert-institution", lang)
    titles: dict[tuple[str, str], dict[str, list[str]]] = {}
    for expert, unit, title in select(graph, "expert-affiliation"):
        e = _add_node(G, annotate, expert)
        u = _add_node(G, annotate, unit)
        if not G.has_edge(e, u):
            G.add_edge(
                e,
                u,
                **_mark_basis(
                    {"property": "ng:affiliation", "weight": 1},
                    basis,
                    (expert, URIRef(_NG + "affiliation"), unit),
                ),
            )
        if isinstance(title, Literal) and title.language in ("zh", "en"):
            bucket = titles.setdefault((e, u), {"zh": [], "en": []})[title.language]
            if str(title) not in bucket:
                bucket.append(str(title))
    for (e, u), by_lang in titles.items():
        G.edges[e, u]["title_zh"] = "、".join(sorted(by_lang["zh"]))
        G.edges[e, u]["title_en"] = "; ".join(sorted(by_lang["en"]))
    for org, parent in select(graph, "expert-unit-parents"):
        o = _add_node(G, annotate, org)
        p = _add_node(G, annotate, parent)
        G.add_edge(
            o,
            p,
            **_mark_basis(
                {"property": "ng:partOf", "weight": 1}, basis, (org, URIRef(_NG + "partOf"), parent)
            ),
        )
    for expert, case, endorsement in select(graph, "expert-endorsed"):
        e = _add_node(G, annotate, expert)
        c = _add_node(G, annotate, case)
        G.add_edge(
            e,
            c,
            property="^ng:endorser/ng:endorsedCase",
            weight=1,
            endorsement=str(endorsement),
        )
    return G


def _tree(graph: Graph, name: str, query: str, lang: str) -> nx.DiGraph:
    import networkx as nx

    annotate = Annotator(graph, lang=lang)
    basis = reified_basis(graph)
    G = nx.DiGraph()
    _graph_attrs(G, name, lang)
    part_of = URIRef(_NG + "partOf")
    for row in select(graph, query):
        child, parent = row[0], row[1]
        extra: dict[str, Any] = {}
        if len(row) > 2:
            level, code = row[2], row[3]
            if level is not None:
                extra["admin_level"] = local_name(level)
            if code is not None:
                extra["admin_code"] = str(code)
        c = _add_node(G, annotate, child, **extra)
        if parent is not None:
            p = _add_node(G, annotate, parent)
            G.add_edge(
                c,
                p,
                **_mark_basis(
                    {"property": "ng:partOf", "weight": 1}, basis, (child, part_of, parent)
                ),
            )
    return G


@_in_order
def organisation_tree(graph: Graph, *, lang: str = "zh") -> nx.DiGraph:
    """Return every organisation with an edge to each direct parent (``ng:partOf``).

    Examples
    --------
    >>> import netgov_kg
    >>> G = organisation_tree(netgov_kg.load().dataset)
    >>> all(d["property"] == "ng:partOf" for *_, d in G.edges(data=True))
    True
    """
    return _tree(graph, "organisation-tree", "organisation-tree", lang)


@_in_order
def place_tree(graph: Graph, *, lang: str = "zh") -> nx.DiGraph:
    """Return every place with an edge to its direct parent (``ng:partOf``).

    Nodes also carry ``admin_level`` (e.g. ``"CountyLevel"``) and ``admin_code`` where known.

    Examples
    --------
    >>> import networkx as nx, netgov_kg
    >>> G = place_tree(netgov_kg.load().dataset)
    >>> nx.is_directed_acyclic_graph(G)
    True
    """
    return _tree(graph, "place-tree", "place-tree", lang)


@_in_order
def case_platform(graph: Graph, *, lang: str = "zh") -> nx.Graph:
    """Return the bipartite case–platform graph (edges ``ng:usesPlatform``).

    Examples
    --------
    >>> import netgov_kg
    >>> G = case_platform(netgov_kg.load().dataset)
    >>> sorted({c for _, c in G.nodes(data="class")})
    ['Case', 'Platform']
    """
    return _case_bipartite(
        graph, "case-platform", select(graph, "case-platform"), "ng:usesPlatform", lang
    )[0]


def _case_bipartite(
    graph: Graph, name: str, pairs: Iterable[tuple[Any, Any]], prop: str, lang: str
) -> tuple[nx.Graph, Annotator]:
    """Return the bipartite graph ``name`` of the cases and what they link to, and its annotator.

    Every case is a node (``bipartite=0``), linked by ``prop`` to each resource
    (``bipartite=1``) that ``pairs`` (``(case, other)`` rows) pairs it with.
    """
    import networkx as nx

    annotate = Annotator(graph, lang=lang)
    G = nx.Graph()
    _graph_attrs(G, name, lang)
    for (case,) in select(graph, "cases"):
        _add_node(G, annotate, case, bipartite=0)
    for case, other in pairs:
        c = _add_node(G, annotate, case, bipartite=0)
        o = _add_node(G, annotate, other, bipartite=1)
        G.add_edge(c, o, property=prop, weight=1)
    return G, annotate


@_in_order
def full(graph: Graph, *, lang: str = "zh", exclude: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Return every data resource and every link between resources.

    Nodes are the data's IRIs (``ngr:``; blank nodes such as reification statements are
    left out) and the IRIs they link to (e.g. ``ng:CountyLevel``). Each triple whose object is
    an IRI, except ``rdf:type`` (which gives the node's ``class``), becomes an edge keyed by
    the property's CURIE, with ``property``, ``label`` (the property's label where the
    ontology has one) and ``weight=1``; reified triples add ``basis``.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
    lang : {"zh", "en"}
    exclude : iterable of str
        Properties (CURIEs or IRIs) to leave out, e.g. ``["prov:wasDerivedFrom"]``, which
        links nearly every resource to the one source document.

    Examples
    --------
    >>> import netgov_kg
    >>> G = full(netgov_kg.load().dataset)
    >>> G.number_of_nodes() > 100
    True
    """
    import networkx as nx

    annotate = Annotator(graph, lang=lang, prefetch=True)
    basis = reified_basis(graph)
    G = nx.MultiDiGraph()
    _graph_attrs(G, "full", lang)
    props: dict[URIRef, tuple[str, str]] = {}  # property -> (CURIE, label)
    skip = {URIRef(expand(p)) for p in exclude} | {RDF.type}
    ours: dict[Any, bool] = {}  # is_data_resource, cached per subject
    for s, p, o in graph.triples((None, None, None)):  # one pass over everything
        mine = ours.get(s)
        if mine is None:
            mine = ours[s] = is_data_resource(s)
            if mine:
                _add_node(G, annotate, s)
        if not mine or p in skip or not isinstance(o, URIRef):
            continue
        if p not in props:
            zh, en = annotate.labels(p)
            props[p] = (curie(p), ((zh or en) if lang == "zh" else (en or zh)) or curie(p))
        key, label = props[p]
        u = str(s)
        v = _add_node(G, annotate, o)
        if G.has_edge(u, v, key):
            continue
        G.add_edge(
            u,
            v,
            key=key,
            **_mark_basis({"property": key, "label": label, "weight": 1}, basis, (s, p, o)),
        )
    return G


_NG = "https://w3id.org/netgov-kg/ontology#"

_REGISTRY: dict[str, _Projection] = {
    p.name: p
    for p in (
        _Projection(
            "case-theme",
            "bipartite graph of cases and their themes; option: broader=True",
            case_theme,
        ),
        _Projection(
            "case-case",
            "cases linked by shared themes (Jaccard and overlap weights); options: "
            "by=('themes', 'platform-kinds', 'province'), weight='jaccard'|'overlap', "
            "broader=True",
            case_case,
        ),
        _Projection(
            "expert-institution",
            "experts, their units, the parent institutions and the cases each endorsed",
            expert_institution,
        ),
        _Projection("organisation-tree", "organisations and their parent units", organisation_tree),
        _Projection("place-tree", "places and their parent places", place_tree),
        _Projection("case-platform", "bipartite graph of cases and their platforms", case_platform),
        _Projection(
            "full",
            "every resource and link: typed nodes, labelled edges; option: exclude=[properties]",
            full,
        ),
    )
}

#: The projections by name, each with its description.
PROJECTIONS: dict[str, str] = {name: p.description for name, p in _REGISTRY.items()}


def check_name(name: str) -> None:
    """Raise :class:`UnknownNameError` (suggesting close matches) unless ``name`` is known.

    Examples
    --------
    >>> check_name("full")
    >>> check_name("colours")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownNameError: unknown network 'colours' (networks: case-theme, ...)
    """
    if name in _REGISTRY:
        return
    import difflib

    close = difflib.get_close_matches(name, list(_REGISTRY), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UnknownNameError(f"unknown network {name!r}{hint} (networks: {', '.join(_REGISTRY)})")


def project(
    graph: Graph, name: str | None = None, *, lang: str = "zh", **options: Any
) -> nx.Graph | list[ProjectionInfo]:
    """Build the projection ``name`` of ``graph``; with no name, list the projections.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The data and ontology (a dataset is read through its union graph).
    name : str, optional
        One of :data:`PROJECTIONS`; ``None`` returns the list of names and descriptions.
    lang : {"zh", "en"}
        Language of the nodes' ``label`` attribute.
    **options
        Options of the projection (e.g. ``by=`` for ``case-case``).

    Returns
    -------
    networkx.Graph or list of ProjectionInfo

    Raises
    ------
    UnknownNameError
        For an unknown name or option; the message suggests close matches.

    Examples
    --------
    >>> from rdflib import Graph
    >>> project(Graph())[0]
    ProjectionInfo(name='case-theme', description='bipartite graph of cases and their themes; ...')
    >>> project(Graph(), "case-them")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownNameError: unknown network 'case-them'; did you mean 'case-theme'? ...
    """
    if name is None:
        return [ProjectionInfo(n, p.description) for n, p in _REGISTRY.items()]
    if lang not in ("zh", "en"):
        raise UnknownNameError(f"unknown language {lang!r}: use 'zh' or 'en'")
    check_name(name)
    found = _REGISTRY[name]
    allowed = [p for p in inspect.signature(found.build).parameters if p not in ("graph", "lang")]
    for option in options:
        if option not in allowed:
            raise UnknownNameError(
                f"unknown option {option!r} for network {name!r}"
                f" (options: {', '.join(allowed) or 'none'})"
            )
    return found.build(graph, lang=lang, **options)
