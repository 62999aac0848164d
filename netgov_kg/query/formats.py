r"""Write SPARQL results in the W3C SPARQL 1.1 results formats: JSON, CSV, TSV and XML.

Each writer takes the variable names and the rows (tuples of rdflib terms, ``None`` where a
variable is unbound) and returns the text.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> rows = [(URIRef("https://example.org/a"), Literal("一", lang="zh"))]
>>> to_csv(["s", "label"], rows).splitlines()
['s,label', 'https://example.org/a,一']
>>> to_tsv(["s", "label"], rows).splitlines()[1].split("\t")
['<https://example.org/a>', '"一"@zh']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

Row = Sequence[Node | None]

#: File-name extensions and format names understood by :func:`serialize`.
FORMATS = {"json": "json", "srj": "json", "csv": "csv", "tsv": "tsv", "xml": "xml", "srx": "xml"}

#: Media types of the formats.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None) -> str:
    """Return SPARQL 1.1 Query Results JSON; ``boolean`` is the answer of an ASK query.

    Examples
    --------
    >>> to_json([], [], boolean=True)
    '{"head": {}, "boolean": true}'
    """
    if boolean is not None:
        return json.dumps({"head": {}, "boolean": boolean})
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False)


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    r"""Return SPARQL 1.1 Query Results CSV (values only; lines end in CRLF as the spec says).

    Examples
    --------
    >>> to_csv(["x"], [(Literal("a,b"),)])
    'x\r\n"a,b"\r\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if isinstance(term, Literal) and term.language:
        return f'"{text}"@{term.language}'
    if isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def to_tsv(variables: Sequence[str], rows: Sequence[Row]) -> str:
    r"""Return SPARQL 1.1 Query Results TSV (terms in SPARQL/Turtle syntax).

    Examples
    --------
    >>> to_tsv(["n"], [(Literal(5),)])
    '?n\n"5"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
    """
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype and term.datatype != XSD.string:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{escape(str(term))}</literal>"


def to_xml(variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None) -> str:
    """Return SPARQL Query Results XML.

    Examples
    --------
    >>> "<boolean>false</boolean>" in to_xml([], [], boolean=False)
    True
    """
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.append(f"<head>{head}</head>")
    if boolean is not None:
        out.append(f"<boolean>{'true' if boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def serialize(
    fmt: str, variables: Sequence[str], rows: Sequence[Row], *, boolean: bool | None = None
) -> str:
    """Return the results in the format named ``fmt`` (``json``, ``csv``, ``tsv``, ``xml``).

    Raises
    ------
    ValueError
        For an unknown format, or CSV/TSV of an ASK answer (those formats have none).
    """
    kind = FORMATS.get(fmt.lower().lstrip("."))
    if kind is None:
        raise ValueError(f"unknown results format {fmt!r}: use one of json, csv, tsv, xml")
    if kind == "json":
        return to_json(variables, rows, boolean=boolean)
    if kind == "xml":
        return to_xml(variables, rows, boolean=boolean)
    if boolean is not None:
        raise ValueError(f"the {kind.upper()} results format cannot hold an ASK answer")
    return to_csv(variables, rows) if kind == "csv" else to_tsv(variables, rows)
