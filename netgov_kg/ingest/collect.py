"""Phase 1 of the mapping: find the records of the template and check their keys.

Every record (those of the top-level lists, the ``source``, and records written in place in a
reference field) becomes a :class:`~netgov_kg.ingest.state.Record`, in the order written. Ids
and labels must be unique per kind.
"""

from __future__ import annotations

from ..terms import fold
from . import values as V
from .kinds import behaviour
from .located import LocatedDocument
from .located import Path as KeyPath
from .schema import COMMON, KINDS, SPECIAL_KEYS, Field, Kind
from .state import MapState, Record

#: Top-level keys besides the lists of records.
TOP_KEYS = ("template", "source")


def collect(st: MapState) -> None:
    """Collect the records of ``st.doc`` into ``st.records`` (and ``st.by_id``)."""
    from .references import reference

    doc, data = st.doc, st.doc.data
    if not isinstance(data, dict):
        raise doc.error("the template must be a mapping with `source:` and `cases:`", ())
    refuse_review(st)
    lists = {k.list_name for k in KINDS.values() if k.creatable}
    for key in data:
        if key not in lists and key not in TOP_KEYS:
            raise doc.error(
                f"unknown section {key!r} (the sections are source, "
                f"{', '.join(sorted(lists))})", (key,))
    if not data.get("cases"):
        raise doc.error("the template has no cases", ("cases",))
    source = data.get("source")
    if isinstance(source, dict):
        st.source_record = collect_record(st, KINDS["source"], ("source",), None, None)
    elif source is not None:
        st.default_source = reference(st, ("source",), KINDS["source"])
    for kind in KINDS.values():
        items = data.get(kind.list_name)
        if items is None or not kind.creatable:
            continue
        if not isinstance(items, list):
            raise doc.error(f"`{kind.list_name}` must be a list of records", (kind.list_name,))
        for i in range(len(items)):
            collect_record(st, kind, (kind.list_name, i), None, None)
    check_labels_unique(st)


def collect_record(st: MapState, kind: Kind, path: KeyPath, owner: Record | None,
                   owner_field: Field | None) -> Record:
    """Collect the record at ``path`` and, depth first, the records written in it."""
    doc = st.doc
    data = V.get(doc, path)
    if not isinstance(data, dict):
        raise doc.error(f"expected a {kind.name} record (a mapping of fields)", path)
    allowed = {f.name for f in kind.fields + COMMON} | set(SPECIAL_KEYS) | set(kind.keys)
    for key in data:
        if key not in allowed:
            raise doc.error(
                f"unknown field {key!r} in a {kind.name} (its fields are "
                f"{', '.join(f.name for f in kind.fields + COMMON)}, "
                f"{', '.join(SPECIAL_KEYS + kind.keys)})", path + (key,))
    record = Record(kind, path, data, owner, owner_field)
    st.records.append(record)
    if behaviour(kind).nests_themes:
        _normalise_themes(st, path)
    record_id = V.text(doc, path + ("id",))
    if record_id:
        same = [r for r in st.by_id.get(record_id, []) if r.kind.name == kind.name]
        if same:
            what = (f"duplicate {kind.name}" if behaviour(kind).new_only
                    else f"duplicate {kind.name} id")
            raise doc.error(f"{what}: id {record_id!r} is already used at "
                            f"{doc.location(same[0].path)}", path + ("id",))
        st.by_id.setdefault(record_id, []).append(record)
    for fld in kind.fields + COMMON:
        if fld.kind not in ("ref", "refs") or fld.target not in KINDS:
            continue
        target = KINDS[fld.target]
        value = data.get(fld.name)
        items = value if isinstance(value, list) else [value]
        sub = [path + (fld.name, i) for i in range(len(items))] if isinstance(
            value, list) else [path + (fld.name,)]
        for item, item_path in zip(items, sub, strict=True):
            if isinstance(item, dict):
                if not target.creatable:
                    raise doc.error(
                        f"a {target.name} cannot be defined here: refer to one the graph "
                        "has, by label or IRI", item_path)
                collect_record(st, target, item_path, record, fld)
    return record


def review_notes(doc: LocatedDocument) -> list[tuple[KeyPath, str]]:
    """Return every ``review`` note left in the template: (where, note), in document order.

    Examples
    --------
    >>> from netgov_kg.ingest.yaml_reader import read_yaml_text
    >>> doc = read_yaml_text('''
    ... cases:
    ...   - label: {zh: 甲, en: A}
    ...     review: 核对地点
    ... ''', "d.yaml")
    >>> review_notes(doc)
    [(('cases', 0, 'review'), '核对地点')]
    """
    found: list[tuple[KeyPath, str]] = []

    def walk(value: object, path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "review":
                    found.append((path + (key,), str(item)))
                else:
                    walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(doc.data, ())
    return found


def refuse_review(st: MapState) -> None:
    """Refuse a template that still has ``review`` notes (left by ``extract`` for a person)."""
    notes = review_notes(st.doc)
    if not notes:
        return
    lines = [f"the template still has {len(notes)} review note(s): resolve each and delete "
             "its `review` key (nothing was added)"]
    lines += [f"  {st.doc.location(path)}: {note}" for path, note in notes]
    raise st.doc.error("\n".join(lines), notes[0][0])


def check_labels_unique(st: MapState) -> None:
    """Refuse two records of one kind with the same label (as :func:`fold` compares)."""
    seen: dict[tuple[str, str, str], Record] = {}
    for record in st.records:
        for lang, text in V.lang_map(st.doc, record.path + ("label",)).items():
            key = (record.kind.name, lang, fold(text))
            other = seen.setdefault(key, record)
            if other is not record:
                raise st.doc.error(
                    f"duplicate {record.kind.name}: the label {text!r} is already used by "
                    f"the {record.kind.name} at {st.doc.location(other.path)} (labels "
                    "are compared ignoring case, spaces, quotation marks and invisible "
                    "characters)", record.path + ("label", lang))


def _normalise_themes(st: MapState, path: KeyPath) -> None:
    """Turn ``themes: [公众参与]`` items into ``{theme: 公众参与}`` records."""
    doc = st.doc
    themes = V.get(doc, path + ("themes",))
    if themes is None:
        return
    if not isinstance(themes, list):
        raise doc.error("`themes` is a list", path + ("themes",))
    for i, item in enumerate(themes):
        if isinstance(item, str):
            themes[i] = {"theme": item}
            where = doc.locations.get(path + ("themes", i))
            if where is not None:
                doc.locations[path + ("themes", i, "theme")] = where

