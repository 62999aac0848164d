r"""Check and convert single template values: labels, dates, codes, URLs, slugs.

Each function takes the :class:`~netgov_kg.ingest.located.LocatedDocument` and the path of the
value, so that a bad value is reported where the user wrote it.

Examples
--------
>>> from netgov_kg.ingest.yaml_reader import read_yaml_text
>>> doc = read_yaml_text("label: {zh: 示例}\ndate: 2021-11\n", "x.yaml")
>>> date_literal(doc, ("date",)).datatype.endswith("gYearMonth")
True
>>> labels(doc, ("label",))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: x.yaml, line 1, column 8, field 'label': label missing a language: ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .limits import MAX_ID_LENGTH, MAX_SLUG_LENGTH
from .located import LocatedDocument

Key = Sequence[str | int]
LANGS = ("zh", "en")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = re.compile(r"^\d{6}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def get(doc: LocatedDocument, path: Key) -> Any:
    """Return the value at ``path`` in ``doc.data`` (``None`` when absent).

    Examples
    --------
    >>> get(LocatedDocument("s", {"a": [{"b": "c"}]}), ("a", 0, "b"))
    'c'
    >>> get(LocatedDocument("s", {"a": []}), ("a", 3, "b")) is None
    True
    """
    node: Any = doc.data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
        elif not isinstance(node, dict):
            return None
        node = node[part] if isinstance(part, int) else node.get(part)
    return node


def text(doc: LocatedDocument, path: Key, *, required: bool = False,
         strip: bool = True) -> str | None:
    """Return the plain string at ``path`` (stripped unless ``strip=False``), or ``None``.

    ``strip=False`` keeps the value exactly as written (an evidence quote, prefix or suffix,
    whose spaces and line breaks are part of the text they match); only an empty string is
    then missing.

    Raises
    ------
    netgov_kg.errors.InputError
        If the value is a list or mapping, or is missing when ``required``.
    """
    value = get(doc, path)
    if value is None or (isinstance(value, str) and not (value.strip() if strip else value)):
        if required:
            raise doc.error("this field is required", path)
        return None
    if not isinstance(value, str):
        raise doc.error(f"expected a single value, found a {_kind(value)}", path)
    check_characters(doc, path, value)
    return value.strip() if strip else value


#: Bidi controls (marks, embeddings, overrides, isolates): they reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")


def check_characters(doc: LocatedDocument, path: Key, value: str, *,
                     single_line: bool = False) -> None:
    """Refuse control characters (NUL …) and bidi controls in a template's text.

    Tab and line breaks are allowed in texts (a description may have paragraphs), not in
    labels (``single_line``).

    Raises
    ------
    netgov_kg.errors.InputError
        Naming the character and its position in the value.

    Examples
    --------
    >>> doc = LocatedDocument("t.csv", {"a": "胶东\u202e在线"})
    >>> check_characters(doc, ("a",), doc.data["a"])
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: t.csv, field 'a': the text has the bidi control U+202E \
(character 3), which changes what a reader sees: remove it
    """
    allowed = "" if single_line else "\t\n\r"
    for i, ch in enumerate(value, 1):
        if ch in BIDI_CONTROLS:
            raise doc.error(f"the text has the bidi control U+{ord(ch):04X} (character {i}), "
                            "which changes what a reader sees: remove it", path)
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            raise doc.error(f"the text has the control character U+{ord(ch):04X} (character "
                            f"{i}): remove it", path)


def lang_map(doc: LocatedDocument, path: Key) -> dict[str, str]:
    """Return ``{lang: text}`` from a ``{zh: …, en: …}`` mapping (either may be absent).

    Raises
    ------
    netgov_kg.errors.InputError
        If the value is not such a mapping, names another language, or puts Chinese text
        under ``en``.
    """
    value = get(doc, path)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise doc.error(
            "expected a mapping of languages, e.g. {zh: 示例, en: Example}", path
        )
    out: dict[str, str] = {}
    for lang in value:
        if lang not in LANGS:
            raise doc.error(f"unknown language {lang!r}: use zh and en", tuple(path) + (lang,))
        got = text(doc, tuple(path) + (lang,))
        if got is None:
            continue
        if lang == "en" and _CJK.search(got) and not re.search(r"[A-Za-z]", got):
            raise doc.error(
                f"the en text {got!r} is Chinese: put it under zh", tuple(path) + (lang,)
            )
        out[lang] = got
    return out


def labels(doc: LocatedDocument, path: Key, *, required: bool = True) -> dict[str, str]:
    """Return ``{"zh": …, "en": …}``; both languages are required.

    Raises
    ------
    netgov_kg.errors.InputError
        If the labels are missing, or one of the two languages is.
    """
    got = lang_map(doc, path)
    if not got:
        if required:
            raise doc.error("a label in zh and en is required", path)
        return {}
    for lang in LANGS:
        if lang not in got:
            raise doc.error(
                f"label missing a language: no {lang!r} label (write both zh and en)", path
            )
    for lang, label in got.items():
        check_characters(doc, tuple(path) + (lang,), label, single_line=True)
    return got


def date_literal(doc: LocatedDocument, path: Key) -> Literal | None:
    """Return an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal, as precise as given.

    Examples
    --------
    >>> doc = LocatedDocument("s", {"d": "2021-02-30"})
    >>> date_literal(doc, ("d",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: s, field 'd': not a date: '2021-02-30' (write 2021, ...)
    """
    value = text(doc, path)
    if value is None:
        return None
    match = _DATE.match(value)
    bad = doc.error(f"not a date: {value!r} (write 2021, 2021-11 or 2021-11-30)", path)
    if not match:
        raise bad
    year, month, day = match.groups()
    if day:
        import datetime

        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise bad from None
        return Literal(value, datatype=XSD.date)
    if month:
        if not 1 <= int(month) <= 12:
            raise bad
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def admin_code(doc: LocatedDocument, path: Key) -> str | None:
    """Return a six-digit GB/T 2260 code, or ``None``; other text is an error."""
    value = text(doc, path)
    if value is None:
        return None
    if not _CODE.match(value):
        raise doc.error(f"not a GB/T 2260 code: {value!r} (six digits, e.g. 330523)", path)
    return value


def url(doc: LocatedDocument, path: Key) -> URIRef | None:
    """Return an ``http(s)`` URL as an IRI, or ``None``."""
    value = text(doc, path)
    if value is None:
        return None
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", value):
        raise doc.error(f"not a web address: {value!r} (write https://…)", path)
    return URIRef(value)


def integer(doc: LocatedDocument, path: Key) -> int | None:
    """Return a whole number written in digits, or ``None``."""
    value = text(doc, path)
    if value is None:
        return None
    if not re.match(r"^\d+$", value):
        raise doc.error(f"not a whole number: {value!r}", path)
    return int(value)


def slug(doc: LocatedDocument, path: Key) -> str | None:
    """Return a slug written by the user (lower-case ASCII words joined by ``-``), or ``None``."""
    value = text(doc, path)
    if value is None:
        return None
    if not _SLUG.match(value):
        raise doc.error(
            f"not an id: {value!r} (lower-case ASCII letters, digits and '-', "
            "e.g. riverside-open-budget)",
            path,
        )
    return value


def record_id(doc: LocatedDocument, path: Key, kind: str, segment: str) -> str | None:
    """Return the IRI path under ``ngr:`` that a record's ``id`` names, or ``None``.

    An id is a slug (1 to :data:`~netgov_kg.ingest.limits.MAX_SLUG_LENGTH` lower-case ASCII
    letters, digits and single ``-``), giving ``<segment>/<slug>``; or a path under the
    record's own type segment, ``<segment>/<slug>/…`` (also written ``ngr:<segment>/…``), as
    the exporter writes ids such as ``theme-assignment/<case>/<theme>``. Anything else (an
    IRI, another prefix's CURIE, ``..``, spaces, other characters) is refused, so that every
    IRI a template mints stays under ``ngr:<segment>/``.

    Parameters
    ----------
    doc : LocatedDocument
        The template.
    path : sequence
        The path of the ``id`` value.
    kind : str
        The record's kind, for messages.
    segment : str
        The kind's IRI segment (``case``, ``org`` …).

    Raises
    ------
    netgov_kg.errors.InputError
        If the id is not of that form; located at the id.

    Examples
    --------
    >>> doc = LocatedDocument("t.yaml", {"a": "demo-case", "b": "case/x/y", "c": "a/b"})
    >>> record_id(doc, ("a",), "case", "case"), record_id(doc, ("b",), "case", "case")
    ('case/demo-case', 'case/x/y')
    >>> record_id(doc, ("c",), "case", "case")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: t.yaml, field 'c': not a valid case id: 'a/b' (...
    """
    value = text(doc, path)
    if value is None:
        return None
    curie_form = value.startswith("ngr:")
    local = value[len("ngr:"):] if curie_form else value
    if "/" in local:
        head, *slugs = local.split("/")
        ok = head == segment
    else:
        slugs, ok = [local], not curie_form
    ok = ok and len(value) <= MAX_ID_LENGTH and all(
        len(part) <= MAX_SLUG_LENGTH and _SLUG.fullmatch(part) for part in slugs)
    if not ok:
        raise doc.error(
            f"not a valid {kind} id: {_shown(value)} (an id is a slug of 1-{MAX_SLUG_LENGTH} "
            "lower-case ASCII letters, digits and single '-', e.g. riverside-open-budget, or "
            f"a path under this record's type, {segment}/<slug>/…; at most {MAX_ID_LENGTH} "
            f"characters; the IRI is ngr:{segment}/<slug>)", path)
    return "/".join([segment, *slugs])


def _shown(value: str) -> str:
    """Quote ``value`` for a message, cut short when long."""
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...") + f" ({len(value)} chars)"


def slugify(value: str) -> str:
    """Make a readable lower-case ASCII slug from English text.

    Examples
    --------
    >>> slugify("Shanghai 'One Network' Government Services!")
    'shanghai-one-network-government-services'
    >>> slugify("Zürich e-Gov 2.0")
    'zurich-e-gov-2-0'
    """
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _kind(value: Any) -> str:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else "value"
