r"""Normalise SPARQL text so that every engine reads it the same way.

The two engines behind the library read some characters differently: rdflib ends a ``#``
comment only at LF and decodes ``\uXXXX`` escapes everywhere before parsing (as the SPARQL
grammar says), Oxigraph ends a comment at CR too and decodes escapes only inside strings and
IRIs. A check made on one reading of a text therefore says nothing about what the other engine
runs. :func:`normalise` removes the differences: it decodes the escapes, turns CR and CRLF into
LF and replaces every comment with a space, so the result has no escapes, no CR and no
comments. The server's guard checks the normalised text and exactly that text runs.

:func:`scan` splits a text into its strings, IRIs, comments and the code between them;
:func:`keywords` lists the bare words of the code (what a keyword check looks at).

Examples
--------
>>> normalise("SELECT * WHERE { # x\r SERVICE <http://h/> { ?s ?p ?o } \n }")
'SELECT * WHERE {  \n SERVICE <http://h/> { ?s ?p ?o } \n }'
>>> normalise(r"SELECT ?x WHERE { B\u0049ND('#\u0041' AS ?x) }")
"SELECT ?x WHERE { BIND('#A' AS ?x) }"
>>> "LOAD" in keywords("LOAD <http://h/x> ; INSERT DATA { <a:b> <a:c> 'LOAD' }")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..errors import InputError

#: The escapes the SPARQL grammar decodes before parsing (section 19.2).
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What rdflib decodes (``\u`` or ``\U`` with 4 or 8 digits): nothing of it may remain.
_RDFLIB_ESCAPE = re.compile(r"\\u[0-9a-f]{4}", re.I)
#: IRIREF of the grammar: no spaces, quotes, braces or angle brackets inside.
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"(?<![\w?$:.@\-])([A-Za-z_]\w*)(?![\w:\-])")


class Segment(NamedTuple):
    """A piece of a query: ``kind`` is ``"code"``, ``"string"``, ``"iri"`` or ``"comment"``."""

    kind: str
    text: str


def decode_escapes(text: str) -> str:
    r"""Decode ``\uXXXX`` and ``\UXXXXXXXX`` escapes as the SPARQL grammar does before parsing.

    Raises
    ------
    InputError
        If an escape names no character (a surrogate, or beyond U+10FFFF).

    Examples
    --------
    >>> decode_escapes(r"SERV\u0049CE \U0001F600")
    'SERVICE 😀'
    """

    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise InputError(f"the escape {match.group(0)} names no character")
        return chr(code)

    return _ESCAPE.sub(expand, text)


def _string_end(text: str, start: int) -> int:
    """Return the index after the string literal that starts at ``start``."""
    quote = text[start]
    long = text.startswith(quote * 3, start)
    closing = quote * 3 if long else quote
    i = start + len(closing)
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if text.startswith(closing, i):
            if long:  # a long string may end in one or two quotes: ''''a''''
                while text.startswith(closing, i + 1):
                    i += 1
            return i + len(closing)
        if not long and char == "\n":
            return i  # an unterminated short string: the parser will complain
        i += 1
    return len(text)


def scan(text: str) -> Iterator[Segment]:
    """Split ``text`` into code, strings, IRIs and comments (comments end at LF or CR).

    Examples
    --------
    >>> [s.kind for s in scan("ASK { <a:b> ?p 'x#' } # done")]
    ['code', 'iri', 'code', 'string', 'code', 'comment']
    """
    i = start = 0
    while i < len(text):
        char = text[i]
        end = None
        kind = ""
        if char in "'\"":
            kind, end = "string", _string_end(text, i)
        elif char == "<":
            match = _IRIREF.match(text, i)
            if match:
                kind, end = "iri", match.end()
        elif char == "#":
            kind = "comment"
            end = i + 1
            while end < len(text) and text[end] not in "\r\n":
                end += 1
        if end is None:
            i += 1
            continue
        if start < i:
            yield Segment("code", text[start:i])
        yield Segment(kind, text[i:end])
        i = start = end
    if start < len(text):
        yield Segment("code", text[start:])


def normalise(text: str) -> str:
    r"""Return ``text`` with escapes decoded, CR/CRLF turned into LF and comments removed.

    Each comment becomes one space, so line numbers stay those of the original text.

    Raises
    ------
    InputError
        If an escape names no character, or the decoded text still holds an escape (it would
        be decoded a second time by rdflib and not by Oxigraph).

    Examples
    --------
    >>> normalise("ASK {\r\n ?s ?p ?o # x } \u2028 y\r}")
    'ASK {\n ?s ?p ?o  \n}'
    """
    decoded = decode_escapes(text).replace("\r\n", "\n").replace("\r", "\n")
    if _RDFLIB_ESCAPE.search(decoded):
        raise InputError(
            "the query holds an escape that spells another escape (\\u005C...); "
            "write the character itself"
        )
    return "".join(" " if s.kind == "comment" else s.text for s in scan(decoded))


def keywords(text: str) -> set[str]:
    """Return the bare words (upper-cased) of ``text`` outside strings, IRIs and comments.

    Prefixed names (``ex:load``), variables (``?service``) and language tags are not bare words.

    Examples
    --------
    >>> sorted(keywords("SELECT ?load WHERE { ex:service a 'LOAD'@en }"))
    ['A', 'SELECT', 'WHERE']
    """
    words: set[str] = set()
    for segment in scan(text):
        if segment.kind == "code":
            words.update(m.group(1).upper() for m in _WORD.finditer(segment.text))
    return words


def code(text: str) -> str:
    """Return ``text`` with every string, IRI and comment replaced by one space."""
    return "".join(s.text if s.kind == "code" else " " for s in scan(text))
