// The queue page: keys (/ search, j/k move, Enter open, x tick, [ ] pages), ticking rows for bulk
// actions, and the upload drop zone.
(function () {
  "use strict";
  if (!document.getElementById("queue-main")) return;
  function $(id) { return document.getElementById(id); }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr")); }

  var current = -1;
  function mark(i) {
    var list = rows();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (r, j) { r.classList.toggle("cursor", j === current); });
    list[current].scrollIntoView({block: "nearest"});
  }
  function ticked() {
    var n = document.querySelectorAll("#queue .tick:checked").length, t = $("ticked");
    if (t) t.textContent = n + " ticked";
  }
  document.addEventListener("change", function (e) {
    if (e.target.id === "tick-all") {
      document.querySelectorAll("#queue .tick").forEach(function (b) { b.checked = e.target.checked; });
    }
    if (e.target.closest && e.target.closest("#queue")) ticked();
  });
  document.addEventListener("htmx:afterSwap", function () { current = -1; ticked(); });

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) {
      if (e.key === "Escape") t.blur();
      if (e.key === "Enter" && t.id === "queue-q") { e.preventDefault(); t.blur(); mark(0); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || t.closest("a, button")) return;
    var list = rows();
    var keys = {
      "/": function () { var q = $("queue-q"); q.focus(); q.select(); },
      j: function () { mark(current + 1); }, k: function () { mark(current - 1); },
      Enter: function () { if (list[current]) location.href = list[current].dataset.href; },
      x: function () {
        var box = list[current] && list[current].querySelector(".tick");
        if (box) { box.checked = !box.checked; ticked(); }
      },
      "]": function () { var a = $("next-page"); if (a) location.href = a.href; },
      "[": function () { var a = $("prev-page"); if (a) location.href = a.href; }
    };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });

  // A view is saved with the filters shown now (the address follows every search).
  document.addEventListener("submit", function (e) {
    if (e.target.classList.contains("save-view")) $("view-query").value = location.search.replace(/^\?/, "");
  });

  // Files dropped anywhere on the zone are uploaded at once.
  var zone = $("dropzone");
  if (zone) {
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (!e.dataTransfer.files.length) return;
      $("upload-files").files = e.dataTransfer.files;
      zone.submit();
    });
  }
})();
