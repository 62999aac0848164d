r"""Read a YAML template, keeping the line and column of every value.

Every scalar is read as a string (``330523`` stays ``"330523"``, ``2021-12-25`` stays a
string, ``no`` is not ``False``): the template checker decides what each field means. Empty
values (``key:``, ``~``, ``null``) are ``None``. A key written twice is an error, as is YAML
that does not parse; both say where.

A template has no use for anchors and aliases (``&a``, ``*a``): they are refused as the parser
meets them, in a pass over the parser's events before anything is composed, so that a "billion
laughs" file costs nothing. The parser is libyaml's when PyYAML has it (about six times faster
on a large file), else PyYAML's own.
Nesting deeper than :data:`~netgov_kg.ingest.limits.MAX_DEPTH` and files larger than
:data:`~netgov_kg.ingest.limits.MAX_TEMPLATE_BYTES` are refused too.

Examples
--------
>>> doc = read_yaml_text("cases:\n  - id: demo\n    place: {code: 330523}\n", "t.yaml")
>>> doc.data
{'cases': [{'id': 'demo', 'place': {'code': '330523'}}]}
>>> str(doc.location(("cases", 0, "place", "code")))
"t.yaml, line 3, column 19, field 'cases[0].place.code'"
>>> read_yaml_text("cases: [1, 2\n", "bad.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: bad.yaml, line 2, column 1: malformed YAML: ...
>>> read_yaml_text("a: &x [1]\nb: *x\n", "bomb.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: bomb.yaml, line 1, column 4: YAML anchors and aliases ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from .limits import MAX_DEPTH, MAX_TEMPLATE_BYTES
from .located import LocatedDocument
from .located import Path as KeyPath

_NULLS = {"", "~", "null", "Null", "NULL"}


def read_yaml_text(text: str, source: str = "<string>") -> LocatedDocument:
    """Parse YAML ``text`` into a :class:`~netgov_kg.ingest.located.LocatedDocument`.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str
        The name to use in messages.

    Returns
    -------
    LocatedDocument

    Raises
    ------
    netgov_kg.errors.InputError
        If the text is not well-formed YAML, holds more than one document, repeats a key,
        uses an anchor or alias, nests too deep or is too large.
    """
    import yaml

    check_size(text, source)
    loader_class = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    try:
        _check_events(text, source, loader_class)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        if loader_class is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(f"malformed YAML: the character U+{char:04X} is not allowed",
                         Location(source, line, column)) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "does not parse"
        if "maximum nesting depth" in problem:  # libyaml's own bound (1000) met first
            problem = f"the YAML nests deeper than {MAX_DEPTH} levels"
            raise InputError(problem, Location(source, mark.line + 1 if mark else None,
                                               mark.column + 1 if mark else None)) from exc
        if exc.context:
            problem += f" ({exc.context})"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(f"malformed YAML: {problem}", Location(source, line, column)) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", Location(source)) from exc
    locations: dict[KeyPath, Location] = {}
    data = None if node is None else _build(node, (), source, locations)
    return LocatedDocument(source, data, locations)


def read_yaml(path: Path) -> LocatedDocument:
    """Read a YAML template file (UTF-8).

    Raises
    ------
    netgov_kg.errors.InputError
        If the file is missing, is not UTF-8, or is not well-formed YAML.
    """
    return read_yaml_text(read_text(path), str(path))


def check_size(text: str, source: str) -> None:
    """Refuse a template text larger than :data:`~netgov_kg.ingest.limits.MAX_TEMPLATE_BYTES`.

    Raises
    ------
    netgov_kg.errors.InputError
        If the text, encoded as UTF-8, is larger than the limit.
    """
    if len(text) > MAX_TEMPLATE_BYTES or len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
        raise _too_large(source)


def _too_large(source: str) -> InputError:
    return InputError(f"the template is larger than {MAX_TEMPLATE_BYTES // 2**20} MiB "
                      "(split it into several files)", Location(source))


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed); errors name the file.

    Files larger than :data:`~netgov_kg.ingest.limits.MAX_TEMPLATE_BYTES` are refused
    without being read whole.

    Examples
    --------
    >>> read_text(Path("/no/such/file.yaml"))
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: /no/such/file.yaml: file not found
    """
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError("file not found", Location(str(path))) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(str(path))) from exc
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise _too_large(str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", Location(str(path), line)) from exc


def _check_events(text: str, source: str, loader_class: type) -> None:
    """Refuse anchors, aliases and deep nesting as the parser meets them, before composing.

    Composing a node graph is where aliases multiply (a "billion laughs") and where nesting
    recurses; this pass reads only the parser's events, so it is linear in the text.
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(
                "YAML anchors and aliases (&name, *name) are not allowed in a template: "
                "write each value out", Location(source, mark.line + 1, mark.column + 1))
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(f"the YAML nests deeper than {MAX_DEPTH} levels",
                                 Location(source, mark.line + 1, mark.column + 1))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _build(node: Any, path: KeyPath, source: str, locations: dict[KeyPath, Location]) -> Any:
    import yaml

    mark = node.start_mark
    locations[path] = Location(source, mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain: None (Python) or "" (libyaml)
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), source, locations) for i, item in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError(
                "malformed YAML: a key must be a plain word",
                Location(source, key_node.start_mark.line + 1, key_node.start_mark.column + 1),
            )
        key = key_node.value
        if key in out:
            raise InputError(
                f"key {key!r} is written twice",
                Location(source, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                         _field(path, key)),
            )
        out[key] = _build(value_node, path + (key,), source, locations)
    return out


def _field(path: KeyPath, key: str) -> str:
    from .located import path_text

    return path_text(path + (key,))
