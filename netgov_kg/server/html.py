"""Small HTML helpers shared by the pages: escaping, links to local pages, the page frame.

Every page is self-contained (inline CSS, no CDN, no web fonts), so it works offline.

Examples
--------
>>> local_href("https://w3id.org/netgov-kg/id/case/x")
'/id/case/x'
>>> local_href("https://w3id.org/netgov-kg/ontology#Case")
'/ontology#Case'
>>> local_href("https://example.org/a")
'https://example.org/a'
>>> "<title>T</title>" in page("T", "<p>x</p>")
True
"""

from __future__ import annotations

from html import escape

from ..namespaces import NG, NGR, NGSH

CSS = """
:root { --ink:#1d2329; --muted:#5b6670; --line:#d8dde2; --accent:#a3231f; --bg:#fbfbf9; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.55 "Noto Sans CJK SC","Noto Sans SC","PingFang SC",
  "Microsoft YaHei",system-ui,sans-serif; color:var(--ink); background:var(--bg); }
header { background:#fff; border-bottom:3px solid var(--accent); padding:.6rem 1.5rem; }
header a { margin-right:1.2rem; color:var(--ink); text-decoration:none; font-weight:600; }
header a.brand { color:var(--accent); }
main { max-width:68rem; margin:0 auto; padding:1rem 1.5rem 3rem; }
h1 { font-size:1.7rem; margin:.8rem 0 .2rem; }
h1 .en, h2 .en { color:var(--muted); font-weight:400; font-size:.8em; display:block; }
h2 { font-size:1.2rem; margin-top:2rem; border-bottom:1px solid var(--line); }
.iri { font-family:ui-monospace,monospace; font-size:.85rem; color:var(--muted);
  word-break:break-all; }
table { border-collapse:collapse; width:100%; margin:.5rem 0; background:#fff; }
th, td { text-align:left; vertical-align:top; padding:.35rem .6rem;
  border-bottom:1px solid var(--line); }
th { background:#f1f3f4; font-weight:600; }
.props th { width:30%; }
td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
a { color:#1f5fa3; }
.lang { color:var(--muted); font-size:.75rem; margin-left:.25rem; }
.tag { display:inline-block; font-size:.75rem; padding:0 .4rem; border:1px solid var(--line);
  border-radius:.3rem; color:var(--muted); margin-right:.3rem; }
.formats a { margin-right:.8rem; }
textarea { width:100%; min-height:16rem; font:14px/1.4 ui-monospace,monospace; padding:.5rem; }
select, button { font:inherit; padding:.25rem .6rem; }
pre { background:#fff; border:1px solid var(--line); padding:.6rem; overflow:auto; }
.muted { color:var(--muted); }
.error { color:var(--accent); white-space:pre-wrap; }
"""

NAV = (
    '<header><a class="brand" href="/">网络理政知识图谱 netgov-kg</a>'
    '<a href="/query">查询 Query</a><a href="/ontology">本体 Ontology</a>'
    '<a href="/shapes">约束 Shapes</a><a href="/void">数据集 Dataset</a>'
    '<a href="/sparql">SPARQL</a></header>'
)


def esc(text: object) -> str:
    """Escape ``text`` for HTML content and attributes.

    Examples
    --------
    >>> esc('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return escape(str(text), quote=True)


def local_href(iri: str) -> str:
    """Return the link for ``iri``: this server's page for the project's IRIs, else the IRI."""
    if iri.startswith(str(NGR)):
        return "/id/" + iri[len(str(NGR)):]
    if iri.startswith(str(NG)):
        return "/ontology#" + iri[len(str(NG)):]
    if iri.startswith(str(NGSH)):
        return "/shapes"
    return iri


def page(title: str, body: str, *, lang: str = "zh", head: str = "") -> str:
    """Wrap ``body`` in a complete, self-contained HTML document.

    Parameters
    ----------
    title : str
        The document title (plain text; escaped here).
    body : str
        HTML for the ``<main>`` element.
    lang : str
        The document's main language tag.
    head : str
        Extra HTML for ``<head>`` (e.g. alternate links).
    """
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style>{head}</head>"
        f"<body>{NAV}<main>{body}</main></body></html>\n"
    )
