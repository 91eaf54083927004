// The source of an order line: its highlight box placed from data (no style attributes under the CSP).
(function () {
  "use strict";
  function place() {
    document.querySelectorAll(".box[data-place]").forEach(function (b) {
      var v = b.dataset.place.split(" ");
      b.style.left = v[0] + "%"; b.style.top = v[1] + "%"; b.style.width = v[2] + "%"; b.style.height = v[3] + "%";
      b.scrollIntoView({block: "center"});
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place); else place();
})();
