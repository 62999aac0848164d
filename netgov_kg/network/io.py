"""Graph files: GraphML and GEXF (for Gephi), node-link JSON and edge-list CSV.

The format is guessed from the file name (``.graphml``, ``.gexf``, ``.json``, ``.csv``) or
given as ``format=``. Writes are atomic: the file is written next to its destination and
renamed into place, so a failed write leaves an old file intact.

GraphML and GEXF hold only scalar attribute values, so list values (such as the ``case-case``
edges' ``shared_themes``) are written as JSON text and the graph records their names in its
``json_attributes`` attribute; :func:`read_graph` turns them back into lists. Node-link JSON
keeps them as they are. The edge-list CSV has one row per edge (``source``, ``target``,
``key`` for multigraphs, then the edge attributes in name order); it holds no node
attributes and no isolated nodes.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph([("a", "b", {"weight": 0.5, "shared_themes": ["t1", "t2"]})])
>>> with tempfile.TemporaryDirectory() as d:
...     for ext in FORMATS:
...         path = pathlib.Path(d) / f"g.{ext}"
...         write_graph(G, path)
...         H = read_graph(path)
...         assert H.edges["a", "b"]["shared_themes"] == ["t1", "t2"], ext
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_write_with
from ..errors import InputError, Location, UnknownFormat

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["FORMATS", "guess_format", "write_graph", "read_graph", "to_text"]

#: The graph file formats, by their usual file extension.
FORMATS = ("graphml", "gexf", "json", "csv")

_EXTENSIONS = {
    ".graphml": "graphml",
    ".xml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".csv": "csv",
}
_CLASSES = ("Graph", "DiGraph", "MultiGraph", "MultiDiGraph")


def guess_format(path: str | PathLike[str], format: str | None = None) -> str:
    """Return the graph format for ``path`` (or check ``format``).

    Raises
    ------
    UnknownFormat
        If the format is unknown or cannot be guessed from the file name (an
        :class:`~netgov_kg.errors.UnknownNameError`, as before 0.2.0).

    Examples
    --------
    >>> guess_format("out/case-case.gexf")
    'gexf'
    >>> guess_format("x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netgov_kg.errors.UnknownFormat: cannot guess the graph format of 'x.txt': use a file ...
    """
    if format is not None:
        if format not in FORMATS:
            raise UnknownFormat(
                f"unknown graph format {format!r}: use one of {', '.join(FORMATS)}", name=format
            )
        return format
    found = _EXTENSIONS.get(Path(path).suffix.lower())
    if found is None:
        raise UnknownFormat(
            f"cannot guess the graph format of {str(path)!r}: use a file name ending in "
            ".graphml, .gexf, .json or .csv, or give format= (one of "
            f"{', '.join(FORMATS)})", name=Path(path).suffix
        )
    return found


def _scalar(value: Any) -> Any:
    """Turn numpy scalars into Python ones; leave others."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _flat_copy(G: nx.Graph) -> nx.Graph:
    """Return a copy of ``G`` with list/tuple/set/dict values as JSON text, None values dropped."""
    H = G.__class__()
    encoded: set[str] = set()

    def flat(attrs: dict[str, Any], where: str) -> dict[str, Any]:
        out = {}
        for k, v in attrs.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, set, frozenset, dict)):
                if isinstance(v, (set, frozenset)):
                    v = sorted(v, key=str)
                encoded.add(f"{where}:{k}")
                v = json.dumps(v, ensure_ascii=False, default=str)
            out[k] = _scalar(v)
        return out

    H.graph.update(flat(dict(G.graph), "graph"))
    H.add_nodes_from((n, flat(d, "node")) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, flat(d, "edge")) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, flat(d, "edge")) for u, v, d in G.edges(data=True))
    H.graph["json_attributes"] = ",".join(sorted(encoded))
    H.graph["networkx_class"] = type(G).__name__
    return H


def _unflatten(H: nx.Graph) -> nx.Graph:
    """Undo :func:`_flat_copy` on a graph read back from a file (in place); return it."""
    encoded = [x for x in str(H.graph.pop("json_attributes", "") or "").split(",") if x]
    for item in encoded:
        where, _, key = item.partition(":")
        if where == "graph":
            places: list[dict[str, Any]] = [H.graph]
        elif where == "node":
            places = [d for _, d in H.nodes(data=True)]
        else:
            places = [d for *_, d in H.edges(data=True)]
        for attrs in places:
            if isinstance(attrs.get(key), str):
                attrs[key] = json.loads(attrs[key])
    return H


def _as_class(H: nx.Graph, name: str | None) -> nx.Graph:
    import networkx as nx

    if name not in _CLASSES or type(H).__name__ == name:
        return H
    cls = getattr(nx, name)
    G = cls()
    G.graph.update(H.graph)
    G.add_nodes_from(H.nodes(data=True))
    if G.is_multigraph() and H.is_multigraph():
        G.add_edges_from(H.edges(keys=True, data=True))
    else:
        G.add_edges_from(H.edges(data=True))
    return G


def _write_csv(H: nx.Graph, path: Path) -> None:
    import csv

    keys = sorted({k for *_, d in H.edges(data=True) for k in d})
    head = ["source", "target"] + (["key"] if H.is_multigraph() else []) + keys
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        edges = H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True)
        for edge in edges:
            *ends, d = edge
            writer.writerow([*ends, *(d.get(k, "") for k in keys)])


def _read_csv(path: Path, directed: bool | None) -> nx.Graph:
    import csv

    import networkx as nx

    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            head = next(reader)
        except StopIteration:
            raise InputError("empty file: expected a header row", Location(str(path), 1)) from None
        if head[:2] != ["source", "target"]:
            raise InputError(
                "the header must start with source,target", Location(str(path), 1, field=head[0])
            )
        multi = len(head) > 2 and head[2] == "key"
        attrs = head[3:] if multi else head[2:]
        G = (
            (nx.MultiDiGraph if multi else nx.DiGraph)()
            if directed
            else (nx.MultiGraph if multi else nx.Graph)()
        )
        for line, row in enumerate(reader, start=2):
            if len(row) != len(head):
                raise InputError(
                    f"expected {len(head)} fields, found {len(row)}", Location(str(path), line)
                )
            values = {
                k: _parse_cell(v)
                for k, v in zip(attrs, row[len(head) - len(attrs) :], strict=True)
                if v != ""
            }
            if multi:
                G.add_edge(row[0], row[1], key=row[2], **values)
            else:
                G.add_edge(row[0], row[1], **values)
    return G


def _parse_cell(text: str) -> Any:
    """Read a CSV cell back: JSON lists, numbers and booleans; other text as is."""
    if text.startswith("[") and text.endswith("]"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if text in ("True", "False"):
        return text == "True"
    return text


def write_graph(G: nx.Graph, path: str | PathLike[str], *, format: str | None = None) -> None:
    """Write ``G`` to ``path`` as GraphML, GEXF, node-link JSON or edge-list CSV.

    Parameters
    ----------
    G : networkx.Graph
        Any projection (or any networkx graph with string-keyed attributes).
    path : str or path
        Destination; the format is guessed from its extension unless ``format`` is given.
    format : {"graphml", "gexf", "json", "csv"}, optional

    Raises
    ------
    UnknownFormat
        If the format is unknown or cannot be guessed from the file name.
    InputError
        If the graph cannot be written in that format (e.g. an attribute value GraphML cannot
        hold); the old file, if any, is left intact.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_graph(nx.path_graph(3), pathlib.Path(d) / "p.csv")
    ...     (pathlib.Path(d) / "p.csv").read_text().splitlines()
    ['source,target', '0,1', '1,2']
    """
    import networkx as nx

    fmt = guess_format(path, format)
    try:
        atomic_write_with(path, lambda tmp: _WRITERS[fmt](G, tmp))
    except (TypeError, ValueError, nx.NetworkXError) as exc:
        raise InputError(f"cannot write the graph as {fmt}: {exc}", Location(str(path))) from exc


def to_text(G: nx.Graph, format: str) -> str:
    """Return ``G`` serialised as text in ``format`` (one of :data:`FORMATS`).

    Examples
    --------
    >>> import networkx as nx
    >>> to_text(nx.path_graph(2), "csv").splitlines()
    ['source,target', '0,1']
    """
    fmt = guess_format("-", format)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"graph.{fmt}"
        _WRITERS[fmt](G, path)
        return path.read_text(encoding="utf-8")


def _write_graphml(G: nx.Graph, path: Path) -> None:
    import networkx as nx

    nx.write_graphml(_flat_copy(G), path, encoding="utf-8")


def _write_gexf(G: nx.Graph, path: Path) -> None:
    import networkx as nx

    H = _flat_copy(G)
    if H.is_multigraph():  # networkx reads a multigraph with no parallel edges as simple
        for *_, key, d in H.edges(keys=True, data=True):
            d[_GEXF_KEY] = str(key)
    # GEXF keeps only the graph's name: the other graph attributes go in a comment
    nx.write_gexf(H, path, encoding="utf-8")
    meta = {k: v for k, v in H.graph.items() if k != "name"}
    text = path.read_text(encoding="utf-8")
    comment = (
        "<!-- netgov-kg graph attributes: "
        + json.dumps(meta, ensure_ascii=False).replace("--", "- -")
        + " -->\n"
    )
    head, sep, rest = text.partition("?>\n")
    path.write_text(head + sep + comment + rest if sep else comment + text, encoding="utf-8")


def _write_json(G: nx.Graph, path: Path) -> None:
    import networkx as nx

    data = nx.node_link_data(G, edges="edges")
    data["graph"] = {**data.get("graph", {}), "networkx_class": type(G).__name__}
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=_scalar), encoding="utf-8"
    )


def _write_csv_graph(G: nx.Graph, path: Path) -> None:
    _write_csv(_flat_copy(G), path)


_WRITERS: dict[str, Callable[[Any, Path], None]] = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "json": _write_json,
    "csv": _write_csv_graph,
}


def read_graph(
    path: str | PathLike[str], *, format: str | None = None, directed: bool | None = None
) -> nx.Graph:
    """Read a graph written by :func:`write_graph` (or by another tool) back into networkx.

    Parameters
    ----------
    path : str or path
    format : {"graphml", "gexf", "json", "csv"}, optional
        Guessed from the extension if not given.
    directed : bool, optional
        For CSV only (the file does not say): read as a directed graph. Default undirected.

    Returns
    -------
    networkx.Graph
        Of the class the graph had when written (GraphML, GEXF and JSON record it).

    Raises
    ------
    InputError
        If the file is missing or cannot be parsed; the message names the file.

    Examples
    --------
    >>> read_graph("missing.graphml")
    Traceback (most recent call last):
    ...
    netgov_kg.errors.InputError: missing.graphml: file not found
    """
    import networkx as nx

    fmt = guess_format(path, format)
    source = Path(path)
    if not source.is_file():
        raise InputError("file not found", Location(str(path)))
    try:
        if fmt == "csv":
            return _read_csv(source, directed)
        if fmt == "json":
            data = json.loads(source.read_text(encoding="utf-8"))
            cls = data.get("graph", {}).pop("networkx_class", None)
            H = nx.node_link_graph(data, edges="edges" if "edges" in data else "links")
            return _as_class(H, cls)
        if fmt == "graphml":
            H = nx.read_graphml(source, force_multigraph=True)
            for k in ("node_default", "edge_default"):
                H.graph.pop(k, None)
        else:
            H = nx.read_gexf(source)
            for k in ("mode", "node_default", "edge_default"):
                H.graph.pop(k, None)
            for *_, d in H.edges(data=True):
                d.pop("id", None)
            H.graph.update(_gexf_meta(source))
            H = _gexf_keys(H)
    except (ValueError, KeyError, SyntaxError, nx.NetworkXError) as exc:
        raise InputError(f"cannot read as {fmt}: {exc}", Location(str(path))) from exc
    cls = H.graph.pop("networkx_class", None)
    return _unflatten(_as_class(H, cls))


_GEXF_KEY = "netgov_edge_key"


def _gexf_keys(H: nx.Graph) -> nx.Graph:
    """Rebuild a multigraph's edge keys from the attribute :func:`_write_gexf` adds."""
    import networkx as nx

    if not any(_GEXF_KEY in d for *_, d in H.edges(data=True)):
        return H
    M = nx.MultiDiGraph() if H.is_directed() else nx.MultiGraph()
    M.graph.update(H.graph)
    M.add_nodes_from(H.nodes(data=True))
    for u, v, d in H.edges(data=True):
        d = dict(d)
        M.add_edge(u, v, key=d.pop(_GEXF_KEY), **d)
    return M


def _gexf_meta(path: Path) -> dict[str, Any]:
    marker = "<!-- netgov-kg graph attributes: "
    with path.open(encoding="utf-8") as f:
        for _, line in zip(range(3), f, strict=False):
            if line.startswith(marker):
                return json.loads(line[len(marker) : line.rindex(" -->")].replace("- -", "--"))
    return {}
