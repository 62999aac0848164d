"""Validation findings and reports: engine-neutral, so any validator can produce them.

A :class:`Report` holds :class:`Finding` objects. :func:`findings_from_results` reads them from a
SHACL validation-report graph (the W3C vocabulary, as pyshacl writes it), so a full run
(:func:`netgov_kg.validation.validate`) and an incremental one can build the same findings and
compare them as sets.

Examples
--------
>>> from rdflib import URIRef
>>> from netgov_kg.namespaces import NG, NGR, NGSH
>>> f = Finding(
...     focus_node=NGR["case/x"], path=NG.listPosition, value=None, severity="Violation",
...     message="ng:listPosition 至多一个", source_shape=NGSH["Case-listPosition"],
...     constraint=URIRef("http://www.w3.org/ns/shacl#MaxCountConstraintComponent"),
... )
>>> report = Report(conforms=False, results=[f], lang="zh")
>>> report.counts
{'Violation': 1, 'Warning': 0, 'Info': 0}
>>> f.constraint_name
'MaxCount'
>>> print(report.to_table())
severity   focus node  path             value  message                   constraint
---------  ----------  ---------------  -----  ------------------------  ----------
Violation  ngr:case/x  ng:listPosition         ng:listPosition 至多一个  MaxCount
1 violation(s), 0 warning(s), 0 info(s): does not conform
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.term import Node

from ..namespaces import bind_prefixes
from ..terms import curie, local_name, namespace_manager
from ..texttable import text_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Severity names, most severe first.
SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
_OTHER_LANG = {"zh": "en", "en": "zh"}


def short(term: Node | Path | None) -> str:
    """Return a compact, readable form of an RDF term or property path.

    IRIs become CURIEs where a project prefix fits, literals show their lexical form with their
    language tag or datatype, and paths use SPARQL property-path syntax.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from netgov_kg.namespaces import NG
    >>> short(URIRef("https://w3id.org/netgov-kg/id/place/330523"))
    'ngr:place/330523'
    >>> short(Literal("33052", datatype=URIRef("http://www.w3.org/2001/XMLSchema#string")))
    '"33052"^^xsd:string'
    >>> short(~NG.endorser)
    '^ng:endorser'
    >>> short(None)
    ''
    """
    if term is None:
        return ""
    ns = namespace_manager()
    if isinstance(term, Path):
        return term.n3(ns)
    if isinstance(term, URIRef):
        return curie(term)
    if isinstance(term, Literal):
        text = f'"{term}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{short(term.datatype)}"
        return text
    return term.n3()


@dataclass(frozen=True)
class Finding:
    """One validation result: what is wrong, where, and which shape says so.

    Attributes
    ----------
    focus_node : rdflib.term.Node
        The resource the result is about.
    path : rdflib term, rdflib.paths.Path or None
        The property (or property path) that was checked; ``None`` for node-level checks.
    value : rdflib.term.Node or None
        The offending value, where there is one.
    severity : {"Violation", "Warning", "Info"}
        How serious it is.
    message : str
        The message in the report's language (falling back to the other language).
    source_shape : rdflib.term.Node
        The shape that produced the result.
    constraint : rdflib.URIRef
        The SHACL constraint component, e.g. ``sh:MinCountConstraintComponent``.
    messages : tuple of (str, str)
        Every message of the result as ``(language, text)`` pairs (``""`` for no language).
    """

    focus_node: Node
    path: Node | Path | None
    value: Node | None
    severity: str
    message: str
    source_shape: Node
    constraint: URIRef
    messages: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def constraint_name(self) -> str:
        """The constraint component's short name, e.g. ``"MinCount"``."""
        name = local_name(self.constraint)
        return name.removesuffix("ConstraintComponent")

    def message_in(self, lang: str) -> str:
        """Return the message in ``lang``, else in the other language, else any message.

        Examples
        --------
        >>> f = Finding(URIRef("x:a"), None, None, "Warning", "缺少", URIRef("x:s"),
        ...             URIRef("x:c"), messages=(("zh", "缺少"), ("en", "missing")))
        >>> f.message_in("en")
        'missing'
        """
        return pick_message(self.messages, lang) or self.message

    def as_dict(self) -> dict[str, str]:
        """Return the finding as a dict of readable strings (CURIEs, paths, message)."""
        return {
            "severity": self.severity,
            "focus_node": short(self.focus_node),
            "path": short(self.path),
            "value": short(self.value),
            "message": self.message,
            "source_shape": short(self.source_shape),
            "constraint": self.constraint_name,
        }


def pick_message(messages: Iterable[tuple[str, str]], lang: str) -> str:
    """Pick the message in ``lang``, falling back to the other of zh/en, then to any message.

    Examples
    --------
    >>> pick_message([("en", "missing"), ("zh", "缺少")], "zh")
    '缺少'
    >>> pick_message([("en", "missing")], "zh")
    'missing'
    >>> pick_message([], "zh")
    ''
    """
    by_lang: dict[str, str] = {}
    for tag, text in messages:
        by_lang.setdefault(tag.lower(), text)
    for tag in (lang, _OTHER_LANG.get(lang, ""), ""):
        if tag in by_lang:
            return by_lang[tag]
    return next(iter(by_lang.values()), "")


@dataclass
class Report:
    """The outcome of validating a graph against SHACL shapes.

    Attributes
    ----------
    conforms : bool
        ``True`` when no finding is a ``"Violation"`` (warnings and infos are allowed).
    results : list of Finding
        Every finding, sorted by severity, then focus node, then path.
    lang : {"zh", "en"}
        The language of the messages.
    graph : rdflib.Graph or None
        The raw SHACL validation-report graph, where the engine produced one.
    """

    conforms: bool
    results: list[Finding]
    lang: str = "zh"
    graph: Graph | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        order = {name: i for i, name in enumerate(SEVERITIES)}
        self.results = sorted(
            self.results,
            key=lambda f: (order.get(f.severity, 9), short(f.focus_node), short(f.path),
                           short(f.value), str(f.source_shape)),
        )

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.results)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity: ``{"Violation": n, "Warning": n, "Info": n}``."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.results:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    @property
    def violations(self) -> list[Finding]:
        """The findings of severity ``"Violation"``."""
        return [f for f in self.results if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity ``"Warning"``."""
        return [f for f in self.results if f.severity == "Warning"]

    @property
    def infos(self) -> list[Finding]:
        """The findings of severity ``"Info"``."""
        return [f for f in self.results if f.severity == "Info"]

    def focus_nodes(self, severity: str | None = "Violation") -> set[Node]:
        """Return the focus nodes of the findings of ``severity`` (``None``: of every finding)."""
        return {f.focus_node for f in self.results if severity in (None, f.severity)}

    def in_language(self, lang: str) -> Report:
        """Return the same report with its messages in ``lang``."""
        results = [
            Finding(f.focus_node, f.path, f.value, f.severity, f.message_in(lang),
                    f.source_shape, f.constraint, f.messages)
            for f in self.results
        ]
        return Report(self.conforms, results, lang, self.graph)

    def summary(self) -> str:
        """One line: the counts per severity and whether the graph conforms."""
        c = self.counts
        verdict = "conforms" if self.conforms else "does not conform"
        return (f"{c['Violation']} violation(s), {c['Warning']} warning(s), "
                f"{c['Info']} info(s): {verdict}")

    # -- renderings -----------------------------------------------------------------------
    _COLUMNS = ("severity", "focus_node", "path", "value", "message", "constraint")
    _HEADERS = ("severity", "focus node", "path", "value", "message", "constraint")

    def _rows(self) -> list[list[str]]:
        return [[f.as_dict()[c] for c in self._COLUMNS] for f in self.results]

    def to_table(self) -> str:
        """Render the findings as a plain-text table, followed by the summary line.

        Column widths count East Asian wide characters as two columns.
        """
        return text_table(self._HEADERS, self._rows()) + "\n" + self.summary()

    def __str__(self) -> str:
        return self.to_table()

    def __rich__(self) -> Any:
        """Render as a :class:`rich.table.Table` (for ``rich.print(report)``)."""
        from rich.table import Table

        table = Table(title=self.summary(), show_lines=False)
        for header in self._HEADERS:
            table.add_column(header, overflow="fold")
        styles = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}
        for f, row in zip(self.results, self._rows(), strict=True):
            table.add_row(*row, style=styles.get(f.severity))
        return table

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self._HEADERS)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self._rows()
        )
        return (f"<p>{html.escape(self.summary())}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def to_dataframe(self) -> pd.DataFrame:
        """Return the findings as a pandas DataFrame of readable strings, one row per finding."""
        import pandas as pd

        columns = ["severity", "focus_node", "path", "value", "message", "source_shape",
                   "constraint"]
        return pd.DataFrame([f.as_dict() for f in self.results], columns=columns)

    def to_graph(self) -> Graph:
        """Return the SHACL validation-report graph (built from the findings if there is none)."""
        if self.graph is not None:
            return self.graph
        return findings_to_graph(self.results, conforms=self.conforms)


# -- reading and writing the W3C validation-report vocabulary ------------------------------------
def _path(graph: Graph, node: Node | None) -> Node | Path | None:
    """Turn a SHACL property path in ``graph`` into an rdflib path object."""
    if node is None or isinstance(node, URIRef):
        return node
    if (node, RDF.first, None) in graph:
        return SequencePath(*[_path(graph, n) for n in Collection(graph, node)])
    for pred, mod in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                      (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, pred)
        if inner is not None:
            return MulPath(_path(graph, inner), mod)
    inner = graph.value(node, SH.inversePath)
    if inner is not None:
        return InvPath(_path(graph, inner))
    alts = graph.value(node, SH.alternativePath)
    if alts is not None:
        return AlternativePath(*[_path(graph, n) for n in Collection(graph, alts)])
    return node


_TEMPLATE = re.compile(r"\{[?$](\w+)\}")


def _message_holder(shapes: Graph | None, constraint: Node | None,
                    shape: Node | None) -> Node | None:
    """Return the node whose ``sh:message`` values a SPARQL-based result's messages come from.

    That is the constraint when it has messages of its own, else the shape that holds it; ``None``
    when the result is not from a SPARQL-based constraint (or no shapes graph is given).
    """
    if shapes is None or constraint is None:
        return None
    for node in (constraint, shape):
        if node is not None and (node, SH.message, None) in shapes:
            return node
    return None


def _sparql_messages(
    shapes: Graph, holder: Node, bindings: dict[str, Node | Path | None]
) -> tuple[tuple[str, str], ...]:
    """Rebuild a SPARQL constraint's language-tagged messages, filling ``{?var}`` templates.

    pyshacl fills the templates but drops the language tags, so the messages are rebuilt from
    the ``sh:message`` values of ``holder`` (the constraint or its shape) in the shapes graph.
    """
    out = []
    for m in shapes.objects(holder, SH.message):
        text = _TEMPLATE.sub(lambda g: _fill(bindings.get(g.group(1))) or g.group(0), str(m))
        out.append(((m.language or "") if isinstance(m, Literal) else "", text))
    return tuple(sorted(out))


def _fill(value: Node | Path | None) -> str:
    """Render a template value: plain literals by their lexical form, others like :func:`short`."""
    if isinstance(value, Literal) and not value.language:
        return str(value)
    return short(value)


def findings_from_results(
    results: Graph, *, lang: str = "zh", shapes: Graph | None = None
) -> list[Finding]:
    """Read every ``sh:ValidationResult`` of a SHACL report graph as a :class:`Finding`.

    Parameters
    ----------
    results : rdflib.Graph
        A validation-report graph, e.g. the second value pyshacl's ``validate`` returns.
    lang : {"zh", "en"}
        The language to pick each message in.
    shapes : rdflib.Graph, optional
        The shapes graph; with it, the messages of SPARQL-based constraints keep their language
        tags (pyshacl drops them when it fills ``{?value}`` templates). The messages are the
        constraint's own, else those of the shape that holds it (where the shipped shapes put
        them, one per language, so that every SHACL engine reads them).

    Returns
    -------
    list of Finding
    """
    findings = []
    reports = list(results.subjects(RDF.type, SH.ValidationReport))
    top = (
        [r for report in reports for r in results.objects(report, SH.result)]
        if reports
        else list(results.subjects(RDF.type, SH.ValidationResult))
    )  # nested sh:detail results (from sh:node) are not findings of their own
    for result in top:
        severity = results.value(result, SH.resultSeverity)
        messages = tuple(
            sorted(((m.language or "") if isinstance(m, Literal) else "", str(m))
                   for m in results.objects(result, SH.resultMessage))
        )
        constraint = results.value(result, SH.sourceConstraint)
        holder = _message_holder(shapes, constraint, results.value(result, SH.sourceShape))
        if shapes is not None and holder is not None:
            bindings = {
                "this": results.value(result, SH.focusNode),
                "value": results.value(result, SH.value),
                "path": _path(results, results.value(result, SH.resultPath)),
            }
            messages = _sparql_messages(shapes, holder, bindings)
        findings.append(Finding(
            focus_node=results.value(result, SH.focusNode),
            path=_path(results, results.value(result, SH.resultPath)),
            value=results.value(result, SH.value),
            severity=local_name(severity) if severity is not None else "Violation",
            message=pick_message(messages, lang),
            source_shape=results.value(result, SH.sourceShape),
            constraint=results.value(result, SH.sourceConstraintComponent),
            messages=messages,
        ))
    return findings


def findings_to_graph(findings: Iterable[Finding], *, conforms: bool) -> Graph:
    """Write findings as a W3C SHACL validation-report graph (simple paths only)."""
    graph = bind_prefixes(Graph())
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for f in findings:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, f.focus_node))
        graph.add((node, SH.resultSeverity, SH[f.severity]))
        graph.add((node, SH.sourceShape, f.source_shape))
        graph.add((node, SH.sourceConstraintComponent, f.constraint))
        if isinstance(f.path, URIRef):
            graph.add((node, SH.resultPath, f.path))
        if f.value is not None:
            graph.add((node, SH.value, f.value))
        for tag, text in f.messages or (("", f.message),):
            graph.add((node, SH.resultMessage, Literal(text, lang=tag or None)))
    return graph
