r"""Write SPARQL results in the W3C SPARQL 1.1 results formats: JSON, CSV, TSV and XML.

One implementation serves the library and the server. The writers work on plain
:data:`Term` tuples ``(kind, value, language, datatype)``, so the wire format is the same
whichever engine answered (rdflib or Oxigraph):

- :func:`write_solutions` and :func:`write_boolean` (used by the server's workers) take rows
  as mappings from variable name to :data:`Term` and return UTF-8 bytes;
- :func:`to_json`, :func:`to_csv`, :func:`to_tsv`, :func:`to_xml` and :func:`serialize` (used
  by :class:`~netgov_kg.query.results.Results`) take rows of rdflib terms (``None`` where a
  variable is unbound), convert them with :func:`term_tuple` and return text.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> rows = [(URIRef("https://example.org/a"), Literal("一", lang="zh"))]
>>> to_csv(["s", "label"], rows).splitlines()
['s,label', 'https://example.org/a,一']
>>> to_tsv(["s", "label"], rows).splitlines()[1].split("\t")
['<https://example.org/a>', '"一"@zh']
>>> solutions = [{"s": ("uri", "https://w3id.org/netgov-kg/id/x", None, None),
...               "n": ("literal", "成都", "zh", None)}]
>>> write_solutions("csv", ["s", "n"], solutions).decode().splitlines()
['s,n', 'https://w3id.org/netgov-kg/id/x,成都']
>>> write_boolean("json", True)
b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..formats import RESULT_FORMATS, results_format

#: ``(kind, value, language, datatype)``; kind is ``uri``, ``bnode``, ``literal`` or ``triple``
#: (a triple term, its value already in N-Triples syntax).
Term = tuple[str, str, "str | None", "str | None"]
#: A row of rdflib terms, in the order of the variables.
Row = Sequence[Node | None]
#: A solution: variable name to :data:`Term` (missing or ``None`` where unbound).
Solution = Mapping[str, "Term | None"]

#: Every name of a results format (extensions, aliases, media types) -> its canonical name
#: (from :mod:`netgov_kg.formats`).
FORMATS = {name: fmt.name for fmt in RESULT_FORMATS for name in sorted(fmt.names)}

#: Media types of the formats.
MEDIA_TYPES = {fmt.name: fmt.media_type for fmt in RESULT_FORMATS}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_XML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
)
#: Turtle's ECHAR escapes; other control characters, and the characters that
#: ``str.splitlines`` also breaks at, are written as \uXXXX (UCHAR) so a TSV line is one row.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}
_LINE_BREAKS = frozenset("\x85\u2028\u2029")


def term_tuple(term: Node | None) -> Term | None:
    """Return the :data:`Term` of an rdflib term (``None`` stays ``None``).

    Examples
    --------
    >>> term_tuple(Literal(5))
    ('literal', '5', None, 'http://www.w3.org/2001/XMLSchema#integer')
    >>> term_tuple(BNode("b0"))
    ('bnode', 'b0', None, None)
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        return ("literal", str(term), term.language, datatype)
    if isinstance(term, BNode):
        return ("bnode", str(term), None, None)
    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    raise TypeError(f"not an RDF term: {term!r}")


# -- one term in each format -----------------------------------------------------------------
def _json_term(term: Term) -> dict[str, str]:
    kind, value, lang, datatype = term
    if kind == "literal":
        out = {"type": "literal", "value": value}
        if lang:
            out["xml:lang"] = lang
        elif datatype and datatype != XSD_STRING:
            out["datatype"] = datatype
        return out
    return {"type": "bnode" if kind == "bnode" else "uri", "value": value}


def _xml_term(term: Term) -> str:
    kind, value, lang, datatype = term
    if kind == "literal":
        attrs = ""
        if lang:
            attrs = f" xml:lang={quoteattr(lang)}"
        elif datatype and datatype != XSD_STRING:
            attrs = f" datatype={quoteattr(datatype)}"
        return f"<literal{attrs}>{escape(value)}</literal>"
    tag = "bnode" if kind == "bnode" else "uri"
    return f"<{tag}>{escape(value)}</{tag}>"


def _tsv_char(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    if ord(c) < 0x20 or c in _LINE_BREAKS:
        return f"\\u{ord(c):04X}"
    return c


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    kind, value, lang, datatype = term
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return value
    text = "".join(map(_tsv_char, value))
    if lang:
        return f'"{text}"@{lang}'
    if datatype and datatype != XSD_STRING:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term[1]}" if term[0] == "bnode" else term[1]


# -- whole answers -----------------------------------------------------------------------------
def _solutions_text(
    kind: str, variables: Sequence[str], rows: Iterable[Sequence[Term | None]]
) -> str:
    """Return SELECT solutions (rows of terms in the order of ``variables``) as ``kind``."""
    kind = results_format(kind).name
    if kind == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False)
    if kind == "xml":
        parts = [_XML_HEAD, "\n<head>"]
        parts.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
        parts.append("</head>\n<results>\n")
        for row in rows:
            parts.append("<result>")
            parts.extend(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            parts.append("</result>\n")
        parts.append("</results>\n</sparql>\n")
        return "".join(parts)
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue()
    if kind == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_tsv_term(t) for t in row) for row in rows)
        return "\n".join(lines) + "\n"
    raise AssertionError(kind)  # pragma: no cover - every results format is handled above


def _boolean_text(kind: str, value: bool) -> str:
    """Return an ASK answer as ``kind``; CSV and TSV get one column ``_askResult`` (as Jena)."""
    kind = results_format(kind).name
    word = "true" if value else "false"
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value})
    if kind == "xml":
        return f"{_XML_HEAD}<head/><boolean>{word}</boolean></sparql>\n"
    if kind == "csv":
        return f"_askResult\r\n{word}\r\n"
    if kind == "tsv":
        return f"?_askResult\n{word}\n"
    raise AssertionError(kind)  # pragma: no cover - every results format is handled above


# -- the server's writers: Term solutions to bytes --------------------------------------------
def write_solutions(fmt: str, variables: list[str], rows: Iterable[Solution]) -> bytes:
    r"""Serialise SELECT solutions in ``fmt`` (``json``, ``xml``, ``csv`` or ``tsv``).

    Examples
    --------
    >>> write_solutions("xml", ["x"], [{"x": None}]).decode().count("<result>")
    1
    >>> write_solutions("tsv", ["x"], [{"x": ("literal", "a\u2028b", None, None)}])
    b'?x\n"a\\u2028b"\n'
    """
    tuples = (tuple(row.get(v) for v in variables) for row in rows)
    return _solutions_text(fmt, variables, tuples).encode("utf-8")


def write_boolean(fmt: str, value: bool) -> bytes:
    r"""Serialise an ASK answer in ``fmt``.

    CSV and TSV define no boolean form; like Jena, they get one column ``_askResult``.

    Examples
    --------
    >>> write_boolean("csv", False)
    b'_askResult\r\nfalse\r\n'
    """
    return _boolean_text(fmt, value).encode("utf-8")


# -- the library's writers: rows of rdflib terms to text ---------------------------------------
def _term_rows(rows: Iterable[Row]) -> Iterable[tuple[Term | None, ...]]:
    return (tuple(map(term_tuple, row)) for row in rows)


def to_json(variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None) -> str:
    """Return SPARQL 1.1 Query Results JSON; ``boolean`` is the answer of an ASK query.

    Examples
    --------
    >>> to_json([], [], boolean=True)
    '{"head": {}, "boolean": true}'
    """
    if boolean is not None:
        return _boolean_text("json", boolean)
    return _solutions_text("json", variables, _term_rows(rows))


def to_csv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    r"""Return SPARQL 1.1 Query Results CSV (values only; lines end in CRLF as the spec says).

    Examples
    --------
    >>> to_csv(["x"], [(Literal("a,b"),)])
    'x\r\n"a,b"\r\n'
    """
    return _solutions_text("csv", variables, _term_rows(rows))


def to_tsv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    r"""Return SPARQL 1.1 Query Results TSV (terms in SPARQL/Turtle syntax, one row a line).

    Examples
    --------
    >>> to_tsv(["n"], [(Literal(5),)])
    '?n\n"5"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
    """
    return _solutions_text("tsv", variables, _term_rows(rows))


def to_xml(variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None) -> str:
    """Return SPARQL Query Results XML.

    Examples
    --------
    >>> "<boolean>false</boolean>" in to_xml([], [], boolean=False)
    True
    """
    if boolean is not None:
        return _boolean_text("xml", boolean)
    return _solutions_text("xml", variables, _term_rows(rows))


def serialize(
    fmt: str, variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None
) -> str:
    r"""Return the results in the format named ``fmt`` (``json``, ``csv``, ``tsv``, ``xml``).

    An ASK answer in CSV or TSV (formats that define none) is one column ``_askResult``, as
    Jena writes it and as the server answers.

    ``fmt`` may be any name of the format (``srj``, ``.csv``, ``text/tab-separated-values``).

    Raises
    ------
    UnknownFormat
        For an unknown format (a ``ValueError``); the message lists the accepted names.

    Examples
    --------
    >>> serialize("csv", [], [], boolean=True)
    '_askResult\r\ntrue\r\n'
    """
    kind = results_format(fmt).name
    if boolean is not None:
        return _boolean_text(kind, boolean)
    return _solutions_text(kind, variables, _term_rows(rows))
