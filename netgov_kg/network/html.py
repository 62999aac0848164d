"""A self-contained interactive HTML view of a projection: one file, no CDN, works offline.

The view is the same component as the server's ``/network`` page: Cytoscape.js (vendored
from npm, ``netgov_kg/server/static/vendor/cytoscape``) and the project's ``network.js``, both
inlined in the file with the graph as a JSON data block: drag to pan, scroll to zoom, drag a
node to move it, click a node to highlight its neighbours and show its labels, class and IRI,
double-click to open its IRI, search by label, switch labels between 中文 and English; the
nodes are also listed as links. Positions are computed in Python (the same layouts as
:mod:`.plotting`), so the page needs no layout library. A ``<meta>`` Content Security Policy
allows only the inlined scripts and style (by hash) and no request at all.

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

import functools
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
    from ..namespaces import NGR

    data = graph_payload(G, size_by=size_by, layout=layout, seed=seed)
    config = {"graph": data, "api": None, "projection": data["name"], "lang": data["lang"],
              "local": str(NGR), "root": "", "pages": False}
    library, script, style = _parts()
    parts = {
        "TITLE": _html.escape(title or data["name"] or "network"),
        "DESC": _html.escape(data["description"]),
        "DATA": script_json(config),  # no "<" in it: no value can end the <script> element
        "POLICY": _policy(), "STYLE": style, "LIBRARY": library, "SCRIPT": script,
    }
    # One pass: a placeholder inside a substituted value stays as it is.
    return re.sub(r"__(TITLE|DESC|DATA|POLICY|STYLE|LIBRARY|SCRIPT)__", lambda m: parts[m[1]],
                  _TEMPLATE)


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


def _inline(code: str) -> str:
    r"""Return script ``code`` safe to inline in ``<script>``: no ``</script``, no ``<!--``.

    In JavaScript both can only occur in strings, regular expressions and comments, where
    ``<\/`` and ``<\!`` mean the same.

    Examples
    --------
    >>> _inline('x = "</SCRIPT><!--"')
    'x = "<\\/SCRIPT><\\!--"'
    """
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


@functools.cache
def _parts() -> tuple[str, str, str]:
    """Return the inlined Cytoscape.js, ``network.js`` and the page's style."""
    from ..server.html import STATIC

    library = _inline((STATIC / "vendor" / "cytoscape" / "cytoscape.min.js")
                      .read_text(encoding="utf-8"))
    script = _inline((STATIC / "network.js").read_text(encoding="utf-8"))
    style = _STYLE + (STATIC / "network.css").read_text(encoding="utf-8")
    return library, script, style


def _policy() -> str:
    """Return the file's Content Security Policy (a ``<meta>``: the file opens from disk).

    Nothing but its own inline style and scripts runs; no requests, no forms, no ``<base>``.
    """
    library, script, style = _parts()
    return (f"default-src 'none'; style-src {csp_hash(style)}; "
            f"script-src {csp_hash(library)} {csp_hash(script)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


_STYLE = """
:root { --line: #d8dde2; --muted: #5b6670; }
html, body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; background: #fbfbf9;
  color: #1d2329; }
#bar { padding: 6px 10px; background: #f5f5f5; border-bottom: 1px solid #ddd; display: flex;
  flex-wrap: wrap; gap: 10px; align-items: center; }
#bar h1 { font-size: 15px; margin: 0; }
#bar .desc { color: #666; font-size: 12px; flex: 1; }
main { padding: 0 10px 20px; }
.muted { color: var(--muted); }
.iri { font-family: ui-monospace, monospace; font-size: .85rem; color: var(--muted);
  word-break: break-all; }
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="__POLICY__">
<title>__TITLE__</title>
<style id="__________cytoscape_stylesheet">__STYLE__</style>
</head>
<body>
<div id="bar"><h1>__TITLE__</h1><span class="desc">__DESC__</span>
<label>搜索 Search <input id="net-search" type="search"></label>
<button id="net-lang" type="button">English</button>
<span id="net-status" class="muted"></span></div>
<main><div id="cy"></div><p class="legend muted" id="net-legend"></p>
<div id="net-info"></div>
<details><summary>节点列表 Nodes</summary><ul id="net-list"></ul></details></main>
<script id="graph-data" type="application/json">__DATA__</script>
<script>__LIBRARY__</script>
<script>__SCRIPT__</script>
</body>
</html>
"""
