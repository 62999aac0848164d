"""A hypothesis generator of SPARQL queries over the graph's own vocabulary.

:func:`sample_vocabulary` reads once, from a loaded graph, the classes that have instances, the
properties their instances use (with the kind of their values: IRI, number, language-tagged
text or other literal), the properties of the values of each IRI-valued property (for paths)
and a few sorted sample values. :func:`queries` draws a :class:`Generated` query from it:
a basic graph pattern anchored on ``?v0 a <class>`` and grown from bound variables only (so no
pattern is a cross product), with OPTIONAL, UNION, MINUS, FILTER (comparisons, regex, lang,
bound, isIRI, isLiteral, &&, ||, !), VALUES, property paths (``/``, ``|``, ``*``, ``+``,
``^``), subqueries, aggregates with GROUP BY and HAVING, and ORDER BY, LIMIT and OFFSET.

The generator keeps out of the engine differences recorded in docs/engine-differences.md, so
that a new difference is a failure: an aggregate subquery always holds the outer anchor (D1),
aggregates other than COUNT read only variables that are always bound (D2), and LIMIT or OFFSET
come only after an ORDER BY that orders the rows totally (otherwise the rows kept are not
defined), and an alternative path never names the same property twice (D7), and a DISTINCT
aggregate reads only variables that are always bound (D8). ``Generated.total_order`` says
whether the rows must also come in the same order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long,
           XSD.nonNegativeInteger, XSD.positiveInteger}
_SIMPLE_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_PREFIXES = {
    "https://w3id.org/netgov-kg/ontology#": "ng:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
}


def n3(term) -> str:
    """Return a term as SPARQL text: a CURIE for the vocabulary, else ``<iri>`` or a literal."""
    if isinstance(term, URIRef):
        for ns, prefix in _PREFIXES.items():
            local = str(term)[len(ns):]
            if str(term).startswith(ns) and _SIMPLE_LOCAL.match(local):
                return prefix + local
        return f"<{term}>"
    return term.n3()


@dataclass
class Vocabulary:
    """What the generator may use, all lists sorted (so a seed always gives the same queries)."""

    classes: list[str]
    #: class or IRI-valued property -> [(property, kind)] used by its instances / values
    props: dict[str, list[tuple[str, str]]]
    #: class -> a few instances
    instances: dict[str, list[str]]
    #: property -> a few literal values (as SPARQL text)
    values: dict[str, list[str]] = field(default_factory=dict)


def _kind(term) -> str:
    if isinstance(term, URIRef):
        return "iri"
    if isinstance(term, Literal):
        if term.language:
            return "lang"
        if term.datatype in NUMERIC:
            return "num"
        return "lit"
    return "other"


def sample_vocabulary(kg) -> Vocabulary:
    """Read the vocabulary that the data of ``kg`` actually uses."""
    classes = sorted(
        str(r["c"]) for r in kg.query(
            "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), STR(ng:))) }"
            " GROUP BY ?c HAVING (COUNT(?s) >= 2)")
    )
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    values: dict[str, set[str]] = defaultdict(set)
    instances: dict[str, set[str]] = defaultdict(set)
    for row in kg.query("SELECT ?c ?s ?p ?o WHERE { ?s a ?c ; ?p ?o }"):
        c, s, p, o = (row[v] for v in ("c", "s", "p", "o"))
        if str(c) not in classes:
            continue
        instances[str(c)].add(str(s))
        kinds[(str(c), str(p))].add(_kind(o))
        if isinstance(o, Literal) and len(str(o)) <= 40:
            values[str(p)].add(n3(o))
    props: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (c, p), ks in sorted(kinds.items()):
        props[c].append((p, ks.pop() if len(ks) == 1 else "mixed"))
    # the properties used by the values of each IRI-valued property (for paths and chains)
    for row in kg.query("SELECT DISTINCT ?p ?q WHERE { ?s ?p ?o . ?o ?q ?x FILTER(isIRI(?o)) }"):
        p, q = str(row["p"]), str(row["q"])
        known = {pk[0]: pk[1] for c in classes for pk in props[c]}
        if q in known and p in known:
            props[p].append((q, known[q]))
    return Vocabulary(
        classes=classes,
        props={k: sorted(set(v)) for k, v in props.items()},
        instances={k: sorted(v)[:6] for k, v in instances.items()},
        values={k: sorted(v)[:6] for k, v in values.items()},
    )


@dataclass
class Generated:
    """A generated query and what the comparison may rely on."""

    text: str
    total_order: bool = False


@dataclass
class _Var:
    name: str
    kind: str
    props: list[tuple[str, str]]
    optional: bool = False
    source: str = ""  # the property whose value it is


class _Builder:
    def __init__(self, draw, vocab: Vocabulary, *, negation: bool = True) -> None:
        self.draw, self.vocab, self.negation = draw, vocab, negation
        self.vars: list[_Var] = []
        self.lines: list[str] = []
        self.counter = 0
        self.extra: list[str] = []
        self.anchor_class = ""

    def new(self, kind: str, props: list[tuple[str, str]], *, optional=False, source="") -> _Var:
        var = _Var(f"v{self.counter}", kind, props, optional, source)
        self.counter += 1
        self.vars.append(var)
        return var

    def pick(self, items):
        return self.draw(st.sampled_from(items))

    def subjects(self) -> list[_Var]:
        return [v for v in self.vars if v.kind == "iri" and v.props and not v.optional]

    def props_of(self, prop: str) -> list[tuple[str, str]]:
        return self.vocab.props.get(prop, [])

    # -- patterns ------------------------------------------------------------------------------
    def triple(self, *, optional=False) -> str:
        subject = self.pick(self.subjects())
        prop, kind = self.pick(subject.props)
        obj = self.new(kind, self.props_of(prop), optional=optional, source=prop)
        return f"?{subject.name} {n3(URIRef(prop))} ?{obj.name} ."

    def path(self) -> str:
        subject = self.pick(self.subjects())
        prop, kind = self.pick(subject.props)
        form = self.draw(st.sampled_from(["/", "|", "*", "+", "^", "?"]))
        p = n3(URIRef(prop))
        if form == "/" and kind == "iri" and self.props_of(prop):
            prop2, kind2 = self.pick(self.props_of(prop))
            obj = self.new(kind2, self.props_of(prop2), source=prop2)
            return f"?{subject.name} {p}/{n3(URIRef(prop2))} ?{obj.name} ."
        others = [pk for pk in subject.props if pk[0] != prop]
        if form == "|" and others:  # p|p counts twice on rdflib, once on Oxigraph (D7)
            prop2, kind2 = self.pick(others)
            both = kind if kind == kind2 else "mixed"
            obj = self.new(both, [], source="|")
            return f"?{subject.name} {p}|{n3(URIRef(prop2))} ?{obj.name} ."
        if form in "*+?" and kind == "iri":
            loops = [pk for pk in self.props_of(prop) if pk[0] == prop]
            obj = self.new("iri", self.props_of(prop) if loops else [], source=prop)
            return f"?{subject.name} {p}{form} ?{obj.name} ."
        obj = self.new(kind, self.props_of(prop), source=prop)
        return f"?{obj.name} ^{p} ?{subject.name} ."

    def optional(self) -> str:
        inner = self.triple(optional=True)
        if self.draw(st.booleans()):
            inner += f" FILTER({self.condition(self.vars[-1])})"
        return f"OPTIONAL {{ {inner} }}"

    def union(self) -> str:
        subject = self.pick(self.subjects())
        (p1, k1), (p2, k2) = self.pick(subject.props), self.pick(subject.props)
        same = self.draw(st.booleans())
        a = self.new(k1 if k1 == k2 else "mixed", [], optional=True)  # unbound in a branch
        b = a if same else self.new(k2, [], optional=True)
        return (f"{{ ?{subject.name} {n3(URIRef(p1))} ?{a.name} }} UNION "
                f"{{ ?{subject.name} {n3(URIRef(p2))} ?{b.name} }}")

    def minus(self) -> str:
        subject = self.pick(self.subjects())
        prop, kind = self.pick(subject.props)
        values = self.vocab.values.get(prop)
        if kind in ("lang", "lit", "num") and values and self.draw(st.booleans()):
            return f"MINUS {{ ?{subject.name} {n3(URIRef(prop))} {self.pick(values)} }}"
        return f"MINUS {{ ?{subject.name} {n3(URIRef(prop))} ?m{self.counter} }}"

    def values_clause(self) -> str:
        anchor = self.vars[0]
        cls = self.anchor_class
        pool = [*self.vocab.instances.get(cls, []), "https://w3id.org/netgov-kg/id/nothing"]
        chosen = self.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
        return f"VALUES ?{anchor.name} {{ {' '.join(f'<{c}>' for c in chosen)} }}"

    def condition(self, var: _Var | None = None) -> str:
        var = var or self.pick(self.vars)
        v = f"?{var.name}"
        samples = self.vocab.values.get(var.source, [])
        options = [f"isIRI({v})", f"isLiteral({v})", f"bound({v})", f"!bound({v})"]
        if var.kind == "num" and samples:
            op = self.pick(["<", "<=", "=", "!=", ">", ">="])
            options += [f"{v} {op} {self.pick(samples)}"] * 3
        if var.kind == "lang":
            options += [f'lang({v}) = "{self.pick(["zh", "en"])}"',
                        f'langMatches(lang({v}), "{self.pick(["zh", "en", "*"])}")'] * 2
        if var.kind in ("lang", "lit") and samples:
            sample = self.pick(samples)
            # word characters only: no escape that one regex dialect reads and another refuses
            piece = "".join(re.findall(r"\w", sample.split('"')[1]))[: self.draw(st.integers(1, 2))]
            if piece:
                options += [f'regex(str({v}), "{piece}")', f'regex(str({v}), "^{piece}", "i")']
            options += [f"str({v}) = str({sample})"]
        if var.kind == "iri":
            cls_instances = self.vocab.instances.get(self.anchor_class, [])
            if cls_instances:
                options += [f"{v} != <{self.pick(cls_instances)}>"]
        first = self.pick(options)
        shapes = ["one", "one", "not", "and", "or"] if self.negation else ["one", "and", "or"]
        shape = self.draw(st.sampled_from(shapes))
        if shape == "not":
            return f"!({first})"
        if shape in ("and", "or"):
            second = self.condition()
            return f"({first}) {'&&' if shape == 'and' else '||'} ({second})"
        return first

    def subquery(self) -> str:
        """An aggregate subquery that holds the outer anchor, so every group exists (D1)."""
        anchor = self.vars[0]
        prop, _ = self.pick(anchor.props)
        cls = n3(URIRef(self.anchor_class))
        agg = f"n{self.counter}"
        self.counter += 1
        self.extra.append(agg)
        if self.draw(st.booleans()):
            return (f"{{ SELECT ?{anchor.name} (COUNT(?s{agg}) AS ?{agg}) WHERE {{ "
                    f"?{anchor.name} a {cls} OPTIONAL {{ ?{anchor.name} {n3(URIRef(prop))} "
                    f"?s{agg} }} }} GROUP BY ?{anchor.name} }}")
        self.extra.pop()
        return (f"{{ SELECT DISTINCT ?{anchor.name} WHERE {{ ?{anchor.name} a {cls} ; "
                f"{n3(URIRef(prop))} ?s{agg} }} }}")


@st.composite
def queries(draw, vocab: Vocabulary, *, negation: bool = True) -> Generated:
    """Draw one query (see the module's docstring).

    ``negation=False`` writes no ``!(…)`` around a condition (Virtuoso reads an error as false,
    so ``!isIRI(?unbound)`` is true there: V5).
    """
    b = _Builder(draw, vocab, negation=negation)
    classes = [c for c in vocab.classes if vocab.props.get(c)]
    numeric = [c for c in classes if any(k == "num" for _, k in vocab.props[c])]
    cls = draw(st.sampled_from(numeric if numeric and draw(st.integers(0, 3)) == 0 else classes))
    b.anchor_class = cls
    anchor = b.new("iri", vocab.props[cls])
    parts = [f"?{anchor.name} a {n3(URIRef(cls))} ."]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(b.triple())
    makers = {"optional": b.optional, "union": b.union, "minus": b.minus, "path": b.path,
              "values": b.values_clause, "subquery": b.subquery}
    features = draw(st.lists(st.sampled_from(sorted(makers)), max_size=3))
    for feature in features:
        parts.append(makers[feature]())
    if draw(st.booleans()):
        parts.append(f"FILTER({b.condition()})")
    where = "\n  ".join(parts)

    if draw(st.integers(0, 2)) == 0:
        return _aggregate(draw, b, where)
    fixed = [v.name for v in b.vars if v.kind == "iri" and not v.optional and v.source != "|"]
    if draw(st.booleans()):  # DISTINCT IRIs that are always bound, ordered by all: a total order
        projected = draw(st.lists(st.sampled_from(fixed), min_size=1, max_size=3, unique=True))
        projected.sort(key=lambda n: int(n[1:]))
        text = f"SELECT DISTINCT {' '.join('?' + n for n in projected)}"
        text += f"\nWHERE {{\n  {where}\n}}"
        order = " ".join(f"{draw(st.sampled_from(['ASC', 'DESC']))}(?{n})" for n in projected)
        text += f"\nORDER BY {order}"
        if draw(st.booleans()):
            text += f"\nLIMIT {draw(st.integers(0, 8))}"
        if draw(st.booleans()):
            text += f"\nOFFSET {draw(st.integers(0, 5))}"
        return Generated(text, total_order=True)
    names = [v.name for v in b.vars] + b.extra
    projected = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    projected.sort(key=lambda n: (n[0], int(n[1:])))
    distinct = draw(st.booleans())
    text = f"SELECT {'DISTINCT ' if distinct else ''}{' '.join('?' + n for n in projected)}"
    text += f"\nWHERE {{\n  {where}\n}}"
    if draw(st.booleans()):  # a partial order: rows compared as a multiset only
        text += f"\nORDER BY ?{draw(st.sampled_from(projected))}"
    return Generated(text)


def _aggregate(draw, b: _Builder, where: str) -> Generated:
    """``SELECT ?v0 (AGG(...) AS ?a) … GROUP BY ?v0 [HAVING] [ORDER BY ?v0 LIMIT]``."""
    anchor = b.vars[0]
    required = [v for v in b.vars[1:] if not v.optional]
    counted = draw(st.sampled_from(b.vars))
    aggs = [f"(COUNT(?{counted.name}) AS ?count)", f"(COUNT(DISTINCT ?{counted.name}) AS ?nd)",
            "(COUNT(*) AS ?all)"]
    numbers = [v for v in required if v.kind == "num"]
    anchor_numbers = [pk for pk in anchor.props if pk[1] == "num"]
    if not numbers and anchor_numbers and draw(st.booleans()):
        prop, _ = draw(st.sampled_from(anchor_numbers))
        numbers = [b.new("num", [], source=prop)]
        where += f"\n  ?{anchor.name} {n3(URIRef(prop))} ?{numbers[0].name} ."
    if numbers:
        x = draw(st.sampled_from(numbers)).name
        aggs += [f"(SUM(?{x}) AS ?sum)", f"(MIN(?{x}) AS ?min)", f"(MAX(?{x}) AS ?max)",
                 f"(AVG(?{x}) AS ?avg)"]
    texts = [v for v in required if v.kind in ("lang", "lit")]
    if texts:
        x = draw(st.sampled_from(texts)).name
        aggs += [f'(GROUP_CONCAT(DISTINCT ?{x}; separator="|") AS ?list)']
    chosen = draw(st.lists(st.sampled_from(aggs), min_size=1, max_size=3, unique=True))
    grouped = draw(st.booleans())
    text = f"SELECT {'?' + anchor.name + ' ' if grouped else ''}{' '.join(sorted(chosen))}"
    text += f"\nWHERE {{\n  {where}\n}}"
    if not grouped:
        return Generated(text, total_order=True)  # one row
    text += f"\nGROUP BY ?{anchor.name}"
    if draw(st.booleans()):
        text += f"\nHAVING (COUNT(?{counted.name}) {draw(st.sampled_from(['>', '>=', '<']))} "
        text += f"{draw(st.integers(0, 3))})"
    if draw(st.booleans()):
        text += f"\nORDER BY DESC(?{anchor.name})"
        if draw(st.booleans()):
            text += f"\nLIMIT {draw(st.integers(1, 5))} OFFSET {draw(st.integers(0, 3))}"
        return Generated(text, total_order=True)
    return Generated(text)
