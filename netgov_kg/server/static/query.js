/* The SPARQL editor on /query: YASGUI on this server's endpoint only.

   Its settings are the JSON block #query-config: {"endpoint": root + "/sparql",
   "root": root, "local": "https://w3id.org/netgov-kg/id/", "prefixes": {...},
   "examples": [{name, title, text, notes}], "default": "..."}.
   No endpoint selector (hidden, and no catalogue), no autocompleter that asks another
   server (YASQE's class and property completers call the LOV service: off), no state
   kept across visits. Links fill the editor in: ?query=TEXT runs TEXT; ?example=NAME shows a
   named query (add &run to run it). Without JavaScript the plain form below works. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("query-config").textContent);
  var form = document.getElementById("form");
  var box = document.getElementById("yasgui");
  var picker = document.getElementById("example");
  var notes = document.getElementById("notes");
  var downloads = document.getElementById("downloads");
  if (!window.Yasgui) { return; }  // the widget did not load: keep the plain form
  form.classList.add("hidden");
  box.classList.remove("hidden");
  var Yasgui = window.Yasgui;
  var table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (table && table.defaults) { table.defaults.openIriInNewWindow = false; }
  var yasgui = new Yasgui(box, {
    requestConfig: {endpoint: config.endpoint, method: "POST",
                    acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: function () { return []; }, keys: []},
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: {autocompleters: ["prefixes", "variables"], persistenceId: null,
            showQueryButton: true, resizeable: true, editorHeight: "18rem"},
    yasr: {prefixes: config.prefixes, persistenceId: null}
  });
  window.netgovYasgui = yasgui;  // for the browser tests
  // The results link the project's IRIs to this server's pages (root + /id/...), not to
  // w3id.org: every drawn link is rewritten as it appears.
  function localLinks(node) {
    if (!node.querySelectorAll) { return; }
    var links = node.matches && node.matches("a[href]") ? [node] : [];
    links = links.concat(Array.prototype.slice.call(node.querySelectorAll("a[href]")));
    links.forEach(function (a) {
      var h = a.getAttribute("href");
      if (h.indexOf(config.local) === 0) {
        a.setAttribute("href", config.root + "/id/" + h.slice(config.local.length));
        a.removeAttribute("target");
      }
    });
  }
  // Names for two unlabelled controls of the widget (axe-core: label, select-name).
  function labels(node) {
    if (!node.querySelectorAll) { return; }
    Array.prototype.forEach.call(node.querySelectorAll(
      "textarea:not([aria-label]), select.tableSizer:not([aria-label])"), function (e) {
      e.setAttribute("aria-label", e.tagName === "TEXTAREA" ? "SPARQL"
        : (document.documentElement.lang === "en" ? "Rows per page" : "行数"));
    });
  }
  labels(box);
  new MutationObserver(function (changes) {
    changes.forEach(function (c) {
      Array.prototype.forEach.call(c.addedNodes, function (n) { localLinks(n); labels(n); });
    });
  }).observe(box, {childList: true, subtree: true});
  function tab() { return yasgui.getTab(); }
  function setQuery(text) {
    var t = tab();
    t.setEndpoint(config.endpoint);
    t.setQuery(text);
    // Declare the project's prefixes the query uses and does not declare itself (the
    // endpoint binds them anyway; declared, the editor's checker knows them too).
    var used = {};
    (text.match(/(^|[\s(,;{^\/|])([A-Za-z][\w-]*):/g) || []).forEach(function (m) {
      var name = m.replace(/^[\s(,;{^\/|]/, "").slice(0, -1);
      if (config.prefixes[name] && !new RegExp("PREFIX\\s+" + name + ":", "i").test(text)) {
        used[name] = config.prefixes[name];
      }
    });
    t.getYasqe().addPrefixes(used);
  }
  function downloadLinks(text) {
    var q = "?query=" + encodeURIComponent(text);
    document.getElementById("download-csv").href = config.endpoint + q + "&format=csv";
    document.getElementById("download-json").href = config.endpoint + q + "&format=json";
    downloads.classList.remove("hidden");
  }
  yasgui.on("queryResponse", function (instance, t) { downloadLinks(t.getQuery()); });
  function choose(i) {
    picker.value = String(i);
    setQuery(config.examples[i].text);
    notes.textContent = config.examples[i].notes || "";
  }
  picker.addEventListener("change", function () {
    if (picker.value !== "") { choose(+picker.value); }
  });
  var given = new URLSearchParams(window.location.search);
  if (given.get("query")) {
    setQuery(given.get("query"));
    tab().query();
  } else if (given.get("example")) {
    config.examples.forEach(function (e, i) { if (e.name === given.get("example")) { choose(i); } });
    if (given.has("run")) { tab().query(); }
  } else {
    setQuery(config["default"]);
  }
})();
