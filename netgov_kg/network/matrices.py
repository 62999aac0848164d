"""Case × theme, case × platform-kind and case × condition 0/1 tables, ready for crisp-set QCA.

A crisp-set QCA table has one row per case and one 0/1 column per condition. The conditions
here are read off the ``full`` projection: each is a function ``(G, case) -> bool``, made with
:func:`link_condition` (the case has a link, or a chain of links, to a node that passes a
test) or written by hand.

The case × theme matrix comes from the ``case-theme`` projection, whose links are the rows of
the named query ``case-themes``; the case × platform-kind matrix comes from the rows of the
named query ``platforms-by-kind``. Both run on the path of ``kg.run``, so a cell cannot
disagree with the named query, on any store.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "t1"), ("b", "t1"), ("b", "t2")])
>>> nx.set_node_attributes(G, {"a": 0, "b": 0, "t1": 1, "t2": 1}, "bipartite")
>>> case_theme_matrix(G, index="iri")  # doctest: +NORMALIZE_WHITESPACE
theme  t1  t2
case
a       1   0
b       1   1
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "Condition",
    "NOT_STATED",
    "NO_PLATFORM",
    "case_theme_matrix",
    "case_platform_kind_matrix",
    "case_condition_matrix",
    "default_conditions",
    "link_condition",
    "count_condition",
]

Condition = Callable[[Any, Any], bool]

#: The column of :func:`case_platform_kind_matrix`: 1 when the case uses a platform whose kind
#: is not stated (typed only ``ng:Platform``).
NOT_STATED = "(kind not stated)"
#: The column of :func:`case_platform_kind_matrix`: 1 when the case uses no platform at all.
NO_PLATFORM = "(no platform)"


def _is_case(d: Mapping[str, Any]) -> bool:
    return d.get("class") == "Case" or d.get("bipartite") == 0


def _name(G: nx.Graph, node: Any, index: str) -> Any:
    return G.nodes[node].get("label", node) if index == "label" else node


def case_theme_matrix(G: nx.Graph, *, index: str = "label") -> pd.DataFrame:
    """Return the case × theme 0/1 matrix of the ``case-theme`` projection.

    Rows are cases and columns themes, both sorted by name; 1 where the case has the theme.

    Parameters
    ----------
    G : networkx.Graph
        The bipartite ``case-theme`` graph.
    index : {"label", "iri"}
        Name rows and columns by label (in the graph's language) or by IRI.

    Returns
    -------
    pandas.DataFrame
        Integer (0/1) columns.

    Examples
    --------
    >>> import netgov_kg
    >>> M = case_theme_matrix(netgov_kg.load().network("case-theme"))
    >>> M.shape[0], set(M.stack()) <= {0, 1}
    (10, True)
    """
    import pandas as pd

    cases = sorted(
        (n for n, d in G.nodes(data=True) if _is_case(d)), key=lambda n: str(_name(G, n, index))
    )
    themes = sorted(
        (n for n, d in G.nodes(data=True) if not _is_case(d)), key=lambda n: str(_name(G, n, index))
    )
    rows = [[int(G.has_edge(c, t)) for t in themes] for c in cases]
    return pd.DataFrame(
        rows,
        index=pd.Index([_name(G, c, index) for c in cases], name="case"),
        columns=pd.Index([_name(G, t, index) for t in themes], name="theme"),
        dtype="int64",
    )


def case_platform_kind_matrix(
    graph: Any, *, lang: str = "zh", index: str = "label", level: str = "specific"
) -> pd.DataFrame:
    """Return the case × platform-kind 0/1 matrix, from the named query ``platforms-by-kind``.

    A cell is 1 when the case uses a platform of that kind. Every kind of a platform counts:
    问政银川 is both an account matrix and a Weibo account, so 银川 has 1 in both columns.
    Two more columns keep apart what a 0 row would mix up: :data:`NOT_STATED` (the case uses
    a platform whose kind is not stated) and :data:`NO_PLATFORM` (the case uses no platform).

    Parameters
    ----------
    graph : rdflib.Graph, rdflib.Dataset or KnowledgeGraph
        The data and ontology (a knowledge graph is read through its ``dataset``).
    lang : {"zh", "en"}
        Language of the labels when ``index="label"``.
    index : {"label", "iri"}
        Name rows and kind columns by label or by IRI.
    level : {"specific", "top"}
        The most specific kinds (``ng:WeiboAccount``; the query's ``specific_kind``) or the
        kinds directly below ``ng:Platform`` (``ng:SocialMediaAccount``; its ``kind``).

    Returns
    -------
    pandas.DataFrame
        One row per case, one int 0/1 column per kind in use (rows and kinds sorted by
        name), then :data:`NOT_STATED` and :data:`NO_PLATFORM`.

    Raises
    ------
    UnknownNameError
        For an unknown ``index``, ``level`` or ``lang``.

    Examples
    --------
    >>> import netgov_kg
    >>> M = case_platform_kind_matrix(netgov_kg.load(), lang="en")
    >>> M.loc["Yinchuan Government Weibo Matrix", ["Weibo account", "account matrix"]].tolist()
    [1, 1]
    """
    import pandas as pd

    from ..errors import UnknownNameError
    from ._rdf import Annotator, named_select, select

    for option, value, allowed in (
        ("index", index, ("label", "iri")),
        ("level", level, ("specific", "top")),
        ("lang", lang, ("zh", "en")),
    ):
        if value not in allowed:
            raise UnknownNameError(
                f"unknown {option} {value!r}: use {' or '.join(repr(a) for a in allowed)}"
            )
    dataset = getattr(graph, "dataset", graph)
    annotate = Annotator(dataset, lang=lang)

    def name(node: Any) -> str:
        return annotate(node)["label"] if index == "label" else str(node)

    cases = {c: name(c) for (c,) in select(dataset, "cases")}
    held: dict[Any, set[str]] = {c: set() for c in cases}
    kinds: dict[Any, str] = {}
    column = {"specific": "specific_kind", "top": "kind"}[level]
    for case, kind in named_select(dataset, "platforms-by-kind", ("case", column)):
        if case not in held:
            continue  # a platform no case uses
        if str(kind) == _PLATFORM:
            held[case].add(NOT_STATED)
        else:
            kinds.setdefault(kind, name(kind))
            held[case].add(kinds[kind])
    columns = sorted(kinds.values()) + [NOT_STATED, NO_PLATFORM]
    order = sorted(cases, key=lambda c: cases[c])
    rows = [[int(col in held[c]) for col in columns[:-1]] + [int(not held[c])] for c in order]
    return pd.DataFrame(
        rows,
        index=pd.Index([cases[c] for c in order], name="case"),
        columns=pd.Index(columns, name="platform kind"),
        dtype="int64",
    )


_PLATFORM = "https://w3id.org/netgov-kg/ontology#Platform"


def link_condition(
    path: Sequence[str], test: Callable[[Mapping[str, Any]], bool] | None = None
) -> Condition:
    """Return a condition: the case reaches a node that passes ``test`` along ``path``.

    The case must reach, along edges whose ``property`` values are ``path`` in order, a node
    whose attributes pass ``test`` (any node if ``test`` is None).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("c", "p", key="ng:locatedIn", property="ng:locatedIn")
    'ng:locatedIn'
    >>> G.add_edge("p", "lvl", key="ng:adminLevel", property="ng:adminLevel")
    'ng:adminLevel'
    >>> is_county = link_condition(["ng:locatedIn", "ng:adminLevel"], lambda d: True)
    >>> is_county(G, "c"), is_county(G, "p")
    (True, False)
    """

    def condition(G: Any, case: Any) -> bool:
        frontier = {case}
        for prop in path:
            frontier = {
                v
                for u in frontier
                for _, v, d in G.out_edges(u, data=True)
                if d.get("property") == prop
            }
            if not frontier:
                return False
        return any(test is None or test(G.nodes[n]) for n in frontier)

    return condition


def count_condition(prop: str, at_least: int) -> Condition:
    """Return a condition: the case has at least ``at_least`` distinct ``prop`` links.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("c", "x", "ng:usesPlatform"), ("c", "y", "ng:usesPlatform")])
    >>> nx.set_edge_attributes(G, "ng:usesPlatform", "property")
    >>> count_condition("ng:usesPlatform", 2)(G, "c"), count_condition("ng:usesPlatform", 3)(G, "c")
    (True, False)
    """

    def condition(G: Any, case: Any) -> bool:
        return (
            len({v for _, v, d in G.out_edges(case, data=True) if d.get("property") == prop})
            >= at_least
        )

    return condition


def default_conditions(G: nx.MultiDiGraph) -> dict[str, Condition]:
    """Build the default conditions from what the ``full`` projection holds.

    ======================================  =================================================
    column                                  1 when the case …
    ======================================  =================================================
    ``theme: <label>``                      has the theme (one column per theme in use)
    ``level: <label>``                      is located in a place of that administrative level
    ``organisation: <class>``               has a responsible organisation of that class
    ``platforms ≥ 2``                       uses two or more platforms
    ======================================  =================================================

    Labels are in the graph's language. Columns no case has, or every case has, are kept:
    deciding which conditions to use is the analyst's job.

    Examples
    --------
    >>> import netgov_kg
    >>> conditions = default_conditions(netgov_kg.load().network("full"))
    >>> "platforms ≥ 2" in conditions
    True
    """
    cases = [n for n, d in G.nodes(data=True) if d.get("class") == "Case"]
    conditions: dict[str, Condition] = {}

    def targets(prop: str) -> set[Any]:
        return {
            v for c in cases for _, v, d in G.out_edges(c, data=True) if d.get("property") == prop
        }

    def label(n: Any) -> str:
        return str(G.nodes[n].get("label", n))

    for theme in sorted(targets("ng:hasTheme"), key=label):
        conditions[f"theme: {label(theme)}"] = link_condition(
            ["ng:hasTheme"], lambda d, t=theme: d.get("iri") == t
        )
    levels = {
        v
        for place in targets("ng:locatedIn")
        for _, v, d in G.out_edges(place, data=True)
        if d.get("property") == "ng:adminLevel"
    }
    for level in sorted(levels, key=label):
        conditions[f"level: {label(level)}"] = link_condition(
            ["ng:locatedIn", "ng:adminLevel"], lambda d, lv=level: d.get("iri") == lv
        )
    org_types = {  # every most specific kind of every responsible organisation
        kind
        for o in targets("ng:responsibleOrganisation")
        for kind in str(G.nodes[o].get("kind", G.nodes[o].get("type", ""))).split()
    }
    for org_type in sorted(org_types):
        conditions[f"organisation: {org_type}"] = link_condition(
            ["ng:responsibleOrganisation"],
            lambda d, ot=org_type: ot in str(d.get("kind", d.get("type", ""))).split(),
        )
    conditions["platforms ≥ 2"] = count_condition("ng:usesPlatform", 2)
    return conditions


def case_condition_matrix(
    G: nx.MultiDiGraph,
    conditions: Mapping[str, Condition] | None = None,
    *,
    index: str = "label",
) -> pd.DataFrame:
    """Return the case × condition 0/1 matrix for crisp-set QCA.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The ``full`` projection.
    conditions : mapping of str to callable, optional
        Column name → ``condition(G, case) -> bool``; default :func:`default_conditions`.
    index : {"label", "iri"}
        Name the rows by case label or IRI.

    Returns
    -------
    pandas.DataFrame
        One row per case (sorted by name), one int 0/1 column per condition, in order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("c1", "t", "ng:hasTheme")])
    >>> nx.set_edge_attributes(G, "ng:hasTheme", "property")
    >>> G.add_node("c2")
    >>> nx.set_node_attributes(G, {"c1": "Case", "c2": "Case", "t": "Theme"}, "class")
    >>> conditions = {"any theme": link_condition(["ng:hasTheme"])}
    >>> case_condition_matrix(G, conditions, index="iri")  # doctest: +NORMALIZE_WHITESPACE
         any theme
    case
    c1           1
    c2           0
    """
    import pandas as pd

    if conditions is None:
        conditions = default_conditions(G)
    cases = sorted(
        (n for n, d in G.nodes(data=True) if d.get("class") == "Case"),
        key=lambda n: str(_name(G, n, index)),
    )
    data = {name: [int(bool(test(G, c))) for c in cases] for name, test in conditions.items()}
    return pd.DataFrame(
        data,
        index=pd.Index([_name(G, c, index) for c in cases], name="case"),
        columns=list(conditions),
        dtype="int64",
    )
