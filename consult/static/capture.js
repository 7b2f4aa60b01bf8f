/* Live workshop capture: per-entry saves that survive a dropped connection.
 *
 * Every change becomes an operation in an outbox kept in localStorage until the server
 * confirms it. What the page shows = the last state the server sent + the outbox replayed
 * on top (those entries are marked "not sent yet"). Proposals carry an id made here, so a
 * resend is an idempotent upsert/delete on the server. Without this script the plain form
 * of the page works as before.
 *
 * This entry module wires the parts in capture/: store.js (where the outbox is kept),
 * outbox.js (the operations and the state they make), sync.js (sending them), render.js
 * (drawing the page) and controls.js (what the facilitator does). The service worker
 * (capture-sw.js) keeps every one of them for offline use: list a new module there too.
 */
import { createControls } from "./capture/controls.js";
import { Outbox } from "./capture/outbox.js";
import { createRenderer } from "./capture/render.js";
import { browserStore } from "./capture/store.js";
import { createSync } from "./capture/sync.js";

function csrfMeta() {
  return document.querySelector('meta[name="csrf-token"]');
}

/* Register the service worker and ask it to keep this page and its assets. */
function keepPageOffline(form, offlineCopy) {
  var swUrl = form.getAttribute("data-sw-url");
  if (!swUrl || !("serviceWorker" in navigator) || offlineCopy) return;
  navigator.serviceWorker.register(swUrl, { scope: swUrl.replace(/[^/]*$/, "") }).then(
    function () {
      return navigator.serviceWorker.ready.then(function (reg) {
        var keep = [window.location.pathname];
        document.querySelectorAll('link[rel="stylesheet"], script[src]').forEach(function (n) {
          keep.push(n.getAttribute("href") || n.getAttribute("src"));
        });
        if (reg.active) reg.active.postMessage({ keep: keep });
      });
    },
    function () {
      /* no service worker (e.g. private mode): the page still works online */
    }
  );
}

function start() {
  var form = document.getElementById("session-form");
  var dataEl = document.getElementById("capture-data");
  if (!form || !dataEl || !window.fetch || !window.JSON) return;

  var initial = JSON.parse(dataEl.textContent);
  var storageKey = form.getAttribute("data-storage-key");
  // A copy served by the service worker while offline carries this mark; its state may be
  // older than the one stored here, so it never replaces it.
  var offlineCopy = document.documentElement.hasAttribute("data-offline-copy");

  var ctx = {
    form: form,
    S: initial.strings,
    statusEl: document.getElementById("capture-status"),
    toastEl: document.getElementById("capture-toast"),
    ui: { editing: null, pendingCount: {}, reportTimer: null },
  };
  ctx.outbox = new Outbox(browserStore(storageKey), { initialState: initial.state });
  ctx.sync = createSync({
    outbox: ctx.outbox,
    api: form.getAttribute("data-api-url"),
    csrf: {
      get: function () {
        var meta = csrfMeta();
        return meta ? meta.getAttribute("content") : "";
      },
      set: function (token) {
        var meta = csrfMeta();
        if (meta) meta.setAttribute("content", token);
      },
    },
    onRender: function () {
      ctx.view.render();
    },
    onStatus: function () {
      ctx.view.renderStatus();
    },
  });
  ctx.view = createRenderer(ctx);
  ctx.actions = createControls(ctx);
  var sync = ctx.sync;
  var outbox = ctx.outbox;

  outbox.adoptPageState(initial.state, offlineCopy);
  ctx.actions.build();
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  // Only now that everything is built, swap the plain fields for the live ones.
  document.querySelectorAll(".capture-fallback").forEach(function (node) {
    node.hidden = true;
  });
  document.querySelectorAll(".capture-question").forEach(function (node) {
    node.hidden = false;
  });
  var hint = document.getElementById("session-hint");
  if (hint) hint.textContent = ctx.S.autosaveHint;
  form.classList.add("capture-live");
  ctx.view.render();
  window.addEventListener("online", sync.retryNow);
  window.addEventListener("offline", function () {
    sync.setMode("offline");
  });
  window.addEventListener("storage", function (e) {
    if (e.key === storageKey) ctx.view.render();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !outbox.pending) sync.refresh();
  });
  setInterval(function () {
    if (!document.hidden && !sync.sending && !outbox.pending && sync.mode !== "closed") sync.refresh();
  }, 15000);
  if (initial.state.closed) sync.setMode("closed");
  else if (navigator.onLine === false || offlineCopy) sync.setMode("offline");
  sync.pump();
  keepPageOffline(form, offlineCopy);
}

start();
