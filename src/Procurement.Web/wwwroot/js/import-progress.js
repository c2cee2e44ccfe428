// Follows a running import or merge analysis: polls its status once a second, moves the progress bar and reloads the page
// when the import has finished. Without JavaScript the page has an "Uppdatera" link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-status-url]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector(".import-progress__text");
  var template = text.textContent;
  var poll = function () {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        if (status.status !== "Running") { window.location.reload(); return; }
        // A queued run (waiting for another one) has no bar yet: the page shows it once the run has started.
        if (box.getAttribute("data-queued") === "true") {
          if (status.queued) { window.setTimeout(poll, 1000); } else { window.location.reload(); }
          return;
        }
        bar.max = Math.max(status.total, 1);
        bar.value = status.processed;
        // Replace the two numbers in the localised sentence rather than building a new one here.
        var n = 0;
        text.textContent = template.replace(/\d[\d\s\u00a0]*/g, function (match) {
          n += 1;
          return n === 1 ? String(status.processed) : (n === 2 ? String(status.total) : match);
        });
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  };
  window.setTimeout(poll, 1000);
})();
