r"""Evidence: the sentence of a source that states a fact, as a W3C Web Annotation target.

A resource derived from a source carries ``ng:evidence`` pointing at an ``oa:SpecificResource``
of that source, selected twice: by the quoted text (``oa:TextQuoteSelector``: ``oa:exact``,
``oa:prefix``, ``oa:suffix``) and by its place in the text (``oa:TextPositionSelector``:
``oa:start``, ``oa:end``, offsets in Unicode code points, end exclusive)::

    <case/x> ng:evidence [ a oa:SpecificResource ; oa:hasSource <source/…> ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "…" ; oa:prefix "…" ; oa:suffix "…" ] ,
                       [ a oa:TextPositionSelector ; oa:start 12 ; oa:end 40 ] ] .

The context (prefix and suffix) is at most :data:`CONTEXT` code points and stops at a line
break, so it never reaches into another paragraph of the source; an empty context is left out.
Python's ``str`` indexes code points, so ``text[start:end] == exact``.

Examples
--------
>>> text = "第一段。\n银川市政务微博矩阵办结率达到97.99%,全面提升。"
>>> ev = locate(text, "办结率达到97.99%")
>>> (ev.start, ev.end, ev.prefix, ev.suffix)
(14, 25, '银川市政务微博矩阵', ',全面提升。')
>>> check(text, ev)
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from .errors import InputError, Location
from .namespaces import NG, OA

#: The most code points of context kept on each side of a quote.
CONTEXT = 20


@dataclass(frozen=True, order=True)
class Evidence:
    """One quoted span of a source: where it is and what surrounds it.

    ``start`` and ``end`` are code-point offsets into the source text (end exclusive);
    ``prefix`` and ``suffix`` are the text just before and after ``exact``.
    """

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    source: URIRef | None = None

    def in_context(self, *, mark: tuple[str, str] = ("【", "】")) -> str:
        """Return the quote inside its context, marked: ``…prefix【exact】suffix…``.

        Examples
        --------
        >>> Evidence(3, 5, "发布", prefix="在上海", suffix="。").in_context()
        '…在上海【发布】。…'
        """
        return f"…{self.prefix}{mark[0]}{self.exact}{mark[1]}{self.suffix}…"


def occurrences(text: str, exact: str) -> list[int]:
    """Return the start offsets of every (possibly overlapping) occurrence of ``exact``.

    Examples
    --------
    >>> occurrences("胶东在线、胶东在线", "胶东在线")
    [0, 5]
    """
    found, at = [], text.find(exact) if exact else -1
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def context_at(text: str, start: int, end: int, *, width: int = CONTEXT) -> tuple[str, str]:
    r"""Return the prefix and suffix of ``text[start:end]``: ``width`` code points, within its line.

    Examples
    --------
    >>> context_at("ab\ncdefg\nh", 4, 6, width=5)
    ('c', 'fg')
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - width):start], text[end:min(line_end, end + width)]


def locate(
    text: str,
    exact: str,
    *,
    occurrence: int | None = None,
    source: URIRef | None = None,
    width: int = CONTEXT,
    where: Location | None = None,
) -> Evidence:
    """Find ``exact`` in ``text`` and return its :class:`Evidence` (offsets and context).

    Parameters
    ----------
    text : str
        The source text.
    exact : str
        The quote, exactly as in the text.
    occurrence : int, optional
        Which occurrence (1 is the first) when the quote is in the text more than once;
        required then, so that the choice is deliberate.
    source : URIRef, optional
        The source document the evidence points at.
    width : int
        The most code points of context on each side.
    where : Location, optional
        Where the quote was written (named in errors).

    Raises
    ------
    InputError
        If the quote is empty or not in the text, or occurs several times and ``occurrence``
        does not say which (or names one that does not exist).

    Examples
    --------
    >>> locate("甲乙甲", "甲", occurrence=2).start
    2
    >>> locate("甲乙甲", "甲")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: quote '甲' occurs 2 times in the text: say which (occurrence 1-2)
    """
    found = occurrences(text, exact)
    if not found:
        raise InputError(f"quote {exact!r} is not in the text", where)
    if occurrence is None and len(found) > 1:
        raise InputError(
            f"quote {exact!r} occurs {len(found)} times in the text: say which "
            f"(occurrence 1-{len(found)})", where)
    index = (occurrence or 1) - 1
    if not 0 <= index < len(found):
        raise InputError(
            f"quote {exact!r} occurs {len(found)} times, not {occurrence}", where)
    start = found[index]
    end = start + len(exact)
    prefix, suffix = context_at(text, start, end, width=width)
    return Evidence(start, end, exact, prefix, suffix, source)


def check(text: str, evidence: Evidence) -> list[str]:
    """Return what is wrong with ``evidence`` against ``text`` (nothing: an empty list).

    The quote must sit at its offsets, and the prefix and suffix must be the text just before
    and after it.

    Examples
    --------
    >>> check("在上海发布。", Evidence(3, 5, "发布", prefix="在上海", suffix="。"))
    []
    >>> check("在上海发布。", Evidence(2, 4, "发布", prefix="北京"))
    ["text[2:4] is '海发', not '发布'", "prefix '北京' does not end at 2"]
    """
    problems = []
    at = text[evidence.start:evidence.end]
    if at != evidence.exact:
        problems.append(f"text[{evidence.start}:{evidence.end}] is {at!r}, not {evidence.exact!r}")
    if not text[:evidence.start].endswith(evidence.prefix):
        problems.append(f"prefix {evidence.prefix!r} does not end at {evidence.start}")
    if not text[evidence.end:].startswith(evidence.suffix):
        problems.append(f"suffix {evidence.suffix!r} does not start at {evidence.end}")
    return problems


def add_evidence(graph: Graph, resource: Node, evidence: Evidence) -> BNode:
    """Add ``resource ng:evidence [ … ]`` for ``evidence`` to ``graph``; return the annotation.

    Evidence whose offsets are not known (``start`` < 0: a quote whose source text is not at
    hand) gets the quote selector only, as :func:`read_evidence` reads it back.

    Examples
    --------
    >>> g = Graph()
    >>> _ = add_evidence(g, URIRef("urn:x"), Evidence(0, 2, "发布", suffix="。"))
    >>> evidence_of(g, URIRef("urn:x"))
    [Evidence(start=0, end=2, exact='发布', prefix='', suffix='。', source=None)]
    >>> _ = add_evidence(g, URIRef("urn:y"), Evidence(-1, -1, "发布"))
    >>> len(list(g.subjects(RDF.type, OA.TextPositionSelector))), evidence_of(g, URIRef("urn:y"))
    (1, [Evidence(start=-1, end=-1, exact='发布', prefix='', suffix='', source=None)])
    """
    target, quote = BNode(), BNode()
    graph.add((resource, NG.evidence, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    if evidence.source is not None:
        graph.add((target, OA.hasSource, evidence.source))
    graph.add((target, OA.hasSelector, quote))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(evidence.exact)))
    for prop, value in ((OA.prefix, evidence.prefix), (OA.suffix, evidence.suffix)):
        if value:
            graph.add((quote, prop, Literal(value)))
    if evidence.start < 0:  # offsets not known: the quote alone
        return target
    position = BNode()
    graph.add((target, OA.hasSelector, position))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(evidence.start)))
    graph.add((position, OA.end, Literal(evidence.end)))
    return target


def _one(graph: Graph, node: Node, prop: URIRef) -> Node | None:
    return next(iter(graph.objects(node, prop)), None)


def _text(graph: Graph, node: Node, prop: URIRef) -> str:
    value = _one(graph, node, prop)
    return str(value) if value is not None else ""


def read_evidence(graph: Graph, target: Node) -> Evidence | None:
    """Return the :class:`Evidence` an ``oa:SpecificResource`` describes, if it is complete.

    An annotation without a quote selector, or whose position selector is not numeric, gives
    ``None``; one without a position selector (a quote whose source text is not at hand) gives
    offsets of -1.
    """
    quote = position = None
    for selector in graph.objects(target, OA.hasSelector):
        kinds = set(graph.objects(selector, RDF.type))
        if OA.TextQuoteSelector in kinds:
            quote = selector
        if OA.TextPositionSelector in kinds:
            position = selector
    if quote is None:
        return None
    offsets = (-1, -1)  # a quote without a position selector (no text to count in): -1
    if position is not None:
        start, end = _one(graph, position, OA.start), _one(graph, position, OA.end)
        try:
            offsets = int(start), int(end)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
    source = _one(graph, target, OA.hasSource)
    return Evidence(
        *offsets,
        exact=_text(graph, quote, OA.exact),
        prefix=_text(graph, quote, OA.prefix),
        suffix=_text(graph, quote, OA.suffix),
        source=source if isinstance(source, URIRef) else None,
    )


def evidence_of(graph: Graph, resource: Node) -> list[Evidence]:
    """Return the evidence of ``resource``, in the order of the source text.

    Examples
    --------
    >>> import netgov_kg
    >>> from netgov_kg.namespaces import NGR
    >>> kg = netgov_kg.load()
    >>> [ev.exact for ev in evidence_of(kg.dataset, NGR["obs/yiwangtongban-cases-handled"])]
    ['累计办件量1.73亿']
    """
    found = (read_evidence(graph, t) for t in graph.objects(resource, NG.evidence))
    return sorted(ev for ev in found if ev is not None)


def all_evidence(graph: Graph) -> Iterable[tuple[Node, Evidence]]:
    """Yield ``(resource, evidence)`` for every complete ``ng:evidence`` of ``graph``."""
    for resource, target in graph.subject_objects(NG.evidence):
        ev = read_evidence(graph, target)
        if ev is not None:
            yield resource, ev
