"""Result formats and content negotiation: which media type answers a request.

A request names its format with ``format=`` (or ``output=``, as SPARQLWrapper sends it) or with
the ``Accept`` header; ``format=`` wins. SELECT and ASK answers ("results") and CONSTRUCT and
DESCRIBE answers ("graphs") have different formats, so the same short name can mean two things:
``xml`` is SPARQL XML for a SELECT and RDF/XML for a CONSTRUCT.

Examples
--------
>>> choose("results", accept="text/csv").media_type
'text/csv'
>>> choose("graph", fmt="xml").media_type
'application/rdf+xml'
>>> choose("graph", accept="application/ld+json;q=0.5, text/turtle").name
'turtle'
>>> choose("results", accept="image/png") is None
True
"""

from __future__ import annotations

from .. import formats as _core
from ..formats import Format

#: SELECT and ASK answers, the first is the default (from :mod:`netgov_kg.formats`).
RESULT_FORMATS: tuple[Format, ...] = _core.RESULT_FORMATS

#: CONSTRUCT and DESCRIBE answers (and RDF documents), the first is the default.
GRAPH_FORMATS: tuple[Format, ...] = _core.RDF_FORMATS[:4]

#: An HTML page (resource pages, the ontology, the query page).
HTML = Format("html", "page", "text/html", (".html",), "html")

#: RDF formats the server does not write, answered in a format that reads them: Turtle is
#: valid N3.
_SERVED_AS = {"n3": "turtle"}
_FAMILY = {"results": "results", "graph": "rdf"}


def formats_for(kind: str, *, html: bool = False) -> tuple[Format, ...]:
    """Return the formats of ``kind`` (``"results"`` or ``"graph"``), HTML first if asked.

    Examples
    --------
    >>> [f.name for f in formats_for("graph", html=True)][:2]
    ['html', 'turtle']
    """
    base = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    return ((HTML,) + base) if html else base


def by_name(kind: str, name: str, *, html: bool = False) -> Format | None:
    """Return the format called ``name`` (a short name, alias or media type), or ``None``.

    Names are those of :mod:`netgov_kg.formats`; only the formats the server writes are
    returned (``None`` for others, which the server answers with 406).

    Examples
    --------
    >>> by_name("results", "text/tab-separated-values").name
    'tsv'
    >>> by_name("graph", "nosuch") is None
    True
    """
    options = formats_for(kind, html=html)
    if html and name.strip().lower() in HTML.names:
        return HTML
    found = _core.lookup(_FAMILY[kind], name)
    if found is None:
        return None
    wanted = _SERVED_AS.get(found.name, found.name)
    return next((f for f in options if f.name == wanted), None)


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Parse an ``Accept`` header into (media range, q) pairs, best first.

    Ties keep the header's order; a more specific range beats ``*/*`` at equal q.

    Examples
    --------
    >>> parse_accept("text/html;q=0.9, */*;q=0.1, text/turtle")
    [('text/turtle', 1.0), ('text/html', 0.9), ('*/*', 0.1)]
    """
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    ranges.sort(key=lambda r: (-r[1], r[0].count("*"), r[2]))
    return [(media, q) for media, q, _ in ranges]


def _matches(media_range: str, fmt: Format) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return fmt.media_type.startswith(media_range[:-1])
    return by_name("results" if fmt in RESULT_FORMATS else "graph", media_range, html=True) == fmt


def choose(
    kind: str, *, accept: str | None = None, fmt: str | None = None, html: bool = False
) -> Format | None:
    """Choose the answer format; ``None`` means nothing acceptable (answer 406).

    Parameters
    ----------
    kind : {"results", "graph"}
        SELECT/ASK answers or RDF graphs.
    accept : str or None
        The request's ``Accept`` header; missing or empty means anything.
    fmt : str or None
        The ``format=`` parameter; it wins over ``accept``.
    html : bool
        Whether an HTML page is one of the choices (it is then the default for ``*/*``
        only if the client lists ``text/html`` explicitly).

    Examples
    --------
    >>> choose("graph", accept="text/html,*/*;q=0.8", html=True).name
    'html'
    >>> choose("graph", accept="*/*", html=True).name
    'turtle'
    >>> choose("results", fmt="nosuch") is None
    True
    """
    if fmt:
        return by_name(kind, fmt, html=html)
    options = formats_for(kind, html=html)
    if not accept or not accept.strip():
        return options[1] if html else options[0]
    for media_range, q in parse_accept(accept):
        if q <= 0:
            continue
        if media_range in ("*/*", "text/*", "application/*"):
            # A wildcard picks the machine default unless HTML was named explicitly.
            candidates = [f for f in options if f is not HTML and _matches(media_range, f)]
            if candidates:
                return candidates[0]
            continue
        for option in options:
            if _matches(media_range, option):
                return option
    return None
