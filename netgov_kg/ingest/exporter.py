"""Export a case of the graph as a template, so that importing it gives the same triples.

:func:`export_case` writes the case and every resource it owns (see
:mod:`netgov_kg.ingest.ownership`) as records with explicit ids; everything else (places,
themes, the source, shared organisations) is referred to by its CURIE. A triple no named field
can hold goes under the record's ``extra`` (property -> values), a reified statement about it
under ``statements``, and a link from a shared resource under ``referenced_by``, so nothing is
lost.

Examples
--------
>>> import netgov_kg
>>> from netgov_kg.namespaces import NGR
>>> template = export_case(netgov_kg.load().dataset, NGR["case/ai-anji-app"])
>>> template["cases"][0]["id"], template["cases"][0]["place"]
('ai-anji-app', 'ngr:place/330523')
>>> text = to_yaml(template)
>>> text.startswith("# netgov-kg case template")
True
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..errors import InputError
from ..namespaces import NG, NGR
from ..terms import curie, superclasses
from .generic import BASES
from .kinds import behaviour, export_order
from .ownership import case_triples, data_graph, ontology, owned_resources
from .schema import COMMON, KINDS, Field, Kind

_DATE_TYPES = {XSD.date: r"\d{4}-\d{2}-\d{2}", XSD.gYearMonth: r"\d{4}-\d{2}", XSD.gYear: r"\d{4}"}
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")


def export_case(dataset: Dataset | Graph, case: URIRef) -> dict[str, Any]:
    """Return the template (nested dicts and lists of strings) of ``case``.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
        The graph (a dataset's ontology graph is left out).
    case : rdflib.URIRef
        The case.

    Raises
    ------
    netgov_kg.errors.InputError
        If ``case`` is not a case of the graph.
    """
    graph = data_graph(dataset)
    if (case, RDF.type, NG.Case) not in graph:
        raise InputError(f"not a case of the graph: {curie(case)}")
    onto = ontology()
    supers = superclasses(onto)
    owned = owned_resources(graph, case, supers)
    triples = case_triples(graph, case, supers)
    return _Exporter(graph, triples, supers, case, owned).run()


def to_yaml(template: dict[str, Any]) -> str:
    """Write a template as YAML (UTF-8 text, Chinese kept as is)."""
    import yaml

    body = yaml.safe_dump(template, allow_unicode=True, sort_keys=False, width=100)
    return ("# netgov-kg case template, exported from the graph (see docs/ingest.md).\n"
            + body)


class _Exporter:
    def __init__(self, graph: Graph, triples: Graph, supers: dict[URIRef, set[URIRef]],
                 case: URIRef, owned: set[URIRef]) -> None:
        self.graph = graph
        self.triples = triples
        self.supers = supers
        self.case = case
        self.nodes = owned | {case}
        self.done: set[tuple[Any, Any, Any]] = set()
        sources = Counter(o for s, o in triples.subject_objects(_SOURCE) if s in self.nodes)
        self.default_source = sources.most_common(1)[0][0] if sources else None

    def run(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.default_source is not None:
            out["source"] = curie(self.default_source)
        kinds = {node: self._kind(node) for node in self.nodes}
        nested = {ta for node in self.nodes
                  for ta in self.triples.objects(node, NG.qualifiedTheme) if ta in self.nodes
                  and kinds.get(ta) is _theme_kind(kinds[node])}  # type: ignore[arg-type]
        lists: dict[str, list[Any]] = {}
        order = [self.case] + sorted(n for n in self.nodes if n != self.case)
        for node in order:
            if node in nested:
                continue
            kind = kinds[node]
            record = self._record(node, kind)
            if behaviour(kind).nests_themes:
                record = self._case_themes(node, kind, record)
            lists.setdefault(kind.list_name, []).append(record)
        out["cases"] = lists.pop("cases")
        for name in sorted(lists):
            out[name] = lists[name]
        left = [t for t in self.triples if t not in self.done]
        if left:
            raise InputError(f"cannot export {curie(self.case)}: {len(left)} triple(s) fit no "
                             f"record, e.g. {left[0]}")
        return out

    # -- kinds and records --------------------------------------------------------------------
    def _kind(self, node: URIRef) -> Kind:
        types = set(self.graph.objects(node, RDF.type))
        for kind in export_order():
            if any(t == kind.cls or kind.cls in self.supers.get(t, ()) for t in types):  # type: ignore[arg-type]
                return kind
        raise InputError(f"cannot export {curie(node)}: its type fits no record of the template")

    def _record(self, node: URIRef, kind: Kind) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self._id(node, kind)}
        self._types(node, kind, record)
        extra: dict[str, list[Any]] = {}
        props = sorted({p for p in self.triples.predicates(node) if p != RDF.type})
        for prop in props:
            objects = sorted(self.triples.objects(node, prop), key=_sort_key)
            fld = _field_for(kind, prop)
            value = self._field_value(fld, objects) if fld is not None else None
            if fld is not None and fld.name == "source" and value is not None:
                value = self._source_value(kind, objects)
            if fld is not None and value is not None:
                if value != _OMIT:
                    record[fld.name] = value
                self._mark(node, prop, objects)
            else:
                extra[curie(prop)] = [self._generic(o) for o in objects]
                self._mark(node, prop, objects)
        if (_SOURCE not in props and self.default_source is not None
                and behaviour(kind).cites_source):
            record["source"] = []  # the mapper would otherwise add the default source
        if extra:
            record.setdefault("extra", {}).update(
                {k: v if len(v) > 1 else v[0] for k, v in extra.items()})
        statements = self._statements(node)
        if statements:
            record["statements"] = statements
        incoming = self._incoming(node)
        if incoming:
            record["referenced_by"] = incoming
        return _ordered(record, kind)

    def _id(self, node: URIRef, kind: Kind) -> str:
        text = str(node)
        if text.startswith(f"{NGR}{kind.segment}/"):
            local = text[len(f"{NGR}{kind.segment}/"):]
            if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", local):
                return local
        if text.startswith(str(NGR)) and _LOCAL.match(text[len(str(NGR)):]):
            return text[len(str(NGR)):]
        return curie(node)

    def _types(self, node: URIRef, kind: Kind, record: dict[str, Any]) -> None:
        types = sorted(self.triples.objects(node, RDF.type))
        own = [t for t in types if t == kind.cls or kind.cls in self.supers.get(t, ())]  # type: ignore[arg-type]
        other = [t for t in types if t not in own]
        if own != [kind.cls]:
            names = [t[len(str(NG)):] if str(t).startswith(str(NG)) else curie(t) for t in own]
            record["type"] = names[0] if len(names) == 1 else names
        self._mark(node, RDF.type, own)
        if other:
            record.setdefault("extra", {})
            record["extra"]["rdf:type"] = [curie(t) for t in other]
            self._mark(node, RDF.type, other)

    def _mark(self, node: Any, prop: Any, objects: list[Any]) -> None:
        for obj in objects:
            self.done.add((node, prop, obj))

    def _source_value(self, kind: Kind, objects: list[Any]) -> Any:
        if behaviour(kind).cites_source and objects == [self.default_source]:
            return _OMIT
        return [curie(o) for o in objects]

    def _case_themes(self, node: URIRef, kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
        assignments = sorted(self.triples.objects(node, NG.qualifiedTheme))
        themes = sorted(self.triples.objects(node, NG.hasTheme))
        backing = sorted(o for ta in assignments for o in self.triples.objects(ta, NG.theme))
        if (not assignments or any(ta not in self.nodes for ta in assignments)
                or backing != themes):
            return record  # left as references and extra: the mapper reproduces them as such
        items = []
        for ta in assignments:
            item = self._record(ta, _theme_kind(kind))  # type: ignore[arg-type]
            items.append(item)
        out = {}
        for key, value in record.items():
            if key == "themes":
                continue
            out[key] = value
        extra = out.get("extra", {})
        extra.pop("ng:hasTheme", None)
        extra.pop("ng:qualifiedTheme", None)
        if "extra" in out and not extra:
            out.pop("extra")
        out["themes"] = items
        out = _ordered(out, kind)
        self._mark(node, NG.hasTheme, themes)
        self._mark(node, NG.qualifiedTheme, assignments)
        return out

    # -- values ---------------------------------------------------------------------------------
    def _field_value(self, fld: Field, objects: list[Any]) -> Any:
        kind = fld.kind
        if fld.inverse:
            return None
        if kind in ("ref", "refs"):
            if not all(isinstance(o, URIRef) for o in objects):
                return None
            if fld.name == "themes":
                return None
            if kind == "ref":
                return curie(objects[0]) if len(objects) == 1 else None
            return [curie(o) for o in objects]
        if kind in ("labels", "langtext"):
            langs = [getattr(o, "language", None) for o in objects]
            if not all(isinstance(o, Literal) for o in objects) or sorted(langs) != sorted(
                    set(langs)) or not set(langs) <= {"zh", "en"}:
                return None
            if kind == "labels" and set(langs) != {"zh", "en"}:
                return None
            return {o.language: str(o) for o in sorted(objects, key=_lang_order)}
        if kind == "langlist":
            if not all(isinstance(o, Literal) and o.language in ("zh", "en") for o in objects):
                return None
            out: dict[str, list[str]] = {}
            for o in sorted(objects, key=_lang_order):
                out.setdefault(o.language, []).append(str(o))
            return out
        if len(objects) != 1 or not isinstance(objects[0], Literal) and kind != "url":
            return None
        obj = objects[0]
        if kind == "date":
            pattern = _DATE_TYPES.get(obj.datatype)
            return str(obj) if pattern and re.fullmatch(pattern, str(obj)) else None
        if kind == "integer":
            ok = obj.datatype == XSD.integer and re.fullmatch(r"0|[1-9]\d*", str(obj))
            return str(obj) if ok else None
        if kind == "string":
            return str(obj) if obj.datatype is None and obj.language is None else None
        if kind == "url":
            return str(obj) if isinstance(obj, URIRef) else None
        if kind == "number":
            return self._number(obj)
        return None

    def _number(self, obj: Literal) -> Any:
        from .numbers import parse_number

        text = str(obj)
        if obj.datatype in (XSD.integer, XSD.decimal):
            try:
                parsed = parse_number(text)
            except ValueError:
                parsed = None
            if parsed is not None and not parsed.qualifier and not parsed.percent and (
                    not parsed.unit):
                again = (Literal(str(parsed.value), datatype=XSD.integer)
                         if isinstance(parsed.value, int)
                         else Literal(format(parsed.value, "f"), datatype=XSD.decimal))
                if again == obj and again.datatype == obj.datatype and str(again) == text:
                    return text
        return {"value": text, "datatype": curie(obj.datatype) if obj.datatype else None}

    def _generic(self, obj: Any) -> Any:
        if isinstance(obj, URIRef):
            return curie(obj)
        if isinstance(obj, Literal):
            if obj.language in ("zh", "en"):
                return {obj.language: str(obj)}
            if obj.language:
                return {"value": str(obj), "lang": obj.language}
            if obj.datatype is not None:
                return {"value": str(obj), "datatype": curie(obj.datatype)}
            return {"value": str(obj)}
        raise InputError(f"cannot export a blank node value ({obj}) of {curie(self.case)}")

    def _statements(self, node: URIRef) -> list[dict[str, Any]]:
        out = []
        for st in sorted(self.triples.subjects(RDF.type, RDF.Statement), key=_sort_key):
            if not isinstance(st, BNode):
                continue
            subjects = list(self.triples.objects(st, RDF.subject))
            objects = list(self.triples.objects(st, RDF.object))
            owner = subjects[0] if subjects and subjects[0] in self.nodes else (
                objects[0] if objects and objects[0] in self.nodes else None)
            if owner != node:
                continue
            item: dict[str, Any] = {}
            if subjects[0] != node:
                item["subject"] = curie(subjects[0])
            predicate = next(iter(self.triples.objects(st, RDF.predicate)))
            item["property"] = curie(predicate)
            item["value"] = self._generic(objects[0])
            basis = next(iter(self.triples.objects(st, NG.basis)))
            names = {v: k for k, v in BASES.items()}
            item["basis"] = names.get(basis, curie(basis))
            comments = sorted(self.triples.objects(st, RDFS.comment), key=_lang_order)
            langs = [getattr(c, "language", None) for c in comments]
            fixed = {RDF.type, RDF.subject, RDF.predicate, RDF.object, NG.basis}
            if comments and len(set(langs)) == len(langs) and set(langs) <= {"zh", "en"}:
                item["comment"] = {c.language: str(c) for c in comments}
                fixed.add(RDFS.comment)
            extra: dict[str, Any] = {}
            for p, o in sorted(self.triples.predicate_objects(st), key=_sort_key):
                if p in fixed:
                    continue
                extra.setdefault(curie(p), []).append(self._generic(o))
            if extra:
                item["extra"] = {k: v if len(v) > 1 else v[0] for k, v in extra.items()}
            for p, o in self.triples.predicate_objects(st):
                self.done.add((st, p, o))
            out.append(item)
        return out

    def _incoming(self, node: URIRef) -> dict[str, Any]:
        out: dict[str, list[str]] = {}
        for s, p in sorted(self.triples.subject_predicates(node), key=_sort_key):
            if isinstance(s, BNode) or s in self.nodes:
                continue
            out.setdefault(curie(p), []).append(curie(s))
            self.done.add((s, p, node))
        return {k: v if len(v) > 1 else v[0] for k, v in out.items()}


_SOURCE = next(f.predicate for f in COMMON if f.name == "source")
_OMIT = object()


def _ordered(record: dict[str, Any], kind: Kind) -> dict[str, Any]:
    """Put a record's keys in the template's order: id, type, names, fields, the rest."""
    first = ["id", "type", "label", "alt_labels"]
    last = ["description", "comment", "source", "extra", "statements", "referenced_by"]
    middle = [f.name for f in kind.fields]
    order = first + middle + last
    return {k: record[k] for k in sorted(record, key=lambda k: (
        order.index(k) if k in order else len(order), k))}


def _theme_kind(kind: Kind) -> Kind | None:
    """Return the kind of the records in ``kind``'s ``themes`` list (theme assignments), if any."""
    fld = kind.field("themes") if behaviour(kind).nests_themes else None
    return KINDS[fld.target] if fld is not None and fld.target else None


def _field_for(kind: Kind, prop: URIRef) -> Field | None:
    for fld in kind.fields + COMMON:
        if fld.predicate == prop and not fld.inverse:
            return fld
    return None


def _lang_order(obj: Any) -> tuple[int, str]:
    return ({"zh": 0, "en": 1}.get(getattr(obj, "language", None) or "", 2), str(obj))


def _sort_key(item: Any) -> Any:
    return tuple(str(x) for x in item) if isinstance(item, tuple) else str(item)
