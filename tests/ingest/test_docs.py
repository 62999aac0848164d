from pathlib import Path

from netgov_kg.ingest.csv_reader import COLUMNS, RECORDS
from netgov_kg.ingest.schema import COMMON, KINDS, SPECIAL_KEYS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ingest.md").read_text(encoding="utf-8")


def test_every_field_record_and_column_is_documented():
    for kind in KINDS.values():
        if kind.creatable:
            assert f"`{kind.list_name}`" in DOC, kind.list_name
            for field in kind.fields:
                assert f"`{field.name}`" in DOC, (kind.name, field.name)
    for name in [f.name for f in COMMON] + list(SPECIAL_KEYS):
        assert f"`{name}`" in DOC, name
    for record in RECORDS:
        assert f"`{record}`" in DOC, record
    for column in COLUMNS:
        assert column in DOC, column
