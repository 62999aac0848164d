"""The tutorial notebooks: built from their sources, executable, and committed up to date.

Each notebook in ``notebooks/`` is generated from ``notebooks/src/<name>.py`` by
``notebooks/_build.py``, which also executes it and writes it with its outputs. Here we check
that the committed notebook holds exactly the source's cells, execute it again in a kernel that
runs this interpreter, fail on any error, and compare the fresh outputs (normalised: addresses,
timings, ports, temporary paths and image bytes are ignored) with the committed ones. When a
check fails, rebuild with ``python notebooks/_build.py NAME`` and commit the result.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
EXPECTED = [
    "01-quickstart",
    "02-sparql-cookbook",
    "03-network-analysis",
    "04-validate-and-extend",
    "05-linked-data",
    "06-article-to-case",
]


def _load_builder():
    spec = importlib.util.spec_from_file_location("netgov_notebooks_build", NOTEBOOKS / "_build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


build = _load_builder()


def test_every_notebook_of_the_issue_has_a_source_and_a_committed_notebook():
    assert [s.stem for s in build.sources()] == EXPECTED
    for name in EXPECTED:
        assert (NOTEBOOKS / f"{name}.ipynb").is_file(), f"{name}.ipynb is not committed"


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_notebook_is_built_from_its_source(name):
    committed = build.read(NOTEBOOKS / f"{name}.ipynb")
    mismatch = build.source_mismatch(NOTEBOOKS / "src" / f"{name}.py", committed)
    assert not mismatch, f"{name}.ipynb is stale; run python notebooks/_build.py {name}\n{mismatch}"


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_notebook_has_outputs_and_opens_with_its_question(name):
    nb = build.read(NOTEBOOKS / f"{name}.ipynb")
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "question" in first.source.lower() or "问题" in first.source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), f"{name}.ipynb was not executed"
    assert not any(o.output_type == "error" for c in code for o in c.outputs)


def test_markdown_cells_are_parsed_and_text_before_a_marker_is_refused(tmp_path):
    good = tmp_path / "good.py"
    good.write_text("# %% [markdown]\n# # Title\n#\n# prose\n\n# %%\nx = 1\n", encoding="utf-8")
    cells = build.parse_source(good)
    assert [(c.kind, c.source) for c in cells] == [
        ("markdown", "# Title\n\nprose"),
        ("code", "x = 1"),
    ]
    bad = tmp_path / "bad.py"
    bad.write_text("x = 1\n# %%\ny = 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.py:1: text before"):
        build.parse_source(bad)


def test_normalisation_ignores_volatile_text_but_not_results():
    a = "<Results at 0x7f3a9c0b1d60> served on 127.0.0.1:40123 in 0.52 s"
    b = "<Results at 0x7f00000000aa> served on 127.0.0.1:8000 in 1.7 s"
    assert build.normalise_text(a) == build.normalise_text(b)
    assert build.normalise_text("10 cases") != build.normalise_text("11 cases")
    # rdflib's blank-node ids differ on every parse
    assert build.normalise_text("ne36d81af70fe4b3fae0c1b3df857c0bfb10") == build.normalise_text(
        "naee5dbe0cd5642acb9824a742e601cfbb10"
    )


def _one_cell_notebook(*outputs):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output(**o) for o in outputs]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), cell]
    return nb


def test_compare_ignores_images_and_stderr_but_names_a_changed_result():
    png = {"output_type": "display_data", "data": {"image/png": "AAAA", "text/plain": "<Figure>"}}
    committed = _one_cell_notebook(
        {"output_type": "stream", "name": "stdout", "text": "10 cases at 0x7f3a9c0b1d60\n"},
        png,
    )
    same = _one_cell_notebook(
        {"output_type": "stream", "name": "stdout", "text": "10 cases at 0x7f00000000aa\n"},
        {"output_type": "stream", "name": "stderr", "text": "a warning\n"},
        {**png, "data": {"image/png": "BBBB", "text/plain": "<Figure>"}},
    )
    changed = _one_cell_notebook(
        {"output_type": "stream", "name": "stdout", "text": "11 cases at 0x7f3a9c0b1d60\n"},
        png,
    )
    assert build.compare(committed, same) == ""
    split = _one_cell_notebook(  # the same text in two chunks, as a busy kernel may send it
        {"output_type": "stream", "name": "stdout", "text": "10 cases "},
        {"output_type": "stream", "name": "stderr", "text": "a warning\n"},
        {"output_type": "stream", "name": "stdout", "text": "at 0x7f3a9c0b1d60\n"},
        png,
    )
    assert build.compare(committed, split) == ""
    diff = build.compare(committed, changed)
    assert "cell 1" in diff and "10 cases" in diff and "11 cases" in diff
    assert build.compare(committed, _one_cell_notebook()) != ""  # a lost image counts


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_executes_and_its_committed_outputs_are_current(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    committed = build.read(path)
    fresh = build.build_notebook(NOTEBOOKS / "src" / f"{name}.py")
    build.execute(fresh, timeout=300)  # raises CellExecutionError on any error
    assert not build.glyph_warnings(fresh), "a plot lacks glyphs for its (Chinese) labels"
    diff = build.compare(committed, fresh)
    rebuild = f"run python notebooks/_build.py {name}"
    assert not diff, f"outputs of {name}.ipynb are stale; {rebuild}\n{diff}"


def test_cookbook_has_at_least_fifteen_recipes_each_with_its_answer():
    nb = build.read(NOTEBOOKS / "02-sparql-cookbook.ipynb")
    recipes = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and "### Recipe" in cell.source:
            recipes += 1
            answer = next(c for c in nb.cells[i + 1 :] if c.cell_type == "code")
            assert answer.outputs, f"recipe without an answer: {cell.source.splitlines()[0]}"
    assert recipes >= 15


@pytest.mark.parametrize(
    ("name", "charts"),
    [("01-quickstart", 1), ("02-sparql-cookbook", 1), ("03-network-analysis", 3)],
)
def test_charts_are_committed_as_images(name, charts):
    nb = build.read(NOTEBOOKS / f"{name}.ipynb")
    images = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    assert len(images) >= charts
