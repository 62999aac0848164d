"""The vendored JavaScript and CSS match their manifests: checksums, versions, licences (offline).

``scripts/vendor_web.py`` writes the files and the manifests; these tests read only the repo.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOTS = [REPO / "netgov_kg" / "server" / "static" / "vendor", REPO / "tests" / "server" / "vendor"]
SPDX = re.compile(r"^\(?[A-Za-z0-9.+-]+( (AND|OR) [A-Za-z0-9.+-]+)*\)?$")


def _entries():
    for root in ROOTS:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["packages"]:
            yield pytest.param(root, entry, id=entry["name"])


@functools.cache
def _vendor_script():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("vendor_web", REPO / "scripts" / "vendor_web.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("root", "entry"), list(_entries()))
def test_every_file_matches_its_checksum(root, entry):
    assert entry["files"]
    for f in entry["files"]:
        path = root / f["path"]
        assert path.is_file(), f"{entry['name']}: {f['path']} is missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == f["sha256"], f["path"]


@pytest.mark.parametrize(("root", "entry"), list(_entries()))
def test_every_package_has_a_licence(root, entry):
    listed = {f["path"] for f in entry["files"]}
    for e in [entry, *entry["bundled"]]:
        assert SPDX.match(e["licence"] or ""), f"{e['name']}: no SPDX licence"
        for lic in e["licence_files"]:
            assert lic in listed and (root / lic).stat().st_size > 100
        if e["licence_source"] == "LICENSE file":
            assert e["licence_files"], e["name"]
            text = (root / e["licence_files"][0]).read_text(encoding="utf-8", errors="replace")
            found = _vendor_script().licence_of_text(text)
            assert found and found in e["licence"], (e["name"], found, e["licence"])
        else:  # recorded from package.json only: the package ships no licence text
            assert not e["licence_files"] or _vendor_script().licence_of_text(
                (root / e["licence_files"][0]).read_text(encoding="utf-8", errors="replace")
            ) is None


def test_no_unlisted_files_in_the_vendor_folders():
    for root in ROOTS:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        listed = {f["path"] for e in manifest["packages"] for f in e["files"]}
        present = {p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() and p.name != "manifest.json"}
        assert present == listed


def test_the_manifest_pins_what_the_script_lists():
    packages = _vendor_script().PACKAGES
    found = {}
    for root in ROOTS:
        for e in json.loads((root / "manifest.json").read_text(encoding="utf-8"))["packages"]:
            found[e["name"]] = (e["version"], e["test_only"], root == ROOTS[1])
    assert found == {p.name: (p.version, p.test_only, p.test_only) for p in packages}


def test_licence_of_text_tells_the_common_licences_apart():
    script = _vendor_script()
    mit = "Permission is hereby granted, free of charge, to any person obtaining a copy"
    bsd3 = ("Redistributions in binary form must reproduce ...\n * Neither the name of the X "
            "Company nor the\n names of its contributors may be used")
    assert script.licence_of_text(mit) == "MIT"
    assert script.licence_of_text(bsd3) == "BSD-3-Clause"
    assert script.licence_of_text("Mozilla Public License Version 2.0\n") == "MPL-2.0"
    assert script.licence_of_text("All rights reserved.") is None
