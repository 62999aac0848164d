"""Check a user's RDF file before any parser sees it: network-free and bounded.

The parsers trust their input more than a user's file deserves: rdflib's JSON-LD parser
fetches a remote ``@context`` over the network, an RDF/XML file can declare entities that
expand a few hundred bytes into gigabytes (the "billion laughs"), an external entity reads a
local file (XXE), and deeply nested JSON-LD exhausts the stack (Oxigraph crashes).
:func:`check_user_file` refuses such files with an :class:`~netgov_kg.errors.InputError`
naming the file, so the parsers only ever see self-contained files of bounded size and depth.

What is checked (limits a real file never meets):

- every file: a regular file of at most :data:`MAX_FILE_BYTES`;
- RDF/XML and TriX: no external DTD or external entity (``SYSTEM``/``PUBLIC``), no parameter
  entity, no entity reference inside an entity's value (so nothing expands recursively), no
  attribute default in the DTD (copied into every element), and the references in the document
  expand to at most :data:`MAX_ENTITY_EXPANSION` characters plus
  :data:`ENTITY_AMPLIFICATION` times the file's size;
- JSON-LD: nesting at most :data:`MAX_JSON_DEPTH` deep, every ``@context`` inline (an
  object), never a string or IRI (remote), and no ``@import``.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "remote.jsonld"
>>> _ = f.write_text('{"@context": "https://example.org/ctx", "@id": "urn:a"}')
>>> check_user_file(f, "json-ld")
Traceback (most recent call last):
...
netgov_kg.errors.InputError: ...remote.jsonld: a remote JSON-LD @context (...) is not fetched...
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .errors import InputError, Location
from .formats import lookup

#: The largest user file parsed (bytes): far above any real extra file.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: The deepest nesting of arrays and objects accepted in a JSON-LD file.
MAX_JSON_DEPTH = 256
#: The characters the entity references of any RDF/XML file may expand to...
MAX_ENTITY_EXPANSION = 4 * 1024 * 1024
#: ...plus this many times the file's size (RDF/XML written by ontology editors abbreviates
#: namespaces as ``&owl;`` in every ``rdf:resource``, expanding large files several times).
ENTITY_AMPLIFICATION = 20

_XML_FORMATS = ("rdf-xml", "trix")
_JSONLD_FORMATS = ("json-ld",)
_ENTITY_REF = re.compile(rb"&([A-Za-z_:\x80-\xff][A-Za-z0-9_.:\-\x80-\xff]*);")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def check_user_file(path: Path, fmt: str) -> None:
    """Refuse ``path`` unless it is safe to hand to the parser of rdflib format ``fmt``.

    Parameters
    ----------
    path : pathlib.Path
        The user's file.
    fmt : str
        The parser format, by any name :mod:`netgov_kg.formats` knows (``xml``, ``rdf-xml``,
        ``ox-json-ld``...); formats with nothing to expand or fetch get the size check only.

    Raises
    ------
    InputError
        If the file is missing, not a regular file, too large, or (RDF/XML, JSON-LD) needs the
        network or could expand or nest without bound; the message names the file and why.
    """
    where = Location(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("file not found", where) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", where) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a folder or a device): give an RDF file", where)
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(
            f"the file has {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES}", where
        )
    known = lookup("rdf", fmt)
    name = known.name if known is not None else fmt
    if name in _XML_FORMATS:
        _check_xml(path, where)
    elif name in _JSONLD_FORMATS:
        _check_jsonld(path, where)


# -- RDF/XML -----------------------------------------------------------------------------------
class _EndOfProlog(Exception):
    """Raised by the scan when the document's first element starts: the DTD is over."""


def _check_xml(path: Path, where: Location) -> None:
    """Read the DTD with expat (expanding nothing) and bound what its entities expand to."""
    entities: dict[str, int] = {}
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(message: str) -> None:
        raise InputError(message, Location(where.source, parser.CurrentLineNumber))

    def doctype(name: str, system_id: str | None, public_id: str | None, _subset: int) -> None:
        if system_id or public_id:
            refuse(f"an external DTD ({system_id or public_id!r}) is not read")

    def entity(name: str, is_parameter: int, value: str | None, _base: str | None,
               system_id: str | None, public_id: str | None, _notation: str | None) -> None:
        if is_parameter:
            refuse(f"the parameter entity %{name}; is refused")
        if value is None or system_id or public_id:
            refuse(f"the external entity &{name}; ({system_id or public_id!r}) is not read")
        if "&" in value or "%" in value:
            refuse(f"the entity &{name}; refers to other entities: refused (it could expand "
                   "without bound)")
        entities[name] = len(value)

    def attlist(element: str, attribute: str, _type: str, default: str | None,
                _required: int) -> None:
        if default is not None:  # added to every such element: expansion without a bound
            refuse(f"the DTD gives attribute {attribute!r} of <{element}> a default value: "
                   "refused (RDF/XML needs none)")

    def first_element(*_args: Any) -> None:
        raise _EndOfProlog

    def external(*_args: Any) -> int:
        refuse("an external entity is not read")
        return 0  # pragma: no cover - refuse raises

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.AttlistDeclHandler = attlist
    parser.StartElementHandler = first_element
    parser.ExternalEntityRefHandler = external
    try:
        with path.open("rb") as f:
            parser.ParseFile(f)
    except _EndOfProlog:
        pass
    except expat.ExpatError:
        return  # not well-formed: the RDF/XML parser reports it with its line
    if not entities:
        return
    data = path.read_bytes()
    expansion = sum(entities.get(m.group(1).decode("utf-8", "replace"), 0)
                    for m in _ENTITY_REF.finditer(data))
    limit = entity_expansion_limit(len(data))
    if expansion > limit:
        raise InputError(
            f"the entity references expand to {expansion} characters, more than the limit of "
            f"{limit} for a file of {len(data)} bytes", where)


def entity_expansion_limit(size: int) -> int:
    """Return how far the entity references of an XML file of ``size`` bytes may expand.

    That is :data:`MAX_ENTITY_EXPANSION` characters plus :data:`ENTITY_AMPLIFICATION` times
    ``size``.

    Examples
    --------
    >>> entity_expansion_limit(1_000_000)
    24194304
    """
    return MAX_ENTITY_EXPANSION + ENTITY_AMPLIFICATION * size


# -- JSON-LD -----------------------------------------------------------------------------------
def json_depth(data: bytes) -> int:
    """Return how deep the arrays and objects of the JSON text ``data`` nest.

    Examples
    --------
    >>> json_depth(b'{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _check_jsonld(path: Path, where: Location) -> None:
    data = path.read_bytes()
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise InputError(
            f"the JSON nests {depth} levels deep, more than the limit of {MAX_JSON_DEPTH}", where)
    try:
        doc = json.loads(data)
    except ValueError:
        return  # not JSON: the JSON-LD parser reports it
    _check_contexts(doc, where)


def _check_contexts(node: Any, where: Location) -> None:
    """Refuse any ``@context`` that is not inline, and any ``@import``, anywhere in ``node``."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@import" in item:
                raise InputError(
                    f"a JSON-LD @import ({item['@import']!r}) is not fetched: put the context "
                    "inline", where)
            contexts = item.get("@context")
            for context in contexts if isinstance(contexts, list) else [contexts]:
                if isinstance(context, str):
                    raise InputError(
                        f"a remote JSON-LD @context ({context!r}) is not fetched: put the "
                        "context inline", where)
            stack.extend(item.values())
