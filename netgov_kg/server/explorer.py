"""The case explorer: search and facets over the cases, as pages and as a JSON/CSV API.

Every answer comes from the server's own SPARQL queries (``queries/explorer-*.rq``) run by the
query workers under the endpoint's timeout and row cap, on the library's one query path. The
filters are written once (``queries/explorer-filters.rq``): a line that ends in ``#?name``
is kept only when the filter ``name`` is given, and its ``VALUES ?name { }`` line gets the filter's
value, checked and written as an IRI or a literal by rdflib (:func:`fill`; Oxigraph 0.5
applies variables bound by the engine only after evaluating the pattern, a VALUES block
first, which is about ten times faster at 10,000 cases). For the search box, the cases whose
zh or en names, or the pinyin of their zh names, contain what was typed are found in Python
(:func:`search`, pinyin from :mod:`pypinyin`, cached per name) and fill ``VALUES ?case { }``.

Filters (all optional, combined with AND): ``q`` (search), ``theme``, ``province``, ``place``
(a place and everything in it), ``kind`` (a platform class), ``institution`` (the top unit of
an endorsing expert's affiliation), ``year`` (start year), ``basis`` (a basis of facts
stated about the case: ``ng:Background``, ``ng:Implied``, ``ng:Correction``); ``page``.

Examples
--------
>>> f = Filters.from_params({"theme": "https://w3id.org/netgov-kg/id/theme/party-building",
...                          "year": "2018", "page": "2"})
>>> f.active(), f.page
(['theme', 'year'], 2)
>>> f.url("/cases", page=None)
'/cases?theme=https%3A%2F%2Fw3id.org%2Fnetgov-kg%2Fid%2Ftheme%2Fparty-building&year=2018'
>>> pinyin_key("爱安吉"), pinyin_key("Ai Anji")
('aianji', 'aianji')
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from rdflib import Literal, URIRef
from rdflib.namespace import OWL
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import NG, is_web_iri
from ..terms import curie, fold
from .evaluate import Job
from .resource_page import BASIS_NAMES
from .state import ServerState, server_query

#: Cases on one page of the explorer (and of the JSON API).
PAGE_SIZE = 20
#: The filters that are IRIs, in the order the facets are shown.
IRI_FILTERS = ("province", "theme", "kind", "institution", "basis", "place")
#: The facets, in the order they are shown, with their zh and en names.
FACETS = (
    ("province", "省级行政区", "Province-level region"),
    ("theme", "主题", "Theme"),
    ("kind", "平台类型", "Platform kind"),
    ("institution", "推荐专家所在机构", "Endorsing expert's institution"),
    ("year", "起始年份", "Start year"),
    ("basis", "事实依据", "Basis of facts"),
)
#: Facets a map can colour its markers by.
COLOUR_FACETS = ("theme", "province", "kind", "year")
_YEAR = re.compile(r"[0-9]{4}")
_MARKER = re.compile(r"\s*#\?(\w+)\s*$")
_VALUES = re.compile(r"VALUES \?(\w+) \{ \}")
_WINDOW = re.compile(r"^LIMIT [0-9]+ OFFSET [0-9]+$", re.MULTILINE)
_FILTERS_LINE = "  # @filters\n"


@dataclass(frozen=True)
class Filters:
    """One state of the explorer: the search text, the facet values and the page.

    Attributes
    ----------
    q : str
        Search text (zh, en or pinyin); empty for none.
    theme, province, place, kind, institution, basis : str
        IRIs; empty for none.
    year : str
        A four-digit start year; empty for none.
    page : int
        The page, from 1.
    """

    q: str = ""
    theme: str = ""
    province: str = ""
    place: str = ""
    kind: str = ""
    institution: str = ""
    year: str = ""
    basis: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: Any, *, max_results: int = 10_000) -> Filters:
        """Read the filters from a request's query parameters.

        The values of the resource filters are kept as given: :func:`resolve_filters` turns
        CURIEs and names into IRIs.

        Raises
        ------
        InputError
            A year that is not four digits, or a page that is not a positive number within
            the row cap.

        Examples
        --------
        >>> Filters.from_params({"year": "20x8"})
        Traceback (most recent call last):
        ...
        netgov_kg.errors.InputError: year: '20x8' is not a four-digit year
        """
        values = {name: (params.get(name) or "").strip()[:500] for name in IRI_FILTERS}
        year = (params.get("year") or "").strip()
        if year and not _YEAR.fullmatch(year):
            raise InputError(f"year: {year!r} is not a four-digit year")
        page_text = (params.get("page") or "1").strip()
        if not page_text.isdigit() or int(page_text) < 1:
            raise InputError(f"page: {page_text!r} is not a positive whole number")
        page = int(page_text)
        if (page - 1) * PAGE_SIZE >= max_results:
            raise InputError(f"page: {page} is past this server's row cap of {max_results:,}")
        q = " ".join((params.get("q") or "").split())[:200]
        return cls(q=q, year=year, page=page, **values)

    def active(self) -> list[str]:
        """Return the names of the filters that are set (``q`` included), in field order."""
        return [f.name for f in fields(self) if f.name != "page" and getattr(self, f.name)]

    def terms(self) -> dict[str, Node]:
        """Return the set filters' values as RDF terms (not ``q``).

        Examples
        --------
        >>> Filters(year="2018", kind="https://example.org/K").terms()
        {'kind': rdflib.term.URIRef('https://example.org/K'), 'year': rdflib.term.Literal('2018')}
        """
        out: dict[str, Node] = {name: URIRef(getattr(self, name))
                                for name in IRI_FILTERS if getattr(self, name)}
        if self.year:
            out["year"] = Literal(self.year)
        return out

    def params(self, **changes: Any) -> dict[str, str]:
        """Return the set filters as URL parameters, with ``changes`` (``None`` drops one)."""
        out = {name: str(getattr(self, name)) for name in self.active()}
        if self.page != 1:
            out["page"] = str(self.page)
        for name, value in changes.items():
            if value is None or value == "":
                out.pop(name, None)
            else:
                out[name] = str(value)
        return out

    def url(self, path: str, **changes: Any) -> str:
        """Return the address of this state at ``path``, with ``changes`` (see :meth:`params`)."""
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path


#: The class whose names each resource filter resolves (as a named query's parameter does).
FILTER_CLASSES = {"theme": NG.Theme, "province": NG.Place, "place": NG.Place,
                  "kind": OWL.Class, "institution": NG.Organisation, "basis": NG.Basis}


def resolve_filters(dataset: Any, filters: Filters) -> Filters:
    """Return ``filters`` with each resource filter an IRI: IRIs, CURIEs or zh/en names.

    Names are resolved by :func:`netgov_kg.terms.resolve`, the rule of the named queries'
    parameters, among the resources of the filter's class (:data:`FILTER_CLASSES`).

    Raises
    ------
    InputError
        A value that names no resource or several, or is not an http(s) IRI.

    Examples
    --------
    >>> import netgov_kg
    >>> f = resolve_filters(netgov_kg.load().dataset, Filters(theme="党建", basis="ng:Implied"))
    >>> f.theme, f.basis
    ('https://w3id.org/netgov-kg/id/theme/party-building', 'https://w3id.org/netgov-kg/ontology#Implied')
    """
    from ..errors import NetgovError
    from ..terms import resolve

    changes = {}
    for name in IRI_FILTERS:
        value = getattr(filters, name)
        if not value or is_web_iri(value):
            continue
        try:
            iri = str(resolve(dataset, value, FILTER_CLASSES[name]))
        except NetgovError as exc:
            raise InputError(f"{name}: {exc}") from None
        if not is_web_iri(iri):
            raise InputError(f"{name}: {value!r} is not an http(s) IRI")
        changes[name] = iri
    return replace(filters, **changes) if changes else filters


def fill(name: str, filters: Filters, *, cases: list[str] | None = None, limit: int = 0,
         offset: int = 0, keep: tuple[str, ...] = (), values: dict[str, list[Node]] | None = None,
         ) -> str:
    """Return the text of the explorer query ``name`` for ``filters``.

    The filters' lines (``explorer-filters.rq``) go in place of ``# @filters``; a line that
    ends in ``#?x`` stays when ``x`` is a set filter or in ``keep``; each ``VALUES ?x { }``
    kept gets the filter's value (:meth:`Filters.terms`, written by rdflib's ``n3``), and
    ``VALUES ?case { }`` the IRIs ``cases`` (checked first), any other the terms in
    ``values``; a ``LIMIT n OFFSET m`` line gets
    ``limit`` and ``offset`` when ``limit`` is given.

    Examples
    --------
    >>> text = fill("explorer-cases", Filters(theme="https://example.org/t"), limit=5)
    >>> "VALUES ?theme { <https://example.org/t> }" in text, "?province" in text
    (True, False)
    >>> "LIMIT 5 OFFSET 0" in text
    True
    """
    text = server_query(name)
    if _FILTERS_LINE in text:
        filter_lines = [line for line in server_query("explorer-filters").splitlines(True)
                        if not line.startswith("#")]
        text = text.replace(_FILTERS_LINE, "".join(filter_lines))
    wanted = set(filters.active()) | set(keep)
    if cases is not None:
        wanted.add("q")
    lines = []
    for line in text.splitlines(True):
        marker = _MARKER.search(line)
        if marker is None:
            lines.append(line)
        elif marker.group(1) in wanted:
            lines.append(line[:marker.start()] + "\n")
    text = "".join(lines)
    filled = {name: [term.n3()] for name, term in filters.terms().items()}
    filled.update((name, [term.n3() for term in terms]) for name, terms in (values or {}).items())
    if cases is not None:
        filled["case"] = [URIRef(iri).n3() for iri in cases]
    for terms in filled.values():
        for term in terms:
            if term.startswith("<") and not is_web_iri(term[1:-1]):
                raise InputError(f"not an http(s) IRI: {term}")
    text = _VALUES.sub(lambda m: "VALUES ?" + m.group(1) + " { "
                       + " ".join(filled.get(m.group(1), ())) + " }", text)
    if limit:
        text = _WINDOW.sub(f"LIMIT {int(limit)} OFFSET {int(offset)}", text)
    return text


# -- search -------------------------------------------------------------------------------

@lru_cache(maxsize=100_000)
def pinyin_key(name: str) -> str:
    """Return the folded pinyin of ``name`` without tones or spaces (other text folded as is).

    Examples
    --------
    >>> pinyin_key("成都“网络理政”"), pinyin_key("Chengdu")
    ('chengduwangluolizheng', 'chengdu')
    """
    from pypinyin import lazy_pinyin

    return _search_fold("".join(lazy_pinyin(name)))


def _search_fold(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch not in "'’-_·.,")


async def _names(state: ServerState) -> list[tuple[str, str, str]]:
    """Return (case IRI, folded name, pinyin key) for every name of every case (cached)."""
    if "explorer-names" not in state.cache:
        rows = await select(state, server_query("explorer-names"))
        state.cache["explorer-names"] = [
            (r["case"]["value"], _search_fold(r["name"]["value"]),
             pinyin_key(r["name"]["value"]))
            for r in rows
        ]
    return state.cache["explorer-names"]


async def search(state: ServerState, q: str) -> list[str]:
    """Return the IRIs of the cases one of whose names or its pinyin contains ``q``."""
    wanted = _search_fold(q)
    if not wanted:
        return []
    return sorted({case for case, name, key in await _names(state)
                   if wanted in name or wanted in key})


# -- places -------------------------------------------------------------------------------

@dataclass
class PlaceIndex:
    """The graph's places: names, parents, levels and coordinates (for paths and the map)."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    level: dict[str, str] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)

    def chain(self, place: str) -> list[str]:
        """Return ``place`` and its ancestors, nearest first (stops at a loop)."""
        out = []
        while place and place not in out:
            out.append(place)
            place = self.parent.get(place, "")
        return out

    def path(self, place: str) -> list[dict[str, str]]:
        """Return the path from the top region down to ``place`` (the country left out)."""
        chain = [p for p in self.chain(place) if self.level.get(p) != str(NG.Country)]
        return [{"iri": p, "zh": self.names.get(p, ("", ""))[0] or curie(p),
                 "en": self.names.get(p, ("", ""))[1]} for p in reversed(chain)]

    def position(self, place: str) -> tuple[float, float] | None:
        """Return (lat, long) of ``place`` or of its nearest ancestor with coordinates."""
        return next((self.coords[p] for p in self.chain(place) if p in self.coords), None)


async def places(state: ServerState) -> PlaceIndex:
    """Return the place index (cached until the data changes)."""
    if "explorer-places" not in state.cache:
        index = PlaceIndex()
        for r in await select(state, server_query("explorer-places")):
            iri = r["place"]["value"]
            index.names[iri] = (_v(r, "zh"), _v(r, "en"))
            if "parent" in r:
                index.parent.setdefault(iri, r["parent"]["value"])
            if "level" in r:
                index.level[iri] = r["level"]["value"]
            if "lat" in r and "long" in r:
                try:
                    index.coords[iri] = (float(r["lat"]["value"]), float(r["long"]["value"]))
                except ValueError:
                    pass
        state.cache["explorer-places"] = index
    return state.cache["explorer-places"]


# -- running ------------------------------------------------------------------------------

def _v(row: dict[str, dict[str, str]], key: str) -> str:
    cell = row.get(key)
    return cell["value"] if cell else ""


async def select(state: ServerState, text: str) -> list[dict[str, dict[str, str]]]:
    """Run a SELECT text in a query worker (the endpoint's timeout and row cap); return rows."""
    job = Job(text, "SELECT", "json", state.settings.max_results)
    answer = await state.run(job)
    return json.loads(answer.body)["results"]["bindings"]


async def matches(state: ServerState, filters: Filters) -> tuple[list[str], bool]:
    """Return the cases that pass ``filters`` (IRIs, in list order) and whether the cap cut them.

    The facet filters run in SPARQL (``explorer-cases.rq``, no ``LIMIT``); the search hits
    (:func:`search`) are then kept in Python, so that no query carries a long ``VALUES``
    block (Oxigraph slows down more than linearly with its length). Kept per filter state
    with the facets.
    """
    cap = state.settings.max_results
    rows = await select(state, fill("explorer-cases", replace(filters, q=""), limit=cap + 1))
    iris = [r["case"]["value"] for r in rows]
    cut = len(iris) > cap
    if filters.q:
        hits = set(await search(state, filters.q))
        iris = [i for i in iris if i in hits]
    return iris[:cap], cut


async def cards(state: ServerState, iris: list[str]) -> list[dict[str, Any]]:
    """Return the cards of the cases ``iris`` (in that order): names, place path, themes."""
    if not iris:
        return []
    index = await places(state)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start:start + 500]
        for r in await select(state, fill("explorer-cards", Filters(), cases=chunk)):
            case = r["case"]["value"]
            card = found.setdefault(case, {
                "iri": case, "zh": _v(r, "label_zh") or curie(case), "en": _v(r, "label_en"),
                "place": _v(r, "place"), "path": index.path(_v(r, "place")) if "place" in r
                else [], "themes": [], "figures": set(),
            })
            if "figure" in r:
                card["figures"].add(r["figure"]["value"])
            theme = _v(r, "theme")
            if theme and theme not in [t["iri"] for t in card["themes"]]:
                card["themes"].append({"iri": theme, "zh": _v(r, "theme_zh") or curie(theme),
                                       "en": _v(r, "theme_en")})
    for card in found.values():
        card["themes"].sort(key=lambda t: t["iri"])
        card["figures"] = len(card["figures"])
    return [found[i] for i in iris if i in found]


#: Filter states whose matches and facets are kept (until the data changes).
FACET_CACHE_SIZE = 128
#: Matches counted through ``VALUES ?case`` blocks of at most this many cases; more matches
#: than :data:`CHUNKS` blocks, without a search, are counted by the filters themselves.
CHUNK = 100
CHUNKS = 3


async def facets(state: ServerState, filters: Filters,
                 ) -> tuple[int, list[dict[str, Any]], list[str]]:
    """Return the number of matches, the facets with their values' counts, and the matches.

    The matches are those of :func:`matches`, in list order.
    Few matches are counted by ``explorer-facets.rq`` over ``VALUES`` blocks of them (fast);
    many by the query with the filters in each branch; a search's matches always by blocks
    (their counts add up: the blocks do not overlap). The answers of the last
    :data:`FACET_CACHE_SIZE` filter states are kept (an update clears them with every other
    cached page).
    """
    cache: OrderedDict[Filters, Any] = state.cache.setdefault("explorer-facets", OrderedDict())
    key = replace(filters, page=1)
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    answer = await _facets(state, filters)
    cache[key] = answer
    while len(cache) > FACET_CACHE_SIZE:
        cache.popitem(last=False)
    return answer


async def _facets(state: ServerState, filters: Filters,
                  ) -> tuple[int, list[dict[str, Any]], list[str]]:
    iris, cut = await matches(state, filters)
    counts: Counter[tuple[str, str]] = Counter()
    if filters.q or len(iris) <= CHUNK * CHUNKS:
        for start in range(0, len(iris), CHUNK):
            text = fill("explorer-facets", Filters(), cases=iris[start:start + CHUNK])
            for r in await select(state, text):
                counts[(r["facet"]["value"], _v(r, "value"))] += int(r["n"]["value"])
    else:
        for r in await select(state, fill("explorer-facets", filters)):
            counts[(r["facet"]["value"], _v(r, "value"))] += int(r["n"]["value"])
    rows = [{"facet": {"value": f}, "value": {"value": v}, "n": {"value": str(n)}}
            for (f, v), n in counts.items()]
    total = 0
    values: dict[str, list[dict[str, Any]]] = defaultdict(list)
    known = await names_of(state, [_v(r, "value") for r in rows
                                   if r["facet"]["value"] not in ("total", "year")])
    for r in rows:
        facet, value, n = r["facet"]["value"], _v(r, "value"), int(r["n"]["value"])
        if facet == "total":
            total = n
            continue
        name = _facet_name(facet, known, value)
        values[facet].append({
            "value": value, "zh": name[0], "en": name[1], "count": n,
            "selected": getattr(filters, facet) == value,
        })
    shown = []
    for facet, zh, en in FACETS:
        items = values.get(facet, [])
        if facet == "year":
            items.sort(key=lambda item: item["value"])
        else:
            items.sort(key=lambda item: (-item["count"], item["zh"]))
        shown.append({"name": facet, "zh": zh, "en": en, "values": items,
                      "selected": getattr(filters, facet)})
    return (total if cut else len(iris)), shown, iris


def _facet_name(facet: str, known: dict[str, tuple[str, str]], value: str) -> tuple[str, str]:
    if facet == "year":
        return value, value
    if facet == "basis" and value in BASIS_NAMES:
        return BASIS_NAMES[value]
    zh, en = known.get(value, ("", ""))
    return zh or curie(value), en


async def names_of(state: ServerState, iris: list[str]) -> dict[str, tuple[str, str]]:
    """Return the zh and en names of ``iris`` (cached until the data changes)."""
    known: dict[str, tuple[str, str]] = state.cache.setdefault("explorer-value-names", {})
    missing = sorted({i for i in iris if i and i not in known and is_web_iri(i)})
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        text = fill("explorer-value-names", Filters(),
                    values={"value": [URIRef(i) for i in chunk]})
        for r in await select(state, text):
            known[r["value"]["value"]] = (_v(r, "zh"), _v(r, "en"))
        for i in chunk:
            known.setdefault(i, ("", ""))
    return known


async def explore(state: ServerState, filters: Filters) -> dict[str, Any]:
    """Return one state of the explorer: the page of cards, the total and the facets."""
    total, shown, iris = await facets(state, filters)
    offset = (filters.page - 1) * PAGE_SIZE
    pages = max(1, -(-min(total, state.settings.max_results) // PAGE_SIZE))
    return {"total": total, "page": filters.page, "pages": pages, "page_size": PAGE_SIZE,
            "cases": await cards(state, iris[offset:offset + PAGE_SIZE]), "facets": shown}


# -- responses ----------------------------------------------------------------------------

async def _filters(request: Any) -> Filters:
    """Return the request's filters, resolved; a bad one is a 400 naming the parameter."""
    from anyio import to_thread
    from starlette.exceptions import HTTPException

    state: ServerState = request.app.state.netgov
    try:
        filters = Filters.from_params(request.query_params,
                                      max_results=state.settings.max_results)
        if any(getattr(filters, n) and not is_web_iri(getattr(filters, n))
               for n in IRI_FILTERS):
            filters = await to_thread.run_sync(resolve_filters, state.kg.dataset, filters)
        return filters
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None


def _wants_csv(request: Any) -> bool:
    fmt = (request.query_params.get("format") or "").lower()
    if fmt:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


CSV_COLUMNS = ("case", "label_zh", "label_en", "place", "place_path_zh", "place_path_en",
               "themes_zh", "themes_en", "figures")


def cards_csv(rows: list[dict[str, Any]]) -> str:
    """Return the cards as CSV (one row per case; lists joined with ``; ``).

    Examples
    --------
    >>> for line in cards_csv([{"iri": "https://x/c", "zh": "案例", "en": "A, case",
    ...                         "place": "", "path": [], "themes": [], "figures": 2}]).splitlines():
    ...     print(line)
    case,label_zh,label_en,place,place_path_zh,place_path_en,themes_zh,themes_en,figures
    https://x/c,案例,"A, case",,,,,,2
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in rows:
        writer.writerow([
            c["iri"], c["zh"], c["en"], c["place"],
            " › ".join(p["zh"] for p in c["path"]), " › ".join(p["en"] for p in c["path"]),
            "; ".join(t["zh"] for t in c["themes"]), "; ".join(t["en"] for t in c["themes"]),
            c["figures"],
        ])
    return out.getvalue()


async def api_cases(request: Any) -> Any:
    """Handle ``/api/cases``: the cases and facet counts as JSON, or every match as CSV."""
    from starlette.responses import JSONResponse, Response


    state: ServerState = request.app.state.netgov
    filters = await _filters(request)
    if _wants_csv(request):
        cap = state.settings.max_results
        iris, cut = await matches(state, filters)
        headers = {"Content-Disposition": 'attachment; filename="cases.csv"', "Vary": "Accept"}
        if cut:
            headers.update({"X-Netgov-Truncated": "true", "X-SPARQL-MaxRows": str(cap)})
        return Response(cards_csv(await cards(state, iris)),
                        media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(api_answer(await explore(state, filters), filters),
                        headers={"Vary": "Accept"})


def api_answer(answer: dict[str, Any], filters: Filters) -> dict[str, Any]:
    """Return an explorer state in the JSON API's shape (the shared CONTRACT.md's).

    Examples
    --------
    >>> out = api_answer({"total": 1, "page": 1, "pages": 1, "page_size": 20,
    ...     "cases": [{"iri": "i", "zh": "案例", "en": "case", "place": "", "path": [],
    ...                "themes": [], "figures": 0}],
    ...     "facets": [{"name": "year", "zh": "", "en": "", "selected": "", "values": [
    ...         {"value": "2018", "zh": "2018", "en": "2018", "count": 1, "selected": False}]}]},
    ...     Filters(year="2018"))
    >>> out["cases"][0]["label_zh"], out["facets"]["year"][0]["count"], out["filters"]
    ('案例', 1, {'year': '2018'})
    """
    def case(c: dict[str, Any]) -> dict[str, Any]:
        return {"iri": c["iri"], "label_zh": c["zh"], "label_en": c["en"], "place": c["place"],
                "path": [{"iri": p["iri"], "label_zh": p["zh"], "label_en": p["en"]}
                         for p in c["path"]],
                "themes": [{"iri": t["iri"], "label_zh": t["zh"], "label_en": t["en"]}
                           for t in c["themes"]],
                "figures": c["figures"]}

    return {
        "total": answer["total"], "page": answer["page"], "pages": answer["pages"],
        "page_size": answer["page_size"], "filters": filters.params(page=None),
        "cases": [case(c) for c in answer["cases"]],
        "facets": {f["name"]: [{"value": v["value"], "label_zh": v["zh"], "label_en": v["en"],
                                "count": v["count"], "selected": v["selected"]}
                               for v in f["values"]]
                   for f in answer["facets"]},
    }


async def cases_page(request: Any) -> Any:
    """Handle ``/cases`` and ``/``: the search box, the facets and the result cards."""
    from starlette.responses import HTMLResponse

    from .html import render_page, tr

    state: ServerState = request.app.state.netgov
    filters = await _filters(request)
    home = request.url.path == "/"
    answer = await explore(state, filters)
    small_map = await map_view(state, filters, colour="theme") if home else None
    path = "/" if home else "/cases"
    place = (await places(state)).names.get(filters.place, ("", "")) if filters.place else None
    return HTMLResponse(render_page(
        "cases.html", title=tr("案例", "Cases") + " — netgov-kg", home=home,
        page_path="/" if home else "/cases", place=place,
        filters=filters, path=path, answer=answer, map=small_map,
        links=_links(filters, path, answer),
    ))


def _links(filters: Filters, path: str, answer: dict[str, Any]) -> dict[str, Any]:
    """Return the addresses of the page: each facet value, clearing, paging and downloads."""
    facet_links = {
        f["name"]: {item["value"]: filters.url(path, page=None, **{f["name"]: item["value"]})
                    for item in f["values"]}
        for f in answer["facets"]
    }
    clear = {name: filters.url(path, page=None, **{name: None}) for name in filters.active()}
    page = filters.page
    return {
        "facet": facet_links, "clear": clear,
        "previous": filters.url(path, page=page - 1 if page > 2 else None) if page > 1 else "",
        "next": filters.url(path, page=page + 1) if page < answer["pages"] else "",
        "json": filters.url("/api/cases"), "csv": filters.url("/api/cases", page=None,
                                                             format="csv"),
        "map": filters.url("/map", page=None), "reset": path,
    }


# -- map ----------------------------------------------------------------------------------

#: Colours of the map's markers (Okabe and Ito's palette, distinguishable with colour-blindness),
#: then grey for "other".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
           "#000000")
OTHER = "#999999"
#: The map's frame in degrees (west, east, south, north): mainland China and its islands.
FRAME = (73.0, 136.0, 17.0, 54.0)
#: Pixels per degree of the map.
SCALE = 12.0


def project(lat: float, long: float) -> tuple[float, float]:
    """Return the map's (x, y) of a position: equirectangular, north up.

    Examples
    --------
    >>> project(54.0, 73.0), project(17.0, 136.0)
    ((0.0, 0.0), (756.0, 444.0))
    """
    west, _, _, north = FRAME
    return round((long - west) * SCALE, 1), round((north - lat) * SCALE, 1)


async def map_view(state: ServerState, filters: Filters, *, colour: str) -> dict[str, Any]:
    """Return the markers (one per place, sized by its cases), legend and landmarks of a map."""
    from .html import local_href

    index = await places(state)
    keep = (f"colour_{colour}",)
    if filters.q:  # the search's matches, in blocks (their counts add up)
        iris = (await facets(state, filters))[2]
        rows = []
        for start in range(0, len(iris), CHUNK):
            rows += await select(state, fill("explorer-map", Filters(), keep=keep,
                                             cases=iris[start:start + CHUNK]))
    else:
        rows = await select(state, fill("explorer-map", filters, keep=keep))
    by_place: dict[str, Counter[str]] = defaultdict(Counter)
    one: dict[str, str] = {}
    for r in rows:
        at = r["at"]["value"]
        by_place[at][_v(r, "colour")] += int(r["n"]["value"])
        one[at] = r["one"]["value"]
    totals = Counter()
    for counts in by_place.values():
        totals.update(counts)
    top = [value for value, _ in totals.most_common() if value][:len(PALETTE)]
    colours = {value: PALETTE[i] for i, value in enumerate(top)}
    markers, unplaced = [], 0
    for at, counts in by_place.items():
        n = sum(counts.values())
        position = index.position(at)
        if position is None:
            unplaced += n
            continue
        x, y = project(*position)
        main = counts.most_common(1)[0][0]
        names = index.names.get(at, ("", ""))
        markers.append({
            "x": x, "y": y, "n": n, "r": round(4 + 3 * n ** 0.5, 1) if n > 1 else 5,
            "colour": colours.get(main, OTHER), "zh": names[0] or curie(at), "en": names[1],
            "href": (local_href(one[at]) if n == 1
                     else filters.url("/cases", page=None, place=at)),
        })
    markers.sort(key=lambda m: -m["n"])
    landmarks = []
    for r in await select(state, server_query("explorer-capitals")):
        try:
            x, y = project(float(r["lat"]["value"]), float(r["long"]["value"]))
        except ValueError:
            continue
        landmarks.append({"x": x, "y": y, "zh": _v(r, "zh"), "en": _v(r, "en")})
    legend_names = (await names_of(state, list(colours)) if colour != "year"
                    else {v: (v, v) for v in colours})
    legend = [{"colour": c, "value": v, "zh": legend_names.get(v, (v, ""))[0],
               "en": legend_names.get(v, ("", ""))[1]} for v, c in colours.items()]
    if any(value not in colours for value in totals):
        legend.append({"colour": OTHER, "value": "", "zh": "其他", "en": "other"})
    width, height = project(FRAME[2], FRAME[1])
    return {"markers": markers, "landmarks": landmarks, "legend": legend, "colour": colour,
            "unplaced": unplaced, "width": width, "height": height}


async def map_page(request: Any) -> Any:
    """Handle ``/map``: the cases as markers on an SVG map (no tiles, no boundaries)."""
    from starlette.responses import HTMLResponse

    from .html import render_page, tr
    from .protocol import text_response

    state: ServerState = request.app.state.netgov
    filters = await _filters(request)
    colour = request.query_params.get("colour") or "theme"
    if colour not in COLOUR_FACETS:
        return text_response(400, f"colour: {colour!r} is not one of "
                             + ", ".join(COLOUR_FACETS))
    view = await map_view(state, filters, colour=colour)
    return HTMLResponse(render_page(
        "map.html", title=tr("地图", "Map") + " — netgov-kg", page_path="/map", map=view,
        filters=filters,
        colours=[(name, zh, en) for name, zh, en in FACETS if name in COLOUR_FACETS],
        hidden=filters.params(page=None), list_url=filters.url("/cases", page=None),
    ))
