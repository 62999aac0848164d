"""Write RDF terms as N-Triples text, fast: synthetic data runs to millions of triples.

Every line is a valid N-Triples (and so Turtle) statement.

Examples
--------
>>> iri("case/synth-000001")
'<https://w3id.org/netgov-kg/id/case/synth-000001>'
>>> lit("银川", "zh")
'"银川"@zh'
>>> typed(2021, "gYear")
'"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>'
"""

from __future__ import annotations

from ..namespaces import NG, NGR

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(path: str) -> str:
    """Return the resource IRI ``ngr:<path>`` in angle brackets."""
    return f"<{NGR}{path}>"


def ng(name: str) -> str:
    """Return the ontology term ``ng:<name>`` in angle brackets."""
    return f"<{NG}{name}>"


def lit(text: str, lang: str) -> str:
    """Return a language-tagged literal."""
    return f'"{text.translate(_ESCAPES)}"@{lang}'


def typed(value: object, datatype: str) -> str:
    """Return a literal of the XML Schema ``datatype`` (``"integer"``, ``"date"``...)."""
    return f'"{value}"^^<{XSD}{datatype}>'


def triple(s: str, p: str, o: str) -> str:
    """Return one statement line, ending in a newline."""
    return f"{s} {p} {o} .\n"


def labels(s: str, zh: str, en: str) -> str:
    """Return the two ``rdfs:label`` lines (zh and en) of ``s``."""
    return triple(s, LABEL, lit(zh, "zh")) + triple(s, LABEL, lit(en, "en"))
