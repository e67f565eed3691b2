// dvkg network page. All data comes from the JSON block and is untrusted
// article text: it is only ever written with textContent, new Option(text)
// or as vis-network string titles (which vis shows with innerText), never
// parsed as HTML.
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
  // People view: one colour per community (the last one for all the small ones).
  var PALETTE = ["#2f6fb0", "#c0392b", "#27864a", "#d68910", "#8e44ad", "#16a085",
                 "#b03a7a", "#5d6d7e", "#7d6608", "#1f618d", "#a04000", "#95a5a6"];
  var MAX_RESULTS = 20;
  var PARTICIPATION = { "chaired": 1, "spoke at": 1, "attended": 1 };

  var data = JSON.parse(document.getElementById("dvkg-data").textContent);
  var peopleView = data.view === "people";
  var byId = {};
  var links = {};  // node id -> indices of its edges
  data.nodes.forEach(function (n) {
    byId[n.id] = n; n.folded = dvkgFold(n.label); n.hidden = false; links[n.id] = [];
  });
  data.edges.forEach(function (e, i) { links[e.from].push(i); links[e.to].push(i); });

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
  function evidence(refs) {
    return refs.map(function (i) {
      var s = data.sentences[i], a = data.articles[s[1]];
      return { sentence: s[0], article: a[0], source: a[1] };
    });
  }

  // Filter key, colour and shape: by kind, or by community in the people view.
  function groupOf(n) { return peopleView ? "c" + Math.min(n.community || 0, PALETTE.length - 1) : n.kind; }
  function groupStyle(key) {
    if (!peopleView) return kindOf(key);
    var i = Number(key.slice(1));
    var name = i === PALETTE.length - 1 ? "Nhóm khác · other communities" : "Nhóm " + (i + 1) + " · community " + (i + 1);
    return { name: name, color: PALETTE[i], shape: "dot", symbol: "●" };
  }
  function nodeName(n) { return peopleView ? groupStyle(groupOf(n)).name : kindOf(n.kind).name; }

  // --- the graph ------------------------------------------------------------
  function nodeTooltip(n) {
    var lines = [n.label, nodeName(n)];
    Object.keys(n.details).forEach(function (k) { lines.push(k + ": " + show(n.details[k])); });
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var lines = [byId[e.from].label + " — " + edgeName(e) + " — " + byId[e.to].label];
    if (e.title) lines.push(e.title);
    evidence(e.ev.slice(0, 3)).forEach(function (ev) { lines.push("“" + ev.sentence + "”"); });
    return lines.join("\n");
  }
  function edgeLabel(e) { return peopleView ? String(e.weight) : e.relation; }
  function edgeName(e) { return peopleView ? e.weight + " shared event" + (e.weight > 1 ? "s" : "") : e.relation; }

  var big = !!data.positioned;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var k = groupStyle(groupOf(n));
    var item = { id: n.id, label: n.label, value: n.degree, shape: k.shape,
                 color: { background: k.color, border: k.color }, title: nodeTooltip(n) };
    if (big) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var item = { id: i, from: e.from, to: e.to, title: edgeTooltip(e) };
    if (!big) item.label = edgeLabel(e);  // big graphs: only the selected node's edges (see select)
    if (peopleView) item.value = e.weight; else item.arrows = "to";
    return item;
  }));
  var container = document.getElementById("network");
  var status = document.getElementById("status");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { scaling: { min: 8, max: 40, label: { enabled: false } }, font: { size: 13 } },
    edges: { font: { size: 10, align: "middle", color: "#555" }, color: { color: "#aaa", highlight: "#333" },
             smooth: big ? false : { type: "continuous" }, scaling: { min: 1, max: 8 } },
    // Small graphs settle under physics, which then stops; big ones come laid out.
    physics: big ? false : { solver: "forceAtlas2Based",
                             stabilization: { iterations: 300, updateInterval: 20, fit: true } },
    layout: { improvedLayout: !big && data.nodes.length <= 150 },
    interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big }
  });

  var api = { network: network, nodes: nodes, edges: edges, ready: false, physics: !big };
  function ready() {
    if (api.ready) return;
    api.ready = true;
    status.textContent = "";
    document.body.setAttribute("data-ready", "true");
  }
  if (big || !data.nodes.length) {
    network.once("afterDrawing", ready);
    if (!data.nodes.length) ready();
  } else {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Đang sắp xếp · laying out " + Math.round(100 * p.iterations / p.total) + "%";
    });
    // Let the layout settle once, then freeze it so the graph stops drifting.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      api.physics = false;
      network.once("afterDrawing", ready);
      network.redraw();
    });
  }

  // --- legend (= kind filter), province and date filters ------------------------
  var filters = { groups: {}, province: "", from: "", to: "" };
  var provinceSelect = document.getElementById("province");
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");

  function drawLegend() {
    var legend = document.getElementById("legend");
    var present = {};
    data.nodes.forEach(function (n) { var g = groupOf(n); present[g] = (present[g] || 0) + 1; });
    var keys = peopleView ? Object.keys(present).sort(function (a, b) { return a.slice(1) - b.slice(1); })
                          : Object.keys(KINDS).filter(function (k) { return present[k]; });
    keys.forEach(function (key) {
      var style = groupStyle(key);
      filters.groups[key] = true;
      var item = el("label");
      var box = el("input");
      box.type = "checkbox"; box.checked = true; box.value = key;
      box.addEventListener("change", function () { filters.groups[key] = box.checked; applyFilters(); });
      var symbol = el("span", style.symbol, "symbol");
      symbol.style.color = style.color;
      item.appendChild(box);
      item.appendChild(symbol);
      item.appendChild(document.createTextNode(style.name + " (" + present[key] + ")"));
      legend.appendChild(item);
    });
  }
  function drawFilters() {
    var provinces = {}, dates = [];
    data.nodes.forEach(function (n) {
      n.provinces.forEach(function (p) { provinces[p] = true; });
      dates = dates.concat(n.dates);
    });
    Object.keys(provinces).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (p) {
      provinceSelect.appendChild(new Option(p, p));  // Option(text) sets text, not HTML
    });
    dates.sort();
    if (dates.length) {
      [dateFrom, dateTo].forEach(function (input) { input.min = dates[0]; input.max = dates[dates.length - 1]; });
    }
    provinceSelect.addEventListener("change", function () { filters.province = provinceSelect.value; applyFilters(); });
    dateFrom.addEventListener("change", function () { filters.from = dateFrom.value; applyFilters(); });
    dateTo.addEventListener("change", function () { filters.to = dateTo.value; applyFilters(); });
    document.getElementById("reset").addEventListener("click", resetFilters);
  }
  function passes(n) {
    if (!filters.groups[groupOf(n)]) return false;
    if (filters.province && n.provinces.indexOf(filters.province) === -1) return false;
    if (filters.from || filters.to) {
      return n.dates.some(function (d) { return (!filters.from || d >= filters.from) && (!filters.to || d <= filters.to); });
    }
    return true;
  }
  function applyFilters() {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var hidden = !passes(n);
      if (hidden !== n.hidden) { n.hidden = hidden; nodeChanges.push({ id: n.id, hidden: hidden }); }
    });
    data.edges.forEach(function (e, i) {
      var hidden = byId[e.from].hidden || byId[e.to].hidden;
      if (hidden !== !!e.hidden) { e.hidden = hidden; edgeChanges.push({ id: i, hidden: hidden }); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    drawCounts();
    listResults();
  }
  function resetFilters() {
    Object.keys(filters.groups).forEach(function (k) { filters.groups[k] = true; });
    document.querySelectorAll("#legend input").forEach(function (box) { box.checked = true; });
    provinceSelect.value = dateFrom.value = dateTo.value = "";
    filters.province = filters.from = filters.to = "";
    applyFilters();
  }
  function drawCounts() {
    var shownNodes = data.nodes.filter(function (n) { return !n.hidden; }).length;
    var text = data.nodes.length + " nodes · " + data.edges.length + " edges";
    if (shownNodes !== data.nodes.length) text = shownNodes + " / " + text + " shown";
    document.getElementById("counts").textContent = text;
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
  function evidenceList(refs) {
    if (!refs.length) return el("p", "No sentence recorded.", "hint");
    var ol = el("ol", null, "evidence");
    evidence(refs).forEach(function (ev) {
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
    links[id].forEach(function (i) {
      var e = data.edges[i];
      var li = el("li");
      var other = e.from === id ? e.to : e.from;
      var arrow = peopleView ? edgeName(e) + " · " : e.from === id ? e.relation + " → " : "← " + e.relation + " · ";
      li.appendChild(document.createTextNode(arrow));
      li.appendChild(linkTo(other, byId[other].label));
      ul.appendChild(li);
    });
    return ul;
  }
  // A person's posts (dated by the articles attesting them) and events, in date order.
  function timeline(id) {
    var rows = [];
    links[id].forEach(function (i) {
      var e = data.edges[i];
      if (e.from !== id) return;
      var target = byId[e.to];
      if (e.relation === "holds post in") {
        var post = (e.title ? e.title + ", " : "") + target.label;
        (e.dates.length ? e.dates : [""]).forEach(function (d) { rows.push([d, post]); });
      } else if (PARTICIPATION[e.relation]) {
        var date = target.details.date;
        rows.push([typeof date === "string" ? date : "", e.relation + " " + target.label]);
      }
    });
    rows.sort(function (a, b) { return (a[0] || "9999").localeCompare(b[0] || "9999") || a[1].localeCompare(b[1]); });
    var ol = el("ol", null, "timeline");
    rows.forEach(function (row) {
      var li = el("li");
      li.appendChild(el("time", row[0] || "—"));
      li.appendChild(document.createTextNode(row[1]));
      ol.appendChild(li);
    });
    return ol;
  }
  function showNode(id) {
    var n = byId[id];
    clear(panel);
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("span", nodeName(n), "panel-kind"));
    panel.appendChild(detailsList(n.details));
    if (n.kind === "person" && !peopleView) {
      panel.appendChild(el("h3", "Timeline"));
      panel.appendChild(timeline(id));
    }
    panel.appendChild(el("h3", "Links (" + links[id].length + ")"));
    panel.appendChild(neighbourList(id));
    panel.appendChild(el("h3", "Evidence (" + n.ev.length + ")"));
    panel.appendChild(evidenceList(n.ev));
  }
  function showEdge(index) {
    var e = data.edges[index];
    clear(panel);
    panel.appendChild(el("h2", edgeName(e)));
    var ul = el("ul", null, "links");
    [e.from, e.to].forEach(function (id) { var li = el("li"); li.appendChild(linkTo(id, byId[id].label)); ul.appendChild(li); });
    panel.appendChild(ul);
    if (e.title) panel.appendChild(el("p", e.title));
    if (e.dates.length) panel.appendChild(detailsList({ dates: e.dates }));
    if (e.events) {
      panel.appendChild(el("h3", "Shared events"));
      var events = el("ul");
      e.events.forEach(function (label) { events.appendChild(el("li", label)); });
      panel.appendChild(events);
    }
    panel.appendChild(el("h3", "Evidence (" + e.ev.length + ")"));
    panel.appendChild(evidenceList(e.ev));
  }
  // Drawing 30,000 edge labels makes every frame slow, and vis animations
  // advance per frame: so a big graph labels only the selected node's edges
  // and jumps instead of animating.
  var labelled = [];
  function labelEdgesOf(ids) {
    if (!big) return;
    edges.update(labelled.map(function (i) { return { id: i, label: null }; }));
    labelled = [];
    ids.forEach(function (id) { labelled = labelled.concat(links[id]); });
    edges.update(labelled.map(function (i) { return { id: i, label: edgeLabel(data.edges[i]) }; }));
  }
  function focusNode(id) {
    network.selectNodes([id]);
    labelEdgesOf([id]);
    network.focus(id, { scale: 1.2, animation: big ? false : { duration: 300 } });
    showNode(id);
  }
  network.on("select", function (params) { labelEdgesOf(params.nodes); });
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // --- search -------------------------------------------------------------------
  var input = document.getElementById("search");
  var results = document.getElementById("results");

  function matches(query) {
    var q = dvkgFold(query).replace(/\s+/g, " ").trim();
    if (!q) return [];
    return data.nodes.filter(function (n) { return !n.hidden && n.folded.indexOf(q) !== -1; })
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
      li.appendChild(el("span", nodeName(n), "kind"));
      li.addEventListener("click", function () { pick(n.id); });
      results.appendChild(li);
    });
    if (input.value.trim() && !found.length) {
      var filtered = data.nodes.some(function (n) { return n.hidden; });
      results.appendChild(el("li", filtered ? "No match among the nodes shown" : "No match", "hint"));
    }
    results.hidden = !results.firstChild;
  }
  input.addEventListener("input", listResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var first = matches(input.value)[0]; if (first) pick(first.id); }
    if (event.key === "Escape") { results.hidden = true; }
  });

  drawLegend();
  drawFilters();
  drawCounts();
  // Exposed for tests and the browser console; nothing reads it back into the page.
  api.matches = matches; api.focusNode = focusNode; api.showNode = showNode; api.showEdge = showEdge;
  api.applyFilters = applyFilters; api.filters = filters;
  window.dvkg = api;
})();
