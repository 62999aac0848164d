"""The HTML query page: a form with the named queries as examples, working offline.

The page is one document with inline CSS and JavaScript (no CDN); it posts the query to
``/sparql`` and shows SELECT answers as a table, other answers as text. Links can fill it in:
``/query?query=...`` runs that query; ``/query?example=NAME`` shows a named query
(add ``&run`` to run it).
"""

from __future__ import annotations

import json
from typing import Any

from .html import esc, page

_SCRIPT = r"""
(function () {
  var examples = JSON.parse(document.getElementById('examples').textContent);
  var picker = document.getElementById('example');
  var text = document.getElementById('query');
  var fmt = document.getElementById('format');
  var out = document.getElementById('results');
  var status = document.getElementById('status');
  examples.forEach(function (e, i) {
    var o = document.createElement('option');
    o.value = i; o.textContent = e.title + ' (' + e.name + ')';
    picker.appendChild(o);
  });
  var notes = document.getElementById('notes');
  function choose(i) {
    picker.value = String(i);
    text.value = examples[i].text;
    notes.textContent = examples[i].notes || '';
  }
  picker.addEventListener('change', function () {
    if (picker.value !== '') { choose(+picker.value); }
  });
  function cell(term) {
    if (!term) { return document.createTextNode(''); }
    if (term.type === 'uri') {
      var a = document.createElement('a');
      var local = 'https://w3id.org/netgov-kg/id/';
      a.href = term.value.indexOf(local) === 0 ? '/id/' + term.value.slice(local.length)
                                               : term.value;
      a.textContent = term.value; return a;
    }
    var span = document.createElement('span');
    span.textContent = term.value + (term['xml:lang'] ? ' @' + term['xml:lang'] : '');
    return span;
  }
  function table(data) {
    var t = document.createElement('table');
    var head = t.insertRow();
    data.head.vars.forEach(function (v) {
      var th = document.createElement('th'); th.textContent = '?' + v; head.appendChild(th);
    });
    data.results.bindings.forEach(function (b) {
      var tr = t.insertRow();
      data.head.vars.forEach(function (v) { tr.insertCell().appendChild(cell(b[v])); });
    });
    return t;
  }
  function run(ev) {
    if (ev) { ev.preventDefault(); }
    status.textContent = '运行中 Running…'; out.innerHTML = '';
    var started = Date.now();
    fetch('/sparql', {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': fmt.value},
      body: 'query=' + encodeURIComponent(text.value)
    }).then(function (r) {
      return r.text().then(function (body) { return {r: r, body: body}; });
    }).then(function (x) {
      var ms = Date.now() - started;
      if (!x.r.ok) {
        status.textContent = 'HTTP ' + x.r.status + ' (' + ms + ' ms)';
        var p = document.createElement('p'); p.className = 'error'; p.textContent = x.body;
        out.appendChild(p); return;
      }
      var type = x.r.headers.get('Content-Type') || '';
      if (type.indexOf('sparql-results+json') >= 0) {
        var data = JSON.parse(x.body);
        if ('boolean' in data) {
          status.textContent = 'ASK → ' + data.boolean + ' (' + ms + ' ms)';
          return;
        }
        status.textContent = data.results.bindings.length + ' 行 rows (' + ms + ' ms)' +
          (x.r.headers.get('X-Netgov-Truncated') ? ' — 已截断 truncated' : '');
        out.appendChild(table(data));
      } else {
        status.textContent = type + ' (' + ms + ' ms)';
        var pre = document.createElement('pre'); pre.textContent = x.body; out.appendChild(pre);
      }
    }).catch(function (e) { status.textContent = String(e); });
  }
  document.getElementById('form').addEventListener('submit', run);
  text.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { run(e); }
  });
  var given = new URLSearchParams(window.location.search);
  if (given.get('query')) {
    text.value = given.get('query');
    run();
  } else if (given.get('example')) {
    examples.forEach(function (e, i) {
      if (e.name === given.get('example')) { choose(i); }
    });
    if (given.has('run')) { run(); }
  }
})();
"""

_DEFAULT = """SELECT ?case ?name WHERE {
  ?case a ng:Case ; rdfs:label ?name .
  FILTER(lang(?name) = "zh")
}"""


def render(examples: list[Any]) -> str:
    """Return the query page with ``examples`` (objects with name, title, text)."""
    data = json.dumps(
        [{"name": e.name, "title": e.title, "text": e.text, "notes": e.notes} for e in examples],
        ensure_ascii=False,
    ).replace("</", "<\\/")
    options = "".join(
        f'<option value="{m}">{esc(label)}</option>'
        for m, label in (
            ("application/sparql-results+json", "表格 Table (SPARQL JSON)"),
            ("application/sparql-results+xml", "SPARQL XML"),
            ("text/csv", "CSV"), ("text/tab-separated-values", "TSV"),
            ("text/turtle", "Turtle (CONSTRUCT/DESCRIBE)"),
            ("application/ld+json", "JSON-LD (CONSTRUCT/DESCRIBE)"),
        )
    )
    body = (
        "<h1>SPARQL 查询<span class='en'>SPARQL query</span></h1>"
        "<p>前缀 ng:, ngr:, rdfs:, skos:, prov:, xsd: 等已预先绑定。"
        "<span class='muted'> Prefixes ng:, ngr:, rdfs:, skos:, prov:, xsd: and others are "
        "pre-bound. Endpoint: <code>/sparql</code>.</span></p>"
        '<form id="form"><p><label>示例 Examples: <select id="example">'
        '<option value="">—</option></select></label></p>'
        '<p id="notes" class="muted" style="white-space:pre-line"></p>'
        f'<textarea id="query" spellcheck="false" aria-label="SPARQL">{esc(_DEFAULT)}</textarea>'
        f'<p><label>格式 Format: <select id="format">{options}</select></label> '
        '<button type="submit">运行 Run</button> <span class="muted">Ctrl+Enter</span></p>'
        '</form><p id="status" class="muted"></p><div id="results"></div>'
        f'<script type="application/json" id="examples">{data}</script>'
        f"<script>{_SCRIPT}</script>"
    )
    return page("SPARQL 查询 / query — netgov-kg", body)


async def query_page(state: Any) -> str:
    """Return the query page (cached: the catalogue does not change while serving)."""
    if "query-page" not in state.cache:
        from .examples import named_examples

        state.cache["query-page"] = render(named_examples())
    return state.cache["query-page"]
