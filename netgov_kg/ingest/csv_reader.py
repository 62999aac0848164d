r"""Read a CSV template (one row per record) into the same shape as the YAML template.

A spreadsheet is easier with fixed columns, so the CSV template has one header row with the
columns of :data:`COLUMNS`, and one row per *record*: the source, a case, one of its themes,
organisations, platforms, experts, posts, endorsements, figures, goals or extra names. The
``record`` column says which; :data:`RECORDS` lists the columns each record uses. A cell
filled in a column its record does not use is an error (a cell in the wrong column), reported
with the row's line, the column's number and the column's name.

Examples
--------
>>> doc = read_csv_text(
...     "record,case,id,label_zh,label_en,code\n"
...     "case,demo,,示例,Example,330523\n"
...     "theme,demo,,智慧党建,,\n", "t.csv")
>>> doc.data["cases"][0]["place"], doc.data["cases"][0]["themes"]
('330523', [{'theme': '智慧党建'}])
>>> str(doc.location(("cases", 0, "themes", 0, "theme")))
"t.csv, line 3, column 4, field 'label_zh'"
>>> read_csv_text("record,case,id,url\ntheme,demo,,https://example.org\n", "t.csv")
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.errors.InputError: t.csv, line 2, column 4, field 'url': cell in the wrong column: ...
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import InputError, Location
from .located import LocatedDocument
from .located import Path as KeyPath
from .yaml_reader import check_size, read_text

#: The columns of the CSV template, in order.
COLUMNS: tuple[str, ...] = (
    "record", "case", "id", "type", "of", "ref", "label_zh", "label_en", "code", "date",
    "value", "unit_zh", "unit_en", "qualifier_zh", "qualifier_en", "period_start", "period_end",
    "text_zh", "text_en", "url", "existing", "source_text", "evidence_quote", "evidence_start",
    "evidence_end", "evidence_prefix", "evidence_suffix", "review",
)

#: Columns every record but ``alt_label`` may fill: its evidence and a note for review.
EVIDENCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "evidence_quote": ("evidence", "quote"), "evidence_start": ("evidence", "start"),
    "evidence_end": ("evidence", "end"), "evidence_prefix": ("evidence", "prefix"),
    "evidence_suffix": ("evidence", "suffix"), "review": ("review",),
}

#: For each record: column -> where its value goes in the record's YAML mapping.
RECORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "source": {"id": ("id",), "label_zh": ("label", "zh"), "label_en": ("label", "en"),
               "text_zh": ("title", "zh"), "text_en": ("title", "en"), "ref": ("publisher",),
               "date": ("date",), "url": ("url",), "source_text": ("text",)},
    "case": {"case": ("id",), "existing": ("existing",), "label_zh": ("label", "zh"),
             "label_en": ("label", "en"),
             "code": ("place",), "ref": ("place",), "date": ("start_date",),
             "value": ("list_position",), "text_zh": ("description", "zh"),
             "text_en": ("description", "en")},
    "theme": {"case": (), "ref": ("theme",), "label_zh": ("theme",), "label_en": ("theme",),
              "text_zh": ("quote", "zh"), "text_en": ("translation", "en")},
    "alt_label": {"case": (), "of": (), "label_zh": ("zh",), "label_en": ("en",)},
    "organisation": {"case": (), "id": ("id",), "type": ("type",), "label_zh": ("label", "zh"),
                     "label_en": ("label", "en"), "of": ("part_of",), "code": ("place",),
                     "ref": ("place",), "date": ("start_date",)},
    "platform": {"case": (), "id": ("id",), "type": ("type",), "label_zh": ("label", "zh"),
                 "label_en": ("label", "en"), "of": ("part_of",), "ref": ("operated_by",),
                 "date": ("start_date",)},
    "expert": {"case": (), "id": ("id",), "label_zh": ("label", "zh"),
               "label_en": ("label", "en"), "ref": ("affiliations",)},
    "post": {"case": (), "id": ("id",), "of": (), "ref": ("organisation",),
             "label_zh": ("title", "zh"), "label_en": ("title", "en")},
    "endorsement": {"case": (), "id": ("id",), "of": ("expert",), "text_zh": ("text", "zh"),
                    "text_en": ("translation", "en")},
    "figure": {"case": (), "id": ("id",), "of": ("about",), "label_zh": ("measure", "zh"),
               "label_en": ("measure", "en"), "value": ("value",), "unit_zh": ("unit", "zh"),
               "unit_en": ("unit", "en"), "qualifier_zh": ("qualifier", "zh"),
               "qualifier_en": ("qualifier", "en"), "period_start": ("period_start",),
               "period_end": ("period_end",), "text_zh": ("time_note", "zh"),
               "text_en": ("time_note", "en")},
    "goal": {"case": (), "id": ("id",), "of": ("about",), "label_zh": ("label", "zh"),
             "label_en": ("label", "en"), "date": ("target_date",), "text_zh": ("quote", "zh"),
             "text_en": ("translation", "en")},
}

for _name, _columns in RECORDS.items():
    if _name != "alt_label":
        _columns.update(EVIDENCE_COLUMNS)

#: Which list of the case each record goes into.
_LISTS = {"organisation": "organisations", "platform": "platforms", "endorsement": "endorsements",
          "figure": "figures", "goal": "goals"}


def read_csv(path: Path) -> LocatedDocument:
    """Read a CSV template file (UTF-8, a byte-order mark allowed).

    Raises
    ------
    netgov_kg.errors.InputError
        If the file is missing, is not UTF-8, lacks the ``record`` column, names an unknown
        column or record, or has a cell in a column its record does not use.
    """
    return read_csv_text(read_text(path), str(path))


def read_csv_text(text: str, source: str = "<string>") -> LocatedDocument:
    """Parse CSV template ``text``; see the module documentation.

    Raises
    ------
    netgov_kg.errors.InputError
        As :func:`read_csv` does, and for a text larger than
        :data:`~netgov_kg.ingest.limits.MAX_TEMPLATE_BYTES`.
    """
    check_size(text, source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty: it needs a header row", Location(source, 1)) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", Location(source, 1)) from exc
    header = [h.strip() for h in header]
    for i, name in enumerate(header):
        if name not in COLUMNS:
            raise InputError(
                f"unknown column {name!r} (the columns are {', '.join(COLUMNS)})",
                Location(source, 1, i + 1, name or None),
            )
        if name in header[:i]:
            raise InputError(f"column {name!r} appears twice", Location(source, 1, i + 1, name))
    if "record" not in header:
        raise InputError("the header has no 'record' column", Location(source, 1))
    builder = _Builder(source)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", Location(source, start)) from exc
        line = reader.line_num
        if not any(cell.strip() for cell in row) or row[header.index("record")].strip(
                ).startswith("#"):
            continue  # an empty row, or a comment row (its record cell starts with #)
        if len(row) > len(header):
            raise InputError(
                f"this row has {len(row)} cells but the header has {len(header)} columns",
                Location(source, start, len(header) + 1),
            )
        builder.add(start, {h: (i, row[i].strip()) for i, h in enumerate(header) if i < len(row)})
    return builder.document()


class _Builder:
    """Collect rows into the YAML-shaped template, remembering each cell's location."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.data: dict[str, Any] = {}
        self.locations: dict[KeyPath, Location] = {}
        self.cases: dict[str, int] = {}
        self.experts: dict[tuple[str, str], dict[str, Any]] = {}
        self.pending: list[tuple[int, dict[str, tuple[int, str]]]] = []

    def loc(self, line: int, cells: dict[str, tuple[int, str]], column: str | None) -> Location:
        if column is None:
            return Location(self.source, line, None, "record")
        return Location(self.source, line, cells[column][0] + 1, column)

    def add(self, line: int, cells: dict[str, tuple[int, str]]) -> None:
        kind = cells.get("record", (0, ""))[1]
        if kind not in RECORDS:
            raise InputError(
                f"unknown record {kind!r} (use one of {', '.join(RECORDS)})",
                self.loc(line, cells, "record"),
            )
        used = RECORDS[kind]
        for column, (_, value) in cells.items():
            if value and column != "record" and column not in used:
                raise InputError(
                    f"cell in the wrong column: a {kind!r} row does not use column {column!r} "
                    f"(it uses {', '.join(c for c in COLUMNS if c in used)})",
                    self.loc(line, cells, column),
                )
        if kind == "source":
            self._fill(("source",), line, cells, used)
        elif kind == "case":
            case_id = cells.get("case", (0, ""))[1]
            if not case_id:
                raise InputError("a 'case' row needs the case's id in column 'case'",
                                 Location(self.source, line, None, "case"))
            if case_id in self.cases:
                raise InputError(f"duplicate case: {case_id!r} has two 'case' rows",
                                 self.loc(line, cells, "case"))
            index = len(self.cases)
            self.cases[case_id] = index
            self.data.setdefault("cases", []).append({})
            if cells.get("existing", (0, ""))[1]:  # a case of the graph: `case` is a local key
                used = {k: v for k, v in used.items() if k != "case"}
            self._fill(("cases", index), line, cells, used)
        else:
            self.pending.append((line, cells))

    def _fill(self, base: KeyPath, line: int, cells: dict[str, tuple[int, str]],
              used: dict[str, tuple[str, ...]]) -> dict[str, Any]:
        target = self._node(base)
        self.locations[base] = self.loc(line, cells, None)
        for column, sub in used.items():
            value = cells.get(column, (0, ""))[1]
            if not value or not sub:
                continue
            node = target
            for key in sub[:-1]:
                node = node.setdefault(key, {})
            node[sub[-1]] = value
            self.locations[base + sub] = self.loc(line, cells, column)
        return target

    def _node(self, path: KeyPath) -> dict[str, Any]:
        node: Any = self.data
        for key in path:
            if isinstance(key, int):
                node = node[key]
            else:
                node = node.setdefault(key, {})
        return node

    def _case(self, line: int, cells: dict[str, tuple[int, str]]) -> KeyPath | None:
        case_id = cells.get("case", (0, ""))[1]
        if not case_id:
            return None
        if case_id not in self.cases:
            raise InputError(f"no 'case' row for case {case_id!r}", self.loc(line, cells, "case"))
        return ("cases", self.cases[case_id])

    def document(self) -> LocatedDocument:
        """Attach the collected rows: experts and their posts, then the rest, then names."""
        phases = ("expert", "post", None, "alt_label")
        for phase in phases:
            for line, cells in self.pending:
                kind = cells["record"][1]
                if kind == phase or (phase is None and kind not in phases):
                    self._attach(kind, line, cells)
        return LocatedDocument(self.source, self.data, self.locations)

    def _attach(self, kind: str, line: int, cells: dict[str, tuple[int, str]]) -> None:
        used = RECORDS[kind]
        base = self._case(line, cells)
        if base is None and kind != "organisation":
            raise InputError(f"a {kind!r} row needs the case's id in column 'case'",
                             Location(self.source, line, None, "case"))
        if kind == "expert":
            expert_id = cells.get("id", (0, ""))[1]
            if not expert_id:
                raise InputError("an 'expert' row needs an id",
                                 Location(self.source, line, None, "id"))
            self.experts[(str(base), expert_id)] = {"row": (line, cells), "posts": []}
        elif kind == "post":
            expert_id = cells.get("of", (0, ""))[1]
            expert = self.experts.get((str(base), expert_id))
            if expert is None:
                raise InputError(f"no 'expert' row with id {expert_id!r} in this case for this "
                                 "post", self.loc(line, cells, "of") if expert_id
                                 else Location(self.source, line, None, "of"))
            expert["posts"].append((line, cells))
        elif kind == "theme":
            filled = [c for c in ("ref", "label_zh", "label_en") if cells.get(c, (0, ""))[1]]
            if len(filled) > 1:
                raise InputError("a 'theme' row names its theme once: in ref, label_zh or "
                                 "label_en", self.loc(line, cells, filled[1]))
            themes = self._node(base).setdefault("themes", [])
            path = base + ("themes", len(themes))
            themes.append({})
            self._fill(path, line, cells, used)
        elif kind == "alt_label":
            self._alt_label(base, line, cells)
        else:
            owner = base if base is not None else ()
            key = _LISTS[kind]
            items = self._node(owner).setdefault(key, [])
            path = owner + (key, len(items))
            items.append({})
            if kind == "endorsement":
                expert_id = cells.get("of", (0, ""))[1]
                self._fill(path, line, cells, {k: v for k, v in used.items() if k != "of"})
                if expert_id:
                    items[-1]["expert"] = self._expert(base, expert_id, path, line, cells)
            else:
                self._fill(path, line, cells, used)

    def _expert(self, base: KeyPath, expert_id: str, path: KeyPath, line: int,
                cells: dict[str, tuple[int, str]]) -> Any:
        expert = self.experts.get((str(base), expert_id))
        if expert is None:  # a reference to an expert already in the graph
            self.locations[path + ("expert",)] = self.loc(line, cells, "of")
            return expert_id
        epath = path + ("expert",)
        eline, ecells = expert["row"]
        out = self._fill(epath, eline, ecells, RECORDS["expert"])
        for i, (pline, pcells) in enumerate(expert["posts"]):
            out.setdefault("posts", []).append({})
            self._fill(epath + ("posts", i), pline, pcells,
                       {k: v for k, v in RECORDS["post"].items() if k != "of"})
        return out

    def _alt_label(self, base: KeyPath, line: int, cells: dict[str, tuple[int, str]]) -> None:
        of = cells.get("of", (0, ""))[1]
        target_path = base
        if of:
            target_path = self._find(base, of, line, cells)
        target = self._node(target_path)
        for column, lang in (("label_zh", "zh"), ("label_en", "en")):
            value = cells.get(column, (0, ""))[1]
            if value:
                items = target.setdefault("alt_labels", {}).setdefault(lang, [])
                self.locations[target_path + ("alt_labels", lang, len(items))] = self.loc(
                    line, cells, column)
                items.append(value)

    def _find(self, base: KeyPath, of: str, line: int,
              cells: dict[str, tuple[int, str]]) -> KeyPath:
        case = self._node(base)
        for key in ("organisations", "platforms"):
            for i, item in enumerate(case.get(key, [])):
                if item.get("id") == of:
                    return base + (key, i)
        for i, item in enumerate(self.data.get("organisations", [])):
            if item.get("id") == of:
                return ("organisations", i)
        raise InputError(f"no organisation or platform with id {of!r} in this case (alt_label "
                         "rows come after the rows they name)", self.loc(line, cells, "of"))
