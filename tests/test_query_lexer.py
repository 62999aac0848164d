r"""The SPARQL normaliser: what rdflib and Oxigraph would read differently is made one text.

rdflib ends a ``#`` comment at LF only and decodes ``\u`` escapes everywhere; Oxigraph ends a
comment at CR or LF and decodes escapes only in strings and IRIs. These tests pin down both
engines' readings (so a change of either engine shows here) and the normaliser's answer.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from netgov_kg.errors import InputError
from netgov_kg.query.lexer import code, decode_escapes, keywords, normalise, scan

#: Every character that some standard calls a line end.
TERMINATORS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]


def bound_after_comment(engine: str, text: str) -> bool:
    """Whether ``BIND(1 AS ?a)`` after the comment ran on ``engine`` (it was not commented)."""
    if engine == "oxigraph":
        rows = list(ox.Store().query(text))
        return bool(rows) and rows[0]["a"] is not None
    rows = list(Graph().query(text))
    return bool(rows) and rows[0][0] is not None


@pytest.mark.parametrize("end", TERMINATORS, ids=[repr(t) for t in TERMINATORS])
def test_each_engine_reads_comment_ends_as_documented_and_normalised_text_agrees(end):
    text = f"SELECT * WHERE {{ # x{end} BIND(1 AS ?a) \n }}"
    ox_ends = bound_after_comment("oxigraph", text)
    rdflib_ends = bound_after_comment("rdflib", text)
    assert ox_ends == (end in ("\n", "\r", "\r\n"))
    assert rdflib_ends == (end in ("\n", "\r\n"))
    normal = normalise(text)
    assert "#" not in normal and "\r" not in normal
    # On the normalised text both engines agree (with Oxigraph, the strictest reader).
    assert bound_after_comment("oxigraph", normal) == bound_after_comment("rdflib", normal)
    assert bound_after_comment("rdflib", normal) == ox_ends


@pytest.mark.parametrize("end", TERMINATORS, ids=[repr(t) for t in TERMINATORS])
def test_service_hidden_behind_a_comment_is_a_keyword_after_normalising(end):
    text = f"SELECT * WHERE {{ # x{end} SERVICE <http://127.0.0.1:9/> {{ ?s ?p ?o }} \n }}"
    normal = normalise(text)
    if end in ("\n", "\r", "\r\n"):  # some engine runs the SERVICE: it must be visible
        assert "SERVICE" in keywords(normal)
    else:  # no engine ends the comment there: it is gone from the text that runs
        assert "SERVICE" not in normal


def test_escapes_are_decoded_once_like_the_grammar_says():
    assert decode_escapes(r"SERV\u0049CE <a:\u0062> '\U0001F600'") == "SERVICE <a:b> '😀'"
    # An escaped line feed ends a comment for rdflib: after normalising, everyone sees that.
    normal = normalise("SELECT * WHERE { # x\\u000a SERVICE <http://h/> { ?s ?p ?o } \n }")
    assert "SERVICE" in keywords(normal)
    normal = normalise("SELECT * WHERE { # x\\u000d SERVICE <http://h/> { ?s ?p ?o } \n }")
    assert "SERVICE" in keywords(normal)
    # rdflib decodes \u0027 before parsing, so it closes the string; the normal text agrees.
    assert keywords(normalise("ASK { BIND('\\u0027 SERVICE ' AS ?x) }")) >= {"SERVICE"}


@pytest.mark.parametrize("text", [r"ASK { BIND('\u005Cu0041' AS ?x) }", r"ASK {} # \uD800"])
def test_escapes_that_decode_to_escapes_or_name_no_character_are_refused(text):
    with pytest.raises(InputError):
        normalise(text)


def test_strings_and_iris_keep_their_hashes_and_words():
    text = "SELECT ?x WHERE { <http://a/#b> ?p 'x # SERVICE' . ?x ?q \"\"\"LOAD\n#\"\"\" } # end"
    assert [s.kind for s in scan(text)] == [
        "code", "iri", "code", "string", "code", "string", "code", "comment",
    ]
    normal = normalise(text)
    assert "<http://a/#b>" in normal and "'x # SERVICE'" in normal and '"""LOAD\n#"""' in normal
    assert normal.endswith("}  ")  # the comment became one space
    assert "SERVICE" not in keywords(normal) and "LOAD" not in keywords(normal)
    assert "'" not in code(normal)


def test_less_than_is_not_an_iri():
    text = "ASK { FILTER(?a < 3 && ?b > 2) # <x> \n }"
    assert [s.kind for s in scan(text)] == ["code", "comment", "code"]


def test_keywords_are_bare_words_only():
    words = keywords("SELECT ?service $load WHERE { ex:service ex:load service:x ; a 'LOAD'@en }")
    assert "SERVICE" not in words and "LOAD" not in words
    assert {"SELECT", "WHERE", "A"} <= words


def test_line_numbers_survive_normalising():
    text = "SELECT *\r\nWHERE { # one\r?s ?p ?o # two\n}"
    assert normalise(text).count("\n") == text.count("\n") + text.count("\r") - 1
