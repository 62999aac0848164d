"""Similarity of cases through the themes they share.

All functions take the bipartite ``case-theme`` graph (see
:func:`netgov_kg.network.projections.case_theme`); a case's themes are its neighbours.

With A and B the two cases' sets of themes:

=========  ==================================  ==========================================
measure    formula                             reads as
=========  ==================================  ==========================================
jaccard    size(A ∩ B) / size(A ∪ B)           share of all their themes that are common
overlap    size(A ∩ B) / min(size A, size B)   share of the smaller case's themes
cosine     size(A ∩ B) / √(size A · size B)    between the two
=========  ==================================  ==========================================

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_nodes_from(["a", "b", "c"], bipartite=0, **{"class": "Case"})
>>> G.add_nodes_from(["t1", "t2", "t3"], bipartite=1, **{"class": "Theme"})
>>> G.add_edges_from([("a", "t1"), ("a", "t2"), ("b", "t1"), ("b", "t2"), ("b", "t3"),
...                   ("c", "t3")])
>>> [(s.case, round(s.score, 3), s.shared_iris) for s in similar_cases(G, "a")]
[('b', 0.667, ('t1', 't2'))]
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping
from itertools import combinations
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib import URIRef

from ..errors import UnknownNameError, UnknownResource
from ..terms import LabelTable, expand

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "MEASURES",
    "SimilarCase",
    "SimilarPair",
    "pair_scores",
    "score",
    "resolve_case",
    "similar_cases",
    "most_similar_pairs",
    "similarity_matrix",
]

MEASURES = ("jaccard", "overlap", "cosine")


class SimilarCase(NamedTuple):
    """One similar case: its IRI, label, score and the shared themes that explain it."""

    case: str
    label: str
    score: float
    shared_themes: tuple[str, ...]
    shared_iris: tuple[str, ...]


class SimilarPair(NamedTuple):
    """A pair of cases with their score and shared themes (labels and IRIs)."""

    a: str
    b: str
    label_a: str
    label_b: str
    score: float
    shared_themes: tuple[str, ...]
    shared_iris: tuple[str, ...]


def score(a: set[Any], b: set[Any], measure: str = "jaccard") -> float:
    """Return the similarity of two sets under ``measure``; 0.0 if either is empty.

    Examples
    --------
    >>> score({1, 2}, {2, 3}), score({1, 2}, {2, 3}, "overlap"), score({1}, set())
    (0.3333333333333333, 0.5, 0.0)
    """
    if measure not in MEASURES:
        raise UnknownNameError(f"unknown similarity measure {measure!r}: use one of {MEASURES}")
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if measure == "jaccard":
        return shared / len(a | b)
    if measure == "overlap":
        return shared / min(len(a), len(b))
    return shared / math.sqrt(len(a) * len(b))


def pair_scores(
    sets: Mapping[Hashable, set[Any]],
) -> Iterator[tuple[Any, Any, set[Any], float, float]]:
    """Yield ``(a, b, shared, jaccard, overlap)`` for every pair that shares an item.

    Pairs come once each, ``a < b`` by string order. The work is proportional to the number
    of pairs sharing something (an inverted index), not to the square of the number of keys.

    Examples
    --------
    >>> list(pair_scores({"x": {1, 2}, "y": {2, 3}, "z": {4}}))
    [('x', 'y', {2}, 0.3333333333333333, 0.5)]
    """
    holders: dict[Any, list[Any]] = {}
    for key, items in sets.items():
        for item in items:
            holders.setdefault(item, []).append(key)
    seen: set[tuple[Any, Any]] = set()
    for keys in holders.values():
        for a, b in combinations(sorted(keys, key=str), 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            sa, sb = sets[a], sets[b]
            shared = sa & sb
            yield a, b, shared, len(shared) / len(sa | sb), len(shared) / min(len(sa), len(sb))


def _cases(G: nx.Graph) -> list[Any]:
    return [n for n, d in G.nodes(data=True) if d.get("class") == "Case" or d.get("bipartite") == 0]


def _label(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("label", node))


def resolve_case(G: nx.Graph, case: str | URIRef) -> Any:
    """Find the case node named by a ``URIRef``, an IRI, a CURIE (``ngr:case/…``) or a label.

    A label names a case by the one rule of :class:`netgov_kg.terms.LabelTable` (zh or en
    label, as :func:`~netgov_kg.terms.fold` compares, else the one label that contains it).

    Raises
    ------
    UnknownResource
        If no case matches; the message lists close matches.
    AmbiguousResource
        If several cases match; ``candidates`` lists them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/netgov-kg/id/case/x", label="某案例", label_en="Case X",
    ...            **{"class": "Case"})
    >>> resolve_case(G, "ngr:case/x") == resolve_case(G, "case x") == resolve_case(G, "某")
    True
    >>> resolve_case(G, "nothing")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownResource: no case is labelled 'nothing'; cases: 某案例
    """
    cases = _cases(G)
    if not isinstance(case, URIRef) and case in cases:
        return case  # a node of G as it is
    iri = case if isinstance(case, URIRef) else expand(str(case))
    if iri is not None:
        for node in cases:
            if str(node) == str(iri):
                return node
        raise UnknownResource(f"no case <{iri}> in the graph")
    table = LabelTable(
        (n, str(G.nodes[n][k])) for n in cases for k in ("label", "label_zh", "label_en")
        if G.nodes[n].get(k))
    try:
        return table.resolve(str(case), what="case", describe=lambda n: _label(G, n))
    except UnknownResource as exc:
        if "did you mean" in str(exc):
            raise
        listed = ", ".join(sorted(_label(G, n) for n in cases))
        raise UnknownResource(f"{exc}; cases: {listed}") from None


def _theme_sets(G: nx.Graph) -> dict[Any, set[Any]]:
    return {c: set(G[c]) for c in _cases(G)}


def similar_cases(
    G: nx.Graph, case: str | URIRef, k: int = 5, *, measure: str = "jaccard"
) -> list[SimilarCase]:
    """Return the ``k`` cases most similar to ``case``, with the shared themes.

    Only cases sharing at least one theme are returned (so there may be fewer than ``k``),
    best first; ties go to more shared themes, then to the label.

    Parameters
    ----------
    G : networkx.Graph
        The ``case-theme`` projection.
    case : str or URIRef
        ``URIRef``, IRI, CURIE or label (zh or en) of a case in ``G`` (see
        :func:`resolve_case`).
    k : int
        How many to return.
    measure : {"jaccard", "overlap", "cosine"}

    Returns
    -------
    list of SimilarCase

    Examples
    --------
    >>> import netgov_kg
    >>> kg = netgov_kg.load()
    >>> best = kg.similar_cases("深圳", k=1)[0]
    >>> best.score > 0 and len(best.shared_themes) > 0
    True
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    if measure not in MEASURES:
        raise UnknownNameError(f"unknown similarity measure {measure!r}: use one of {MEASURES}")
    node = resolve_case(G, case)
    sets = _theme_sets(G)
    mine = sets[node]
    found = []
    for other, theirs in sets.items():
        if other == node:
            continue
        shared = mine & theirs
        if not shared:
            continue
        shared_sorted = sorted(shared, key=lambda t: _label(G, t))
        found.append(
            SimilarCase(
                case=other,
                label=_label(G, other),
                score=score(mine, theirs, measure),
                shared_themes=tuple(_label(G, t) for t in shared_sorted),
                shared_iris=tuple(shared_sorted),
            )
        )
    found.sort(key=lambda s: (-s.score, -len(s.shared_iris), s.label))
    return found[:k]


def most_similar_pairs(G: nx.Graph, k: int = 5, *, measure: str = "jaccard") -> list[SimilarPair]:
    """Return the ``k`` most similar pairs of cases in the ``case-theme`` graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "t1"), ("b", "t1"), ("b", "t2"), ("c", "t2")])
    >>> nx.set_node_attributes(G, {"a": 0, "b": 0, "c": 0, "t1": 1, "t2": 1}, "bipartite")
    >>> [(p.a, p.b, p.score) for p in most_similar_pairs(G)]
    [('a', 'b', 0.5), ('b', 'c', 0.5)]
    """
    if measure not in MEASURES:
        raise UnknownNameError(f"unknown similarity measure {measure!r}: use one of {MEASURES}")
    sets = _theme_sets(G)
    pairs = []
    for a, b, shared, _, _ in pair_scores(sets):
        ordered = sorted(shared, key=lambda t: _label(G, t))
        pairs.append(
            SimilarPair(
                a=a,
                b=b,
                label_a=_label(G, a),
                label_b=_label(G, b),
                score=score(sets[a], sets[b], measure),
                shared_themes=tuple(_label(G, t) for t in ordered),
                shared_iris=tuple(ordered),
            )
        )
    pairs.sort(key=lambda p: (-p.score, -len(p.shared_iris), p.label_a, p.label_b))
    return pairs[:k]


def similarity_matrix(
    G: nx.Graph, *, measure: str = "jaccard", index: str = "label"
) -> pd.DataFrame:
    """Return the case × case similarity matrix as a DataFrame (1.0 on the diagonal).

    Parameters
    ----------
    index : {"label", "iri"}
        Row and column names: the cases' labels or IRIs.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "t1"), ("b", "t1"), ("b", "t2")])
    >>> nx.set_node_attributes(G, {"a": 0, "b": 0, "t1": 1, "t2": 1}, "bipartite")
    >>> similarity_matrix(G).loc["a", "b"]
    np.float64(0.5)
    """
    import pandas as pd

    sets = _theme_sets(G)
    cases = sorted(sets, key=lambda c: _label(G, c))
    names = [_label(G, c) if index == "label" else c for c in cases]
    rows = [[1.0 if a == b else score(sets[a], sets[b], measure) for b in cases] for a in cases]
    return pd.DataFrame(rows, index=names, columns=names)
