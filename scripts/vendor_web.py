#!/usr/bin/env python3
"""Vendor the web pages' JavaScript and CSS from npm at pinned versions, with their licences.

Usage: ``python scripts/vendor_web.py`` (needs ``npm`` and the npm registry; run it when a
version in :data:`PACKAGES` changes, then commit the result). It

1. installs every package of :data:`PACKAGES` at its exact version into a temporary folder
   (``npm install --ignore-scripts``: no package's install script runs);
2. copies only the listed dist files into ``<root>/<dest>/``, with the package's own LICENSE
   file, and the LICENSE files of the packages a bundle carries inside it (its production
   dependencies, under ``<dest>/licenses/``);
3. writes ``<root>/manifest.json``: for each package its name, version, licence (an SPDX
   identifier read from the LICENSE file, with the one ``package.json`` declares), and every
   file with its sha256.

Two roots: the server's ``netgov_kg/server/static/vendor/`` (served by ``netgov-kg serve``
under ``/static/vendor/``) and ``tests/server/vendor/`` for packages only the tests use
(axe-core, injected into pages by the browser tests; not shipped in the wheel).
``tests/server/test_vendor.py`` checks the manifests against the files, offline.

Adding a package is one line in :data:`PACKAGES`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Where packages the app serves go, and where test-only packages go.
SERVED = REPO / "netgov_kg" / "server" / "static" / "vendor"
TEST_ONLY = REPO / "tests" / "server" / "vendor"


@dataclass(frozen=True)
class Package:
    """One npm package: exact version, the folder it goes to, the files to copy from it.

    ``bundles`` says the dist files carry the package's production dependencies inside them
    (their licences are copied too); ``test_only`` puts it under :data:`TEST_ONLY`.
    """

    name: str
    version: str
    dest: str
    files: tuple[str, ...]
    bundles: bool = False
    test_only: bool = False


PACKAGES = (
    Package("@zazuko/yasgui", "4.6.2", "yasgui",
            ("build/yasgui.min.js", "build/yasgui.min.css"), bundles=True),
    Package("cytoscape", "3.35.0", "cytoscape", ("dist/cytoscape.min.js",)),
    Package("axe-core", "4.14.1", "axe-core", ("axe.min.js",), test_only=True),
)

#: Phrases that identify a licence text, checked in order (the first match wins).
_LICENCE_TEXTS = (
    ("MPL-2.0", r"Mozilla Public License,? [Vv]ersion 2\.0"),
    ("Apache-2.0", r"Apache License,?\s+Version 2\.0"),
    ("ISC", r"Permission to use, copy, modify, and(/or)? distribute this software for any"),
    ("BSD-3-Clause", r"Neither the name of[\s\S]{0,120}?nor the\s+names of\s+(its|their)\s+"
                     r"contributors"),
    ("BSD-2-Clause", r"Redistributions in binary form must reproduce"),
    ("MIT", r"Permission is hereby granted, free of charge"),
)
_LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING)([-_.][\w-]+)*$", re.IGNORECASE)
_CODE = (".js", ".mjs", ".cjs", ".ts", ".json")


def licence_of_text(text: str) -> str | None:
    """Return the SPDX identifier of a licence text, or None if it is not recognised.

    A file holding more than one licence (dual licensing) gives the first one found in
    :data:`_LICENCE_TEXTS`; the manifest also keeps what ``package.json`` declares.

    Examples
    --------
    >>> licence_of_text("MIT License ... Permission is hereby granted, free of charge, to")
    'MIT'
    >>> licence_of_text("hello") is None
    True
    """
    for spdx, pattern in _LICENCE_TEXTS:
        if re.search(pattern, text):
            return spdx
    return None


def sha256(path: Path) -> str:
    """Return the hex sha256 of the file at ``path``."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _licence_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _LICENCE_FILE.match(p.name)
                  and not p.name.endswith(_CODE))


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _declared(meta: dict) -> str:
    value = meta.get("license", "")
    return value.get("type", "") if isinstance(value, dict) else str(value)


def _dependency_closure(modules: Path, name: str) -> list[Path]:
    """Return the folders of the production dependencies of ``name``, recursively."""
    seen: dict[str, Path] = {}
    todo = [name]
    while todo:
        meta = _read_json(modules / todo.pop() / "package.json")
        for dep in sorted(meta.get("dependencies", {})):
            if dep not in seen and (modules / dep / "package.json").is_file():
                seen[dep] = modules / dep
                todo.append(dep)
    return [seen[k] for k in sorted(seen)]


def _licence_entry(folder: Path, out: Path, rel_to: Path, stem: str) -> dict:
    """Copy the licence files of the package in ``folder`` to ``out``; describe them."""
    meta = _read_json(folder / "package.json")
    entry = {"name": meta["name"], "version": meta["version"], "declared": _declared(meta),
             "licence": None, "licence_files": []}
    for src in _licence_files(folder):
        target = out / (f"{stem}-{src.name}" if stem else src.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        entry["licence_files"].append(target.relative_to(rel_to).as_posix())
        if entry["licence"] is None:
            entry["licence"] = licence_of_text(src.read_text(encoding="utf-8", errors="replace"))
    found = entry["licence"]
    if found and found in re.findall(r"[\w.+-]+", entry["declared"]):
        entry["licence"] = entry["declared"]  # the file's licence is (part of) the declared one
    if entry["licence"] is None:
        # No LICENSE file in the package (or an unrecognised one): say so, keep the declared.
        entry["licence"] = entry["declared"]
        entry["licence_source"] = "package.json (the npm package has no recognisable LICENSE file)"
    else:
        entry["licence_source"] = "LICENSE file"
    return entry


def vendor(packages: tuple[Package, ...] = PACKAGES, *, npm: str = "npm") -> None:
    """Install ``packages`` with npm into a temporary folder and vendor them (see the module)."""
    with tempfile.TemporaryDirectory(prefix="netgov-vendor-") as tmp:
        work = Path(tmp)
        (work / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        specs = [f"{p.name}@{p.version}" for p in packages]
        subprocess.run(
            [npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--save-exact",
             "--prefix", str(work), *specs],
            check=True,
        )
        modules = work / "node_modules"
        manifests: dict[Path, list[dict]] = {}
        for p in packages:
            root = TEST_ONLY if p.test_only else SERVED
            folder = modules / p.name
            version = _read_json(folder / "package.json")["version"]
            if version != p.version:
                raise SystemExit(f"{p.name}: npm installed {version}, not {p.version}")
            dest = root / p.dest
            if dest.exists():
                shutil.rmtree(dest)
            dest.mkdir(parents=True)
            entry = _licence_entry(folder, dest, root, "")
            entry.update(dest=p.dest, test_only=p.test_only, files=[])
            for rel in p.files:
                target = dest / Path(rel).name
                shutil.copyfile(folder / rel, target)
                entry["files"].append({"path": target.relative_to(root).as_posix(),
                                       "sha256": sha256(target)})
            for lic in entry["licence_files"]:
                entry["files"].append({"path": lic, "sha256": sha256(root / lic)})
            entry["bundled"] = []
            if p.bundles:
                for dep in _dependency_closure(modules, p.name):
                    stem = dep.relative_to(modules).as_posix().replace("/", "__")
                    sub = _licence_entry(dep, dest / "licenses", root, stem)
                    for lic in sub["licence_files"]:
                        entry["files"].append({"path": lic, "sha256": sha256(root / lic)})
                    entry["bundled"].append(sub)
            manifests.setdefault(root, []).append(entry)
        for root, entries in manifests.items():
            text = json.dumps({"packages": entries}, ensure_ascii=False, indent=1) + "\n"
            (root / "manifest.json").write_text(text, encoding="utf-8")
            print(f"wrote {root.relative_to(REPO) / 'manifest.json'}: "
                  + ", ".join(f"{e['name']}@{e['version']} ({e['licence']})" for e in entries))


def main(argv: list[str] | None = None) -> int:
    """Run :func:`vendor` from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm", default="npm", help="the npm command (default: npm)")
    args = parser.parse_args(argv)
    vendor(npm=args.npm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
