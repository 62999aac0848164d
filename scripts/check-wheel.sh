#!/usr/bin/env bash
# Build the wheel, check that it ships exactly the data files it should, install it into a
# clean venv outside the repository and load the full graph.
#
# The wheel is built from a copy of the tracked files with strays planted in data/ (a draft
# extra.ttl that an old `netgov-kg add` left, a notes file), so the check does not depend on
# what happens to lie in this checkout: the wheel must hold only the shipped ontology, data
# and shapes Turtle files and the two templates.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
src="$out/src"
mkdir -p "$src"
git ls-files -z | xargs -0 cp --parents -t "$src"
printf '# a draft left by netgov-kg add before 0.2.0\n' > "$src/data/extra.ttl"
printf 'not data\n' > "$src/data/notes.txt"
printf 'not data either\n' > "$src/data/gazetteer/notes.txt"
.venv/bin/python -m build --wheel --outdir "$out/dist" "$src" >/dev/null
# What the wheel must ship under netgov_kg/_data/: the tracked files, drafts left out.
git ls-files 'ontology/*.ttl' 'data/*.ttl' 'data/gazetteer/*.ttl.gz' 'shapes/*.ttl' \
  templates/case-template.yaml \
  templates/case-template.csv | grep -v '^data/extra\.ttl$' > "$out/expected"
python3 - "$out/expected" "$out"/dist/*.whl <<'PY'
import sys
import zipfile

expected = {f"netgov_kg/_data/{line.strip()}" for line in open(sys.argv[1]) if line.strip()}
names = zipfile.ZipFile(sys.argv[2]).namelist()
shipped = {n for n in names if n.startswith("netgov_kg/_data/")}
assert shipped == expected, (
    f"the wheel's data files differ: extra {sorted(shipped - expected)}, "
    f"missing {sorted(expected - shipped)}")
print(f"wheel: {len(shipped)} data files, no draft or stray file")
PY
python3 -m venv "$out/venv"
"$out/venv/bin/python" -m pip install -q "$out"/dist/*.whl
cd "$out"
"$out/venv/bin/python" - <<'PY'
import pathlib

import netgov_kg
kg = netgov_kg.load()
n = len(kg)
cases = len(list(kg.query("SELECT ?c WHERE { ?c a ng:Case }")))
assert "_data" in netgov_kg.resources.data_root().parts, netgov_kg.resources.data_root()
assert cases == 10, cases
server = pathlib.Path(netgov_kg.__file__).parent / "server"
wanted = ("templates/base.html", "templates/resource.html", "templates/cases.html",
          "static/query.js", "static/page.css", "static/vendor/manifest.json")
missing = [f for f in wanted if not (server / f).is_file()]
assert not missing, missing
import json
manifest = json.loads((server / "static/vendor/manifest.json").read_text())
print("wheel: vendored", ", ".join(sorted(p["name"] for p in manifest["packages"])))
from netgov_kg.gazetteer import resolve_place
assert resolve_place("510131").path() == "四川省 › 成都市 › 蒲江县"
assert len(netgov_kg.load(gazetteer=True)) > n + 50000
print(f"wheel: loaded {n} triples and {cases} cases from {netgov_kg.resources.data_root()}")
PY
