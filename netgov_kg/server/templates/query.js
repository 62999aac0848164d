(function () {
  var config = JSON.parse(document.getElementById('examples').textContent);
  var examples = config.examples;
  // Only http(s) IRIs become links (the pattern of netgov_kg.namespaces.is_web_iri).
  var web = new RegExp('^(?:' + config.webIri + ')$', 'i');
  var local = config.local;
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
    if (term.type === 'uri' && web.test(term.value)) {
      var a = document.createElement('a');
      a.href = term.value.indexOf(local) === 0 ? '/id/' + term.value.slice(local.length)
                                               : term.value;
      a.textContent = term.value; return a;
    }
    var span = document.createElement('span');
    if (term.type === 'uri') { span.className = 'iri'; }
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
    status.textContent = '运行中 Running…'; out.textContent = '';
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
