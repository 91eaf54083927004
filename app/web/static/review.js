// Review page behaviour: highlight boxes, keyboard shortcuts, clickable queue rows.
(function () {
  "use strict";

  // Refusals (409 conflict, 422 not accepted) still carry the panel to show.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var s = e.detail.xhr.status;
    if (s === 409 || s === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  // A refused change (403: wrong role, or a stale CSRF token after a new login) says why.
  document.addEventListener("htmx:responseError", function (e) {
    if (e.detail.xhr.status !== 403) return;
    var msg = "This change was refused.";
    try { msg = JSON.parse(e.detail.xhr.responseText).error.message; } catch (err) { /* not JSON */ }
    window.alert(msg);
  });

  // Word boxes carry their place as data (percent of the page): the CSP allows no style attributes.
  function place(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".box[data-place]").forEach(function (b) {
      var v = b.dataset.place.split(" ");
      b.style.left = v[0] + "%"; b.style.top = v[1] + "%"; b.style.width = v[2] + "%"; b.style.height = v[3] + "%";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { place(document); });
  else place(document);
  document.addEventListener("htmx:load", function (e) { place(e.detail.elt); });

  function box(el) {
    var id = el && el.closest && (el.closest("[data-box]") || {}).dataset;
    return id && id.box ? document.getElementById(id.box) : null;
  }
  var active = null;
  function highlight(el, scroll) {
    var b = box(el);
    if (active && active !== b) active.classList.remove("active");
    active = b;
    if (!b) return;
    b.classList.add("active");
    if (scroll) b.scrollIntoView({block: "nearest", behavior: "smooth"});
  }
  document.addEventListener("focusin", function (e) { highlight(e.target, true); });
  document.addEventListener("mouseover", function (e) { if (e.target.closest("#panel")) highlight(e.target, false); });

  function fields() {
    return Array.prototype.filter.call(document.querySelectorAll("#panel .field"), function (el) { return !el.disabled; });
  }
  var cursor = -1;
  function move(step) {
    var list = fields();
    if (!list.length) return;
    var i = list.indexOf(document.activeElement);
    if (i < 0) i = cursor;
    cursor = Math.max(0, Math.min(list.length - 1, i + step));
    list[cursor].focus();
    if (list[cursor].select) list[cursor].select();
  }
  function click(id) { var el = document.getElementById(id); if (el) el.click(); }

  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      var key = {KeyA: "approve", KeyR: "reject", KeyL: "add-line", KeyN: "next-doc", KeyJ: 1, KeyK: -1}[e.code];
      if (key === undefined) return;
      e.preventDefault();
      if (typing && typeof key === "string") e.target.dispatchEvent(new Event("change", {bubbles: true}));
      if (typeof key === "number") move(key);
      else if (key === "next-doc") { var a = document.getElementById("next-doc"); if (a) location.href = a.href; }
      else setTimeout(function () { click(key); }, typing ? 150 : 0);  // let a pending edit save first
      return;
    }
    if (typing) {
      if (e.key === "Escape") { cursor = fields().indexOf(e.target); e.target.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey) return;
    if (e.key === "j") { e.preventDefault(); move(1); }
    if (e.key === "k") { e.preventDefault(); move(-1); }
  });

  // Typeahead lists close when the clerk moves on; a chosen option closes them too.
  document.addEventListener("focusin", function (e) {
    document.querySelectorAll(".options").forEach(function (o) {
      if (!o.parentElement.contains(e.target)) o.innerHTML = "";
    });
  });

  document.addEventListener("click", function (e) {
    var row = e.target.closest("tr[data-href]");
    if (row && !e.target.closest("a")) location.href = row.dataset.href;
  });
})();
