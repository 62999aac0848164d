"""Drawings: Chinese labels must render as glyphs, colour by class, size by a measure."""

from __future__ import annotations

import os
import warnings
import xml.etree.ElementTree as ET

import pytest
from matplotlib import font_manager

from netgov_kg.errors import UnknownNameError
from netgov_kg.network import plotting
from netgov_kg.network.centrality import centrality
from netgov_kg.network.plotting import (
    CJKFontWarning,
    find_cjk_font,
    font_has_glyphs,
    layout_positions,
    plot_network,
)
from netgov_kg.network.projections import project

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def cjk_font():
    font = find_cjk_font()
    if font is None:
        if os.environ.get("CI"):
            pytest.fail("no CJK font installed: scripts/setup.sh installs fonts-noto-cjk")
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    return font


def labels_text(G):
    return "".join(d["label_zh"] for _, d in G.nodes(data=True))


@pytest.mark.parametrize("name", ["expert-institution", "case-theme", "place-tree"])
def test_png_with_chinese_labels_has_every_glyph(mini, tmp_path, cjk_font, name):
    G = project(mini, name, lang="zh")
    out = tmp_path / f"{name}.png"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing")
        warnings.simplefilter("error", CJKFontWarning)
        fig = plot_network(G, out)
    assert out.read_bytes()[:8] == PNG_MAGIC
    assert fig.netgov_font == cjk_font
    assert fig.netgov_label_lang == "zh"
    path = font_manager.findfont(
        font_manager.FontProperties(family=fig.netgov_font), fallback_to_default=False
    )
    assert font_has_glyphs(path, labels_text(G))
    drawn = {t.get_text() for t in fig.axes[0].texts}
    assert {"专家一", "某大学"} <= drawn if name == "expert-institution" else drawn


def test_the_glyph_check_catches_a_font_without_chinese(mini, tmp_path, monkeypatch):
    """The warning the test above turns into an error does fire for a Latin-only font."""
    monkeypatch.setattr(plotting, "find_cjk_font", lambda text="": "DejaVu Sans")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing")
        with pytest.raises(UserWarning, match="Glyph .* missing"):
            plot_network(project(mini, "case-theme"), tmp_path / "boxes.png")


def test_no_cjk_font_falls_back_to_english_with_a_warning(mini, tmp_path, monkeypatch):
    monkeypatch.setattr(plotting, "find_cjk_font", lambda text="": None)
    G = project(mini, "case-theme", lang="zh")
    with pytest.warns(CJKFontWarning, match="English labels"):
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r"Glyph .* missing")
            fig = plot_network(G, tmp_path / "en.png")
    assert fig.netgov_label_lang == "en"
    assert "Case A" in {t.get_text() for t in fig.axes[0].texts}


def test_svg_is_xml_with_embedded_glyphs(mini, tmp_path, cjk_font):
    out = tmp_path / "g.svg"
    plot_network(project(mini, "organisation-tree"), out)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert "<text" not in out.read_text(encoding="utf-8")  # glyphs are paths: no font needed


def test_colour_by_class_and_size_by_measure(mini):
    G = project(mini, "expert-institution")
    fig = plot_network(G, size_by="betweenness")
    nodes = fig.axes[0].collections[0]
    colours = {tuple(c) for c in nodes.get_facecolors()}
    assert len(colours) == 3  # Case, Expert, Organisation
    sizes = dict(zip(G, nodes.get_sizes(), strict=True))
    scores = centrality(G, "betweenness")
    ranked = sorted(G, key=scores.get)
    assert sizes[ranked[-1]] == max(sizes.values())
    assert sizes[ranked[0]] == min(sizes.values())
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Case", "Expert", "Organisation"]


def test_tree_layout_puts_parents_above(mini):
    G = project(mini, "place-tree")
    pos = layout_positions(G)
    for child, parent in G.edges:
        assert pos[parent][1] > pos[child][1]


def test_bad_path_and_language(mini, tmp_path):
    G = project(mini, "case-theme")
    with pytest.raises(UnknownNameError, match=r"use a \.png or \.svg"):
        plot_network(G, tmp_path / "g.jpg")
    with pytest.raises(UnknownNameError, match="unknown language"):
        plot_network(G, lang="fr")
    with pytest.raises(UnknownNameError, match="unknown layout"):
        plot_network(G, layout="spiral")


@pytest.mark.parametrize("layout", ["auto", "spring", "kamada_kawai", "circular", "tree"])
def test_layouts_fit_the_unit_square(mini, layout):
    G = project(mini, "expert-institution")
    pos = layout_positions(G, layout)
    assert set(pos) == set(G)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert max(map(abs, xs + ys)) == pytest.approx(1.0)
    assert (max(xs) - min(xs) == pytest.approx(2.0)) or (max(ys) - min(ys) == pytest.approx(2.0))
