"""Add cases from a template: read, map, validate with the whole graph, then write atomically.

Nothing is written until the new triples, merged with the whole graph, conform to the SHACL
shapes. Writing appends a Turtle block to the target file through a temporary file and
:func:`os.replace`, after checking that the result parses and holds the old and the new
triples; on any error the target stays byte for byte as it was.

The target's lock (:func:`netgov_kg.filelock.locked`) is held from reading the target to the
rename, so two ``add`` runs into one file take turns and neither loses the other's cases; if the
file still changes meanwhile (a writer that does not take the lock), nothing is written and the
error says to run again.
"""

from __future__ import annotations

import contextlib
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from ..atomic import atomic_write, read_target
from ..errors import ImplausibleValueWarning, InputError, Location
from ..namespaces import bind_prefixes
from .additions import Addition, new_addition
from .additions import header as additions_header
from .index import GraphIndex
from .located import LocatedDocument
from .mapper import MapResult, map_template


@dataclass
class Summary:
    """What :func:`add_cases` added (or, in a dry run, would add).

    Attributes
    ----------
    source : str
        The template file.
    cases : list of rdflib.URIRef
        The new cases.
    extended : list of rdflib.URIRef
        The cases of the graph that gained facts (``existing:`` in the template).
    new_resources : dict
        IRI -> kind (``"case"``, ``"organisation"`` …) of each resource the graph did not have.
    reused : dict
        IRI -> kind of each resource the template refers to that the graph already had.
    new_triples : int
        How many triples are new.
    target : pathlib.Path or None
        The file written (or that would be written).
    dry_run : bool
        Nothing was written.
    graph : rdflib.Graph
        The new triples.
    warnings : list of str
        Values that are allowed but rarely right (a share over 100 %, a negative count), each
        with its file, line and field; each is also issued as an
        :class:`~netgov_kg.errors.ImplausibleValueWarning`.
    addition : Addition or None
        Who added the triples and when (:mod:`netgov_kg.ingest.additions`); ``None`` when
        nothing was new.
    """

    source: str
    cases: list[URIRef] = field(default_factory=list)
    extended: list[URIRef] = field(default_factory=list)
    new_resources: dict[URIRef, str] = field(default_factory=dict)
    reused: dict[URIRef, str] = field(default_factory=dict)
    new_triples: int = 0
    target: Path | None = None
    dry_run: bool = False
    graph: Graph = field(default_factory=Graph)
    warnings: list[str] = field(default_factory=list)
    addition: Addition | None = None

    def __str__(self) -> str:
        from ..validation import short

        verb = "would add" if self.dry_run else "added"
        lines = [f"{self.source}: {verb} {len(self.cases)} case(s), "
                 f"{len(self.new_resources)} new resource(s), {self.new_triples} new triple(s)"]
        counts = Counter(self.new_resources.values())
        if counts:
            lines.append("  new: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
        for iri in self.cases:
            lines.append(f"  case {short(iri)}")
        for iri in self.extended:
            lines.append(f"  facts about existing case {short(iri)}")
        if self.reused:
            lines.append("  reused: " + ", ".join(sorted(short(i) for i in self.reused)))
        if self.addition is not None and self.target is not None:  # in memory: summary.addition
            made = self.addition.created.strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(f"  addition {short(self.addition.iri)} by {self.addition.agent_name} "
                         f"at {made}")
            if not self.dry_run:
                lines.append(f"  (netgov-kg remove {short(self.addition.iri)} --from "
                             f"{self.target} takes it back)")
        if self.target is not None:
            where = "would write to" if self.dry_run else "written to"
            lines.append(f"  {where} {self.target}")
        elif not self.dry_run:
            lines.append("  added to the graph in memory only (no file given)")
        for warning in self.warnings:
            lines.append(f"  warning: {warning}")
        if self.dry_run:
            lines.append("  dry run: nothing written")
        return "\n".join(lines)


def read_template(path: Path) -> LocatedDocument:
    """Read a YAML (``.yaml``, ``.yml``) or CSV (``.csv``) template.

    Raises
    ------
    netgov_kg.errors.InputError
        For another extension, a missing file, or a file that does not parse.
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from .yaml_reader import read_yaml

        return read_yaml(path)
    if suffix == ".csv":
        from .csv_reader import read_csv

        return read_csv(path)
    raise InputError("unknown template format: use a .yaml, .yml or .csv file",
                     Location(str(path)))


def new_triples(result: MapResult, dataset: Any) -> Graph:
    """Return the triples of ``result`` that ``dataset`` does not hold yet."""
    out = bind_prefixes(Graph())
    for triple in result.graph:
        if isinstance(triple[0], BNode) or triple not in dataset:
            out.add(triple)
    return out


def add_cases(
    kg: Any,
    path: Path | str,
    *,
    into: Path | str | None = None,
    dry_run: bool = False,
    lang: str | None = None,
    by: str | None = None,
    at: datetime | None = None,
) -> Summary:
    """Add the cases of a YAML or CSV template to the graph and, unless a dry run, to a file.

    The new triples are one *addition* (:mod:`netgov_kg.ingest.additions`): attributed to
    ``by`` and dated ``at``, written as one block of the target that
    :func:`~netgov_kg.ingest.additions.remove_addition` can take back.

    Parameters
    ----------
    kg : netgov_kg.KnowledgeGraph
        The graph to add to (its dataset gains the new triples unless ``dry_run``).
    path : path
        The template (``.yaml``, ``.yml`` or ``.csv``).
    into : path, optional
        The Turtle file to append the new triples to (created if missing). Without it the
        triples are added to ``kg`` only.
    dry_run : bool
        Check everything and report what would be added; change nothing.
    lang : {"zh", "en"}, optional
        Language of validation messages (default: the graph's).
    by : str, optional
        Who adds (default: ``$NETGOV_KG_AGENT``, else ``$USER``).
    at : datetime, optional
        When (default: now, UTC).

    Returns
    -------
    Summary

    Raises
    ------
    netgov_kg.errors.InputError
        For a bad template (located at the file, line and field), new data that does not
        conform to the shapes, or a target file that cannot be read as Turtle. Nothing is
        written then.

    Examples
    --------
    >>> import netgov_kg, tempfile, pathlib
    >>> kg = netgov_kg.load()
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "extra.ttl"
    >>> from netgov_kg.ingest.templates import example_template
    >>> summary = add_cases(kg, example_template("yaml"), into=target, dry_run=True)
    >>> summary.dry_run, target.exists(), summary.new_triples > 0
    (True, False, True)
    """
    path = Path(path)
    target = Path(into) if into is not None else None
    doc = read_template(path)
    from ..filelock import locked

    lock = locked(target) if target is not None and not dry_run else contextlib.nullcontext()
    with lock:
        seen = read_target(target) if target is not None else b""
        borrowed = _load_target(kg, target, seen)
        try:
            index = GraphIndex.build(kg.dataset)
            result = map_template(doc, index)
            added = new_triples(result, kg.dataset)
            addition = None
            if len(added):
                addition = new_addition(by=by, at=at, template=path.name,
                                        taken=lambda iri: index.exists(iri))
                made = {s for s, _, _ in added.triples((None, RDF.type, None))
                        if isinstance(s, URIRef)}
                added += addition.triples(sorted(made))
            _validate(kg, added, result, doc, lang or getattr(kg, "lang", "zh"))
            summary = _summary(str(path), result, added, index)
            summary.dry_run = dry_run
            summary.target = target
            summary.warnings = list(result.warnings)
            summary.addition = addition
            for warning in result.warnings:
                warnings.warn(warning, ImplausibleValueWarning, stacklevel=2)
            if dry_run:
                _unload(kg, borrowed)
                return summary
            if target is not None:
                write_turtle(target, added, expected=seen,
                             addition=addition.iri if addition is not None else None)
        except BaseException:
            _unload(kg, borrowed)
            raise
    from ..loading import graph_iri

    target_graph = kg.dataset.graph(graph_iri("extra", target or path))
    for triple in added:
        target_graph.add(triple)
    return summary


def _parse_target(target: Path, data: bytes) -> Graph:
    """Parse ``data``, the bytes of the target file, as Turtle (with a clear error)."""
    graph = Graph()
    try:
        graph.parse(data=data.decode("utf-8"), format="turtle", publicID=target.resolve().as_uri())
    except Exception as exc:
        raise InputError(f"the target file is not valid Turtle ({exc}); nothing was written",
                         Location(str(target))) from exc
    return graph


def _load_target(kg: Any, target: Path | None, data: bytes) -> Any:
    """Make sure the graph holds what the target file already holds (checked with it).

    ``data`` is the file's content as read under the lock. Returns the named graph it loaded, or
    ``None`` when there was nothing to load (no target, an empty or missing file, or a file the
    graph has loaded already).
    """
    if target is None or not data:
        return None
    from ..loading import graph_iri

    old = _parse_target(target, data)
    ground = [t for t in old if not any(isinstance(x, BNode) for x in t)]
    if all(t in kg.dataset for t in ground):
        return None  # already loaded (e.g. data/extra.ttl)
    graph = kg.dataset.graph(graph_iri("extra", target))
    for triple in old:
        graph.add(triple)
    return graph


def _unload(kg: Any, graph: Any) -> None:
    if graph is not None:
        kg.dataset.remove_graph(graph)


def _summary(source: str, result: MapResult, added: Graph, index: GraphIndex) -> Summary:
    from ..validation import short

    summary = Summary(source, cases=list(result.cases), extended=list(result.extended),
                      new_triples=len(added), graph=added)
    for record in result.records:
        if record.iri is None:
            continue
        if record.reused or index.exists(record.iri):
            summary.reused[record.iri] = record.kind.name
        else:
            summary.new_resources[record.iri] = record.kind.name
    for _, predicate, obj in added:
        if (predicate != RDF.type and isinstance(obj, URIRef)
                and obj not in summary.new_resources and index.exists(obj)):
            types = index.types_of(obj)
            if types:
                summary.reused.setdefault(obj, ", ".join(sorted(short(t) for t in types)))
    return summary


def _validate(kg: Any, added: Graph, result: MapResult, doc: LocatedDocument, lang: str) -> None:
    from ..validation import validate
    from ..validation.shacl import data_graph

    merged = data_graph(kg.dataset)
    for triple in added:
        merged.add(triple)
    touched = {s for s in added.subjects() if not isinstance(s, BNode)}
    for node in added.subjects(RDF.type, RDF.Statement):
        touched.update(o for o in added.objects(node, RDF.subject) if isinstance(o, URIRef))
    touched |= {o for o in added.objects() if isinstance(o, URIRef)}
    # The whole merged graph is validated (pyshacl's focus-node mode misreads qualified
    # shapes); findings on resources the new triples do not touch are not this template's.
    report = validate(merged, lang=lang)
    problems = [f for f in report.results
                if f.severity == "Violation" and (f.focus_node in touched or isinstance(
                    f.focus_node, BNode))]
    if not problems:
        return
    first = problems[0]
    where = _location_of(first.focus_node, result, doc)
    from ..validation import short

    lines = [f"the new data does not conform to the shapes ({len(problems)} violation(s)); "
             "nothing was written"]
    for finding in problems[:10]:
        value = f" = {short(finding.value)}" if finding.value is not None else ""
        lines.append(f"  {short(finding.focus_node)} {short(finding.path)}{value}: "
                     f"{finding.message}")
    raise InputError("\n".join(lines), where)


def _location_of(node: Any, result: MapResult, doc: LocatedDocument) -> Location:
    for record in result.records:
        if record.iri == node:
            return doc.location(record.path)
    return Location(doc.source)


def write_turtle(target: Path, triples: Graph, *, expected: bytes | None = None,
                 addition: URIRef | None = None) -> None:
    """Append ``triples`` to the Turtle file ``target`` atomically (create it if missing).

    The new block is checked before the rename: the whole file must parse, and hold every old
    triple and every new one. The target's lock is held from the read to the rename.

    Parameters
    ----------
    target : pathlib.Path
        The Turtle file (a symbolic link is followed).
    triples : rdflib.Graph
        The triples to append.
    expected : bytes, optional
        What the caller read (and validated against): if the file now holds anything else,
        nothing is written.
    addition : rdflib.URIRef, optional
        The addition the triples are: the block opens with its header line
        (:func:`netgov_kg.ingest.additions.header`).

    Raises
    ------
    netgov_kg.errors.InputError
        If the existing file is not Turtle, its folder does not exist, it may not be replaced
        (see :func:`netgov_kg.atomic.resolve_target`), or it changed since it was read.
    """
    from ..filelock import locked

    if not target.parent.is_dir():
        raise InputError("the folder does not exist", Location(str(target)))
    block = bind_prefixes(Graph())
    for triple in triples:
        block.add(triple)
    text = block.serialize(format="turtle")
    header = f"\n{additions_header(addition)}\n" if addition else "\n# added by netgov-kg add\n"

    with locked(target):
        current = read_target(target)
        if expected is not None and current != expected:
            raise InputError("the file changed since it was read (another program wrote it); "
                             "nothing was written: run again", Location(str(target)))
        old_graph = _parse_target(target, current) if current else Graph()

        def append(old: bytes) -> bytes:
            if old != current:
                raise InputError("the file changed while it was being written; nothing was "
                                 "written: run again", Location(str(target)))
            joined = old if not old or old.endswith(b"\n") else old + b"\n"
            return joined + header.encode("utf-8") + text.encode("utf-8")

        def check(new: bytes) -> None:
            graph = Graph().parse(data=new.decode("utf-8"), format="turtle",
                                  publicID=target.resolve().as_uri())
            expected_size = len(old_graph) + sum(
                1 for t in block if any(isinstance(x, BNode) for x in t) or t not in old_graph)
            if len(graph) != expected_size:
                raise InputError(
                    f"the file would hold {len(graph)} triples, not {expected_size}; nothing "
                    "was written", Location(str(target)))

        atomic_write(target, append, check=check)
