// Behaviour every page shares: HTMX refusals that still carry a fragment, toggles, clickable rows.
(function () {
  "use strict";

  // Refusals (409 conflict, 422 not accepted) still carry the fragment to show.
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

  // A button with data-toggle shows or hides the element with that id (and focuses its first field).
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-toggle]");
    if (!t) return;
    var box = document.getElementById(t.dataset.toggle);
    if (!box) return;
    box.classList.toggle("hidden");
    if (!box.classList.contains("hidden")) {
      var first = box.querySelector("select, input, textarea, button");
      if (first) first.focus();
    }
  });

  // A table row with data-href opens its page (links, buttons and boxes inside keep their own job).
  document.addEventListener("click", function (e) {
    var row = e.target.closest("tr[data-href]");
    if (row && !e.target.closest("a, button, input, select, label, textarea")) location.href = row.dataset.href;
  });

  // Forms that change something on another page ask first when they say so.
  document.addEventListener("submit", function (e) {
    var ask = e.target.dataset && e.target.dataset.confirm;
    if (ask && !window.confirm(ask)) e.preventDefault();
  });
})();
