r"""Read a YAML template, keeping the line and column of every value.

Every scalar is read as a string (``330523`` stays ``"330523"``, ``2021-12-25`` stays a
string, ``no`` is not ``False``): the template checker decides what each field means. Empty
values (``key:``, ``~``, ``null``) are ``None``. A key written twice is an error, as is YAML
that does not parse; both say where.

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
netgov_kg.errors.InputError: bad.yaml, line 2, column 1: malformed YAML: expected ',' or ']', ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Location
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
        If the text is not well-formed YAML, holds more than one document, or repeats a key.
    """
    import yaml

    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(f"malformed YAML: the character U+{char:04X} is not allowed",
                         Location(source, line, column)) from exc
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "does not parse"
        if exc.context:
            problem += f" ({exc.context})"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(f"malformed YAML: {problem}", Location(source, line, column)) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", Location(source)) from exc
    finally:
        loader.dispose()
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


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed); errors name the file.

    Examples
    --------
    >>> read_text(Path("/no/such/file.yaml"))
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: /no/such/file.yaml: file not found
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file not found", Location(str(path))) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(str(path))) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", Location(str(path), line)) from exc


def _build(node: Any, path: KeyPath, source: str, locations: dict[KeyPath, Location]) -> Any:
    import yaml

    mark = node.start_mark
    locations[path] = Location(source, mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
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
