"""A self-contained interactive HTML view of a projection: one file, no CDN, works offline.

The page holds the graph as JSON and about 150 lines of plain JavaScript that draw it as SVG:
drag the background to pan, scroll to zoom, drag a node to move it, hover for its IRI, class
and labels, click to highlight its neighbours, search by label, switch labels between 中文 and
English, and hide or show classes from the legend. Positions are computed in Python (the same
layouts as :mod:`.plotting`), so the page needs no layout library.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "b")])
>>> nx.set_node_attributes(G, {"a": "中山大学", "b": "张志安"}, "label_zh")
>>> page = to_html(G)
>>> "<script src" in page, "中山大学" in page
(False, True)
"""

from __future__ import annotations

import html as _html
import re
from os import PathLike
from typing import TYPE_CHECKING, Any

from ..html_safety import csp_hash, script_json

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["to_html", "write_html", "graph_payload"]


def _hex(rgba: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])


def graph_payload(
    G: nx.Graph, *, size_by: str | None = "degree", layout: str = "auto", seed: int = 0
) -> dict[str, Any]:
    """Return the JSON-ready data the page draws: nodes with positions, sizes and colours.

    Examples
    --------
    >>> import networkx as nx
    >>> data = graph_payload(nx.path_graph(3))
    >>> len(data["nodes"]), len(data["edges"]), sorted(data["nodes"][0])[:3]
    (3, 2, ['class', 'colour', 'en'])
    """
    from .centrality import MEASURES, centrality
    from .plotting import class_colours, layout_positions

    pos = layout_positions(G, layout, seed=seed)
    colours = class_colours(str(d.get("class", "")) for _, d in G.nodes(data=True))
    if size_by is None:
        values: dict[Any, float] = {}
    elif size_by in MEASURES:
        values = centrality(G, size_by)
    else:
        values = {n: float(G.nodes[n].get(size_by, 0) or 0) for n in G}
    top = max(values.values(), default=0) or 1
    index = {n: i for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        cls = str(d.get("class", ""))
        nodes.append(
            {
                "id": str(n),
                "iri": str(d.get("iri", n)),
                "zh": str(d.get("label_zh") or d.get("label") or n),
                "en": str(d.get("label_en") or d.get("label") or n),
                "class": cls,
                "type": str(d.get("kind") or d.get("type", "")),  # every most specific type
                "x": round(float(x), 5),
                "y": round(float(-y), 5),
                "r": round(4 + 14 * values.get(n, 0) / top, 2),
                "colour": _hex(colours[cls]),
                "score": round(float(values.get(n, 0)), 6),
            }
        )
    edges = [
        {
            "s": index[u],
            "t": index[v],
            "p": str(d.get("label") or d.get("property", "")),
            "w": float(d.get("weight", 1) or 1),
        }
        for u, v, d in G.edges(data=True)
    ]
    return {
        "name": str(G.graph.get("name", "")),
        "description": str(G.graph.get("description", "")),
        "lang": str(G.graph.get("lang", "zh")),
        "directed": G.is_directed(),
        "size_by": size_by or "",
        "classes": {k: _hex(v) for k, v in colours.items()},
        "nodes": nodes,
        "edges": edges,
    }


def to_html(
    G: nx.Graph,
    *,
    title: str | None = None,
    size_by: str | None = "degree",
    layout: str = "auto",
    seed: int = 0,
) -> str:
    """Return the interactive view of ``G`` as one HTML document (no external resources).

    Parameters
    ----------
    G : networkx.Graph
        A projection.
    title : str, optional
        Page title (default: the graph's name).
    size_by : str or None
        Centrality measure or numeric node attribute for node radius.
    layout : str
        See :func:`netgov_kg.network.plotting.layout_positions`.
    seed : int
        Layout seed.

    Returns
    -------
    str
    """
    data = graph_payload(G, size_by=size_by, layout=layout, seed=seed)
    parts = {
        "TITLE": _html.escape(title or data["name"] or "network"),
        "DATA": script_json(data),  # no "<" in it: no value can end the <script> element
        "POLICY": POLICY, "STYLE": _STYLE, "SCRIPT": _SCRIPT,
    }
    # One pass: a placeholder inside a substituted value stays as it is.
    return re.sub(r"__(TITLE|DATA|POLICY|STYLE|SCRIPT)__", lambda m: parts[m[1]], _TEMPLATE)


def write_html(G: nx.Graph, path: str | PathLike[str], **options: Any) -> None:
    """Write :func:`to_html` of ``G`` to ``path`` (atomically).

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_html(nx.path_graph(2), pathlib.Path(d) / "g.html")
    ...     (pathlib.Path(d) / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    from ..atomic import atomic_write_with

    text = to_html(G, **options)
    atomic_write_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


_STYLE = """
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; background: #fff; }
#bar { position: absolute; top: 0; left: 0; right: 0; padding: 6px 10px; background: #f5f5f5;
  border-bottom: 1px solid #ddd; display: flex; gap: 10px; align-items: center; z-index: 2; }
#bar h1 { font-size: 15px; margin: 0; }
#bar .desc { color: #666; font-size: 12px; flex: 1; }
#svg { position: absolute; top: 38px; left: 0; right: 0; bottom: 0; width: 100%;
  height: calc(100% - 38px); cursor: grab; }
#legend { position: absolute; left: 10px; bottom: 10px; background: rgba(255,255,255,.9);
  border: 1px solid #ddd; padding: 6px 8px; font-size: 12px; }
#legend div { cursor: pointer; user-select: none; }
#legend div.off { opacity: .35; }
#legend span { display: inline-block; width: 10px; height: 10px; border-radius: 5px;
  margin-right: 5px; }
#tip { position: absolute; pointer-events: none; background: #222; color: #fff; font-size: 12px;
  padding: 5px 7px; border-radius: 3px; display: none; max-width: 420px; z-index: 3; }
line { stroke: #999; stroke-opacity: .45; }
line.hi { stroke: #d62728; stroke-opacity: .9; }
circle { stroke: #fff; stroke-width: 1; cursor: pointer; }
circle.dim, text.dim { opacity: .15; }
text { font-size: 10px; pointer-events: none; fill: #222; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("svg"), view = document.getElementById("view");
  var tip = document.getElementById("tip"), lang = data.lang === "en" ? "en" : "zh";
  var hidden = {}, selected = null, scale = 1, tx = 0, ty = 0;
  document.getElementById("desc").textContent = data.description;
  var W = function () { return svg.clientWidth || 800; };
  var H = function () { return svg.clientHeight || 600; };
  var S = function () { return Math.min(W(), H()) * 0.42; };
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    parent.appendChild(e);
    return e;
  }
  var neighbours = data.nodes.map(function () { return {}; });
  data.edges.forEach(function (e) { neighbours[e.s][e.t] = 1; neighbours[e.t][e.s] = 1; });
  var lines = data.edges.map(function (e) {
    var l = el("line", data.directed ? {"marker-end": "url(#arrow)"} : {},
               document.getElementById("edges"));
    var t = document.createElementNS(NS, "title");
    t.textContent = e.p + (e.w !== 1 ? " (" + e.w + ")" : "");
    l.appendChild(t);
    return l;
  });
  var circles = [], labels = [];
  data.nodes.forEach(function (n, i) {
    var c = el("circle", {r: n.r, fill: n.colour}, document.getElementById("nodes"));
    c.addEventListener("mouseenter", function (ev) { showTip(n, ev); });
    c.addEventListener("mousemove", function (ev) { moveTip(ev); });
    c.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    c.addEventListener("mousedown", function (ev) { startNodeDrag(ev, i); });
    circles.push(c);
    labels.push(el("text", {dx: 6, dy: 3}, document.getElementById("labels")));
  });
  function px(n) { return W() / 2 + n.x * S(); }
  function py(n) { return H() / 2 + n.y * S(); }
  function draw() {
    view.setAttribute("transform", "translate(" + tx + "," + ty + ") scale(" + scale + ")");
    data.nodes.forEach(function (n, i) {
      var off = hidden[n["class"]];
      circles[i].setAttribute("cx", px(n)); circles[i].setAttribute("cy", py(n));
      circles[i].style.display = off ? "none" : "";
      labels[i].setAttribute("x", px(n)); labels[i].setAttribute("y", py(n));
      labels[i].textContent = n[lang];
      labels[i].style.display = off ? "none" : "";
    });
    data.edges.forEach(function (e, j) {
      var a = data.nodes[e.s], b = data.nodes[e.t];
      var x2 = px(b), y2 = py(b), dx = x2 - px(a), dy = y2 - py(a);
      var len = Math.sqrt(dx * dx + dy * dy) || 1;
      if (data.directed) { x2 -= dx / len * (b.r + 1); y2 -= dy / len * (b.r + 1); }
      lines[j].setAttribute("x1", px(a)); lines[j].setAttribute("y1", py(a));
      lines[j].setAttribute("x2", x2); lines[j].setAttribute("y2", y2);
      lines[j].style.display = (hidden[a["class"]] || hidden[b["class"]]) ? "none" : "";
    });
    highlight();
  }
  function highlight() {
    data.nodes.forEach(function (n, i) {
      var dim = selected !== null && i !== selected && !neighbours[selected][i];
      circles[i].setAttribute("class", dim ? "dim" : "");
      labels[i].setAttribute("class", dim ? "dim" : "");
    });
    data.edges.forEach(function (e, j) {
      var on = selected !== null && (e.s === selected || e.t === selected);
      lines[j].setAttribute("class", on ? "hi" : "");
    });
  }
  function showTip(n, ev) {
    tip.textContent = "";
    [n.zh, n.en, n["class"] + (n.type ? " (" + n.type + ")" : ""), n.iri,
     data.size_by ? data.size_by + ": " + n.score : ""].forEach(function (line) {
      if (!line) return;
      var d = document.createElement("div"); d.textContent = line; tip.appendChild(d);
    });
    tip.style.display = "block"; moveTip(ev);
  }
  function moveTip(ev) {
    tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
  }
  var drag = null;
  function startNodeDrag(ev, i) {
    ev.stopPropagation(); ev.preventDefault();
    drag = {node: i, x: ev.clientX, y: ev.clientY, moved: false};
  }
  svg.addEventListener("mousedown", function (ev) {
    drag = {node: null, x: ev.clientX, y: ev.clientY, moved: false};
    svg.style.cursor = "grabbing";
  });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    drag.x = ev.clientX; drag.y = ev.clientY;
    if (drag.node === null) { tx += dx; ty += dy; }
    else { var n = data.nodes[drag.node]; n.x += dx / scale / S(); n.y += dy / scale / S(); }
    draw();
  });
  window.addEventListener("mouseup", function () {
    if (drag && !drag.moved) {
      selected = (drag.node === null || drag.node === selected) ? null : drag.node;
      highlight();
    }
    drag = null; svg.style.cursor = "grab";
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var f = ev.deltaY < 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
    var mx = ev.clientX - r.left, my = ev.clientY - r.top;
    tx = mx - (mx - tx) * f; ty = my - (my - ty) * f; scale *= f; draw();
  }, {passive: false});
  document.getElementById("search").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    selected = null;
    if (q) {
      for (var i = 0; i < data.nodes.length; i++) {
        var n = data.nodes[i];
        if (n.zh.toLowerCase().indexOf(q) >= 0 || n.en.toLowerCase().indexOf(q) >= 0) {
          selected = i; break;
        }
      }
    }
    highlight();
  });
  var langButton = document.getElementById("lang");
  function setLang(l) {
    lang = l; langButton.textContent = l === "zh" ? "English" : "中文"; draw();
  }
  langButton.addEventListener("click", function () { setLang(lang === "zh" ? "en" : "zh"); });
  var legend = document.getElementById("legend");
  Object.keys(data.classes).forEach(function (cls) {
    var row = document.createElement("div"), dot = document.createElement("span");
    dot.style.background = data.classes[cls];
    row.appendChild(dot); row.appendChild(document.createTextNode(cls || "(none)"));
    row.addEventListener("click", function () {
      hidden[cls] = !hidden[cls]; row.className = hidden[cls] ? "off" : ""; draw();
    });
    legend.appendChild(row);
  });
  window.addEventListener("resize", draw);
  setLang(lang);
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="__POLICY__">
<title>__TITLE__</title>
<style>__STYLE__</style>
</head>
<body>
<div id="bar"><h1>__TITLE__</h1><span class="desc" id="desc"></span>
<input id="search" type="search" placeholder="搜索 / search">
<button id="lang" type="button">English</button></div>
<svg id="svg" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10"
refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
<path d="M 0 0 L 10 5 L 0 10 z" fill="#999"></path></marker></defs><g id="view"><g id="edges"></g>
<g id="nodes"></g><g id="labels"></g></g></svg>
<div id="legend"></div><div id="tip"></div>
<script id="graph-data" type="application/json">__DATA__</script>
<script>__SCRIPT__</script>
</body>
</html>
"""

#: The page's Content Security Policy (a ``<meta>`` element: the file is opened from disk):
#: nothing but its own inline style and script runs; no requests, no forms, no ``<base>``.
POLICY = (
    f"default-src 'none'; style-src {csp_hash(_STYLE)}; script-src {csp_hash(_SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
