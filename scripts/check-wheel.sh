#!/usr/bin/env bash
# Build the wheel, install it into a clean venv outside the repository, load the full graph.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/python -m build --wheel --outdir "$out/dist" . >/dev/null
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
pages = pathlib.Path(netgov_kg.__file__).parent / "server" / "templates"
assert all((pages / f).is_file() for f in ("base.html", "resource.html", "query.js")), pages
from netgov_kg.gazetteer import resolve_place
assert resolve_place("510131").path() == "四川省 › 成都市 › 蒲江县"
assert len(netgov_kg.load(gazetteer=True)) > n + 50000
print(f"wheel: loaded {n} triples and {cases} cases from {netgov_kg.resources.data_root()}")
PY
