/* Drawing the capture page from the outbox's view: status line, proposals, organisations,
 * counts, the closed notice and the toast. Each render rebuilds a list from the state. */
import { sorted } from "./outbox.js";
import { fmt } from "./util.js";

export var KINDS = ["org_reps", "staff", "residents", "others"];

/* A DOM element: attrs "text", "className", "on<event>" or attributes; children nodes or text. */
export function el(tag, attrs, children) {
  var node = document.createElement(tag);
  for (var k in attrs || {}) {
    if (k === "text") node.textContent = attrs[k];
    else if (k === "className") node.className = attrs[k];
    else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
    else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
  }
  (children || []).forEach(function (c) {
    if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}

/* ctx: form, S (strings), statusEl, toastEl, outbox, sync, ui {editing, pendingCount,
 * reportTimer} and actions {move, removeEntry, startEdit} (bound after this is made). */
export function createRenderer(ctx) {
  var S = ctx.S;
  var statusEl = ctx.statusEl;
  var toastEl = ctx.toastEl;
  var lastStatus = "";
  var toastTimer = null;

  function renderStatus() {
    var mode = ctx.sync.mode;
    var pending = ctx.outbox.pending;
    var unsent = pending === 1 ? S.unsentOne : fmt(S.unsentMany, { n: pending });
    var title = "";
    var detail = "";
    var cls = "ok";
    var quiet = false;
    if (mode === "closed") {
      title = S.closed;
      cls = "error";
    } else if (mode === "notFound") {
      title = S.notFound;
      cls = "error";
    } else if (mode === "offline" || mode === "serverDown") {
      title = (mode === "offline" ? S.offline : S.serverDown) + (pending ? " " + unsent : "");
      detail = S.keepWriting;
      cls = "offline";
    } else if (mode === "saving" || pending) {
      title = S.saving + (pending ? " " + unsent : "");
      cls = "saving";
      quiet = true; // shown, not announced: "saved" follows at once and is announced
    } else {
      title = S.saved;
    }
    var key = cls + "|" + title;
    if (key === lastStatus) return;
    lastStatus = key;
    statusEl.hidden = false;
    statusEl.className = "capture-status capture-status-" + cls;
    statusEl.textContent = "";
    statusEl.appendChild(el("span", { className: "capture-status-text" }, [
      el("strong", { text: title, "aria-hidden": quiet ? "true" : null }),
      detail ? el("span", { className: "capture-status-detail", text: " " + detail }) : null,
    ]));
    if (cls === "offline") {
      statusEl.appendChild(el("button", { type: "button", className: "secondary", text: S.retryNow, onclick: ctx.sync.retryNow }));
    }
  }

  function renderQuestion(container, st) {
    var q = parseInt(container.getAttribute("data-question-id"), 10);
    var items = sorted(st.proposals.filter(function (p) { return p.question_id === q; }));
    var failed = st.failed.filter(function (f) {
      return f.q === q && !items.some(function (p) { return p.client_id === f.cid; });
    });
    var counter = document.querySelector('[data-count-for="' + q + '"]');
    if (counter) {
      counter.textContent = "(" + (items.length === 1 ? S.proposalCountOne : fmt(S.proposalCountMany, { n: items.length })) + ")";
    }
    var editing = ctx.ui.editing;
    if (editing && editing.q === q) return; // do not disturb an edit in progress
    var list = container.querySelector("ol.capture-list");
    var focused = document.activeElement;
    var refocus = focused && list && list.contains(focused)
      ? { cid: focused.getAttribute("data-cid"), action: focused.getAttribute("data-action") }
      : null;
    var fresh = el("ol", { className: "capture-list", "aria-label": container.getAttribute("data-label") });
    items.forEach(function (p, n) {
      fresh.appendChild(renderEntry(p, n, items.length, q, null));
    });
    failed.forEach(function (f) {
      fresh.appendChild(renderEntry({ client_id: f.cid, question_id: q, text: f.text }, -1, 0, q, f.message));
    });
    if (!items.length && !failed.length) {
      fresh.appendChild(el("li", { className: "capture-empty", text: S.noProposals }));
    }
    if (list) container.replaceChild(fresh, list);
    else container.insertBefore(fresh, container.firstChild);
    if (refocus && refocus.cid) {
      var target = fresh.querySelector('[data-cid="' + refocus.cid + '"][data-action="' + refocus.action + '"]') ||
        fresh.querySelector('[data-cid="' + refocus.cid + '"]:not([disabled])');
      if (target && !target.disabled) target.focus();
      else container.querySelector("textarea").focus();
    }
  }

  function renderEntry(p, n, count, q, error) {
    var actionsOf = ctx.actions;
    var li = el("li", { className: "entry" + (p.unsent ? " entry-unsent" : "") + (error ? " entry-failed" : ""), "data-cid": p.client_id });
    li.appendChild(el("p", { className: "entry-text", text: p.text }));
    if (p.unsent) li.appendChild(el("p", { className: "entry-state", text: S.unsent }));
    if (error) li.appendChild(el("p", { className: "entry-state error", text: S.failed + " " + error }));
    var label = fmt(S.entryActions, { n: n + 1 });
    var actions = el("div", { className: "entry-actions", role: "group", "aria-label": n >= 0 ? label : S.failed });
    if (n >= 0) {
      actions.appendChild(el("button", {
        type: "button", className: "icon secondary", "data-cid": p.client_id, "data-action": "up",
        "aria-label": S.moveUp + ": " + label, title: S.moveUp, disabled: n === 0 ? "disabled" : null,
        text: "↑", onclick: function () { actionsOf.move(q, p.client_id, -1); },
      }));
      actions.appendChild(el("button", {
        type: "button", className: "icon secondary", "data-cid": p.client_id, "data-action": "down",
        "aria-label": S.moveDown + ": " + label, title: S.moveDown, disabled: n === count - 1 ? "disabled" : null,
        text: "↓", onclick: function () { actionsOf.move(q, p.client_id, 1); },
      }));
    }
    actions.appendChild(el("button", {
      type: "button", className: "secondary", "data-cid": p.client_id, "data-action": "edit",
      "aria-label": S.edit + ": " + (n >= 0 ? label : p.text.slice(0, 40)), text: S.edit,
      onclick: function () { actionsOf.startEdit(li, p, q); },
    }));
    actions.appendChild(el("button", {
      type: "button", className: "secondary danger", "data-cid": p.client_id, "data-action": "remove",
      "aria-label": S.remove + ": " + (n >= 0 ? label : p.text.slice(0, 40)), text: S.remove,
      onclick: function () { actionsOf.removeEntry(q, p); },
    }));
    li.appendChild(actions);
    return li;
  }

  function renderOrganisations(st) {
    var box = document.getElementById("capture-orgs");
    var list = box.querySelector("ul.capture-org-list");
    var fresh = el("ul", { className: "capture-org-list" });
    st.organisations
      .slice()
      .sort(function (a, b) { return a.name.localeCompare(b.name, "fi"); })
      .forEach(function (o) {
        fresh.appendChild(el("li", { className: "org" + (o.unsent ? " entry-unsent" : "") }, [
          el("span", { text: o.name }),
          o.unsent ? el("span", { className: "entry-state", text: " · " + S.unsent }) : null,
          el("button", {
            type: "button", className: "link danger", "aria-label": fmt(S.orgRemove, { name: o.name }),
            text: "×", title: fmt(S.orgRemove, { name: o.name }),
            onclick: function () {
              ctx.sync.enqueue({ op: "org_del", name: o.name });
              document.getElementById("capture-org-input").focus();
            },
          }),
        ]));
      });
    if (!st.organisations.length) fresh.appendChild(el("li", { className: "capture-empty", text: S.noOrganisations }));
    box.replaceChild(fresh, list);
  }

  function renderCounts(st) {
    var total = 0;
    KINDS.forEach(function (kind) {
      var input = document.getElementById(kind);
      var value = st.counts[kind] || 0;
      total += value;
      if (input && document.activeElement !== input && !ctx.ui.pendingCount[kind] && String(input.value) !== String(value)) {
        input.value = value;
      }
    });
    var out = document.getElementById("capture-total");
    out.hidden = false;
    out.textContent = fmt(S.total, { n: total });
    var report = document.getElementById("report");
    if (report && document.activeElement !== report && !ctx.ui.reportTimer && report.value !== st.report) {
      report.value = st.report;
    }
  }

  function renderClosed(st) {
    var form = ctx.form;
    form.classList.add("capture-closed");
    var unsent = st.proposals.filter(function (p) { return p.unsent; });
    var note = document.getElementById("capture-closed-note");
    if (!note) {
      note = el("div", { id: "capture-closed-note", className: "notice" });
      statusEl.parentNode.insertBefore(note, statusEl.nextSibling);
    }
    note.textContent = "";
    if (unsent.length) {
      note.appendChild(el("p", { text: S.closedUnsent }));
      note.appendChild(el("ul", {}, unsent.map(function (p) { return el("li", { text: p.text }); })));
    }
    form.querySelectorAll("button, textarea, input").forEach(function (node) {
      node.disabled = true;
    });
  }

  function render() {
    var st = ctx.outbox.view();
    document.querySelectorAll(".capture-question").forEach(function (c) {
      renderQuestion(c, st);
    });
    renderOrganisations(st);
    renderCounts(st);
    renderStatus();
    if (ctx.sync.mode === "closed") renderClosed(st);
  }

  /* A short message at the bottom; with `undo`, a button that calls it (for 10 s). */
  function toast(text, undo) {
    toastEl.textContent = "";
    toastEl.appendChild(el("span", { text: text }));
    if (undo) {
      toastEl.appendChild(el("button", {
        type: "button", className: "link", text: S.undo,
        onclick: function () { toastEl.textContent = ""; undo(); },
      }));
    }
    toastEl.classList.add("visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toastEl.classList.remove("visible");
      toastEl.textContent = "";
    }, undo ? 10000 : 3000);
  }

  return { render: render, renderStatus: renderStatus, toast: toast };
}
