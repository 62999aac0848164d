"""The CSV tables keep every type of a resource (issue 12: one type per row lost 微博)."""

from __future__ import annotations

import csv
import io

import pytest

from netgov_kg.tables import SEPARATOR, tables_csv

NG = "https://w3id.org/netgov-kg/ontology#"
NGR = "https://w3id.org/netgov-kg/id/"


@pytest.fixture(scope="module")
def platforms(kg):
    return {
        r["id"]: r for r in csv.DictReader(io.StringIO(tables_csv(kg.dataset)["platforms.csv"]))
    }


def test_platform_table_keeps_every_type(platforms):
    yinchuan = platforms[NGR + "platform/wenzheng-yinchuan"]
    assert yinchuan["label_zh"] == "问政银川"
    assert {NG + "AccountMatrix", NG + "WeiboAccount"} <= set(yinchuan["type"].split(SEPARATOR))


def test_type_column_follows_the_labels(platforms):
    first = next(iter(platforms.values()))
    assert list(first)[:4] == ["id", "label_zh", "label_en", "type"]
    assert all(row["type"] for row in platforms.values())  # every platform has a type
