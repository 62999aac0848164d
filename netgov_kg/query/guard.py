"""The query guard: refuse what would read the network or files, before anything runs.

The server checks every request with it, and the library (``kg.query``, ``kg.run``, the
command line) with the same rules (:func:`check_local`), unless its caller opts in with
``allow_remote=True``. It lives here, not in :mod:`netgov_kg.server`, so the library can use
it without the server's dependencies (``netgov_kg.server.guard`` re-exports it).

The guard first normalises the text (:func:`netgov_kg.query.lexer.normalise`: escapes decoded,
CR turned into LF, comments removed) and bounds its size (:mod:`netgov_kg.query.limits`); then
it parses the normalised text with rdflib's SPARQL parser and walks the algebra, *before*
anything is evaluated, so a refused request never reaches a store and never opens a connection.
The engines run exactly the checked text (:attr:`Checked.text`: ``BASE <ngr:>`` and the
normalised text, see :func:`netgov_kg.query.engine.with_base`), never the client's: the
engines read comments and escapes differently, and a relative IRI (``FROM <graph/data/x>``)
means what the ``BASE`` makes it, so a check of any other text would not be a check of what
runs.

- ``SERVICE`` and ``LOAD`` are also refused as bare words of the normalised text (outside
  strings and IRIs), whatever the parse says.

- ``SERVICE`` (federated query) is refused: rdflib would call any URL it names.
- ``LOAD`` is refused, and ``FROM``/``FROM NAMED``/``USING`` may only name graphs the store
  already holds (rdflib would fetch or read any other IRI, ``file:`` included).
- SPARQL Update is refused unless the caller allows it (the server's ``--allow-update``).

Examples
--------
>>> check_query("SELECT * WHERE { ?s ?p ?o }").form
'SELECT'
>>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
netgov_kg.query.guard.Refused: SERVICE (federated query) is disabled on this endpoint
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .cache import ByteLRU, text_size


class GuardError(Exception):
    """A request the endpoint will not run; ``status`` is the HTTP status to answer with."""

    status = 400


class BadQuery(GuardError):
    """The text does not parse as SPARQL; the message is the parser's (with line, column)."""

    status = 400


class Refused(GuardError):
    """The request parses but asks for something forbidden (SERVICE, LOAD, update, file:).

    ``what`` names the construct (``SERVICE``, ``FROM <iri>``...) for the library's message.
    """

    status = 403

    def __init__(self, message: str, what: str = "") -> None:
        super().__init__(message)
        self.what = what


@dataclass(frozen=True)
class Checked:
    """A request that passed the guard.

    Attributes
    ----------
    form : str
        ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``.
    default_graphs, named_graphs : tuple of str
        IRIs of the query's ``FROM`` and ``FROM NAMED`` clauses (empty when it has none).
    text : str
        The normalised text that was checked: the text to run, on any engine.
    """

    form: str
    default_graphs: tuple[str, ...] = field(default=())
    named_graphs: tuple[str, ...] = field(default=())
    text: str = ""

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its own dataset (``FROM`` or ``FROM NAMED``)."""
        return bool(self.default_graphs or self.named_graphs)

    @property
    def kind(self) -> str:
        """``"results"`` for SELECT/ASK, ``"graph"`` for CONSTRUCT/DESCRIBE, else ``"update"``."""
        if self.form in ("SELECT", "ASK"):
            return "results"
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "update"


_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def _walk(node: Any) -> Iterator[Any]:
    """Yield every CompValue below ``node`` (the algebra is nested dicts and lists)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)


def _refuse_forbidden(algebra: Any, graphs: Collection[str] | None) -> tuple[list[str], list[str]]:
    """Raise :class:`Refused` for SERVICE, LOAD or a dataset clause naming an unknown graph."""
    defaults: list[str] = []
    named: list[str] = []
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            raise Refused(
                f"SERVICE (federated query) is disabled on this endpoint: <{node.get('term')}>",
                f"SERVICE <{node.get('term')}>",
            )
        if node.name == "Load":
            raise Refused(
                f"LOAD is disabled on this endpoint: <{node.get('iri')}>",
                f"LOAD <{node.get('iri')}>",
            )
        if node.name in ("DatasetClause", "UsingClause"):
            for key, bucket in (("default", defaults), ("named", named)):
                iri = dict.get(node, key)  # CompValue.get(key) returns the key when missing
                if iri is not None:
                    bucket.append(str(iri))
    for iri in defaults + named:
        if iri.lower().startswith("file:"):
            raise Refused(f"file: IRIs are not allowed: <{iri}>", f"FROM <{iri}>")
        if graphs is not None and iri not in graphs:
            raise Refused(
                f"<{iri}> is not a graph of this dataset; FROM, FROM NAMED and USING may only "
                "name graphs the endpoint holds (it loads nothing)",
                f"FROM <{iri}> (not a graph of the store)",
            )
    return defaults, named


def _user_error(parse: Callable[[str], Any], normal: str) -> Exception:
    """Return the parser's error for the user's text (positions without the ``BASE``).

    A ``BASE`` cannot make a text parse or fail, so the error is the one of the checked text,
    told at the positions the user sees.
    """
    try:
        parse(normal)
    except Exception as exc:  # noqa: BLE001 - the parser's own error
        return exc
    return ValueError("the query does not parse")  # pragma: no cover - BASE never breaks


def _parse_message(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


_FORBIDDEN_WORDS = {
    "SERVICE": "SERVICE (federated query) is disabled on this endpoint",
    "LOAD": "LOAD is disabled on this endpoint",
}


def prepare(text: str) -> str:
    r"""Normalise ``text``, bound its size and refuse the bare words SERVICE and LOAD.

    Returns
    -------
    str
        The normalised text (see :func:`netgov_kg.query.lexer.normalise`): what is parsed,
        checked and run.

    Raises
    ------
    BadQuery
        If an escape is invalid or the text is over a limit of :mod:`netgov_kg.query.limits`.
    Refused
        If SERVICE or LOAD appears as a keyword.

    Examples
    --------
    >>> prepare("ASK {\r\n ?s ?p ?o } # done")
    'ASK {\n ?s ?p ?o }  '
    >>> prepare("ASK { # x\r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.Refused: SERVICE (federated query) is disabled on this endpoint
    """
    from ..errors import InputError
    from ..query.lexer import keywords, normalise
    from ..query.limits import check_limits

    try:
        check_limits(text)
        normal = normalise(text)
        check_limits(normal)
    except InputError as exc:
        raise BadQuery(exc.message) from None
    words = keywords(normal)
    for word, message in _FORBIDDEN_WORDS.items():
        if word in words:
            raise Refused(message, word)
    return normal


def check_query(
    text: str,
    *,
    namespaces: Mapping[str, Any] | None = None,
    graphs: Collection[str] | None = None,
) -> Checked:
    """Parse a query and refuse what must not run.

    Parameters
    ----------
    text : str
        The query as the client sent it; it is normalised first (:func:`prepare`).
    namespaces : mapping, optional
        Prefixes pre-bound for the query (the library's ``PREFIXES``).
    graphs : collection of str, optional
        IRIs of the store's named graphs; ``FROM``/``FROM NAMED`` may name only these.
        ``None`` skips that check (``file:`` is refused regardless).

    Returns
    -------
    Checked
        The query's form and dataset, and the text to run: ``BASE <ngr:>`` and the normalised
        text (what was parsed and checked).

    Raises
    ------
    BadQuery
        If the text is not a SPARQL query (the message is the parser's), or is over a limit.
    Refused
        If it is an update, or uses SERVICE, or names a graph that is not in ``graphs``.

    Examples
    --------
    >>> check_query("ASK { ?s ?p ?o }").kind
    'results'
    >>> check_query("INSERT DATA { <a:b> <a:c> 1 }")
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.Refused: SPARQL Update is not allowed here: this endpoint is read-only
    >>> check_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.Refused: file: IRIs are not allowed: <file:///etc/passwd>
    >>> check_query("SELECT ?x WHERE { ?x ?y }")
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.BadQuery: Expected SelectQuery, found '?' (at char 18), (line:1, col:19)
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    from .engine import with_base

    normal = prepare(text)
    if not normal.strip():  # nothing but blanks and comments
        raise BadQuery("the query is empty: send a SPARQL query as 'query'")
    text = with_base(normal)
    try:
        parsed = parseQuery(text)
    except Exception:  # pyparsing's ParseException, or others for odd input
        if _is_update(text):
            raise Refused(
                "SPARQL Update is not allowed here: this endpoint is read-only", "UPDATE"
            ) from None
        raise BadQuery(_parse_message(_user_error(parseQuery, normal))) from None
    if parsed[1].name == "DescribeQuery" and not dict.get(parsed[1], "var"):
        raise BadQuery(  # rdflib cannot run it; refused on every store alike
            "DESCRIBE * is not supported here: name what to describe, "
            "e.g. DESCRIBE ?s WHERE { ?s a ng:Case }"
        )
    try:
        query = translateQuery(parsed, initNs=dict(namespaces or {}))
    except Exception as exc:  # e.g. an undeclared prefix
        raise BadQuery(_parse_message(exc)) from None
    defaults, named = _refuse_forbidden(query.algebra, graphs)
    return Checked(
        _FORMS.get(query.algebra.name, "SELECT"), tuple(defaults), tuple(named), text
    )


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def check_update(
    text: str,
    *,
    namespaces: Mapping[str, Any] | None = None,
    graphs: Collection[str] | None = None,
) -> Checked:
    """Parse a SPARQL Update and refuse LOAD, SERVICE and ``USING`` of unknown graphs.

    Whether updates are allowed at all is the caller's decision (see the server's token check);
    this only checks what the update does.

    Examples
    --------
    >>> check_update("INSERT DATA { <a:b> <a:c> 1 }").form
    'UPDATE'
    >>> check_update("LOAD <file:///etc/passwd>")
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.Refused: LOAD is disabled on this endpoint
    """
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    from .engine import with_base

    normal = prepare(text)
    if not normal.strip():  # nothing but blanks and comments
        raise BadQuery("the update is empty: send a SPARQL Update as 'update'")
    text = with_base(normal)
    try:
        parsed = parseUpdate(text)
    except Exception:
        raise BadQuery(_parse_message(_user_error(parseUpdate, normal))) from None
    try:
        update = translateUpdate(parsed, initNs=dict(namespaces or {}))
    except Exception as exc:
        raise BadQuery(_parse_message(exc)) from None
    _refuse_forbidden(update.algebra, graphs)
    return Checked("UPDATE", text=text)


#: Texts that passed :func:`check_local` without a dataset clause, and the text to run.
_LOCAL = ByteLRU()


def check_local(text: str, *, graphs: Callable[[], Collection[str]]) -> str:
    """Check a library or command-line query with the server's rules; return the text to run.

    The text is normalised and bounded (:func:`prepare`); ``SERVICE`` and ``LOAD`` are refused;
    a query with ``FROM`` or ``FROM NAMED`` is parsed and may name only graphs of the store
    (never ``file:``), so that no engine reads a file or the network. A text that does not
    parse is returned as it is: the engine reports the syntax error (and cannot run it).

    Parameters
    ----------
    text : str
        The user's query.
    graphs : callable
        Returns the IRIs of the store's named graphs (called only for a query with ``FROM``).

    Returns
    -------
    str
        ``BASE <ngr:>`` and the normalised text: the text to run.

    Raises
    ------
    Refused
        What would read the network or a file; ``what`` names it.
    BadQuery
        If an escape is invalid or the text is over a limit.

    Examples
    --------
    >>> check_local("ASK { ?s ?p ?o } # done", graphs=frozenset)
    'BASE <https://w3id.org/netgov-kg/id/> ASK { ?s ?p ?o }  '
    >>> check_local(
    ...     "SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }", graphs=frozenset
    ... )  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.query.guard.Refused: <http://127.0.0.1:9/x> is not a graph of this dataset; ...
    """
    from .engine import with_base
    from .lexer import keywords

    cached = _LOCAL.get(text)
    if cached is not None:  # named queries repeat; a text without FROM passes or fails alone
        return cached
    normal = prepare(text)
    final = with_base(normal)
    if "FROM" not in keywords(normal):
        _LOCAL.put(text, final, size=text_size(text) + text_size(final))
        return final
    from rdflib.plugins.sparql.algebra import translateQuery  # only a text with FROM is parsed
    from rdflib.plugins.sparql.parser import parseQuery

    from ..namespaces import PREFIXES

    try:
        query = translateQuery(parseQuery(final), initNs=dict(PREFIXES))
    except Exception:  # noqa: BLE001 - not SPARQL: the engine says where, and runs nothing
        return final
    _refuse_forbidden(query.algebra, frozenset(graphs()))
    return final
