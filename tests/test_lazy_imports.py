"""`import netgov_kg` stays light: no pandas, pyshacl, networkx or server stack until needed."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = [
    "pandas",
    "pyshacl",
    "networkx",
    "matplotlib",
    "starlette",
    "uvicorn",
    "httpx",
    "netgov_kg.server",
    "netgov_kg.network",
    "netgov_kg.validation",
    "owlrl",
    "rich",
]  # the same list as benchmarks/lazy_imports.py reports on


def imported_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(h for h in {HEAVY!r} "
        "if any(m == h or m.startswith(h + '.') for m in sys.modules))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_alone_is_light():
    assert imported_after("import netgov_kg") == []


def test_load_and_query_stay_light():
    assert imported_after("import netgov_kg\nkg = netgov_kg.load()\nkg.run('cases')") == []


def test_dataframe_imports_pandas_only_when_asked():
    code = "import netgov_kg\nnetgov_kg.load().run('cases').to_dataframe()"
    assert imported_after(code) == ["pandas"]


def test_top_level_results_and_errors_stay_light():
    code = "import netgov_kg\nnetgov_kg.Results, netgov_kg.Row, netgov_kg.InputError"
    assert imported_after(code) == []


def test_top_level_report_imports_the_validation_package_but_not_pyshacl():
    assert imported_after("import netgov_kg\nnetgov_kg.Report") == ["netgov_kg.validation"]


def test_import_alone_does_not_import_rdflib():
    probe = (
        "import sys, netgov_kg\n"
        "print(sorted(m for m in ('rdflib', 'oxrdflib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]"]


def test_the_names_imported_on_first_use_are_the_real_ones():
    import netgov_kg
    from netgov_kg.graph import KnowledgeGraph, load
    from netgov_kg.namespaces import NG

    assert (netgov_kg.load, netgov_kg.KnowledgeGraph, netgov_kg.NG) == (load, KnowledgeGraph, NG)
