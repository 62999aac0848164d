/* The network view (Cytoscape.js), shared by the server's /network page and the files
   `netgov-kg network ... --format html` writes (netgov_kg/network/html.py).

   Its settings are a JSON data block <script type="application/json" id="graph-data">:
     {"graph": payload | null, "api": url | null, "projection": name, "lang": "zh" | "en",
      "local": "https://w3id.org/netgov-kg/id/", "root": "/prefix" | "", "pages": true | false}
   `graph` is netgov_kg.network.html.graph_payload(G); with `api` instead, the page reads it
   from `api?projection=NAME`. With `pages`, a node links to this server's page of it
   (root + "/id/..."); otherwise to its IRI. No request leaves the page's own server. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graph-data").textContent);
  var lang = config.lang === "en" ? "en" : "zh";
  var box = document.getElementById("cy");
  var info = document.getElementById("net-info");
  var status = document.getElementById("net-status");
  var list = document.getElementById("net-list");
  var picker = document.getElementById("net-projection");
  var search = document.getElementById("net-search");
  var langButton = document.getElementById("net-lang");
  var legend = document.getElementById("net-legend");
  var web = /^https?:\/\//i;
  var cy = null, data = null;
  var T = {
    zh: {nodes: "个节点", edges: "条边", open: "打开页面", loading: "加载中…", none: "无"},
    en: {nodes: " nodes", edges: " edges", open: "open its page", loading: "Loading…",
         none: "(none)"}
  };

  function href(iri) {
    if (config.pages && iri.indexOf(config.local) === 0) {
      return config.root + "/id/" + iri.slice(config.local.length);
    }
    return web.test(iri) ? iri : null;  // only http(s) IRIs become links
  }
  function text(tag, value, cls) {
    var e = document.createElement(tag);
    e.textContent = value;
    if (cls) { e.className = cls; }
    return e;
  }
  function link(n) {
    var url = href(n.iri);
    var e = text(url ? "a" : "span", n[lang] || n.id);
    if (url) { e.href = url; }
    return e;
  }
  function show(n) {
    if (!info) { return; }
    info.textContent = "";
    var h = text("h2", n[lang]);
    h.lang = lang;
    info.appendChild(h);
    var other = lang === "zh" ? "en" : "zh";
    if (n[other] && n[other] !== n[lang]) {
      var p = text("p", n[other], "muted");
      p.lang = other;
      info.appendChild(p);
    }
    info.appendChild(text("p", n["class"] + (n.type ? " · " + n.type : ""), "muted"));
    info.appendChild(text("p", n.iri, "iri"));
    var url = href(n.iri);
    if (url) {
      var a = text("a", T[lang].open);
      a.href = url;
      a.id = "net-open";
      info.appendChild(a);
    }
  }
  function draw(payload) {
    data = payload;
    var scale = Math.max(220, 40 * Math.sqrt(payload.nodes.length));
    var elements = payload.nodes.map(function (n) {
      return {group: "nodes", data: {id: n.id, label: n[lang], colour: n.colour,
              size: 2 * n.r + 6, node: n}, position: {x: n.x * scale, y: n.y * scale}};
    });
    payload.edges.forEach(function (e, i) {
      elements.push({group: "edges", data: {id: "e" + i, source: payload.nodes[e.s].id,
                     target: payload.nodes[e.t].id, label: e.p, w: e.w}});
    });
    if (cy) { cy.destroy(); }
    cy = window.cytoscape({
      container: box, elements: elements, layout: {name: "preset"},
      minZoom: 0.1, maxZoom: 6, wheelSensitivity: 0.3,
      style: [
        {selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 11, "color": "#1d2329",
          "text-valign": "bottom", "text-margin-y": 3,
          "font-family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"}},
        {selector: "edge", style: {
          "width": "mapData(w, 0, 1, 0.6, 3)", "line-color": "#9aa3ab", "opacity": 0.55,
          "curve-style": "bezier",
          "target-arrow-shape": payload.directed ? "triangle" : "none",
          "target-arrow-color": "#9aa3ab", "arrow-scale": 0.7}},
        {selector: ".dim", style: {"opacity": 0.12}},
        {selector: "node:selected", style: {"border-width": 3, "border-color": "#a3231f"}},
        {selector: "edge.hi", style: {"line-color": "#a3231f", "opacity": 0.9}}
      ]
    });
    window.netgovCy = cy;  // for the browser tests
    cy.fit(undefined, 30);
    cy.on("tap", "node", function (ev) { select(ev.target); });
    cy.on("tap", function (ev) { if (ev.target === cy) { select(null); } });
    cy.on("dbltap", "node", function (ev) {
      var url = href(ev.target.data("node").iri);
      if (url) { window.location.href = url; }
    });
    if (status) {
      status.textContent = payload.nodes.length + T[lang].nodes + " · " +
        payload.edges.length + T[lang].edges;
    }
    fillList(); fillLegend();
  }
  function select(node) {
    cy.elements().removeClass("dim hi");
    if (!node) { if (info) { info.textContent = ""; } return; }
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("dim");
    node.connectedEdges().addClass("hi");
    cy.$(":selected").unselect(); node.select();
    show(node.data("node"));
  }
  function fillList() {
    if (!list) { return; }
    list.textContent = "";
    data.nodes.slice().sort(function (a, b) {
      return (a[lang] || "").localeCompare(b[lang] || "", lang);
    }).forEach(function (n) {
      var li = document.createElement("li");
      li.appendChild(link(n));
      li.appendChild(text("span", " " + n["class"], "muted"));
      list.appendChild(li);
    });
  }
  function fillLegend() {
    if (!legend) { return; }
    legend.textContent = "";
    Object.keys(data.classes).forEach(function (cls) {
      var dot = document.createElement("span");
      dot.style.backgroundColor = data.classes[cls];
      legend.appendChild(dot);
      legend.appendChild(document.createTextNode(cls || T[lang].none));
    });
  }
  function setLang(l) {
    lang = l;
    if (langButton) { langButton.textContent = l === "zh" ? "English" : "中文"; }
    if (cy) {
      cy.nodes().forEach(function (n) { n.data("label", n.data("node")[lang]); });
      fillList();
    }
  }
  function load(name) {
    if (status) { status.textContent = T[lang].loading; }
    var url = config.api + "?projection=" + encodeURIComponent(name);
    fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(draw).catch(function (e) { if (status) { status.textContent = String(e); } });
  }
  if (search) {
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      if (!cy || !q) { if (cy) { select(null); } return; }
      var hit = cy.nodes().filter(function (n) {
        var d = n.data("node");
        return d.zh.toLowerCase().indexOf(q) >= 0 || d.en.toLowerCase().indexOf(q) >= 0;
      });
      if (hit.length) { select(hit[0]); cy.center(hit[0]); }
    });
  }
  if (langButton) {
    langButton.addEventListener("click", function () { setLang(lang === "zh" ? "en" : "zh"); });
  }
  if (picker) {
    picker.addEventListener("change", function () {
      var u = new URL(window.location.href);
      u.searchParams.set("projection", picker.value);
      window.history.replaceState(null, "", u.pathname + u.search);
      load(picker.value);
    });
  }
  setLang(lang);
  if (config.graph) { draw(config.graph); } else if (config.api) { load(config.projection); }
})();
