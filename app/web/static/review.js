// The review page: highlight boxes, keys that never type into a field, click-to-fill from the page
// image, zoom/rotate, the saving/saved state, and the warnings checklist before approving.
(function () {
  "use strict";
  if (!document.querySelector("main.review")) return;

  function $(id) { return document.getElementById(id); }
  function panel() { return $("panel"); }
  function isField(el) { return el && el.classList && el.classList.contains("field") && el.closest("#panel"); }
  function typing(el) { return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable; }

  // --- highlight boxes (their place is data: the CSP allows no style attributes) -------------------
  function place(root) {
    (root && root.querySelectorAll ? root : document).querySelectorAll(".box[data-place]").forEach(function (b) {
      var v = b.dataset.place.split(" ");
      b.style.left = v[0] + "%"; b.style.top = v[1] + "%"; b.style.width = v[2] + "%"; b.style.height = v[3] + "%";
    });
  }
  var active = null;
  function highlight(el, scroll) {
    var holder = el && el.closest && el.closest("[data-box]");
    var b = holder ? $(holder.dataset.box) : null;
    if (active && active !== b) active.classList.remove("active");
    active = b;
    if (!b) return;
    b.classList.add("active");
    if (scroll) b.scrollIntoView({block: "nearest", behavior: "smooth"});
  }
  document.addEventListener("focusin", function (e) { highlight(e.target, true); });
  document.addEventListener("mouseover", function (e) { if (e.target.closest("#panel")) highlight(e.target, false); });
  document.addEventListener("click", function (e) {
    var src = e.target.closest(".show-source");
    if (src) { highlight(src, true); }
  });

  // --- keys ---------------------------------------------------------------------------------------
  // Plain letters only move a cursor over the fields (a highlight, not the keyboard focus), so no
  // key press can ever land in a field: Enter starts editing the field under the cursor.
  function fields() {
    return Array.prototype.filter.call(document.querySelectorAll("#panel .field"), function (el) { return !el.disabled; });
  }
  var cursorId = null;
  function showCursor(el) {
    document.querySelectorAll(".cursor").forEach(function (c) { c.classList.remove("cursor"); });
    if (!el) return;
    cursorId = el.id;
    el.classList.add("cursor");
    highlight(el, true);
    el.scrollIntoView({block: "nearest"});
  }
  function moveCursor(step) {
    var list = fields();
    if (!list.length) return;
    var i = list.findIndex(function (f) { return f.id === cursorId; });
    i = i < 0 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + step));
    showCursor(list[i]);
  }
  function edit(el) {
    if (!el) return;
    el.focus();
    if (el.select) el.select();
  }
  function moveFocus(step) {  // Alt+J/K: from field to field while editing (like Tab)
    var list = fields();
    var i = list.indexOf(document.activeElement);
    if (i < 0) i = list.findIndex(function (f) { return f.id === cursorId; });
    var next = list[Math.max(0, Math.min(list.length - 1, i + step))];
    if (next) { showCursor(next); edit(next); }
  }
  function sameColumn(step) {  // Alt+Down/Up: the same column on the next/previous line
    var m = /^l(\d+)-(\w+)$/.exec((document.activeElement || {}).id || cursorId || "");
    var target = m ? $("l" + (parseInt(m[1], 10) + step) + "-" + m[2]) : $("l0-quantity");
    if (target && !target.disabled) { showCursor(target); edit(target); }
  }
  function click(id) { var el = $(id); if (el && !el.disabled) el.click(); }
  function go(id) { var a = $(id); if (a) location.href = a.href; }
  function approve() {
    var ack = $("ack-approve");
    if (ack && !$("ack").classList.contains("hidden")) { if (!ack.disabled) ack.click(); else edit($("ack-0")); }
    else click("approve");
  }
  function reject() {
    var box = $("reject-box");
    if (!box || $("reject").disabled) return;
    box.classList.remove("hidden");
    $("reject-reason").focus();
  }

  function afterSave(fn) {
    var done = false;
    function go() { if (!done) { done = true; document.removeEventListener("htmx:afterSettle", settled); fn(); } }
    function settled(e) { if (e.detail.target && e.detail.target.id === "panel") go(); }
    document.addEventListener("htmx:afterSettle", settled);
    setTimeout(go, 5000);  // no answer: act anyway (the server refuses a stale version)
  }
  var ALT = {KeyA: approve, KeyR: reject, KeyL: function () { click("add-line"); },
             KeyN: function () { go("next-doc"); }, KeyP: function () { go("prev-doc"); },
             KeyQ: function () { location.href = "/review"; },
             KeyJ: function () { moveFocus(1); }, KeyK: function () { moveFocus(-1); },
             ArrowDown: function () { sameColumn(1); }, ArrowUp: function () { sameColumn(-1); },
             Digit1: function () { var q = $("l0-quantity"); if (q && !q.disabled) { showCursor(q); edit(q); } }};
  var SAVES_FIRST = {KeyA: 1, KeyR: 1, KeyL: 1, KeyN: 1, KeyP: 1, KeyQ: 1};

  document.addEventListener("keydown", function (e) {
    var t = e.target, inField = typing(t);
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      var fn = ALT[e.code];
      if (!fn) return;
      e.preventDefault();
      if (inField && SAVES_FIRST[e.code] && isField(t) && t.value !== t.defaultValue) {
        afterSave(fn);  // save the pending edit first, then act on the panel it comes back with
        t.dispatchEvent(new Event("change", {bubbles: true}));
      } else fn();
      return;
    }
    if (inField) {
      if (e.key === "Escape") { if (isField(t)) showCursor(t); t.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || t.closest("a, button, summary")) return;
    if (e.key === "Escape") { ["reject-box", "ack"].forEach(function (id) { var b = $(id); if (b) b.classList.add("hidden"); }); return; }
    var plain = {j: function () { moveCursor(1); }, k: function () { moveCursor(-1); },
                 Enter: function () { edit($(cursorId)); }, "+": function () { zoomBy(1.25); },
                 "-": function () { zoomBy(0.8); }};
    if (plain[e.key]) { e.preventDefault(); plain[e.key](); }
  });

  // --- the panel after a swap: focus where the server says, saving/saved state, the checklist -------
  var saveState = function (text, cls) {
    var s = $("save-state");
    if (!s) return;
    s.textContent = text;
    s.className = "save-state " + (cls || "");
  };
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt.closest && e.detail.elt.closest("#panel") && e.detail.requestConfig.verb === "post") {
      saveState("Saving…", "saving");
    }
  });
  // The answer to a save lands on the panel (the element that sent it may be gone by then).
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "panel" || e.detail.requestConfig.verb !== "post") return;
    var s = e.detail.xhr.status;
    if (s >= 200 && s < 300) saveState("Saved " + new Date().toLocaleTimeString(), "saved");
    else if (s === 409 || s === 422) saveState("Not saved: see the message", "unsaved");
    else saveState("Not saved (" + s + ")", "unsaved");
  });
  document.addEventListener("htmx:sendError", function () { saveState("Not saved: no connection", "unsaved"); });
  function afterPanel() {
    var p = panel();
    if (!p) return;
    place(p);
    var f = p.dataset.focus && $(p.dataset.focus);
    if (f) { showCursor(f.classList.contains("field") ? f : null); f.focus(); if (f.select) f.select(); }
    else if (cursorId && $(cursorId) && document.activeElement === document.body) showCursor($(cursorId));
    ackState();
  }
  function ackState() {
    var boxes = document.querySelectorAll("#ack .ack-box"), btn = $("ack-approve");
    if (!btn) return;
    btn.disabled = !Array.prototype.every.call(boxes, function (b) { return b.checked; });
  }
  document.addEventListener("change", function (e) { if (e.target.classList.contains("ack-box")) ackState(); });
  document.addEventListener("htmx:load", function (e) { place(e.detail.elt); if (e.detail.elt.id === "panel") afterPanel(); });

  // --- click a word or drag a box on the page to fill the field being edited ------------------------
  var target = null;  // id of the last field the clerk was in
  document.addEventListener("focusin", function (e) { if (isField(e.target)) target = e.target.id; });
  var words = {};  // page number -> promise of [text, left, top, width, height] (percent)
  function wordsOf(fig) {
    var n = fig.dataset.page;
    if (!words[n]) {
      words[n] = fetch(fig.dataset.words, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {words: []}; })
        .then(function (j) { return j.words || []; });
    }
    return words[n];
  }
  var view = {zoom: 1, rot: 0};
  function toPage(fig, clientX, clientY) {  // a point on screen -> percent of the unrotated page
    var sheet = fig.querySelector(".sheet"), r = fig.getBoundingClientRect();
    var w = sheet.offsetWidth, h = sheet.offsetHeight, cx = clientX - r.left, cy = clientY - r.top, x, y;
    if (view.rot === 90) { x = cy; y = h - cx; } else if (view.rot === 180) { x = w - cx; y = h - cy; }
    else if (view.rot === 270) { x = w - cy; y = cx; } else { x = cx; y = cy; }
    return {x: x / w * 100, y: y / h * 100};
  }
  function joinWords(list, long) {
    list.sort(function (a, b) { return Math.abs(a[2] - b[2]) < Math.min(a[4], b[4]) / 2 ? a[1] - b[1] : a[2] - b[2]; });
    var lines = [], last = null;
    list.forEach(function (wd) {
      if (last && Math.abs(wd[2] - last[2]) < Math.min(wd[4], last[4]) / 2) lines[lines.length - 1].push(wd[0]);
      else lines.push([wd[0]]);
      last = wd;
    });
    return lines.map(function (l) { return l.join(" "); }).join(long ? ", " : " ");
  }
  function fill(text) {
    var el = target && $(target);
    if (!el || el.disabled || !text) return false;
    el.value = text;
    el.focus();
    el.dispatchEvent(new Event("change", {bubbles: true}));
    return true;
  }
  var drag = null;
  document.addEventListener("mousedown", function (e) {
    var fig = e.button === 0 && e.target.closest(".page[data-words]");
    if (!fig) return;
    e.preventDefault();  // the field being edited keeps the focus
    var lasso = document.createElement("div");
    lasso.className = "lasso hidden";
    fig.appendChild(lasso);
    drag = {fig: fig, x: e.clientX, y: e.clientY, lasso: lasso, moved: false};
    wordsOf(fig);
  });
  document.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    drag.moved = true;
    var r = drag.fig.getBoundingClientRect(), l = drag.lasso;
    l.classList.remove("hidden");
    l.style.left = (Math.min(e.clientX, drag.x) - r.left) + "px"; l.style.top = (Math.min(e.clientY, drag.y) - r.top) + "px";
    l.style.width = Math.abs(dx) + "px"; l.style.height = Math.abs(dy) + "px";
  });
  document.addEventListener("mouseup", function (e) {
    if (!drag) return;
    var d = drag;
    drag = null;
    var a = toPage(d.fig, d.x, d.y), b = toPage(d.fig, e.clientX, e.clientY);
    var long = target && $(target) && $(target).closest("label.long");
    wordsOf(d.fig).then(function (list) {
      d.lasso.remove();
      var picked;
      if (d.moved) {
        var x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y);
        picked = list.filter(function (w) {
          var cx = w[1] + w[3] / 2, cy = w[2] + w[4] / 2;
          return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
        });
      } else {
        var pad = 0.4;
        picked = list.filter(function (w) {
          return b.x >= w[1] - pad && b.x <= w[1] + w[3] + pad && b.y >= w[2] - pad && b.y <= w[2] + w[4] + pad;
        }).slice(0, 1);
      }
      if (!fill(joinWords(picked, long))) {
        var hint = $("fill-hint");
        if (hint) { hint.classList.add("warn"); hint.textContent = picked.length ? "Click into a field first, then on the page" : "No word there"; }
      }
    });
  });

  // --- zoom, rotate, thumbnails ---------------------------------------------------------------------
  function layout() {
    var pane = $("pages");
    if (!pane) return;
    var base = Math.min(pane.clientWidth - 24, 900);
    document.querySelectorAll("#sheets .page").forEach(function (fig) {
      var sheet = fig.querySelector(".sheet");
      sheet.style.width = Math.round(base * view.zoom) + "px";
      sheet.className = "sheet rot-" + view.rot;
      var w = sheet.offsetWidth, h = sheet.offsetHeight, turned = view.rot === 90 || view.rot === 270;
      fig.style.width = (turned ? h : w) + "px";
      fig.style.height = (turned ? w : h) + "px";
      sheet.style.transform = {0: "", 90: "rotate(90deg) translate(0, -" + h + "px)",
                               180: "rotate(180deg) translate(-" + w + "px, -" + h + "px)",
                               270: "rotate(270deg) translate(-" + w + "px, 0)"}[view.rot];
    });
    var z = $("zoom-level");
    if (z) z.textContent = Math.round(view.zoom * 100) + "%";
  }
  function zoomBy(f) { view.zoom = Math.max(0.5, Math.min(4, view.zoom * f)); layout(); }
  var tools = {"zoom-in": function () { zoomBy(1.25); }, "zoom-out": function () { zoomBy(0.8); },
               "zoom-fit": function () { view.zoom = 1; layout(); },
               "rotate": function () { view.rot = (view.rot + 90) % 360; layout(); }};
  document.addEventListener("click", function (e) {
    var b = e.target.closest("#page-tools button");
    if (b && tools[b.id]) tools[b.id]();
  });
  document.querySelectorAll("#sheets img").forEach(function (img) { img.addEventListener("load", layout); });
  window.addEventListener("resize", layout);

  function start() { place(document); layout(); afterPanel(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();

  // Typeahead lists close when the clerk moves on.
  document.addEventListener("focusin", function (e) {
    document.querySelectorAll(".options").forEach(function (o) {
      if (!o.parentElement.contains(e.target)) o.innerHTML = "";
    });
  });
})();
