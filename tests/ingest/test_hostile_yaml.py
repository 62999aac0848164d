"""Hostile templates: YAML bombs, recursive aliases, deep nesting and huge files.

Each is refused with a located :class:`~netgov_kg.errors.InputError` (never a RecursionError,
never a long run), before the data is built.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from netgov_kg.errors import InputError
from netgov_kg.ingest.csv_reader import read_csv, read_csv_text
from netgov_kg.ingest.limits import MAX_DEPTH, MAX_TEMPLATE_BYTES
from netgov_kg.ingest.yaml_reader import check_size, read_text, read_yaml, read_yaml_text


def billion_laughs(levels: int = 9) -> str:
    """The classic bomb: each level lists the previous one nine times (10**9 leaves)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_first_anchor():
    text = billion_laughs()
    assert len(text.encode()) < 1024  # a bomb of well under a kilobyte
    with pytest.raises(InputError, match="anchors and aliases") as err:
        read_yaml_text(text, "bomb.yaml")
    assert (err.value.location.source, err.value.location.line) == ("bomb.yaml", 1)


def test_a_single_alias_is_refused_with_its_line():
    with pytest.raises(InputError, match="anchors and aliases") as err:
        read_yaml_text("cases:\n  - id: x\n    label: *name\n", "alias.yaml")
    assert (err.value.location.line, err.value.location.column) == (3, 12)


def test_an_anchor_alone_is_refused():
    with pytest.raises(InputError, match="anchors and aliases") as err:
        read_yaml_text("source: &s {id: x}\n", "anchor.yaml")
    assert err.value.location.line == 1


def test_recursive_alias_is_refused_not_a_recursion_error():
    with pytest.raises(InputError, match="anchors and aliases"):
        read_yaml_text("a: &a [*a]\n", "loop.yaml")


@pytest.mark.parametrize("text", [
    "[" * 10_000 + "]" * 10_000,
    "{a: " * 10_000 + "x" + "}" * 10_000,
    "- " * 10_000 + "x\n",
], ids=["flow-lists", "flow-maps", "block-lists"])
def test_ten_thousand_deep_nesting_is_refused(text):
    with pytest.raises(InputError, match=f"deeper than {MAX_DEPTH} levels") as err:
        read_yaml_text(text, "deep.yaml")
    assert err.value.location.line is not None


def test_nesting_at_the_limit_is_read():
    depth = MAX_DEPTH
    doc = read_yaml_text("[" * depth + "x" + "]" * depth, "ok.yaml")
    node = doc.data
    for _ in range(depth):
        node = node[0]
    assert node == "x"
    with pytest.raises(InputError, match="deeper than"):
        read_yaml_text("[" * (depth + 1) + "x" + "]" * (depth + 1), "deep.yaml")


def test_size_limit_both_sides(tmp_path):
    at = tmp_path / "at.yaml"
    at.write_bytes(b"a: 1\n" + b"\n" * (MAX_TEMPLATE_BYTES - 5))
    assert len(read_text(at)) == MAX_TEMPLATE_BYTES
    over = tmp_path / "over.yaml"
    over.write_bytes(b"a: 1\n" + b"\n" * (MAX_TEMPLATE_BYTES - 4))
    with pytest.raises(InputError, match="larger than 4 MiB") as err:
        read_yaml(over)
    assert err.value.location.source == str(over)
    with pytest.raises(InputError, match="larger than 4 MiB"):
        read_yaml_text(over.read_text(), "over.yaml")


def test_size_limit_counts_bytes_not_characters():
    check_size("x" * MAX_TEMPLATE_BYTES, "ascii.yaml")
    with pytest.raises(InputError, match="larger than"):
        check_size("成" * (MAX_TEMPLATE_BYTES // 3 + 1), "chinese.yaml")


def test_csv_size_limit_both_sides(tmp_path):
    header = "record,case\n"
    at = header + "\n" * (MAX_TEMPLATE_BYTES - len(header))
    assert read_csv_text(at, "at.csv").data == {}
    path = tmp_path / "over.csv"
    path.write_text(at + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="larger than 4 MiB"):
        read_csv(path)
    with pytest.raises(InputError, match="larger than 4 MiB"):
        read_csv_text(at + "\n", "over.csv")


@pytest.mark.slow
def test_cli_refuses_a_bomb_with_exit_status_2(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "netgov_kg.cli", "add", str(bomb), "--into",
         str(tmp_path / "extra.ttl"), "--dry-run"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"netgov-kg: error: {bomb}, line 1, column 5: YAML anchors and aliases" in done.stderr
