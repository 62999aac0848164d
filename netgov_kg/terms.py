"""One core for terms and names: CURIEs, local names, labels, classes, and resolving.

Every entry point that takes or shows a resource goes through this module: the library
(``describe``, ``similar_cases``, named-query parameters, ``query`` bindings), the command
line, the server's pages, the network projections and ``add``'s templates. So a name that
resolves in one place resolves in all of them, and an IRI is shortened the same way
everywhere.

- :func:`curie` and :func:`expand` shorten and expand IRIs with the project's prefixes
  (:data:`netgov_kg.namespaces.PREFIXES`, held by one rdflib ``NamespaceManager``);
- :func:`local_name` gives an IRI's last segment, :func:`fold` is the rule by which two
  labels are "the same";
- :func:`subclasses`, :func:`superclasses` and :func:`parents` walk ``rdfs:subClassOf``;
  :func:`most_specific` keeps the types no other type is below, and :func:`type_names` gives a
  resource's asserted types and most specific kind as sorted CURIEs;
- :class:`LabelTable` and :func:`resolve` turn what a user typed into one resource, or raise
  :class:`~netgov_kg.errors.UnknownResource` or
  :class:`~netgov_kg.errors.AmbiguousResource`.

Examples
--------
>>> curie("https://w3id.org/netgov-kg/id/case/yinchuan-weibo-matrix")
'ngr:case/yinchuan-weibo-matrix'
>>> expand("ng:Case")
rdflib.term.URIRef('https://w3id.org/netgov-kg/ontology#Case')
>>> fold('上海 “一网通办”') == fold("上海一网通办")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, NamespaceManager
from rdflib.term import Node

from .errors import AmbiguousResource, InputError, UnknownResource
from .namespaces import NG, bind_prefixes

__all__ = [
    "LABEL_PROPERTIES",
    "LabelTable",
    "QUOTES",
    "check_iri",
    "curie",
    "expand",
    "fold",
    "labelled",
    "local_name",
    "most_specific",
    "namespace_manager",
    "parents",
    "resolve",
    "subclasses",
    "superclasses",
    "type_names",
]

#: Quotation marks that do not count when labels are compared.
QUOTES = frozenset("“”\"'‘’「」《》『』")


def fold(text: str) -> str:
    """Fold a label for comparing: the one rule by which two labels are "the same".

    NFKC (full-width forms become plain), case folded, and with no quotation marks, no
    white space and no invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, bidi marks and overrides, the byte-order mark). ``add`` uses it to find a
    duplicate or a resource to reuse, ``find``/``resolve`` to match what a user typed.

    Examples
    --------
    >>> fold("胶东\u200b在线") == fold("胶东在线")
    True
    >>> fold(" 上海“一网通办” ") == fold('上海"一网通办"')
    True
    >>> fold("Sina  Weibo"), fold("ＳＩＮＡ\u202eWeibo")
    ('sinaweibo', 'sinaweibo')
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return unicodedata.normalize("NFKC", "".join(
        ch for ch in text
        if not ch.isspace() and ch not in QUOTES and unicodedata.category(ch) != "Cf"))


def local_name(iri: str | URIRef) -> str:
    """Return the last segment of an IRI (after ``#`` or the last ``/``).

    Examples
    --------
    >>> local_name("https://w3id.org/netgov-kg/ontology#Case")
    'Case'
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


#: The properties whose values name a resource, for :func:`resolve` and ``find``.
LABEL_PROPERTIES: tuple[URIRef, ...] = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)

#: Characters that cannot appear in an IRI (RFC 3987 / SPARQL IRIREF), and control characters.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
#: IRIs taken as written, without ``<…>``.
_ABSOLUTE = re.compile(r"(?:https?://|urn:)", re.IGNORECASE)
#: A CURIE: a prefix, a colon and a local part that does not start with ``/`` (not ``http://``).
_CURIE = re.compile(r"([A-Za-z][\w-]*):([^\s/][^\s]*)?")
#: The local parts :func:`curie` writes: ones every reader of a CURIE takes back unchanged.
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")


@cache
def namespace_manager() -> NamespaceManager:
    """Return the one ``NamespaceManager`` that holds the project's prefixes.

    Examples
    --------
    >>> str(dict(namespace_manager().namespaces())["ngr"])
    'https://w3id.org/netgov-kg/id/'
    """
    return bind_prefixes(Graph()).namespace_manager


@cache
def _by_length() -> tuple[tuple[str, str], ...]:
    pairs = ((p, str(ns)) for p, ns in namespace_manager().namespaces())
    return tuple(sorted(pairs, key=lambda pn: (-len(pn[1]), pn[0])))


def curie(iri: str | URIRef) -> str:
    """Shorten ``iri`` with the project's prefixes (the longest namespace wins), else ``<iri>``.

    rdflib's own ``NamespaceManager.curie`` splits an IRI at its last ``/``, so it finds no
    prefix for ``ngr:case/x``; the longest bound namespace is taken instead. Only local parts
    that :func:`expand` reads back unchanged are written (ASCII letters, digits, ``_ . / -``).

    Examples
    --------
    >>> curie("https://w3id.org/netgov-kg/ontology#hasTheme")
    'ng:hasTheme'
    >>> curie(URIRef("https://w3id.org/netgov-kg/id/place/330523"))
    'ngr:place/330523'
    >>> curie("http://example.org/x"), curie("https://w3id.org/netgov-kg/id/a b")
    ('<http://example.org/x>', '<https://w3id.org/netgov-kg/id/a b>')
    """
    text = str(iri)
    for prefix, ns in _by_length():
        if text.startswith(ns) and _LOCAL.fullmatch(text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def check_iri(iri: str) -> URIRef:
    """Return ``iri`` as a ``URIRef``, or raise :class:`InputError` if no IRI can hold it.

    Examples
    --------
    >>> check_iri("https://example.org/x> } DROP ALL")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: not a valid IRI: 'https://example.org/x> } DROP ALL'
    """
    if not iri or _BAD_IRI.search(iri):
        raise InputError(f"not a valid IRI: {str(iri)!r}")
    return URIRef(iri)


def expand(text: str) -> URIRef | None:
    """Return the IRI written as ``<IRI>``, an ``http(s):``/``urn:`` IRI or a CURIE, else ``None``.

    ``None`` means "not written as an IRI" (a label, say). A CURIE's prefix must be one of the
    project's; a local part with a space is not a CURIE (``"ng: Case"`` is text).

    Raises
    ------
    InputError
        For something written as an IRI that no IRI can be (a space, ``<``, ``>``, ``"``…).

    Examples
    --------
    >>> expand("ngr:case/x"), expand("<https://example.org/x>")
    (rdflib.term.URIRef('https://w3id.org/netgov-kg/id/case/x'), rdflib.term.URIRef('https://example.org/x'))
    >>> expand("一网通办") is None, expand("note: a remark") is None, expand("ngr:a b") is None
    (True, True, True)
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return check_iri(text[1:-1])
    if _ABSOLUTE.match(text):
        return check_iri(text)
    match = _CURIE.fullmatch(text)
    if match is None or match.group(1) not in dict(namespace_manager().namespaces()):
        return None
    return check_iri(str(namespace_manager().expand_curie(text)))


def subclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """Return ``cls`` and every class below it (``rdfs:subClassOf*``).

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((NG.Expert, RDFS.subClassOf, NG.Person))
    >>> sorted(local_name(c) for c in subclasses(g, NG.Person))
    ['Expert', 'Person']
    """
    return {c for c in graph.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)}


def parents(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Map each class to its direct (asserted) superclasses.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((NG.Expert, RDFS.subClassOf, NG.Person))
    >>> _ = g.add((NG.Person, RDFS.subClassOf, NG.Agent))
    >>> [local_name(c) for c in parents(g)[NG.Expert]]
    ['Person']
    """
    found: dict[URIRef, set[URIRef]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            found.setdefault(sub, set()).add(sup)
    return found


def superclasses(
    graph: Graph, *, direct: dict[URIRef, set[URIRef]] | None = None
) -> dict[URIRef, frozenset[URIRef]]:
    """Map each class with a superclass to itself and all its superclasses (``subClassOf*``).

    ``direct`` is :func:`parents` of ``graph``, when the caller has it already.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((NG.Expert, RDFS.subClassOf, NG.Person))
    >>> sorted(local_name(c) for c in superclasses(g)[NG.Expert])
    ['Expert', 'Person']
    """
    up = parents(graph) if direct is None else direct
    closure: dict[URIRef, frozenset[URIRef]] = {}
    for cls in up:
        seen = {cls}
        todo = list(up[cls])
        while todo:
            sup = todo.pop()
            if sup not in seen:
                seen.add(sup)
                todo.extend(up.get(sup, ()))
        closure[cls] = frozenset(seen)
    return closure


def most_specific(
    types: Iterable[URIRef], supers: dict[URIRef, frozenset[URIRef]]
) -> list[URIRef]:
    """Return the types no other of ``types`` is a subclass of: ``ng:`` first, then by IRI.

    ``supers`` is :func:`superclasses` of the graph.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((NG.WeiboAccount, RDFS.subClassOf, NG.Platform))
    >>> _ = g.add((NG.AccountMatrix, RDFS.subClassOf, NG.Platform))
    >>> kinds = most_specific([NG.Platform, NG.WeiboAccount, NG.AccountMatrix], superclasses(g))
    >>> [local_name(t) for t in kinds]
    ['AccountMatrix', 'WeiboAccount']
    """
    types = list(dict.fromkeys(types))
    closures = {t: supers.get(t, frozenset({t})) for t in types}
    return sorted(
        (t for t in types if not any(t in closures[o] and o != t for o in types)),
        key=lambda t: (not str(t).startswith(str(NG)), str(t)),
    )


def type_names(
    types: Iterable[Node], supers: dict[URIRef, frozenset[URIRef]]
) -> tuple[str, str]:
    """Return ``(types, kind)``: every type and the most specific, as sorted CURIEs.

    Each is one string, CURIEs separated by spaces (as network node attributes hold them,
    since GraphML and GEXF cannot hold lists); blank-node types are left out.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((NG.WeiboAccount, RDFS.subClassOf, NG.Platform))
    >>> type_names([NG.WeiboAccount, NG.Platform, NG.AccountMatrix], superclasses(g))
    ('ng:AccountMatrix ng:Platform ng:WeiboAccount', 'ng:AccountMatrix ng:WeiboAccount')
    """
    iris = sorted({t for t in types if isinstance(t, URIRef)}, key=str)
    return (
        " ".join(sorted(curie(t) for t in iris)),
        " ".join(sorted(curie(t) for t in most_specific(iris, supers))),
    )


def labelled(graph: Graph, cls: URIRef | None = None) -> Iterator[tuple[Node, Literal]]:
    """Yield ``(resource, name)`` for every name (:data:`LABEL_PROPERTIES`) of an IRI resource.

    With ``cls``, only instances of ``cls`` or of a class below it.
    """
    if cls is None:
        for prop in LABEL_PROPERTIES:
            for s, o in graph.subject_objects(prop):
                if isinstance(s, URIRef) and isinstance(o, Literal):
                    yield s, o
        return
    members = {s for c in subclasses(graph, cls) for s in graph.subjects(RDF.type, c)}
    for s in sorted(members, key=str):
        if isinstance(s, URIRef):
            for prop in LABEL_PROPERTIES:
                for o in graph.objects(s, prop):
                    if isinstance(o, Literal):
                        yield s, o


class LabelTable:
    """Resources by folded name: the one rule by which a label names a resource.

    A text names the resource one of whose names it equals (as :func:`fold` compares: case,
    white space, quotation marks and invisible characters do not count); when several
    resources have that name and exactly one of them is preferred (a case shares its name with
    its platform: the case is meant), that one. Failing an equal name, the one resource one of
    whose names contains the text (unless ``exact=True``, as templates ask: a writer must not
    guess).

    Examples
    --------
    >>> table = LabelTable([("a", "上海“一网通办”"), ("b", "一网通办 App")])
    >>> table.resolve("上海 一网通办"), table.resolve("一网通办app"), table.resolve("上海")
    ('a', 'b', 'a')
    >>> table.resolve("一网通办")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.AmbiguousResource: '一网通办' matches 2 resources: 上海“一网通办” <a>; ...
    """

    def __init__(self, names: Iterable[tuple[object, str]] = ()) -> None:
        self.by_name: dict[str, set[object]] = {}
        self.names: dict[str, set[object]] = {}
        self.shown: dict[object, list[str]] = {}
        for node, name in names:
            self.add(node, name)

    def add(self, node: object, name: str) -> None:
        """Record that ``name`` is a name of ``node``."""
        key = fold(str(name))
        if key:
            self.by_name.setdefault(key, set()).add(node)
            self.names.setdefault(str(name), set()).add(node)
            self.shown.setdefault(node, []).append(str(name))

    def shown_name(self, node: object, text: str = "") -> str:
        """Return the name to show for ``node``: one containing ``text``, else the first sorted.

        Never the store's iteration order, which differs between engines.
        """
        names = self.shown.get(node)
        if not names:
            return str(node)
        want = fold(text)
        return min(names, key=lambda name: (not (want and want in fold(name)), name))

    def exact(self, text: str) -> set[object]:
        """Return the resources with a name equal to ``text`` (folded)."""
        return set(self.by_name.get(fold(text), ()))

    def partial(self, text: str) -> set[object]:
        """Return the resources with a name that contains ``text`` (folded)."""
        want = fold(text)
        return {n for key, nodes in self.by_name.items() if want and want in key for n in nodes}

    def resolve(
        self,
        text: str,
        *,
        accept: Callable[[object], bool] | None = None,
        prefer: Callable[[object], bool] | None = None,
        exact: bool = False,
        what: str = "resource",
        describe: Callable[[object], str] | None = None,
    ) -> object:
        """Return the one resource ``text`` names (see the class), among those ``accept`` takes.

        Raises
        ------
        UnknownResource
            If none does; the message suggests close names.
        AmbiguousResource
            If several do; ``candidates`` lists them.
        """
        keep = accept or (lambda _: True)
        shown = describe or (lambda n: f"{self.shown_name(n, text)} <{n}>")
        found = {n for n in self.exact(text) if keep(n)}
        if len(found) > 1 and prefer is not None:
            preferred = {n for n in found if prefer(n)}
            found = preferred if len(preferred) == 1 else found
        near = set() if found else {n for n in self.partial(text) if keep(n)}
        if len(found) == 1:
            return next(iter(found))
        if near and exact:
            listed = "; ".join(shown(n) for n in sorted(near, key=str)[:5])
            raise UnknownResource(f"no {what} is labelled {text!r}; did you mean {listed}? "
                                  "(write the full name or the IRI)")
        if len(near) == 1:
            return next(iter(near))
        chosen = sorted(found or near, key=str)
        if chosen:
            listed = "; ".join(shown(n) for n in chosen[:8])
            more = f" and {len(chosen) - 8} more" if len(chosen) > 8 else ""
            raise AmbiguousResource(
                f"{text!r} matches {len(chosen)} {what}s: {listed}{more}; be more precise "
                "(or give the IRI)", [str(n) for n in chosen])
        names = {name: nodes for name, nodes in self.names.items() if any(map(keep, nodes))}
        close = difflib.get_close_matches(text, sorted(names), n=5, cutoff=0.3)
        meant = dict.fromkeys(shown(n) for name in close for n in sorted(names[name], key=str))
        hint = f"; did you mean {', '.join(meant)}?" if meant else ""
        raise UnknownResource(f"no {what} is labelled {text!r}{hint}")


def resolve(
    graph: Graph,
    text_or_term: str | Node,
    cls: URIRef | None = None,
    *,
    exact: bool = False,
) -> URIRef:
    """Return the one resource meant by ``text_or_term``.

    Accepted: a ``URIRef`` (as a query row gives it), an IRI string (``https://…``,
    ``urn:…``), ``<IRI>``, a CURIE with a project prefix (``ngr:case/…``, ``ng:Case``), or a
    zh or en name (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) with or without
    decorative quotes and spaces, by the rule of :class:`LabelTable`. An IRI is taken as
    given (whether the graph holds it is the caller's question); a name must name a resource
    of the graph, of class ``cls`` (or a subclass) when given.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph (a dataset is read through its union graph).
    text_or_term : str or rdflib term
        What the user gave.
    cls : URIRef, optional
        Only resources of this class (or a subclass) are named by labels.
    exact : bool
        Refuse a name that is only part of a resource's name (templates do).

    Raises
    ------
    UnknownResource
        If no resource has this name.
    AmbiguousResource
        If several have it; ``candidates`` lists their IRIs.
    InputError
        For an IRI that is not valid (a space, ``<``, ``>``…).

    Examples
    --------
    >>> import netgov_kg
    >>> ds = netgov_kg.load().dataset
    >>> iri = resolve(ds, "ngr:case/shanghai-yiwangtongban")
    >>> resolve(ds, iri) == resolve(ds, str(iri)) == resolve(ds, f"<{iri}>") == iri
    True
    >>> resolve(ds, '上海 “一网通办”') == resolve(ds, "上海一网通办") == iri
    True
    """
    if isinstance(text_or_term, URIRef):
        return check_iri(str(text_or_term))
    text = str(text_or_term).strip()
    iri = expand(text)
    if iri is not None:
        return iri
    table = LabelTable(labelled(graph, cls))
    cases = set(graph.subjects(RDF.type, NG.Case))
    if cls is not None:
        from .query.labels import label

        what = f"{label(graph, cls, 'en').lower()} resource"
    else:
        what = "resource"
    found = table.resolve(text, prefer=cases.__contains__, exact=exact, what=what)
    return found  # type: ignore[return-value]
