r"""Write SELECT and ASK answers as SPARQL JSON, XML, CSV or TSV, from plain term tuples.

Both engines (rdflib and Oxigraph) hand their solutions to these writers as
:data:`Term` tuples, so the wire format is the same whichever store answered, and the result
cap can stop reading solutions early.

Examples
--------
>>> rows = [{"s": ("uri", "https://w3id.org/netgov-kg/id/x", None, None),
...          "n": ("literal", "成都", "zh", None)}]
>>> write_solutions("csv", ["s", "n"], rows).decode().splitlines()
['s,n', 'https://w3id.org/netgov-kg/id/x,成都']
>>> write_solutions("tsv", ["s", "n"], rows).decode().splitlines()[1].split("\t")
['<https://w3id.org/netgov-kg/id/x>', '"成都"@zh']
>>> write_boolean("json", True)
b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

#: ``(kind, value, language, datatype)``; kind is ``uri``, ``bnode``, ``literal`` or ``triple``.
Term = tuple[str, str, "str | None", "str | None"]
Row = Mapping[str, "Term | None"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: Turtle's ECHAR escapes; other control characters are written as \uXXXX (UCHAR).
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def _json_term(term: Term) -> dict[str, str]:
    kind, value, lang, datatype = term
    if kind == "literal":
        out = {"type": "literal", "value": value}
        if lang:
            out["xml:lang"] = lang
        elif datatype and datatype != _XSD_STRING:
            out["datatype"] = datatype
        return out
    return {"type": "bnode" if kind == "bnode" else "uri", "value": value}


def _xml_term(term: Term) -> str:
    kind, value, lang, datatype = term
    if kind == "literal":
        attrs = ""
        if lang:
            attrs = f" xml:lang={quoteattr(lang)}"
        elif datatype and datatype != _XSD_STRING:
            attrs = f" datatype={quoteattr(datatype)}"
        return f"<literal{attrs}>{escape(value)}</literal>"
    tag = "bnode" if kind == "bnode" else "uri"
    return f"<{tag}>{escape(value)}</{tag}>"


def _tsv_term(term: Term) -> str:
    kind, value, lang, datatype = term
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return value
    text = "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 else c) for c in value)
    if lang:
        return f'"{text}"@{lang}'
    if datatype and datatype != _XSD_STRING:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term[1]}" if term[0] == "bnode" else term[1]


def write_solutions(fmt: str, variables: list[str], rows: Iterable[Row]) -> bytes:
    """Serialise SELECT solutions in ``fmt`` (``json``, ``xml``, ``csv`` or ``tsv``).

    Examples
    --------
    >>> write_solutions("xml", ["x"], [{"x": None}]).decode().count("<result>")
    1
    """
    if fmt == "json":
        bindings = [
            {var: _json_term(term) for var, term in row.items() if term is not None}
            for row in rows
        ]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = [
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
        ]
        parts.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
        parts.append("</head>\n<results>\n")
        for row in rows:
            parts.append("<result>")
            for var in variables:
                term = row.get(var)
                if term is not None:
                    parts.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
            parts.append("</result>\n")
        parts.append("</results>\n</sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_term(row.get(v)) for v in variables])
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        for row in rows:
            lines.append(
                "\t".join("" if row.get(v) is None else _tsv_term(row[v]) for v in variables)
            )
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown results format {fmt!r}")


def write_boolean(fmt: str, value: bool) -> bytes:
    r"""Serialise an ASK answer in ``fmt``.

    CSV and TSV define no boolean form; like Jena, they get one column ``_askResult``.

    Examples
    --------
    >>> write_boolean("csv", False)
    b'_askResult\r\nfalse\r\n'
    """
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{word}\n".encode()
    raise ValueError(f"unknown results format {fmt!r}")
