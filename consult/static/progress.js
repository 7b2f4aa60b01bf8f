/* consult: the analysis run page asks tila.json for progress every few seconds and updates
   the progress bar and a polite live region, instead of reloading the page. When the run
   is done it offers the results (and loads them unless the person is in the middle of
   something); without JavaScript the "Check again" link reloads by hand. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || !window.fetch) return;
  var bar = document.getElementById("run-progress-bar");
  var text = document.getElementById("run-progress-text");
  var action = document.getElementById("run-progress-action");
  var data = box.dataset;
  var stages = {};
  try { stages = JSON.parse(data.stages || "{}"); } catch (e) { stages = {}; }
  var lastAnnounced = -1;
  var delay = 2000;
  var failures = 0;

  function say(message) {
    if (text.textContent !== message) text.textContent = message;
  }
  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.className = "button";
    a.textContent = label;
    action.textContent = "";
    action.appendChild(a);
    return a;
  }
  function running(state) {
    var p = Math.max(0, Math.min(100, Number(state.progress) || 0));
    bar.value = p;
    bar.textContent = p + " %";
    // announce every step of 10 % or a new stage, not every poll
    var stage = state.stage ? (stages[state.stage] || state.stage) : "";
    var step = Math.floor(p / 10);
    var message = data.textRunning.replace("{p}", String(p));
    if (stage) message += " " + data.textStage.replace("{stage}", stage);
    if (step !== lastAnnounced || text.dataset.stage !== state.stage) {
      lastAnnounced = step;
      text.dataset.stage = state.stage || "";
      say(message);
    }
  }
  function poll() {
    fetch(data.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        failures = 0;
        if (state.status === "done") {
          bar.value = 100;
          say(data.textDone);
          link(data.doneUrl, data.textShow);
          // load the results, unless the person is busy on the page (focus moved)
          var busy = document.activeElement && document.activeElement !== document.body;
          if (!busy) window.setTimeout(function () { window.location.assign(data.doneUrl); }, 1500);
          return;
        }
        if (state.status === "failed") {
          say(data.textFailed);
          link(data.againUrl, data.textAgain);
          return;
        }
        running(state);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        failures += 1;
        if (failures === 3) say(data.textLost);
        window.setTimeout(poll, Math.min(30000, delay * (failures + 1)));
      });
  }
  window.setTimeout(poll, 500);
})();
