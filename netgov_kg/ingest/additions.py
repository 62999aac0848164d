"""Additions: who added what and when, and taking one addition back.

Every ``add`` that writes something is one *addition*: a ``prov:Activity`` with an IRI
(``ngr:addition/<UTC time>-<agent>``), attributed to the person who ran it
(``prov:wasAttributedTo``, a ``prov:Agent``) and dated (``dcterms:created``). Each resource it
creates is ``prov:wasGeneratedBy`` it. In the target file, its triples form one block that
starts with the line ``# added by netgov-kg add: addition <IRI>``: that block is exactly what
the addition added, so :func:`remove_addition` (``netgov-kg remove ADDITION --from FILE``) can
take it back. The agent's own triples are written in each block that names it, so removing
one addition never takes the agent from another.

Who: ``by`` (``--by``), else ``$NETGOV_KG_AGENT``, else ``$USER``, else ``unknown``.

Examples
--------
>>> from datetime import datetime, timezone
>>> a = new_addition(by="Li Hua", at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
...                  template="cases.yaml")
>>> str(a.iri).rsplit("/", 1)[-1], str(a.agent).rsplit("/", 1)[-1]
('20260102T030405Z-li-hua', 'li-hua')
>>> header(a.iri)
'# added by netgov-kg add: addition <https://w3id.org/netgov-kg/id/addition/20260102T030405Z-li-hua>'
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..atomic import read_target
from ..errors import InputError, Location
from ..namespaces import NGR
from ..terms import curie, expand
from . import values as V

#: The comment line that opens the block of one addition in a target file.
HEADER = "# added by netgov-kg add: addition <{iri}>"
_HEADER = re.compile(r"^# added by netgov-kg add: addition <([^>\s]+)>[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Addition:
    """One run of ``add``: its IRI, who ran it and when, and the template it read."""

    iri: URIRef
    agent: URIRef
    agent_name: str
    created: datetime
    template: str

    def triples(self, resources: Iterable[URIRef] = ()) -> Graph:
        """Return the triples that describe this addition (and link ``resources`` to it)."""
        graph = Graph()
        stamp = self.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        graph.add((self.iri, RDF.type, PROV.Activity))
        graph.add((self.iri, RDFS.label, Literal(
            f"添加：{self.template}（{self.agent_name}，{stamp}）", lang="zh")))
        graph.add((self.iri, RDFS.label, Literal(
            f"Addition: {self.template} ({self.agent_name}, {stamp})", lang="en")))
        graph.add((self.iri, PROV.wasAttributedTo, self.agent))
        graph.add((self.iri, DCTERMS.created, Literal(stamp, datatype=XSD.dateTime)))
        graph.add((self.agent, RDF.type, PROV.Agent))
        for lang in ("zh", "en"):
            graph.add((self.agent, RDFS.label, Literal(self.agent_name, lang=lang)))
        for resource in resources:
            graph.add((resource, PROV.wasGeneratedBy, self.iri))
        return graph


def agent_name(by: str | None = None) -> str:
    """Return who is adding: ``by``, else ``$NETGOV_KG_AGENT``, else ``$USER``, else unknown.

    Examples
    --------
    >>> agent_name("  王五 ")
    '王五'
    """
    for name in (by, os.environ.get("NETGOV_KG_AGENT"), os.environ.get("USER")):
        if name and name.strip():
            return " ".join(name.split())
    return "unknown"


def _agent_slug(name: str) -> str:
    slug = V.slugify(name)
    return slug or "agent-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def new_addition(*, by: str | None = None, at: datetime | None = None, template: str = "",
                 taken: Callable[[URIRef], bool] = lambda iri: False) -> Addition:
    """Return a new :class:`Addition` by ``by`` (see :func:`agent_name`) at ``at`` (now).

    ``taken`` says whether an IRI is already used; the IRI then gets ``-2``, ``-3`` …
    """
    name = agent_name(by)
    when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    slug = _agent_slug(name)
    base = f"{when.strftime('%Y%m%dT%H%M%SZ')}-{slug}"
    iri, n = NGR[f"addition/{base}"], 1
    while taken(iri):
        n += 1
        iri = NGR[f"addition/{base}-{n}"]
    return Addition(iri, NGR[f"agent/{slug}"], name, when, template)


def header(iri: URIRef) -> str:
    """Return the line that opens the block of addition ``iri`` in a target file."""
    return HEADER.format(iri=iri)


@dataclass(frozen=True)
class Block:
    """The text of one addition in a target file: ``text[start:end]``."""

    iri: URIRef | None
    start: int
    end: int


def blocks(text: str) -> list[Block]:
    r"""Split a target file's text into its additions (what precedes the first: ``iri=None``).

    Examples
    --------
    >>> text = "a\n# added by netgov-kg add: addition <urn:x:1>\nb\n"
    >>> [(b.iri, b.start, b.end) for b in blocks(text)]
    [(None, 0, 2), (rdflib.term.URIRef('urn:x:1'), 2, 49)]
    """
    marks = [(m.start() - (1 if text[:m.start()].endswith("\n\n") else 0), URIRef(m.group(1)))
             for m in _HEADER.finditer(text)]  # with the blank line `add` writes before it
    out = [Block(None, 0, marks[0][0] if marks else len(text))]
    for i, (start, iri) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        out.append(Block(iri, start, end))
    return [b for b in out if b.iri is not None or b.end > b.start]


@dataclass
class Removal:
    """What :func:`remove_addition` took back (or, in a dry run, would take back).

    Attributes
    ----------
    addition : rdflib.URIRef
        The addition.
    source : pathlib.Path
        The file it was in.
    triples : int
        How many triples were removed.
    resources : list of rdflib.URIRef
        The resources it had created (now gone).
    kept : int
        Triples of its block that stay, because the file states them elsewhere too.
    dry_run : bool
        Nothing was written.
    """

    addition: URIRef
    source: Path
    triples: int = 0
    resources: list[URIRef] = field(default_factory=list)
    kept: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        from ..validation import short

        verb = "would remove" if self.dry_run else "removed"
        lines = [f"{self.source}: {verb} addition {short(self.addition)}: {self.triples} "
                 f"triple(s), {len(self.resources)} resource(s)"]
        if self.kept:
            lines.append(f"  kept {self.kept} triple(s) that other parts of the file state too")
        for iri in self.resources[:20]:
            lines.append(f"  {short(iri)}")
        if len(self.resources) > 20:
            lines.append(f"  … and {len(self.resources) - 20} more")
        if self.dry_run:
            lines.append("  dry run: nothing written")
        return "\n".join(lines)


def list_additions(source: Path | str) -> list[URIRef]:
    """Return the additions of a target file, in the order they were written."""
    text = read_target(Path(source)).decode("utf-8")
    return [b.iri for b in blocks(text) if b.iri is not None]


def _find(text: str, addition: str, source: Path) -> Block:
    wanted = addition.strip().strip("<>")
    try:
        iri = expand(wanted)
    except InputError:
        iri = None
    found = [b for b in blocks(text) if b.iri is not None and (
        b.iri == iri or str(b.iri) == wanted or str(b.iri).rsplit("/", 1)[-1] == wanted)]
    if len(found) == 1:
        return found[0]
    known = [curie(b.iri) for b in blocks(text) if b.iri is not None]
    if found:
        raise InputError(f"the file has {len(found)} blocks of addition {addition!r}; "
                         "remove them by hand", Location(str(source)))
    listed = ", ".join(known) if known else "none (only `add` with this version writes them)"
    raise InputError(f"no addition {addition!r} in this file; its additions are: {listed}",
                     Location(str(source)))


def _parse(text: str, source: Path, what: str) -> Graph:
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=source.resolve().as_uri())
    except Exception as exc:
        raise InputError(f"{what} is not valid Turtle ({exc}); nothing was written",
                         Location(str(source))) from exc
    return graph


def remove_addition(
    kg: Any,
    addition: str,
    *,
    source: Path | str,
    dry_run: bool = False,
    lang: str | None = None,
) -> Removal:
    """Take back what one addition added to the Turtle file ``source`` (and to ``kg``).

    The addition's block is cut from the file, atomically and under the file's lock, after
    three checks: triples the rest of the file states too are kept; no triple left (in the
    file or in ``kg``) may still use a resource the addition created, or the removal is refused
    naming what uses it (another addition, usually); and the graph without the block must
    conform to the SHACL shapes where the removal touches it.

    Parameters
    ----------
    kg : netgov_kg.KnowledgeGraph
        The graph the file belongs to (it loses the triples unless ``dry_run``).
    addition : str
        The addition: its IRI, CURIE (``ngr:addition/…``) or last segment.
    source : path
        The Turtle file ``add --into`` wrote.
    dry_run : bool
        Check and report; change nothing.
    lang : {"zh", "en"}, optional
        Language of validation messages.

    Raises
    ------
    netgov_kg.errors.InputError
        No such addition in the file, a resource still needed, a shape violation, or a file
        that changed meanwhile. Nothing is written then.

    Examples
    --------
    >>> import netgov_kg, tempfile, pathlib
    >>> from netgov_kg.ingest.templates import example_template
    >>> kg = netgov_kg.load()
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "mine.ttl"
    >>> added = kg.add_cases(example_template("yaml"), into=target, by="Example")
    >>> removal = remove_addition(kg, str(added.addition.iri), source=target)
    >>> removal.triples == added.new_triples, target.read_text(encoding="utf-8").strip()
    (True, '')
    """
    from ..atomic import atomic_write
    from ..filelock import locked
    from .add import _load_target

    target = Path(source)
    with locked(target):
        data = read_target(target)
        text = data.decode("utf-8")
        block = _find(text, addition, target)
        assert block.iri is not None
        rest_text = text[:block.start] + text[block.end:]
        mine = _parse(text[block.start:block.end], target, f"the block of {curie(block.iri)}")
        rest = _parse(rest_text, target, "the rest of the file")
        removed = Graph()
        kept = 0
        for triple in mine:
            if any(isinstance(x, BNode) for x in triple) or triple not in rest:
                removed.add(triple)
            else:
                kept += 1
        created = sorted({s for s, _, _ in removed.triples((None, RDF.type, None))
                          if isinstance(s, URIRef)})
        _refuse_if_needed(text, block, rest, created, target, kg)
        borrowed = _load_target(kg, target, data)
        try:
            _validate_without(kg, removed, target, lang or getattr(kg, "lang", "zh"))
        finally:
            if borrowed is not None:
                kg.dataset.remove_graph(borrowed)
        summary = Removal(block.iri, target, len(removed), created, kept, dry_run)
        if dry_run:
            return summary

        def cut(old: bytes) -> bytes:
            if old != data:
                raise InputError("the file changed while it was being written; nothing was "
                                 "written: run again", Location(str(target)))
            return rest_text.encode("utf-8")

        def check(new: bytes) -> None:
            again = _parse(new.decode("utf-8"), target, "the new file")
            if len(again) != len(rest):
                raise InputError(f"the file would hold {len(again)} triples, not {len(rest)}; "
                                 "nothing was written", Location(str(target)))

        atomic_write(target, cut, check=check)
    _forget(kg, removed, target, rest)
    return summary


def _refuse_if_needed(text: str, block: Block, rest: Graph, created: list[URIRef],
                      target: Path, kg: Any) -> None:
    """Refuse when a triple that stays still uses a resource the addition created."""
    if not created:
        return
    wanted = set(created)
    users: dict[str, set[URIRef]] = {}
    for other in blocks(text):
        if other == block:
            continue
        graph = _parse(text[other.start:other.end], target, "a block of the file")
        name = curie(other.iri) if other.iri is not None else "the file's own triples"
        for s, _, o in graph:
            for used in {s, o} & wanted:
                if (s, RDF.type, None) not in graph or s != used:
                    users.setdefault(name, set()).add(used)  # type: ignore[arg-type]
    if kg is not None:
        file_triples = rest + _parse(text[block.start:block.end], target, "the block")
        for used in created:
            for s, p, o in kg.dataset.triples((None, None, used)):
                if isinstance(s, URIRef) and (s, p, o) not in file_triples and s not in wanted:
                    users.setdefault("the loaded graph", set()).add(used)
    if users:
        parts = [f"{who} still uses {', '.join(sorted(curie(u) for u in used)[:5])}"
                 for who, used in sorted(users.items())]
        raise InputError(f"cannot remove {curie(block.iri)}: " + "; ".join(parts)
                         + " (remove that first); nothing was written",
                         Location(str(target)))


def _validate_without(kg: Any, removed: Graph, target: Path, lang: str) -> None:
    """Refuse a removal after which the graph would not conform where the removal touches it."""
    from ..validation import short, validate
    from ..validation.shacl import data_graph

    merged = data_graph(kg.dataset)
    touched = set()
    for s, p, o in removed:  # blank nodes of the file have other ids in the graph: their
        if not isinstance(s, BNode) and not isinstance(o, BNode):  # triples hang off these
            merged.remove((s, p, o))
        touched.update(x for x in (s, o) if isinstance(x, URIRef))
    report = validate(merged, lang=lang)
    problems = [f for f in report.results
                if f.severity == "Violation" and f.focus_node in touched
                and (f.focus_node, RDF.type, None) in merged]
    if problems:
        lines = [f"without this addition the graph would not conform ({len(problems)} "
                 "violation(s)); nothing was written"]
        lines += [f"  {short(f.focus_node)} {short(f.path)}: {f.message}" for f in problems[:10]]
        raise InputError("\n".join(lines), Location(str(target)))


def _forget(kg: Any, removed: Graph, target: Path, rest: Graph) -> None:
    """Take the removed triples out of ``kg``: the file's graph is read again from ``rest``."""
    if kg is None:
        return
    from ..loading import graph_iri

    name = graph_iri("extra", target)
    for graph in list(kg.dataset.graphs()):
        if graph.identifier == name:
            kg.dataset.remove_graph(graph)
            fresh = kg.dataset.graph(name)
            for triple in rest:
                fresh.add(triple)
            continue
        for triple in removed:
            if not any(isinstance(x, BNode) for x in triple):
                graph.remove(triple)
