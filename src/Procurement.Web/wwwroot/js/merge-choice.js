// The "merge into existing requirement" form sends the needs ticked in the group list above it. Without
// JavaScript it sends the needs that were ticked when the page was drawn (all free ones by default).
(function () {
  "use strict";
  document.querySelectorAll("input[data-mirror-of]").forEach(function (hidden) {
    var box = document.getElementById(hidden.getAttribute("data-mirror-of"));
    if (!box) { return; }
    var sync = function () { hidden.disabled = !box.checked; };
    box.addEventListener("change", sync);
    sync();
  });
})();
