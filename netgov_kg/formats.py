"""One vocabulary of file and answer formats: every name a caller may use, one canonical format.

Every path that reads or writes RDF or SPARQL results asks this module what a name means:
loading (formats guessed from file names), export and ``netgov-kg export --format``, the
results writers and ``netgov-kg query --format``, the stores' parsers (rdflib's, oxrdflib's
``ox-…``, pyoxigraph's ``RdfFormat``) and the server's content negotiation. A name is looked
up case-insensitively among a format's canonical name, its aliases, its file extensions, its
media types, its rdflib parser name, its oxrdflib parser name and its ``pyoxigraph.RdfFormat``
name.

Formats come in families, since one short name can mean two things: ``xml`` is RDF/XML for a
graph and SPARQL XML for results, ``csv`` is CSV tables for an export and SPARQL CSV for
results.

==========  ==============================================  ====================================
family      canonical names                                 what they are
==========  ==============================================  ====================================
``rdf``     turtle, n-triples, n-quads, trig, rdf-xml,      RDF documents (read and written)
            json-ld, n3, trix
``results`` json, xml, csv, tsv                             SPARQL 1.1 results of SELECT and ASK
``tables``  csv                                             an export as one CSV table per class
==========  ==============================================  ====================================

An unknown name raises :class:`~netgov_kg.errors.UnknownFormat` with the accepted names.

Examples
--------
>>> rdf_format("nt").name
'n-triples'
>>> rdf_format("application/n-triples") is rdf_format("ox-nt") is rdf_format("N_TRIPLES")
True
>>> format_of("data/cases.ttl").rdflib_name
'turtle'
>>> results_format("srj").media_type
'application/sparql-results+json'
>>> rdf_format("docx")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.UnknownFormat: unknown RDF format 'docx': use one of turtle, json-ld, ...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path, PurePath

from .errors import Location, UnknownFormat

__all__ = [
    "Format", "RDF_FORMATS", "RESULT_FORMATS", "TABLE_FORMATS", "EXPORT_FORMATS",
    "UnknownFormat", "lookup", "get", "rdf_format", "results_format", "export_format",
    "format_of", "accepted_names", "oxrdflib_parsers",
]


@dataclass(frozen=True)
class Format:
    """One format: its canonical name and every other name it goes by.

    Attributes
    ----------
    name : str
        The canonical name (``"n-triples"``).
    family : str
        ``"rdf"``, ``"results"`` or ``"tables"``.
    media_type : str
        The registered media type, offered by the server.
    extensions : tuple of str
        File-name extensions (with the dot), the first is the usual one.
    rdflib_name : str
        rdflib's parser and serializer name (``"nt"``); for results and tables, the name.
    oxrdflib_name : str or None
        oxrdflib's parser name (``"ox-nt"``), where Oxigraph reads the format.
    oxigraph : str or None
        The ``pyoxigraph.RdfFormat`` attribute (``"N_TRIPLES"``).
    aliases : tuple of str
        Other short names and media types.
    quads : bool
        Whether the format keeps named graphs.
    """

    name: str
    family: str
    media_type: str
    extensions: tuple[str, ...] = ()
    rdflib_name: str = ""
    oxrdflib_name: str | None = None
    oxigraph: str | None = None
    aliases: tuple[str, ...] = ()
    quads: bool = False
    names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        every = {self.name, self.media_type, self.rdflib_name or self.name, *self.aliases}
        every |= {e.lstrip(".") for e in self.extensions}
        every |= {n for n in (self.oxrdflib_name, self.oxigraph) if n}
        object.__setattr__(self, "names", frozenset(n.lower() for n in every))


#: RDF documents; the first four are the ones the server offers, in its order of preference.
RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "rdf", "text/turtle", (".ttl", ".turtle"), "turtle", "ox-turtle", "TURTLE",
           ("ttl", "application/x-turtle")),
    Format("json-ld", "rdf", "application/ld+json", (".jsonld", ".json", ".json-ld"), "json-ld",
           "ox-json-ld", "JSON_LD", ("jsonld", "json", "application/json")),
    Format("n-triples", "rdf", "application/n-triples", (".nt",), "nt", "ox-nt", "N_TRIPLES",
           ("ntriples", "nt11", "text/plain")),
    Format("rdf-xml", "rdf", "application/rdf+xml", (".rdf", ".owl", ".xml", ".rdfs"), "xml",
           "ox-xml", "RDF_XML",
           ("rdfxml", "rdf", "pretty-xml", "application/xml", "text/xml")),
    Format("n-quads", "rdf", "application/n-quads", (".nq", ".nquads"), "nquads", "ox-nquads",
           "N_QUADS", ("nq", "text/x-nquads"), quads=True),
    Format("trig", "rdf", "application/trig", (".trig",), "trig", "ox-trig", "TRIG", (),
           quads=True),
    Format("n3", "rdf", "text/n3", (".n3",), "n3", "ox-n3", "N3", ("text/rdf+n3",)),
    Format("trix", "rdf", "application/trix", (".trix",), "trix", None, None, (), quads=True),
)

#: SPARQL 1.1 results of SELECT and ASK; the first is the server's default.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "results", "application/sparql-results+json", (".srj", ".json"), "json",
           aliases=("application/json",)),
    Format("xml", "results", "application/sparql-results+xml", (".srx", ".xml"), "xml",
           aliases=("application/xml", "text/xml")),
    Format("csv", "results", "text/csv", (".csv",), "csv"),
    Format("tsv", "results", "text/tab-separated-values", (".tsv",), "tsv"),
)

#: An export as CSV tables: a folder of them, or a ``.zip`` (``.csv`` names a folder).
TABLE_FORMATS: tuple[Format, ...] = (
    Format("csv", "tables", "application/zip", (".zip", ".csv"), "csv", aliases=("tables",)),
)

#: The formats ``export`` writes (canonical names); ``csv`` writes tables.
EXPORT_FORMATS: tuple[str, ...] = (
    "turtle", "n-triples", "n-quads", "trig", "rdf-xml", "json-ld", "csv",
)

_FAMILIES: dict[str, tuple[Format, ...]] = {
    "rdf": RDF_FORMATS, "results": RESULT_FORMATS, "tables": TABLE_FORMATS,
}
_WHAT = {"rdf": "RDF", "results": "results", "tables": "tables"}


def _families(family: str | Iterable[str]) -> tuple[str, ...]:
    return (family,) if isinstance(family, str) else tuple(family)


def lookup(family: str | Iterable[str], name: str) -> Format | None:
    """Return the format of ``family`` (or the first of several families) called ``name``.

    ``name`` may be any of the format's names (see the module); case, spaces and a leading
    dot do not count. ``None`` when no format of the families has that name.

    Examples
    --------
    >>> lookup("results", "XML").media_type
    'application/sparql-results+xml'
    >>> lookup("rdf", "xml").name
    'rdf-xml'
    >>> lookup(("rdf", "tables"), "csv").family
    'tables'
    >>> lookup("rdf", "docx") is None
    True
    """
    key = name.strip().lower()
    if key.startswith(".") and "/" not in key:
        key = key[1:]
    for fam in _families(family):
        for fmt in _FAMILIES[fam]:
            if key in fmt.names:
                return fmt
    return None


def accepted_names(family: str | Iterable[str]) -> str:
    """Return the accepted names of ``family`` for an error message: canonical, then aliases.

    Examples
    --------
    >>> accepted_names("results")
    'json, xml, csv, tsv (also: srj, srx; or a media type such as application/sparql-results+json)'
    """
    formats = [f for fam in _families(family) for f in _FAMILIES[fam]]
    return _names(formats, [f.name for f in formats])


def _names(formats: Iterable[Format], canonical: Iterable[str]) -> str:
    """Canonical names, then the short aliases, then the media types as an example."""
    canonical = list(dict.fromkeys(canonical))
    formats = [f for f in formats if f.name in canonical]
    short = sorted({
        n for f in formats for n in f.names
        if "/" not in n and "_" not in n and not n.startswith("ox-")
    } - set(canonical))
    return (f"{', '.join(canonical)} (also: {', '.join(short)}; or a media type such as "
            f"{formats[0].media_type})")


def get(
    family: str | Iterable[str], name: str, *, what: str | None = None,
    location: Location | None = None,
) -> Format:
    """Return the format called ``name``, or raise :class:`UnknownFormat` listing the names.

    Parameters
    ----------
    family : str or iterable of str
        ``"rdf"``, ``"results"``, ``"tables"``, or several (looked up in that order).
    name : str
        Any name of the format.
    what : str, optional
        What the message calls the format (``"export"``); by default the family's name.
    location : Location, optional
        Where the name came from (a file).

    Examples
    --------
    >>> get(("rdf", "tables"), "nt").name
    'n-triples'
    >>> get("results", "docx", what="results")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownFormat: unknown results format 'docx': use one of json, xml, csv, tsv...
    """
    found = lookup(family, name)
    if found is None:
        fams = _families(family)
        label = what or _WHAT[fams[0]]
        raise UnknownFormat(
            f"unknown {label} format {name!r}: use one of {accepted_names(fams)}", location,
            name=name,
        )
    return found


def rdf_format(name: str) -> Format:
    """Return the RDF format called ``name`` (see :func:`get`).

    Examples
    --------
    >>> rdf_format("ox-turtle").name
    'turtle'
    """
    return get("rdf", name)


def results_format(name: str) -> Format:
    """Return the SPARQL results format called ``name`` (see :func:`get`).

    Examples
    --------
    >>> results_format("text/csv").name
    'csv'
    """
    return get("results", name)


def export_format(name: str) -> Format:
    """Return the export format called ``name`` (any of its names: ``nt``, ``xml``, ``csv``...).

    Raises
    ------
    UnknownFormat
        If ``name`` names no format of :data:`EXPORT_FORMATS`; the message lists the names.

    Examples
    --------
    >>> [export_format(n).name for n in ("nt", "xml", "csv", "application/trig")]
    ['n-triples', 'rdf-xml', 'csv', 'trig']
    >>> export_format("n3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownFormat: unknown export format 'n3': use one of turtle, n-triples, ...
    """
    fmt = lookup(("rdf", "tables"), name)
    if fmt is None or fmt.name not in EXPORT_FORMATS:
        names = _names((*RDF_FORMATS, *TABLE_FORMATS), EXPORT_FORMATS)
        raise UnknownFormat(f"unknown export format {name!r}: use one of {names}", name=name)
    return fmt


def format_of(
    path: str | PathLike[str], family: str | Iterable[str] = "rdf", *,
    default: str | None = None, what: str | None = None,
) -> Format:
    """Return the format of ``family`` that the file name ``path`` ends in.

    Parameters
    ----------
    path : str or path-like
        A file name; only its extension is read.
    family : str or iterable of str
        Where to look (``"rdf"`` by default).
    default : str, optional
        The format's name when the extension says nothing (loading reads such files as
        Turtle); without it, an unknown extension raises.
    what : str, optional
        What the message calls the format.

    Raises
    ------
    UnknownFormat
        If the extension names no format of ``family`` and there is no ``default``.

    Examples
    --------
    >>> format_of("kg.nq").name
    'n-quads'
    >>> format_of("notes.txt", default="turtle").name
    'turtle'
    >>> format_of("out.docx", what="export")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownFormat: out.docx: cannot tell the export format from the extension ...
    """
    suffix = PurePath(path).suffix.lower()
    fams = _families(family)
    for fam in fams:
        for fmt in _FAMILIES[fam]:
            if suffix and suffix in fmt.extensions:
                return fmt
    if default is not None:
        return get(fams, default)
    extensions = sorted({e for fam in fams for f in _FAMILIES[fam] for e in f.extensions})
    raise UnknownFormat(
        f"cannot tell the {what or _WHAT[fams[0]]} format from the extension "
        f"{suffix or '(none)'!r}: use one of {', '.join(extensions)}, or give the format "
        f"({accepted_names(fams)})",
        Location(str(Path(path))), name=suffix,
    )


def oxrdflib_parsers() -> dict[str, str]:
    """Return every name of an RDF format Oxigraph reads, mapped to oxrdflib's parser name.

    Examples
    --------
    >>> oxrdflib_parsers()["nt"], oxrdflib_parsers()["application/ld+json"]
    ('ox-nt', 'ox-json-ld')
    """
    return {
        name: fmt.oxrdflib_name
        for fmt in RDF_FORMATS if fmt.oxrdflib_name
        for name in sorted(fmt.names)
    }
