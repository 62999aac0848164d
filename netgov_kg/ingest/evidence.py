"""A record's ``evidence:``: the words of its source that state it, as W3C Web Annotation.

Any record may quote its source::

    evidence: {quote: 办结率达到97.5%, start: 120, end: 131, prefix: …, suffix: …}

(or a list of such mappings; all but ``quote`` optional; offsets in Unicode code points into the
source's text, end exclusive). It becomes ``ng:evidence [ a oa:SpecificResource ; oa:hasSource
<source> ; oa:hasSelector [ a oa:TextQuoteSelector … ] , [ a oa:TextPositionSelector … ] ]``
(:func:`netgov_kg.evidence.add_evidence`), pointing at the record's own ``source`` or else the
template's. When that source's record names a local ``text:`` file (relative to the template),
missing offsets, prefix and suffix are computed from it (:func:`netgov_kg.evidence.locate`) and
given ones are checked against it; a quote not in the text is an error at its file, line and
field. Without a text and without offsets, only the quote selector is written.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from ..errors import InputError
from ..evidence import Evidence, add_evidence, check, context_at, locate, occurrences
from . import values as V
from .located import Path as KeyPath
from .references import record_sources
from .state import MapState, Record

#: The keys of one piece of evidence.
EVIDENCE_KEYS = ("quote", "start", "end", "prefix", "suffix")


def load_texts(st: MapState) -> None:
    """Read the local ``text`` file of every source record that names one (into ``st.texts``)."""
    folder = Path(st.doc.source).parent
    for record in st.records:
        if "text" not in record.kind.keys or record.iri is None:
            continue
        name = V.text(st.doc, record.path + ("text",))
        if not name:
            continue
        file = folder / name
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise st.doc.error(f"cannot read the source text {name!r} ({exc})",
                               record.path + ("text",)) from None
        st.texts[record.iri] = (text, name)


def emit_evidence(st: MapState, record: Record) -> None:
    """Emit the ``evidence`` of ``record`` (see the module documentation)."""
    doc, path = st.doc, record.path + ("evidence",)
    value = V.get(doc, path)
    if value is None:
        return
    assert record.iri is not None
    sources = record_sources(st, record)
    if not sources:
        raise doc.error("evidence needs a source document: add `source:` at the top of the "
                        "template or to this record", path)
    source = sources[0]
    items = value if isinstance(value, list) else [value]
    for i in range(len(items)):
        ipath = path + (i,) if isinstance(value, list) else path
        add_evidence(st.graph, record.iri, read_one(st, ipath, source))


def read_one(st: MapState, path: KeyPath, source: URIRef) -> Evidence:
    """Read one piece of evidence at ``path``; offsets ``-1`` when they cannot be known."""
    doc = st.doc
    item = V.get(doc, path)
    if not isinstance(item, dict):
        raise doc.error("evidence is {quote: exact text, start: N, end: M, prefix: …, "
                        "suffix: …} (all but quote optional), or a list of them", path)
    for key in item:
        if key not in EVIDENCE_KEYS:
            raise doc.error(f"unknown key {key!r} in evidence (use "
                            f"{', '.join(EVIDENCE_KEYS)})", path + (key,))
    quote = V.text(doc, path + ("quote",), required=True, strip=False)
    if not quote:
        raise doc.error("evidence needs a non-empty `quote`", path + ("quote",))
    start, end = V.integer(doc, path + ("start",)), V.integer(doc, path + ("end",))
    prefix = V.text(doc, path + ("prefix",), strip=False) or ""
    suffix = V.text(doc, path + ("suffix",), strip=False) or ""
    if start is None and end is not None:
        start = end - len(quote)
    if end is None and start is not None:
        end = start + len(quote)
    if start is not None and end is not None and (start < 0 or end - start != len(quote)):
        raise doc.error(f"the offsets {start}-{end} do not span the quote's {len(quote)} "
                        "characters", path + ("start",))
    known = st.texts.get(source)
    if known is None:
        return Evidence(-1 if start is None else start, -1 if end is None else end,
                        quote, prefix, suffix, source)
    text, name = known
    where = doc.location(path + ("quote",))
    if start is None or end is None:
        occurrence = _occurrence(text, quote, prefix, suffix)
        try:
            found = locate(text, quote, occurrence=occurrence, source=source, where=where)
        except InputError as exc:
            hint = "; give start, or a prefix or suffix that picks one" if "times" in (
                exc.message) else ""
            raise InputError(f"{exc.message} (in {name}{hint})", where) from None
        start, end = found.start, found.end
    around = context_at(text, start, end)
    evidence = Evidence(start, end, quote, prefix or around[0], suffix or around[1], source)
    problems = check(text, evidence)
    if problems:
        raise InputError(f"the evidence does not match {name}: {'; '.join(problems)}",
                         where)
    return evidence


def _occurrence(text: str, quote: str, prefix: str, suffix: str) -> int | None:
    """Which occurrence of ``quote`` the given prefix and suffix pick (1-based), if one."""
    found = occurrences(text, quote)
    if len(found) < 2 or not (prefix or suffix):
        return None
    fits = [n for n, at in enumerate(found, 1)
            if text[:at].endswith(prefix) and text[at + len(quote):].startswith(suffix)]
    return fits[0] if len(fits) == 1 else None
