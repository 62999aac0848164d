import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov_kg.ingest.atomic import atomic_write


def test_new_file_gets_umask_mode(tmp_path):
    target = tmp_path / "new.ttl"
    atomic_write(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert (target.stat().st_mode & 0o777) == (0o666 & ~umask)


def test_mode_of_existing_file_is_kept(tmp_path):
    target = tmp_path / "old.ttl"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_check_leaves_file(tmp_path):
    target = tmp_path / "t.ttl"
    target.write_bytes(b"keep me\n")

    def check(new):
        raise ValueError("no")

    with pytest.raises(ValueError):
        atomic_write(target, b"other", check=check)
    assert target.read_bytes() == b"keep me\n"
    assert os.listdir(tmp_path) == ["t.ttl"]


def test_failed_rename_leaves_file(tmp_path, monkeypatch):
    target = tmp_path / "t.ttl"
    target.write_bytes(b"keep me\n")

    def boom(src, dst):
        raise OSError("rename failed")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"other")
    assert target.read_bytes() == b"keep me\n"
    assert os.listdir(tmp_path) == ["t.ttl"]


@settings(max_examples=30)
@given(st.binary(max_size=200), st.binary(max_size=200), st.booleans())
def test_either_all_new_or_all_old(tmp_path_factory, old, new, fail):
    target = tmp_path_factory.mktemp("a") / "f"
    target.write_bytes(old)

    def content(current):
        assert current == old
        if fail:
            raise RuntimeError("fail")
        return new

    if fail:
        with pytest.raises(RuntimeError):
            atomic_write(target, content)
    else:
        atomic_write(target, content)
    assert target.read_bytes() == (old if fail else new)
