// rasad dashboard: SVG charts and the document page's highlighting. No libraries, nothing fetched.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, value, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = value; // textContent: data never becomes markup
    return t;
  }
  function title(parent, value) {
    el("title", {}, parent).textContent = value;
  }
  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function niceStep(max, ticks) {
    var raw = max / Math.max(ticks, 1);
    var mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * mag >= raw) return steps[i] * mag;
    return 10 * mag;
  }
  function round(v) { return Math.round(v * 10) / 10; }

  // -- timeline: events per month by type (stacked bars), Goldstein sum per month (line, right axis)
  function drawTimeline(box, spec) {
    box.textContent = "";
    var months = spec.months || [];
    if (!months.length) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No dated events to draw.";
      box.appendChild(p);
      return;
    }
    var W = Math.max(box.clientWidth || 600, 280), H = W < 500 ? 240 : 300;
    var m = { l: 38, r: 46, t: 30, b: 38 };
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, "aria-hidden": "true" }, box);
    var maxN = 1, gMin = 0, gMax = 0;
    months.forEach(function (mo) {
      maxN = Math.max(maxN, mo.total);
      gMin = Math.min(gMin, mo.goldstein);
      gMax = Math.max(gMax, mo.goldstein);
    });
    var stepN = niceStep(maxN, 4), topN = Math.ceil(maxN / stepN) * stepN;
    if (gMax === gMin) gMax = gMin + 1;
    var gStep = niceStep(gMax - gMin, 4);
    gMin = Math.floor(gMin / gStep) * gStep;
    gMax = Math.ceil(gMax / gStep) * gStep;
    var band = iw / months.length, barW = Math.max(1, Math.min(band * 0.78, 46));
    function y(n) { return m.t + ih - (n / topN) * ih; }
    function gy(v) { return m.t + ih - ((v - gMin) / (gMax - gMin)) * ih; }
    function x(i) { return m.l + band * i + band / 2; }

    var grid = el("g", { "class": "grid" }, svg), axis = el("g", { "class": "axis" }, svg);
    for (var n = 0; n <= topN + 1e-9; n += stepN) {
      el("line", { x1: m.l, x2: m.l + iw, y1: y(n), y2: y(n) }, grid);
      text(axis, m.l - 6, y(n) + 4, String(n), { "text-anchor": "end" });
    }
    for (var g = gMin; g <= gMax + 1e-9; g += gStep) {
      text(axis, m.l + iw + 6, gy(g) + 4, String(round(g)), { "text-anchor": "start" });
    }
    text(axis, 4, 12, "events", { "text-anchor": "start" });
    text(axis, W - 4, 12, "Goldstein (sum)", { "text-anchor": "end" });
    el("line", { x1: m.l, x2: m.l + iw, y1: m.t + ih, y2: m.t + ih }, axis);
    if (gMin < 0 && gMax > 0) el("line", { "class": "zero", x1: m.l, x2: m.l + iw, y1: gy(0), y2: gy(0) }, svg);

    var every = Math.max(1, Math.ceil(months.length * 52 / iw));
    var bars = el("g", { "class": "bars" }, svg);
    months.forEach(function (mo, i) {
      var gBar = el("g", { "class": "month", "data-month": mo.month }, bars);
      var base = 0, parts = [];
      spec.types.forEach(function (t) {
        var c = mo.counts[t] || 0;
        if (!c) return;
        el("rect", { x: x(i) - barW / 2, y: y(base + c), width: barW, height: Math.max(0, y(base) - y(base + c)),
                     fill: spec.colours[t], "class": "bar t-" + t }, gBar);
        base += c;
        parts.push(spec.labels[t][0] + " " + c);
      });
      title(gBar, mo.month + ": " + (parts.join(", ") || "no events") + "; Goldstein " + round(mo.goldstein));
      if (i % every === 0) text(axis, x(i), m.t + ih + 16, mo.month, { "text-anchor": "middle" });
    });
    var d = months.map(function (mo, i) { return (i ? "L" : "M") + x(i).toFixed(1) + " " + gy(mo.goldstein).toFixed(1); });
    el("path", { d: d.join(" "), "class": "gold" }, svg);
    months.forEach(function (mo, i) {
      var dot = el("circle", { cx: x(i), cy: gy(mo.goldstein), r: months.length > 60 ? 1.5 : 3, "class": "gold-dot" }, svg);
      title(dot, mo.month + ": Goldstein sum " + round(mo.goldstein));
    });
  }

  // -- network: force layout of countries; each edge is a band of parallel lines, one per event type
  function layout(nodes, edges, W, H) {
    var n = nodes.length, index = {};
    nodes.forEach(function (nd, i) {
      index[nd.id] = i;
      var a = (2 * Math.PI * i) / n; // deterministic start: a circle, busiest first
      nd.x = W / 2 + (W * 0.38) * Math.cos(a);
      nd.y = H / 2 + (H * 0.38) * Math.sin(a);
    });
    var k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.75, temp = W / 8;
    var maxE = edges.reduce(function (m, e) { return Math.max(m, e.events); }, 1);
    // Pull per link shrinks as links multiply: otherwise a dense graph collapses into a ball.
    var pull = 1 / Math.max(1, edges.length / Math.max(n, 1));
    for (var it = 0; it < 300; it++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y;
          var dist = Math.sqrt(ex * ex + ey * ey) || 0.01, f = (k * k) / dist;
          dx[i] += (ex / dist) * f; dy[i] += (ey / dist) * f;
          dx[j] -= (ex / dist) * f; dy[j] -= (ey / dist) * f;
        }
      }
      edges.forEach(function (e) {
        var a = index[e.a], b = index[e.b];
        var ex = nodes[a].x - nodes[b].x, ey = nodes[a].y - nodes[b].y;
        var dist = Math.sqrt(ex * ex + ey * ey) || 0.01;
        var f = ((dist * dist) / k) * pull * (0.4 + Math.log(1 + e.events) / Math.log(1 + maxE));
        dx[a] -= (ex / dist) * f; dy[a] -= (ey / dist) * f;
        dx[b] += (ex / dist) * f; dy[b] += (ey / dist) * f;
      });
      for (var q = 0; q < n; q++) {
        dx[q] += (W / 2 - nodes[q].x) * 0.05 * k / 10; // gravity keeps loose parts on the page
        dy[q] += (H / 2 - nodes[q].y) * 0.05 * k / 10;
        var len = Math.sqrt(dx[q] * dx[q] + dy[q] * dy[q]) || 1, step = Math.min(len, temp);
        nodes[q].x = Math.min(W - 50, Math.max(50, nodes[q].x + (dx[q] / len) * step));
        nodes[q].y = Math.min(H - 50, Math.max(40, nodes[q].y + (dy[q] / len) * step));
      }
      temp *= 0.985;
    }
    return index;
  }

  function drawNetwork(box, spec) {
    var nodes = spec.nodes || [], all = spec.edges || [];
    if (!nodes.length) return;
    box.textContent = "";
    // The busiest links only, a few per country: past that, lines hide each other and the countries.
    var keep = Math.max(60, nodes.length * 3);
    var edges = all.slice().sort(function (p, q) { return q.events - p.events; }).slice(0, keep);
    // Drawn at the width it has, so labels keep their size: taller than wide on a phone.
    var W = Math.min(Math.max(box.clientWidth || 1000, 320), 1100);
    var H = W < 600 ? Math.round(W * 1.2) : Math.round(Math.min(680, W * 0.7));
    var scale = W < 600 ? 0.65 : 1;
    var index = layout(nodes, edges, W, H);
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H }, box);
    var maxE = edges.reduce(function (m, e) { return Math.max(m, e.events); }, 1);
    var maxN = nodes.reduce(function (m, nd) { return Math.max(m, nd.events); }, 1);
    var gEdges = el("g", { "class": "edges" }, svg), gNodes = el("g", { "class": "nodes" }, svg);
    edges.slice().reverse().forEach(function (e) { // the busiest last, on top
      var a = nodes[index[e.a]], b = nodes[index[e.b]];
      var len = Math.hypot(b.x - a.x, b.y - a.y) || 1, nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
      var width = 1.5 + 14 * scale * Math.sqrt(e.events / maxE), offset = -width / 2;
      var pq = spec.pair_qs ? "?" + spec.pair_qs : "";  // the page's filters go along
      var link = el("a", { href: "/ui/pairs/" + encodeURIComponent(e.a) + "/" + encodeURIComponent(e.b) + pq, "class": "edge" }, gEdges);
      var mix = [];
      spec.types.forEach(function (t) {
        var c = e.by_type[t] || 0;
        if (!c) return;
        var w = (width * c) / e.events, mid = offset + w / 2;
        el("line", { x1: a.x + nx * mid, y1: a.y + ny * mid, x2: b.x + nx * mid, y2: b.y + ny * mid,
                     stroke: spec.colours[t], "stroke-width": Math.max(w, 0.8), "class": "band" }, link);
        offset += w;
        mix.push(t + " " + c);
      });
      title(link, e.a + " – " + e.b + ": " + e.events + " events (" + mix.join(", ") + ")");
    });
    var links = spec.links || all.length;
    if (edges.length < links) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = "Showing the " + edges.length + " busiest of " + links + " links.";
      box.appendChild(note);
    }
    nodes.forEach(function (nd) {
      var r = (7 + 18 * Math.sqrt(nd.events / maxN)) * scale;
      var eq = spec.events_qs ? "&" + spec.events_qs : "";
      var link = el("a", { href: "/ui/events?country=" + encodeURIComponent(nd.id) + eq, "class": "node", "data-code": nd.id }, gNodes);
      el("circle", { cx: nd.x, cy: nd.y, r: r }, link);
      text(link, nd.x, nd.y + r + 13, nd.id, { "text-anchor": "middle" });
      title(link, nd.en + (nd.ar ? " · " + nd.ar : "") + ": " + nd.events + " events");
    });
  }

  // -- document page: an event's record and its evidence light up together
  function setupDocument(layoutBox) {
    var marks = Array.prototype.slice.call(document.querySelectorAll("mark.ev"));
    var records = Array.prototype.slice.call(document.querySelectorAll(".record"));
    function select(id, scroll) {
      id = String(id);
      marks.forEach(function (mk) {
        mk.classList.toggle("active", mk.getAttribute("data-events").split(" ").indexOf(id) >= 0);
      });
      records.forEach(function (rec) { rec.classList.toggle("selected", rec.getAttribute("data-event") === id); });
      if (scroll) {
        var first = marks.filter(function (mk) { return mk.classList.contains("active"); })[0];
        if (first) first.scrollIntoView({ block: "center" });
      }
    }
    records.forEach(function (rec) {
      rec.addEventListener("click", function (ev) {
        if (ev.target.closest("a") && !ev.target.closest("a.span-link")) return;
        ev.preventDefault();
        select(rec.getAttribute("data-event"), true);
      });
      rec.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") select(rec.getAttribute("data-event"), true);
      });
    });
    marks.forEach(function (mk) {
      mk.addEventListener("click", function () {
        var id = mk.getAttribute("data-events").split(" ")[0];
        select(id, false);
        var rec = document.getElementById("event-" + id);
        if (rec) rec.scrollIntoView({ block: "nearest" });
      });
    });
    var chosen = layoutBox.getAttribute("data-selected");
    if (chosen) select(chosen, true);
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var spec = readJSON(box.getAttribute("data-source"));
      if (!spec) return;
      if (box.getAttribute("data-chart") === "timeline") drawTimeline(box, spec);
      else if (box.getAttribute("data-chart") === "network") drawNetwork(box, spec);
      box.setAttribute("data-drawn", "1");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    // On a phone the filter form would push the table off the first screen: fold it until asked for.
    var filters = document.querySelector("details[data-narrow-closed]");
    if (filters && !window.location.search && window.matchMedia("(max-width: 640px)").matches) filters.open = false;
    var doc = document.querySelector(".doc-layout");
    if (doc) setupDocument(doc);
    var width = window.innerWidth, timer = null;
    window.addEventListener("resize", function () {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      clearTimeout(timer);
      timer = setTimeout(drawAll, 150); // timelines are drawn at the width they have
    });
  });
})();
