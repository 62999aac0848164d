"""Map a checked template to RDF, reusing what the graph already holds.

:func:`map_template` reads a :class:`~netgov_kg.ingest.located.LocatedDocument` (from the YAML
or CSV reader), checks every record against :mod:`netgov_kg.ingest.schema`, gives each new
resource a readable IRI under its type segment (``ngr:case/…``, ``ngr:org/…``,
``ngr:platform/…``, ``ngr:person/…``, ``ngr:obs/…`` …), matches references to places (by
GB/T 2260 code or name), themes (by label or IRI), organisations, platforms and people (by
label) that the graph already has, and returns every triple the template states.

Any problem raises :class:`~netgov_kg.errors.InputError` at the file, line (or row), column
and field where it was written.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.ingest.yaml_reader import read_yaml_text
>>> from netgov_kg.ingest.index import GraphIndex
>>> kg = netgov_kg.load()
>>> doc = read_yaml_text('''
... source: {label: {zh: 示例来源, en: Example source}, url: "https://example.org/a"}
... cases:
...   - id: demo-case
...     label: {zh: 示例案例, en: Demo case}
...     place: "330523"
...     themes: [nosuch]
... ''', "demo.yaml")
>>> map_template(doc, GraphIndex.build(kg.dataset))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: demo.yaml, line 7, column 14, field 'cases[0].themes[0].theme': ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..errors import AmbiguousResource, InputError, UnknownResource
from ..namespaces import NG, NGR, PREFIXES
from ..terms import curie, expand, fold
from . import values as V
from .index import GraphIndex
from .located import LocatedDocument
from .located import Path as KeyPath
from .numbers import parse_number
from .plausible import implausible_values, period_problem
from .schema import COMMON, KINDS, SPECIAL_KEYS, Field, Kind

#: Kinds whose new records are matched to existing resources by label and reused.
REUSE_BY_LABEL = ("organisation", "platform", "expert", "person", "place", "designation",
                  "named_model", "source", "book")
#: Kinds whose records get a label made up from their parts when none is written.
AUTO_LABEL = ("figure", "endorsement", "post", "theme_assignment", "goal")
#: ``basis`` values a statement may have.
BASES = {"background": NG.Background, "implied": NG.Implied, "correction": NG.Correction}
_TOP_KEYS = ("template", "source")
_WEB_IRI = re.compile(r"(?:https?://|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:)[^\x00-\x20<>\"{}|\\^`\x7f]+")


@dataclass
class Record:
    """One record of the template: a resource to describe."""

    kind: Kind
    path: KeyPath
    data: dict[str, Any]
    owner: Record | None = None
    owner_field: Field | None = None
    iri: URIRef | None = None
    reused: bool = False


@dataclass
class MapResult:
    """What a template states.

    Attributes
    ----------
    graph : rdflib.Graph
        Every triple the template states (some may already be in the graph).
    records : list of Record
        The records, in the order written.
    cases : list of rdflib.URIRef
        The cases' IRIs.
    warnings : list of str
        Values that are allowed but rarely right, each with its location
        (see :mod:`netgov_kg.ingest.plausible`).
    """

    graph: Graph
    records: list[Record] = field(default_factory=list)
    cases: list[URIRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def map_template(doc: LocatedDocument, index: GraphIndex) -> MapResult:
    """Map the template ``doc`` to RDF against the graph described by ``index``.

    Parameters
    ----------
    doc : LocatedDocument
        A template read by :func:`~netgov_kg.ingest.yaml_reader.read_yaml` or
        :func:`~netgov_kg.ingest.csv_reader.read_csv`.
    index : GraphIndex
        The graph the cases are added to.

    Returns
    -------
    MapResult

    Raises
    ------
    netgov_kg.errors.InputError
        For any mistake in the template, located where it was written.
    """
    return _Mapper(doc, index).run()


def expand_iri(value: str) -> URIRef | None:
    """Return the IRI for ``<…>``, ``http(s)://…`` or a known-prefix CURIE, else ``None``.

    The reading is :func:`netgov_kg.terms.expand`'s; a template adds a policy to it: only
    ``http``, ``https`` and ``urn`` IRIs are taken; any other (``<file:///…>``,
    ``<javascript:…>``) and an IRI with a space or a character such as ``<``, ``>`` or ``"``
    in it raise ``ValueError``.

    Raises
    ------
    ValueError
        For an IRI of another scheme or with characters an IRI cannot have.

    Examples
    --------
    >>> expand_iri("ngr:org/fudan-university")
    rdflib.term.URIRef('https://w3id.org/netgov-kg/id/org/fudan-university')
    >>> expand_iri("<https://example.org/x>")
    rdflib.term.URIRef('https://example.org/x')
    >>> expand_iri("智慧党建") is None, expand_iri("note: a remark") is None
    (True, True)
    >>> expand_iri("<javascript:alert(1)>")
    Traceback (most recent call last):
    ...
    ValueError: not an http, https or urn IRI: 'javascript:alert(1)'
    """
    try:
        iri = expand(value)  # the one reading of IRIs and CURIEs (netgov_kg.terms)
    except InputError as exc:
        raise ValueError(exc.message) from None
    if iri is not None and not _WEB_IRI.fullmatch(iri):
        raise ValueError(f"not an http, https or urn IRI: {str(iri)!r}")
    return iri


def read_only(iri: URIRef) -> bool:
    """Whether ``iri`` is a term of the ontology or of a vocabulary it uses (not data).

    Templates add data: they may use these terms but not say anything about them.

    Examples
    --------
    >>> read_only(NG.Case), read_only(RDFS.label), read_only(NGR["case/x"])
    (True, True, False)
    """
    text = str(iri)
    return text == str(NG).rstrip("#") or any(
        text.startswith(str(ns)) for prefix, ns in PREFIXES.items() if prefix != "ngr")


def _iri(doc: LocatedDocument, path: KeyPath, value: str) -> URIRef | None:
    """:func:`expand_iri`, with a refused IRI reported at ``path``."""
    try:
        return expand_iri(value)
    except ValueError as exc:
        raise doc.error(f"{exc} (only http, https and urn IRIs are taken)", path) from None


class _Mapper:
    def __init__(self, doc: LocatedDocument, index: GraphIndex) -> None:
        self.doc = doc
        self.index = index
        self.graph = Graph()
        self.records: list[Record] = []
        self.by_id: dict[str, list[Record]] = {}
        self.by_iri: dict[URIRef, Record] = {}
        self.default_source: URIRef | None = None
        self.source_record: Record | None = None

    # -- collecting records -----------------------------------------------------------------
    def run(self) -> MapResult:
        data = self.doc.data
        if not isinstance(data, dict):
            raise self.doc.error("the template must be a mapping with `source:` and `cases:`", ())
        lists = {k.list_name for k in KINDS.values() if k.creatable}
        for key in data:
            if key not in lists and key not in _TOP_KEYS:
                raise self.doc.error(
                    f"unknown section {key!r} (the sections are source, "
                    f"{', '.join(sorted(lists))})", (key,))
        if not data.get("cases"):
            raise self.doc.error("the template has no cases", ("cases",))
        source = data.get("source")
        if isinstance(source, dict):
            self.source_record = self._collect(KINDS["source"], ("source",), None, None)
        elif source is not None:
            self.default_source = self._reference(("source",), KINDS["source"])
        for kind in KINDS.values():
            items = data.get(kind.list_name)
            if items is None or not kind.creatable:
                continue
            if not isinstance(items, list):
                raise self.doc.error(f"`{kind.list_name}` must be a list of records",
                                     (kind.list_name,))
            for i in range(len(items)):
                self._collect(kind, (kind.list_name, i), None, None)
        self._check_labels_unique()
        for record in self.records:
            self._assign_iri(record)
        if self.source_record is not None:
            self.default_source = self.source_record.iri
        for record in self.records:
            self._emit(record)
        warnings = [w for record in self.records for w in self._check(record)]
        for subject in set(self.graph.subjects()):
            if isinstance(subject, URIRef):  # every triple is checked where it is made; and
                self._writable(subject, ())  # in case a new kind of triple forgets to
        cases = [r.iri for r in self.records if r.kind.name == "case" and r.iri is not None]
        return MapResult(self.graph, self.records, cases, warnings)

    def _check(self, record: Record) -> list[str]:
        """Refuse a period that ends before it starts; return warnings on implausible values."""
        iri, path = record.iri, record.path
        assert iri is not None
        problem = period_problem(self.graph, iri)
        if problem:
            at = path + ("period_end",) if V.get(self.doc, path + ("period_end",)) else path
            raise self.doc.error(problem, at)
        at = path + ("value",) if V.get(self.doc, path + ("value",)) is not None else path
        return [f"{self.doc.location(at)}: {w}" for w in implausible_values(self.graph, iri)]

    def _collect(self, kind: Kind, path: KeyPath, owner: Record | None,
                 owner_field: Field | None) -> Record:
        data = V.get(self.doc, path)
        if not isinstance(data, dict):
            raise self.doc.error(f"expected a {kind.name} record (a mapping of fields)", path)
        allowed = {f.name for f in kind.fields + COMMON} | set(SPECIAL_KEYS)
        for key in data:
            if key not in allowed:
                raise self.doc.error(
                    f"unknown field {key!r} in a {kind.name} (its fields are "
                    f"{', '.join(f.name for f in kind.fields + COMMON)}, "
                    f"{', '.join(SPECIAL_KEYS)})", path + (key,))
        record = Record(kind, path, data, owner, owner_field)
        self.records.append(record)
        if kind.name == "case":
            self._normalise_themes(path)
        record_id = V.text(self.doc, path + ("id",))
        if record_id:
            same = [r for r in self.by_id.get(record_id, []) if r.kind.name == kind.name]
            if same:
                what = "duplicate case" if kind.name == "case" else f"duplicate {kind.name} id"
                raise self.doc.error(f"{what}: id {record_id!r} is already used at "
                                     f"{self.doc.location(same[0].path)}", path + ("id",))
            self.by_id.setdefault(record_id, []).append(record)
        for fld in kind.fields + COMMON:
            if fld.kind not in ("ref", "refs") or fld.target not in KINDS:
                continue
            target = KINDS[fld.target]
            value = data.get(fld.name)
            items = value if isinstance(value, list) else [value]
            sub = [path + (fld.name, i) for i in range(len(items))] if isinstance(
                value, list) else [path + (fld.name,)]
            for item, item_path in zip(items, sub, strict=True):
                if isinstance(item, dict):
                    if not target.creatable:
                        raise self.doc.error(
                            f"a {target.name} cannot be defined here: refer to one the graph "
                            "has, by label or IRI", item_path)
                    self._collect(target, item_path, record, fld)
        return record

    def _check_labels_unique(self) -> None:
        """Refuse two records of one kind with the same label (as :func:`fold` compares)."""
        seen: dict[tuple[str, str, str], Record] = {}
        for record in self.records:
            for lang, text in V.lang_map(self.doc, record.path + ("label",)).items():
                key = (record.kind.name, lang, fold(text))
                other = seen.setdefault(key, record)
                if other is not record:
                    raise self.doc.error(
                        f"duplicate {record.kind.name}: the label {text!r} is already used by "
                        f"the {record.kind.name} at {self.doc.location(other.path)} (labels "
                        "are compared ignoring case, spaces, quotation marks and invisible "
                        "characters)", record.path + ("label", lang))

    def _normalise_themes(self, path: KeyPath) -> None:
        """Turn ``themes: [公众参与]`` items into ``{theme: 公众参与}`` records."""
        themes = V.get(self.doc, path + ("themes",))
        if themes is None:
            return
        if not isinstance(themes, list):
            raise self.doc.error("`themes` is a list", path + ("themes",))
        for i, item in enumerate(themes):
            if isinstance(item, str):
                themes[i] = {"theme": item}
                where = self.doc.locations.get(path + ("themes", i))
                if where is not None:
                    self.doc.locations[path + ("themes", i, "theme")] = where

    # -- IRIs -------------------------------------------------------------------------------
    def _assign_iri(self, record: Record) -> None:
        kind, path = record.kind, record.path
        given = V.record_id(self.doc, path + ("id",), kind.name, kind.segment)
        if given:
            iri = NGR[given]
            if self.index.exists(iri):
                if kind.name == "case":
                    raise self.doc.error(
                        f"duplicate case: {curie(iri)} is "
                        f"already in the graph ({self.index.name(iri)})", path + ("id",))
                record.reused = True
        else:
            iri = self._reuse_by_label(record)
            if iri is None:
                iri = self._new_iri(record)
        if kind.name == "case":
            self._check_case_label(record)
        if iri in self.by_iri and self.by_iri[iri] is not record:
            other = self.by_iri[iri]
            raise self.doc.error(
                f"this {kind.name} gets the IRI {iri} that the record at "
                f"{self.doc.location(other.path)} already has: give one of them another id",
                path)
        record.iri = iri
        self.by_iri[iri] = record

    def _check_case_label(self, record: Record) -> None:
        for lang, text in V.lang_map(self.doc, record.path + ("label",)).items():
            for other in self.index.by_label(text, NG.Case):
                if other != record.iri:
                    raise self.doc.error(
                        f"duplicate case: the graph already has a case called {text!r} "
                        f"({other})", record.path + ("label", lang))

    def _reuse_by_label(self, record: Record) -> URIRef | None:
        if record.kind.name not in REUSE_BY_LABEL:
            return None
        names = V.lang_map(self.doc, record.path + ("label",))
        for lang in ("zh", "en"):
            if lang in names:
                found = self.index.by_label(names[lang], record.kind.cls)
                if len(found) == 1:
                    record.reused = True
                    return found[0]
        return None

    def _new_iri(self, record: Record) -> URIRef:
        kind, path = record.kind, record.path
        base = self._base_slug(record)
        if not base:
            raise self.doc.error(
                f"this {kind.name} needs an id (lower-case ASCII, e.g. my-{kind.segment}) or "
                "an English label to make one from", path)
        slug, n = base, 1
        while True:
            iri = NGR[f"{kind.segment}/{slug}"]
            if iri not in self.by_iri and not self.index.exists(iri):
                return iri
            n += 1
            slug = f"{base}-{n}"

    def _base_slug(self, record: Record) -> str:
        names = V.lang_map(self.doc, record.path + ("label",))
        if "en" in names and record.kind.name not in AUTO_LABEL:
            return V.slugify(names["en"])
        owner = self._owner_slug(record)
        part = ""
        if record.kind.name == "figure":
            part = V.lang_map(self.doc, record.path + ("measure",)).get("en", "figure")
        elif record.kind.name == "post":
            part = V.lang_map(self.doc, record.path + ("title",)).get("en", "post")
        elif record.kind.name == "theme_assignment":
            theme = self._reference(record.path + ("theme",), KINDS["theme"])
            return f"{owner}/{str(theme).rsplit('/', 1)[-1]}" if owner else ""
        elif record.kind.name == "goal":
            part = names.get("en") or str(V.get(self.doc, record.path + ("target_date",)) or "goal")
        elif "en" in names:
            part = names["en"]
        return "-".join(p for p in (owner, V.slugify(part)) if p)

    def _owner_slug(self, record: Record) -> str:
        owner = record.owner
        if owner is None:
            return ""
        if owner.iri is None:
            self._assign_iri(owner)
        return str(owner.iri).rsplit("/", 1)[-1]

    # -- references -------------------------------------------------------------------------
    def _reference(self, path: KeyPath, target: Kind | None) -> URIRef:
        value = V.get(self.doc, path)
        if isinstance(value, dict):
            for record in self.records:
                if record.path == tuple(path):
                    return record.iri  # type: ignore[return-value]
        text = V.text(self.doc, path, required=True)
        assert text is not None
        iri = _iri(self.doc, path, text)
        if iri is not None:
            if iri in self.by_iri or self.index.exists(iri):
                if target is not None and target.name == "theme" and not self.index.is_a(
                        iri, NG.Theme):
                    raise self._unknown_theme(text, path)
                return iri
            if target is not None and target.name == "theme":
                raise self._unknown_theme(text, path)
            raise self.doc.error(f"unknown reference {text!r}: no such resource in the "
                                 "template or the graph", path)
        for record in self.by_id.get(text, []):
            if target is None or target.name in ("any",) or _compatible(record.kind, target):
                return record.iri  # type: ignore[return-value]
        if target is not None and target.name == "place":
            return self._place(text, path)
        if target is not None and target.name == "theme":
            try:
                return self.index.resolve(text, NG.Theme, what="theme")
            except UnknownResource:
                raise self._unknown_theme(text, path) from None
            except AmbiguousResource as exc:
                raise self._ambiguous(exc.message, exc, path) from None
        for record in self.records:  # a record of this template, by label
            if target is not None and not _compatible(record.kind, target):
                continue
            names = V.lang_map(self.doc, record.path + ("label",))
            if any(_same(text, n) for n in names.values()):
                return record.iri  # type: ignore[return-value]
        cls = target.cls if target is not None and target.name in KINDS else None
        what = target.name if target is not None and target.name in KINDS else "resource"
        try:  # the graph's resources, by the rule of every entry point (netgov_kg.terms)
            return self.index.resolve(text, cls, what=what)
        except AmbiguousResource as exc:
            raise self._ambiguous(exc.message, exc, path) from None
        except UnknownResource as exc:
            hint = str(exc).partition("; ")[2]
            raise self.doc.error(
                f"unknown {what} {text!r}: no record of this template has this id or label, "
                f"and the graph has no {what} with this label (write it as a record, or give "
                f"an IRI){'; ' + hint if hint else ''}", path) from None

    def _place(self, text: str, path: KeyPath) -> URIRef:
        if re.fullmatch(r"\d+", text):
            code = V.admin_code(self.doc, path)
            assert code is not None
            for record in self.records:  # a place this template adds
                if record.kind.name == "place" and V.get(self.doc, record.path + ("code",)) == code:
                    return record.iri  # type: ignore[return-value]
            place = self.index.place_by_code(code) or self._from_gazetteer(code, path)
            if place is None:
                raise self.doc.error(
                    f"admin code {code} does not exist: none of the {len(self.index.codes)} "
                    "places known to the graph has this GB/T 2260 code, nor has the national "
                    "gazetteer (check the code, or add the place first)", path)
            return place
        try:
            return self.index.resolve(text, NG.Place, what="place")
        except AmbiguousResource as exc:
            raise self._ambiguous(f"place name {text!r} is ambiguous "
                                  f"({', '.join(exc.candidates)}): write its GB/T 2260 code",
                                  exc, path) from None
        except UnknownResource as exc:
            found = self._from_gazetteer(text, path)
            if found is not None:
                return found
            hint = str(exc).partition("; ")[2]
            raise self.doc.error(
                f"unknown place {text!r}: neither the graph nor the national gazetteer knows "
                f"a place of this name (write its "
                f"six-digit GB/T 2260 code){'; ' + hint if hint else ''}", path) from None

    def _from_gazetteer(self, text: str, path: KeyPath) -> URIRef | None:
        """Return the place of the national gazetteer that ``text`` names, or ``None``.

        The place and its ancestors that the graph lacks are copied into the new triples
        (:func:`netgov_kg.gazetteer.places_for`); an ambiguous name (朝阳区) is refused with the
        candidates and their paths.
        """
        from ..gazetteer import places_for, resolve_place

        try:
            place = resolve_place(text)
        except UnknownResource:
            return None
        except AmbiguousResource as exc:
            raise self._ambiguous(f"place name {text!r} is ambiguous: {exc.message}", exc,
                                  path) from None
        for triple in places_for(place.code, known=self.index.codes):
            self.graph.add(triple)
        self.index.codes[place.code] = place.iri
        return place.iri

    def _ambiguous(self, message: str, exc: AmbiguousResource, path: KeyPath) -> Exception:
        """Return the core's :class:`AmbiguousResource`, located at ``path`` of the template."""
        return AmbiguousResource(message, exc.candidates, self.doc.location(path))

    def _unknown_theme(self, text: str, path: KeyPath) -> Exception:
        known = [self.index.name(t, "zh") for t in self.index.instances(NG.Theme)]
        listed = ", ".join(sorted(set(known))[:30]) or "none"
        return self.doc.error(f"unknown theme {text!r} (the scheme's themes are: {listed})",
                              path)

    # -- triples ----------------------------------------------------------------------------
    def _emit(self, record: Record) -> None:
        kind, path, iri = record.kind, record.path, record.iri
        assert iri is not None
        self._writable(iri, path)
        add = self.graph.add
        for cls in self._types(record):
            add((iri, RDF.type, cls))
        labels = self._labels(record)
        for lang, text in labels.items():
            if record.reused and any(
                    getattr(o, "language", None) == lang
                    for o in self.index.dataset.objects(iri, RDFS.label)):
                continue  # a reused resource keeps its own names
            add((iri, RDFS.label, Literal(text, lang=lang)))
        for fld in kind.fields + COMMON:
            if fld.name == "label":
                continue
            fpath = path + (fld.name,)
            if fld.inverse:
                for target in self._refs(fpath, fld):
                    self._writable(target, fpath)
                    add((target, fld.predicate, iri))
                continue
            for obj in self._values(record, fld, fpath):
                add((iri, fld.predicate, obj))
        if kind.name == "case":
            for child in self.records:
                if child.owner is record and child.path[len(path):][:1] == ("themes",):
                    theme = self._reference(child.path + ("theme",), KINDS["theme"])
                    add((iri, NG.hasTheme, theme))
        wants_source = kind.needs_source or (kind.name != "source" and not record.reused)
        if wants_source and V.get(self.doc, path + ("source",)) is None:
            if self.default_source is None:
                if not kind.needs_source:
                    return self._rest(record)
                raise self.doc.error(
                    f"a {kind.name} needs its source document: add `source:` at the top of "
                    "the template (title, publisher, date, URL)", path)
            add((iri, NG_PROV_DERIVED, self.default_source))
        self._rest(record)

    def _rest(self, record: Record) -> None:
        iri, path = record.iri, record.path
        assert iri is not None
        self._extra(iri, path + ("extra",))
        self._statements(iri, path + ("statements",))
        self._referenced_by(iri, path + ("referenced_by",))

    def _types(self, record: Record) -> list[URIRef]:
        path = record.path + ("type",)
        value = V.get(self.doc, path)
        if value is None:
            return [record.kind.cls]
        items = value if isinstance(value, list) else [value]
        out = []
        for i in range(len(items)):
            ipath = path + (i,) if isinstance(value, list) else path
            text = V.text(self.doc, ipath, required=True)
            assert text is not None
            cls = _iri(self.doc, ipath, text) or NG[text]
            if not self.index.is_subclass(cls, record.kind.cls):
                raise self.doc.error(
                    f"type {text!r} is not a kind of {curie(record.kind.cls)}", ipath)
            out.append(cls)
        return out

    def _labels(self, record: Record) -> dict[str, str]:
        path = record.path + ("label",)
        if record.kind.name in AUTO_LABEL and V.get(self.doc, path) is None:
            return self._auto_label(record)
        return V.labels(self.doc, path)

    def _auto_label(self, record: Record) -> dict[str, str]:
        path, name = record.path, record.kind.name

        def names(iri: URIRef | None) -> dict[str, str]:
            if iri is None:
                return {"zh": "", "en": ""}
            if iri in self.by_iri:
                got = V.lang_map(self.doc, self.by_iri[iri].path + ("label",))
                if got:
                    return got
            return {lang: self.index.names.get(iri, {}).get(lang, str(iri).rsplit("/", 1)[-1])
                    for lang in ("zh", "en")}

        owner = names(record.owner.iri) if record.owner else {"zh": "", "en": ""}
        if name == "figure":
            measure = V.lang_map(self.doc, path + ("measure",))
            return {"zh": f"{owner['zh']}：{measure.get('zh', '')}".strip("："),
                    "en": f"{owner['en']}: {measure.get('en', '')}".strip(": ")}
        if name == "endorsement":
            expert = names(self._ref_or_none(path + ("expert",), KINDS["expert"]))
            return {"zh": f"{expert['zh']}对{owner['zh']}的推荐语",
                    "en": f"{expert['en']}'s endorsement of {owner['en']}"}
        if name == "post":
            title = V.lang_map(self.doc, path + ("title",))
            org = names(self._ref_or_none(path + ("organisation",), KINDS["organisation"]))
            return {"zh": f"{owner['zh']}：{org['zh']}{title.get('zh', '')}",
                    "en": f"{owner['en']}: {title.get('en', '')}, {org['en']}".strip(", ")}
        if name == "theme_assignment":
            theme = names(self._ref_or_none(path + ("theme",), KINDS["theme"]))
            return {"zh": f"{owner['zh']} — {theme['zh']}", "en": f"{owner['en']} — {theme['en']}"}
        raise self.doc.error(f"a {name} needs a label in zh and en", path + ("label",))

    def _ref_or_none(self, path: KeyPath, target: Kind) -> URIRef | None:
        if V.get(self.doc, path) is None:
            return None
        return self._reference(path, target)

    def _refs(self, path: KeyPath, fld: Field) -> Iterator[URIRef]:
        value = V.get(self.doc, path)
        if value is None:
            return
        target = KINDS.get(fld.target or "") if fld.target != "any" else None
        if isinstance(value, list):
            if fld.kind == "ref":
                raise self.doc.error(f"`{fld.name}` takes one value, not a list", path)
            for i in range(len(value)):
                yield self._reference(path + (i,), target)
        else:
            yield self._reference(path, target)

    def _values(self, record: Record, fld: Field, path: KeyPath) -> Iterator[Any]:
        kind = fld.kind
        if kind in ("ref", "refs"):
            yield from self._refs(path, fld)
        elif kind == "langtext":
            for lang, text in V.lang_map(self.doc, path).items():
                yield Literal(text, lang=lang)
        elif kind == "labels":
            for lang, text in V.labels(self.doc, path).items():
                yield Literal(text, lang=lang)
        elif kind == "langlist":
            value = V.get(self.doc, path)
            if value is None:
                return
            if not isinstance(value, dict):
                raise self.doc.error("expected {zh: [..], en: [..]}", path)
            for lang, items in value.items():
                if lang not in V.LANGS:
                    raise self.doc.error(f"unknown language {lang!r}: use zh and en",
                                         path + (lang,))
                seq = items if isinstance(items, list) else [items]
                for i in range(len(seq)):
                    ipath = path + (lang, i) if isinstance(items, list) else path + (lang,)
                    text = V.text(self.doc, ipath)
                    if text:
                        yield Literal(text, lang=lang)
        elif kind == "date":
            lit = V.date_literal(self.doc, path)
            if lit is not None:
                yield lit
        elif kind == "integer":
            number = V.integer(self.doc, path)
            if number is not None:
                yield Literal(str(number), datatype=XSD.integer)
        elif kind == "string":
            text = V.text(self.doc, path)
            if text is not None:
                if fld.predicate == NG.adminCode:
                    V.admin_code(self.doc, path)
                yield Literal(text)
        elif kind == "url":
            url = V.url(self.doc, path)
            if url is not None:
                yield url
        elif kind == "number":
            yield from self._number(record, path)
        else:  # pragma: no cover - the schema has no other kinds
            raise AssertionError(kind)

    def _number(self, record: Record, path: KeyPath) -> Iterator[Any]:
        value = V.get(self.doc, path)
        if value is None:
            return
        if isinstance(value, dict):  # a typed literal: bounded, and may be negative (a change)
            lit = _typed_literal(self.doc, path)
            if lit.datatype in (XSD.integer, XSD.decimal):
                try:
                    parse_number(str(lit))
                except ValueError as exc:
                    raise self.doc.error(str(exc), path + ("value",)) from None
            yield lit
            return
        text = V.text(self.doc, path)
        assert text is not None
        try:  # a figure written as a number is a count or an amount: never negative
            parsed = parse_number(text, count=True)
        except ValueError as exc:
            raise self.doc.error(f"{exc} (write e.g. 1.73亿, 4.5万, 20多, 97.99% or 11006)",
                                 path) from None
        number = parsed.value
        if isinstance(number, Decimal):
            yield Literal(format(number, "f"), datatype=XSD.decimal)
        else:
            yield Literal(str(number), datatype=XSD.integer)
        base = record.path
        iri = record.iri
        if parsed.qualifier and V.get(self.doc, base + ("qualifier",)) is None:
            zh, en = parsed.qualifier
            self.graph.add((iri, NG.qualifier, Literal(zh, lang="zh")))
            self.graph.add((iri, NG.qualifier, Literal(en, lang="en")))
        unit = V.lang_map(self.doc, base + ("unit",))
        if not unit:
            if parsed.percent:
                self.graph.add((iri, NG.unit, Literal("%", lang="zh")))
                self.graph.add((iri, NG.unit, Literal("percent", lang="en")))
            elif parsed.unit:
                raise self.doc.error(
                    f"write the unit in zh and en: unit: {{zh: {parsed.unit}, en: …}}",
                    base + ("unit",))
        elif parsed.unit and unit.get("zh") not in (parsed.unit, None):
            raise self.doc.error(
                f"the value says {parsed.unit!r} but the unit is {unit.get('zh')!r}", path)

    # -- generic triples ----------------------------------------------------------------------
    def _extra(self, iri: URIRef, path: KeyPath) -> None:
        value = V.get(self.doc, path)
        if value is None:
            return
        if not isinstance(value, dict):
            raise self.doc.error("`extra` maps properties (CURIEs) to values", path)
        for prop in value:
            predicate = _iri(self.doc, path + (prop,), prop)
            if predicate is None:
                raise self.doc.error(f"not a property: {prop!r} (write a CURIE such as "
                                     "ng:handle)", path + (prop,))
            for obj in _generic_values(self.doc, path + (prop,), self):
                self.graph.add((iri, predicate, obj))

    def _statements(self, iri: URIRef, path: KeyPath) -> None:
        value = V.get(self.doc, path)
        if value is None:
            return
        if not isinstance(value, list):
            raise self.doc.error("`statements` is a list", path)
        for i, item in enumerate(value):
            spath = path + (i,)
            if not isinstance(item, dict):
                raise self.doc.error("a statement is a mapping: property, value, basis, comment",
                                     spath)
            for key in item:
                if key not in ("subject", "property", "value", "basis", "comment", "extra"):
                    raise self.doc.error(f"unknown field {key!r} in a statement (its fields "
                                         "are subject, property, value, basis, comment, "
                                         "extra)", spath + (key,))
            prop_text = V.text(self.doc, spath + ("property",), required=True)
            predicate = _iri(self.doc, spath + ("property",), prop_text or "")
            if predicate is None:
                raise self.doc.error(f"not a property: {prop_text!r}", spath + ("property",))
            objects = list(_generic_values(self.doc, spath + ("value",), self))
            if len(objects) != 1:
                raise self.doc.error("a statement has exactly one value", spath + ("value",))
            basis_text = V.text(self.doc, spath + ("basis",), required=True) or ""
            basis = BASES.get(basis_text.lower()) or _iri(self.doc, spath + ("basis",),
                                                           basis_text)
            if basis not in BASES.values():
                raise self.doc.error(f"unknown basis {basis_text!r} (use background, implied "
                                     "or correction)", spath + ("basis",))
            subject = iri
            if V.get(self.doc, spath + ("subject",)) is not None:
                subject = self._reference(spath + ("subject",), None)
            node = BNode()
            self.graph.add((node, RDF.type, RDF.Statement))
            self.graph.add((node, RDF.subject, subject))
            self.graph.add((node, RDF.predicate, predicate))
            self.graph.add((node, RDF.object, objects[0]))
            self.graph.add((node, NG.basis, basis))
            for lang, text in V.lang_map(self.doc, spath + ("comment",)).items():
                self.graph.add((node, RDFS.comment, Literal(text, lang=lang)))
            self._extra(node, spath + ("extra",))  # type: ignore[arg-type]

    def _referenced_by(self, iri: URIRef, path: KeyPath) -> None:
        value = V.get(self.doc, path)
        if value is None:
            return
        if not isinstance(value, dict):
            raise self.doc.error("`referenced_by` maps properties to the resources that use "
                                 "them to point here", path)
        for prop in value:
            predicate = _iri(self.doc, path + (prop,), prop)
            if predicate is None:
                raise self.doc.error(f"not a property: {prop!r}", path + (prop,))
            for subject in _generic_values(self.doc, path + (prop,), self):
                if not isinstance(subject, URIRef):
                    raise self.doc.error("expected a resource (an IRI or id)", path + (prop,))
                self._writable(subject, path + (prop,))
                self.graph.add((subject, predicate, iri))

    def _writable(self, subject: URIRef, path: KeyPath) -> None:
        """Refuse a triple about a term of the ontology or a vocabulary (they are read-only)."""
        if read_only(subject):
            raise self.doc.error(
                f"{curie(subject)} is a term of the ontology or a vocabulary: a template "
                "cannot add statements about it (it adds data, under ngr:)", path)


NG_PROV_DERIVED = next(f.predicate for f in COMMON if f.name == "source")


def _compatible(kind: Kind, target: Kind) -> bool:
    return kind.name == target.name or (kind.name == "expert" and target.name == "person") or (
        kind.name == "person" and target.name == "expert")


def _same(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _typed_literal(doc: LocatedDocument, path: KeyPath) -> Literal:
    value = V.get(doc, path)
    assert isinstance(value, dict)
    extra = set(value) - {"value", "datatype", "lang"}
    if extra:
        raise doc.error(f"unknown key {sorted(extra)[0]!r} in a literal (use value, datatype "
                        "or lang)", path)
    text = value.get("value")
    if not isinstance(text, str):
        raise doc.error("a literal needs a `value`", path + ("value",))
    if value.get("lang"):
        return Literal(text, lang=value["lang"])
    if value.get("datatype"):
        datatype = _iri(doc, path + ("datatype",), value["datatype"])
        if datatype is None:
            raise doc.error(f"unknown datatype {value['datatype']!r}", path + ("datatype",))
        return Literal(text, datatype=datatype)
    return Literal(text)


def _generic_values(doc: LocatedDocument, path: KeyPath, mapper: _Mapper) -> Iterator[Any]:
    """Values of ``extra``/``statements``: IRIs, ids, ``{zh:, en:}`` or ``{value:, datatype:}``."""
    value = V.get(doc, path)
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        ipath = path + (i,) if isinstance(value, list) else path
        if item is None:
            continue
        if isinstance(item, dict):
            if "value" in item:
                yield _typed_literal(doc, ipath)
            else:
                for lang, text in V.lang_map(doc, ipath).items():
                    yield Literal(text, lang=lang)
        elif isinstance(item, list):
            raise doc.error("expected a value, not a list", ipath)
        else:
            iri = _iri(doc, ipath, item)
            if iri is not None:
                yield iri
            elif item in mapper.by_id:
                yield mapper.by_id[item][0].iri
            else:
                yield Literal(item)
