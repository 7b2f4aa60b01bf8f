// Polls a background import's job status and shows its progress; at the end, goes on.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("import-bar");
  var status = document.getElementById("import-status");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (bar) { bar.value = job.progress || 0; }
        if (status) { status.textContent = (job.progress || 0) + " %"; }
        if (job.status === "done" || job.status === "failed") {
          window.location.assign(box.getAttribute("data-done-url"));
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
