// dvkg network page. All data comes from the JSON block and is untrusted
// article text: it is only ever written with textContent or as vis-network
// string titles (rendered as text), never parsed as HTML.
(function () {
  "use strict";

  // Colour and shape by kind; shapes that scale with `value` so size shows degree.
  var KINDS = {
    person:       { name: "Người · person",            color: "#2f6fb0", shape: "dot",          symbol: "●" },
    party:        { name: "Cơ quan Đảng · party body", color: "#c0392b", shape: "square",       symbol: "■" },
    state:        { name: "Nhà nước · state body",     color: "#d68910", shape: "square",       symbol: "■" },
    mass:         { name: "Đoàn thể · mass org.",      color: "#27864a", shape: "square",       symbol: "■" },
    organisation: { name: "Tổ chức · organisation",    color: "#7f8c8d", shape: "square",       symbol: "■" },
    event:        { name: "Sự kiện · event",           color: "#8e44ad", shape: "diamond",      symbol: "◆" },
    document:     { name: "Văn bản · document",        color: "#16a085", shape: "triangle",     symbol: "▲" },
    province:     { name: "Tỉnh · province",           color: "#5d6d7e", shape: "triangleDown", symbol: "▼" }
  };
  var MAX_RESULTS = 20;

  var data = JSON.parse(document.getElementById("dvkg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; n.folded = dvkgFold(n.label); });

  // --- small DOM helpers: text only ---------------------------------------
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function kindOf(kind) { return KINDS[kind] || KINDS.organisation; }
  function show(value) { return Array.isArray(value) ? value.join("; ") : String(value); }

  // --- the graph ------------------------------------------------------------
  function tooltip(lines) {
    var box = el("div");
    box.textContent = lines.join("\n");  // .vis-tooltip keeps the line breaks
    return box;
  }
  function nodeTooltip(n) {
    var lines = [n.label, kindOf(n.kind).name];
    Object.keys(n.details).forEach(function (k) { lines.push(k + ": " + show(n.details[k])); });
    return tooltip(lines);
  }
  function edgeTooltip(e) {
    var lines = [byId[e.from].label + " — " + e.relation + " — " + byId[e.to].label];
    if (e.title) lines.push(e.title);
    e.evidence.slice(0, 3).forEach(function (ev) { lines.push("“" + ev.sentence + "”"); });
    return tooltip(lines);
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var k = kindOf(n.kind);
    return { id: n.id, label: n.label, value: n.degree, shape: k.shape,
             color: { background: k.color, border: k.color }, title: nodeTooltip(n) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.relation, arrows: "to", title: edgeTooltip(e) };
  }));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { scaling: { min: 8, max: 40, label: { enabled: false } }, font: { size: 13 } },
    edges: { font: { size: 10, align: "middle", color: "#555" }, color: { color: "#aaa", highlight: "#333" },
             smooth: { type: "continuous" } },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 400, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false }
  });
  // Let the layout settle once, then freeze it so the graph stops drifting.
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

  // --- legend and counts -----------------------------------------------------
  function drawLegend() {
    var legend = document.getElementById("legend");
    var present = {};
    data.nodes.forEach(function (n) { present[n.kind] = (present[n.kind] || 0) + 1; });
    Object.keys(KINDS).forEach(function (kind) {
      if (!present[kind]) return;
      var item = el("span");
      var symbol = el("span", KINDS[kind].symbol, "symbol");
      symbol.style.color = KINDS[kind].color;
      item.appendChild(symbol);
      item.appendChild(document.createTextNode(KINDS[kind].name + " (" + present[kind] + ")"));
      legend.appendChild(item);
    });
    document.getElementById("counts").textContent =
      data.nodes.length + " nodes · " + data.edges.length + " edges";
  }

  // --- side panel ---------------------------------------------------------------
  var panel = document.getElementById("panel");

  function detailsList(details) {
    var dl = el("dl");
    Object.keys(details).forEach(function (k) {
      dl.appendChild(el("dt", k));
      dl.appendChild(el("dd", show(details[k])));
    });
    return dl;
  }
  function evidenceList(evidence) {
    if (!evidence.length) return el("p", "No sentence recorded.", "hint");
    var ol = el("ol", null, "evidence");
    evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("blockquote", ev.sentence));
      var source = ev.article + (ev.source && ev.source !== ev.article ? " — " + ev.source : "");
      li.appendChild(el("cite", source));
      ol.appendChild(li);
    });
    return ol;
  }
  function linkTo(id, text) {
    var button = el("button", text);
    button.type = "button";
    button.addEventListener("click", function () { focusNode(id); });
    return button;
  }
  function neighbourList(id) {
    var ul = el("ul", null, "links");
    data.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) return;
      var li = el("li");
      var other = e.from === id ? e.to : e.from;
      li.appendChild(document.createTextNode(e.from === id ? e.relation + " → " : "← " + e.relation + " · "));
      li.appendChild(linkTo(other, byId[other].label));
      ul.appendChild(li);
    });
    return ul;
  }
  function showNode(id) {
    var n = byId[id];
    clear(panel);
    var h = el("h2", n.label);
    panel.appendChild(h);
    panel.appendChild(el("span", kindOf(n.kind).name, "panel-kind"));
    panel.appendChild(detailsList(n.details));
    panel.appendChild(el("h3", "Links"));
    panel.appendChild(neighbourList(id));
    panel.appendChild(el("h3", "Evidence (" + n.evidence.length + ")"));
    panel.appendChild(evidenceList(n.evidence));
  }
  function showEdge(index) {
    var e = data.edges[index];
    clear(panel);
    panel.appendChild(el("h2", e.relation));
    var ul = el("ul", null, "links");
    [e.from, e.to].forEach(function (id) { var li = el("li"); li.appendChild(linkTo(id, byId[id].label)); ul.appendChild(li); });
    panel.appendChild(ul);
    if (e.title) panel.appendChild(el("p", e.title));
    panel.appendChild(el("h3", "Evidence (" + e.evidence.length + ")"));
    panel.appendChild(evidenceList(e.evidence));
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400 } });
    showNode(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // --- search -------------------------------------------------------------------
  var input = document.getElementById("search");
  var results = document.getElementById("results");

  function matches(query) {
    var q = dvkgFold(query).trim();
    if (!q) return [];
    return data.nodes.filter(function (n) { return n.folded.indexOf(q) !== -1; })
      .sort(function (a, b) { return b.degree - a.degree; })
      .slice(0, MAX_RESULTS);
  }
  function pick(id) {
    results.hidden = true;
    focusNode(id);
  }
  function listResults() {
    clear(results);
    var found = matches(input.value);
    found.forEach(function (n) {
      var li = el("li", n.label);
      li.appendChild(el("span", kindOf(n.kind).name, "kind"));
      li.addEventListener("click", function () { pick(n.id); });
      results.appendChild(li);
    });
    if (input.value.trim() && !found.length) results.appendChild(el("li", "No match", "hint"));
    results.hidden = !results.firstChild;
  }
  input.addEventListener("input", listResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var first = matches(input.value)[0]; if (first) pick(first.id); }
    if (event.key === "Escape") { results.hidden = true; }
  });

  drawLegend();
  // Exposed for tests and the browser console; nothing reads it back into the page.
  window.dvkg = { network: network, matches: matches, focusNode: focusNode };
})();
