"""Drawings of projections as PNG or SVG with matplotlib, with Chinese labels.

Chinese labels need a CJK font: :func:`find_cjk_font` looks through matplotlib's font list for
one that has every glyph needed (Debian's ``fonts-noto-cjk`` or ``fonts-wqy-microhei``, which
``scripts/setup.sh`` installs). If there is none, :func:`plot_network` draws English labels and
warns with :class:`CJKFontWarning`.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph([("a", "b")])
>>> nx.set_node_attributes(G, {"a": "中山大学", "b": "张志安"}, "label")
>>> nx.set_node_attributes(G, {"a": "Organisation", "b": "Expert"}, "class")
>>> with tempfile.TemporaryDirectory() as d:
...     fig = plot_network(G, pathlib.Path(d) / "g.png")
...     (pathlib.Path(d) / "g.png").stat().st_size > 1000
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UnknownFormat, UnknownNameError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CJKFontWarning",
    "CJK_FAMILIES",
    "IMAGE_FORMATS",
    "find_cjk_font",
    "font_has_glyphs",
    "class_colours",
    "layout_positions",
    "plot_network",
]

#: Font families tried first, in order; then any font that has the glyphs.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Serif CJK SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)

IMAGE_FORMATS = ("png", "svg")

#: A sample of common characters every candidate font must have.
_PROBE = "中国网络理政案例专家大学学院"


class CJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found; labels fall back to English."""


def font_has_glyphs(font: Any, text: str) -> bool:
    """Return True if a font has a glyph for every non-space character of ``text``.

    ``font`` is a font file's path or a matplotlib ``FontPath`` (for font collections).

    Examples
    --------
    >>> from matplotlib import font_manager
    >>> dejavu = font_manager.findfont("DejaVu Sans")
    >>> font_has_glyphs(dejavu, "abc"), font_has_glyphs(dejavu, "中")
    (True, False)
    """
    from matplotlib import font_manager

    charmap = font_manager.get_font(font).get_charmap()
    return all(ord(ch) in charmap for ch in set(text) if not ch.isspace())


def find_cjk_font(text: str = "") -> str | None:
    """Return the family name of an installed font with Chinese glyphs, or None.

    The font must have the glyphs of a probe of common characters and of ``text``.
    :data:`CJK_FAMILIES` are tried first, then every other font matplotlib knows.

    Examples
    --------
    >>> find_cjk_font("中山大学") in (None, *CJK_FAMILIES) or True
    True
    """
    from matplotlib import font_manager

    needed = _PROBE + text
    entries = font_manager.fontManager.ttflist
    by_name: dict[str, list[Any]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry)
    ordered = [n for n in CJK_FAMILIES if n in by_name] + sorted(
        n for n in by_name if n not in CJK_FAMILIES
    )
    for name in ordered:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=name), fallback_to_default=False
            )
        except ValueError:
            continue
        try:
            if font_has_glyphs(path, needed):
                return name
        except (OSError, RuntimeError):  # an unreadable font file
            continue
    return None


def class_colours(classes: Iterable[str]) -> dict[str, Any]:
    """Map each class name to a colour of matplotlib's ``tab10``/``tab20`` palette.

    Examples
    --------
    >>> list(class_colours(["Theme", "Case"]))
    ['Case', 'Theme']
    """
    from matplotlib import colormaps

    names = sorted(set(classes))
    cmap = colormaps["tab10" if len(names) <= 10 else "tab20"]
    return {name: cmap(i % cmap.N) for i, name in enumerate(names)}


def layout_positions(G: nx.Graph, layout: str = "auto", *, seed: int = 0) -> dict[Any, Any]:
    """Return node positions for a named layout.

    Layouts: ``spring``, ``kamada_kawai``, ``circular``, ``bipartite``, ``tree`` (parents
    above children, for the ``*-tree`` projections) or ``auto``. Positions are centred and
    scaled so that the larger extent spans [-1, 1].

    ``auto`` picks ``bipartite`` for bipartite projections, ``tree`` for forests of
    ``ng:partOf`` edges and ``spring`` otherwise. ``spring`` lays out each connected component
    on its own (Kamada–Kawai for up to 150 nodes, else force-directed) and packs the
    components in rows, largest first, so that separate groups do not overlap.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = layout_positions(nx.DiGraph([("child", "parent")]), "tree")
    >>> pos["parent"][1] > pos["child"][1]
    True
    """
    import networkx as nx

    if layout == "auto":
        marks = set(dict(G.nodes(data="bipartite")).values())
        if G.number_of_nodes() and marks <= {0, 1} and None not in marks and len(marks) == 2:
            layout = "bipartite"
        elif (
            G.is_directed()
            and nx.is_directed_acyclic_graph(G)
            and all(d == "ng:partOf" for *_, d in G.edges(data="property"))
        ):
            layout = "tree"
        else:
            layout = "spring"
    if G.number_of_nodes() == 0:
        return {}
    if layout == "spring":
        return _normalise(_packed_spring(G, seed=seed))
    if layout == "kamada_kawai":
        return _normalise(nx.kamada_kawai_layout(nx.Graph(G.to_undirected())))
    if layout == "circular":
        return _normalise(nx.circular_layout(G))
    if layout == "bipartite":
        return _normalise(_bipartite_layout(G))
    if layout == "tree":
        return _normalise(_tree_layout(G))
    raise UnknownNameError(
        f"unknown layout {layout!r}: use auto, spring, kamada_kawai, circular, bipartite or tree"
    )


def _normalise(pos: dict[Any, Any]) -> dict[Any, tuple[float, float]]:
    """Centre positions on (0, 0) and scale the larger extent to [-1, 1] (aspect kept)."""
    if not pos:
        return {}
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((float(p[0]) - cx) / half, (float(p[1]) - cy) / half) for n, p in pos.items()}


def _packed_spring(G: nx.Graph, *, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Lay out each connected component alone, then pack them in rows, largest first."""
    import math

    import networkx as nx

    U = nx.Graph(G.to_undirected()) if (G.is_directed() or G.is_multigraph()) else G
    comps = sorted(nx.connected_components(U), key=lambda c: (-len(c), sorted(map(str, c))))
    cells: list[tuple[dict[Any, Any], float]] = []
    for comp in comps:
        sub = U.subgraph(comp)
        if len(comp) == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        elif len(comp) <= 150:
            local = nx.kamada_kawai_layout(sub)
        else:
            local = nx.spring_layout(sub, seed=seed, k=2.0 / math.sqrt(len(comp)), iterations=100)
        cells.append((local, math.sqrt(len(comp)) + 0.8))  # side of the cell ~ sqrt(size)
    total = sum(side * side for _, side in cells)
    row_width = max(math.sqrt(total) * 1.6, max((s for _, s in cells), default=1.0))
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, side in cells:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        for node, (px, py) in local.items():
            pos[node] = (
                x + side * (0.1 + 0.8 * (px - min(xs)) / span),
                y - side * (0.1 + 0.8 * (max(ys) - py) / span),
            )
        x += side
        row_height = max(row_height, side)
    return pos


def _bipartite_layout(G: nx.Graph, rounds: int = 4) -> dict[Any, tuple[float, float]]:
    """Two columns (``bipartite`` 0 left, 1 right), ordered to cut crossings.

    Each round sorts one column by the mean row of each node's neighbours in the other column
    (the barycentre heuristic), so that linked nodes sit at similar heights.
    """
    left = sorted((n for n, b in G.nodes(data="bipartite") if b == 0), key=str)
    right = sorted((n for n, b in G.nodes(data="bipartite") if b == 1), key=str)

    def reorder(moving: list[Any], fixed: list[Any]) -> list[Any]:
        row = {n: i / max(len(fixed) - 1, 1) for i, n in enumerate(fixed)}

        def centre(n: Any) -> float:
            near = [row[m] for m in G[n] if m in row]
            return sum(near) / len(near) if near else 2.0  # unlinked nodes go last

        return sorted(moving, key=lambda n: (centre(n), str(n)))

    for _ in range(rounds):
        right = reorder(right, left)
        left = reorder(left, right)
    pos: dict[Any, tuple[float, float]] = {}
    for x, column in ((-1.0, left), (1.0, right)):
        for i, node in enumerate(column):
            pos[node] = (x, 1 - 2 * (i + 0.5) / max(len(column), 1))
    return pos


def _tree_layout(G: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Lay out an indented tree, like a file browser: one row per node, depth along x.

    Edges point from child to parent. Trees come largest first; in each, a parent's row is
    above its children's, which follow in label order (a node with two parents is placed
    under the first one reached).
    """
    import networkx as nx

    def label(n: Any) -> str:
        return str(G.nodes[n].get("label", n))

    def children(n: Any) -> list[Any]:
        return sorted(G.predecessors(n), key=label) if G.is_directed() else []

    roots = [n for n in G if not G.is_directed() or G.out_degree(n) == 0] or list(G)
    size = {r: len(nx.ancestors(G, r)) + 1 if G.is_directed() else 1 for r in roots}
    roots.sort(key=lambda r: (-size[r], label(r)))
    order: list[tuple[Any, int]] = []
    seen: set[Any] = set()
    for root in roots:
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append((node, depth))
            stack.extend((c, depth + 1) for c in reversed(children(node)))
    order.extend((n, 0) for n in G if n not in seen)
    rows = max(len(order) - 1, 1)
    deepest = max((d for _, d in order), default=0) or 1
    return {
        node: (-1 + 2 * d / (deepest + 1), 1 - 2 * i / rows) for i, (node, d) in enumerate(order)
    }


def plot_network(
    G: nx.Graph,
    path: str | PathLike[str] | None = None,
    *,
    ax: Axes | None = None,
    format: str | None = None,
    size_by: str | None = "degree",
    color_by: str = "class",
    lang: str | None = None,
    layout: str = "auto",
    labels: bool = True,
    title: str | None = None,
    seed: int = 0,
    figsize: tuple[float, float] = (12, 9),
    dpi: int = 150,
) -> Figure:
    """Draw ``G``: colour by class, size by a centrality measure, labels in Chinese or English.

    Parameters
    ----------
    G : networkx.Graph
        A projection (nodes with ``label``, ``label_zh``, ``label_en``, ``class``).
    path : str or path, optional
        Write the drawing here (PNG or SVG, from the extension or ``format``), atomically.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    format : {"png", "svg"}, optional
    size_by : str or None
        A measure of :mod:`netgov_kg.network.centrality` (or a numeric node attribute) to
        size nodes by; ``None`` for equal sizes.
    color_by : str
        The node attribute whose values get a colour each (default ``class``).
    lang : {"zh", "en"}, optional
        Label language (default: the graph's ``lang``). Chinese labels need a CJK font; if
        none is found the labels fall back to English with a :class:`CJKFontWarning`.
    layout : str
        See :func:`layout_positions`.
    labels : bool
        Draw node labels.
    title : str, optional
    seed : int
        Layout seed.
    figsize, dpi
        Size of a new figure and resolution of a PNG.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on; its ``netgov_font`` attribute names the font used for labels.
    """
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from .centrality import MEASURES, centrality

    fmt = None
    if path is not None:
        fmt = (format or Path(path).suffix.lstrip(".")).lower()
        if fmt not in IMAGE_FORMATS:
            raise UnknownFormat(
                f"cannot draw to {str(path)!r}: use a .png or .svg file name, or "
                "format='png'/'svg'",
                name=fmt,
            )
    lang = lang or G.graph.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise UnknownNameError(f"unknown language {lang!r}: use 'zh' or 'en'")

    def text_of(node: Any, language: str) -> str:
        d = G.nodes[node]
        return str(d.get(f"label_{language}") or d.get("label") or node)

    font = "DejaVu Sans"
    label_lang = lang
    texts = {n: text_of(n, lang) for n in G}
    if lang == "zh" or any(not t.isascii() for t in texts.values()):
        found = find_cjk_font("".join(texts.values()) + (title or ""))
        if found:
            font = found
        else:
            warnings.warn(
                "no font with Chinese glyphs found (install fonts-noto-cjk); "
                "drawing English labels instead",
                CJKFontWarning,
                stacklevel=2,
            )
            label_lang = "en"
            texts = {n: text_of(n, "en") for n in G}
            if not all(t.isascii() for t in texts.values()):
                texts = {n: (t if t.isascii() else str(n)) for n, t in texts.items()}

    if ax is None:  # a figure outside pyplot: no global state, no backend switch
        fig = Figure(figsize=figsize)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    ax.set_axis_off()
    pos = layout_positions(G, layout, seed=seed)
    colours = class_colours(str(G.nodes[n].get(color_by, "")) for n in G)
    node_colours = [colours[str(G.nodes[n].get(color_by, ""))] for n in G]
    if size_by is None:
        sizes = [300.0] * G.number_of_nodes()
    else:
        if size_by in MEASURES:
            values = centrality(G, size_by)
        else:
            values = {n: float(G.nodes[n].get(size_by, 0) or 0) for n in G}
        top = max(values.values(), default=0) or 1
        sizes = [120 + 1200 * values.get(n, 0) / top for n in G]
    # Arrow options only for directed graphs: networkx warns that they do not apply otherwise.
    arrows = {"arrows": True, "arrowsize": 8} if G.is_directed() else {"arrows": False}
    nx.draw_networkx_edges(G, pos, ax=ax, alpha=0.35, width=0.8, node_size=sizes, **arrows)
    nx.draw_networkx_nodes(
        G, pos, ax=ax, node_color=node_colours, node_size=sizes, linewidths=0.5, edgecolors="white"
    )
    if labels:
        nx.draw_networkx_labels(G, pos, labels=texts, ax=ax, font_size=7, font_family=font)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=c, label=name or "(none)", markersize=8)
        for name, c in colours.items()
    ]
    if handles:
        ax.legend(
            handles=handles,
            loc="best",
            fontsize=8,
            frameon=False,
            prop={"family": font, "size": 8},
        )
    heading = title if title is not None else G.graph.get("name", "")
    if heading:
        ax.set_title(heading, fontfamily=font)
    fig.netgov_font = font  # type: ignore[attr-defined]
    fig.netgov_label_lang = label_lang  # type: ignore[attr-defined]
    if path is not None:
        from ..atomic import atomic_write_with

        atomic_write_with(
            path, lambda tmp: fig.savefig(tmp, format=fmt, dpi=dpi, bbox_inches="tight")
        )
    return fig
