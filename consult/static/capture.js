/* Live workshop capture: per-entry saves that survive a dropped connection.
 *
 * Every change becomes an operation in an outbox kept in localStorage until the server
 * confirms it. What the page shows = the last state the server sent + the outbox replayed
 * on top (those entries are marked "not sent yet"). Proposals carry an id made here, so a
 * resend is an idempotent upsert/delete on the server. Without this script the plain form
 * of the page works as before.
 */
(function () {
  "use strict";

  var form = document.getElementById("session-form");
  var dataEl = document.getElementById("capture-data");
  if (!form || !dataEl || !window.fetch || !window.JSON) return;

  var initial = JSON.parse(dataEl.textContent);
  var S = initial.strings;
  var API = form.getAttribute("data-api-url");
  var KEY = form.getAttribute("data-storage-key");
  var KINDS = ["org_reps", "staff", "residents", "others"];
  var statusEl = document.getElementById("capture-status");
  var toastEl = document.getElementById("capture-toast");

  /* ---------- storage ---------- */

  var memoryStore = null; // used when localStorage is unavailable (private mode)

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (e) {
      raw = memoryStore;
    }
    var store = raw ? JSON.parse(raw) : null;
    if (!store || store.v !== 1) store = { v: 1, snapshot: null, outbox: [], failed: [] };
    return store;
  }

  function save(store) {
    var raw = JSON.stringify(store);
    try {
      window.localStorage.setItem(KEY, raw);
    } catch (e) {
      memoryStore = raw;
    }
  }

  function update(fn) {
    var store = load();
    fn(store);
    save(store);
    return store;
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] !== undefined ? String(values[k]) : m;
    });
  }

  function nameKey(name) {
    return name.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function cleanText(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /* ---------- the model: snapshot + outbox replayed ---------- */

  function copyState(state) {
    return JSON.parse(JSON.stringify(state));
  }

  function applyOp(st, op, unsent) {
    var list = st.proposals;
    var i;
    if (op.op === "put") {
      var found = null;
      for (i = 0; i < list.length; i++) if (list[i].client_id === op.cid) found = list[i];
      if (found) {
        found.text = op.text;
        found.question_id = op.q;
        if (op.pos !== null && op.pos !== undefined) found.position = op.pos;
        if (unsent) found.unsent = true;
      } else {
        list.push({ client_id: op.cid, question_id: op.q, text: op.text, position: op.pos, unsent: unsent });
      }
    } else if (op.op === "del") {
      st.proposals = list.filter(function (p) {
        return p.client_id !== op.cid;
      });
    } else if (op.op === "order") {
      var current = sorted(list.filter(function (p) { return p.question_id === op.q; }));
      var rank = {};
      op.order.forEach(function (cid, n) {
        if (!(cid in rank)) rank[cid] = n;
      });
      var named = current.filter(function (p) { return p.client_id in rank; });
      named.sort(function (a, b) { return rank[a.client_id] - rank[b.client_id]; });
      var rest = current.filter(function (p) { return !(p.client_id in rank); });
      named.concat(rest).forEach(function (p, n) {
        p.position = n + 1;
      });
    } else if (op.op === "counts") {
      for (var kind in op.counts) st.counts[kind] = op.counts[kind];
      if (unsent) st.unsentCounts = true;
    } else if (op.op === "report") {
      st.report = op.report;
      if (unsent) st.unsentReport = true;
    } else if (op.op === "org_add") {
      var key = nameKey(op.name);
      var has = st.organisations.some(function (o) { return nameKey(o.name) === key; });
      if (!has) st.organisations.push({ name: op.name, unsent: unsent });
    } else if (op.op === "org_del") {
      var k = nameKey(op.name);
      st.organisations = st.organisations.filter(function (o) { return nameKey(o.name) !== k; });
    }
  }

  function sorted(items) {
    return items.slice().sort(function (a, b) {
      return (a.position || 0) - (b.position || 0) || (a.seq || 0) - (b.seq || 0);
    });
  }

  function fromServer(state) {
    var st = copyState(state);
    st.organisations = st.organisations.map(function (name) {
      return { name: name };
    });
    st.proposals.forEach(function (p, n) {
      p.seq = n;
    });
    return st;
  }

  function toServerShape(st) {
    var out = copyState(st);
    out.organisations = st.organisations.map(function (o) { return o.name; });
    out.proposals.forEach(function (p) {
      delete p.unsent;
      delete p.seq;
    });
    delete out.unsentCounts;
    delete out.unsentReport;
    return out;
  }

  function view() {
    var store = load();
    var st = fromServer(store.snapshot || initial.state);
    store.outbox.forEach(function (op) {
      applyOp(st, op, true);
    });
    st.failed = store.failed;
    st.pending = store.outbox.length;
    return st;
  }

  /* ---------- sending ---------- */

  var sending = false;
  var retryTimer = null;
  var failures = 0;
  var mode = "saved"; // saved | saving | offline | serverDown | closed | notFound

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function request(method, path, body) {
    var opts = {
      method: method,
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    // A hanging connection (weak Wi-Fi) counts as offline after a while.
    var timer = null;
    if (window.AbortController) {
      var controller = new AbortController();
      opts.signal = controller.signal;
      timer = setTimeout(function () { controller.abort(); }, 20000);
    }
    return fetch(API + path, opts).then(function (res) {
      clearTimeout(timer);
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { status: res.status, data: data };
        });
    });
  }

  function sendOp(op) {
    var cid = op.cid ? encodeURIComponent(op.cid) : "";
    switch (op.op) {
      case "put":
        return request("PUT", "/proposals/" + cid, { question_id: op.q, text: op.text, position: op.pos });
      case "del":
        return request("DELETE", "/proposals/" + cid);
      case "order":
        return request("POST", "/order", { question_id: op.q, order: op.order });
      case "counts":
        return request("PUT", "/counts", { counts: op.counts });
      case "report":
        return request("PUT", "/report", { report: op.report });
      case "org_add":
        return request("POST", "/organisations", { name: op.name });
      case "org_del":
        return request("POST", "/organisations/remove", { name: op.name });
    }
    return Promise.resolve({ status: 200, data: {} });
  }

  function enqueue(op) {
    op.id = newId();
    update(function (store) {
      // A newer value of the same setting replaces one not sent yet (never one in flight).
      if (op.op === "counts" || op.op === "report") {
        for (var i = store.outbox.length - 1; i > 0 || (i === 0 && !sending); i--) {
          var old = store.outbox[i];
          if (old.op === op.op) {
            if (op.op === "counts") {
              for (var k in old.counts) if (!(k in op.counts)) op.counts[k] = old.counts[k];
            }
            store.outbox.splice(i, 1);
            break;
          }
        }
      }
      store.outbox.push(op);
    });
    render();
    pump();
  }

  var confirmations = 0;

  function confirmOp(op) {
    confirmations += 1;
    update(function (store) {
      store.outbox = store.outbox.filter(function (o) {
        return o.id !== op.id;
      });
      var st = fromServer(store.snapshot || initial.state);
      applyOp(st, op, false);
      store.snapshot = toServerShape(st);
    });
  }

  function failOp(op, data) {
    var fields = (data && data.fields) || {};
    var message = Object.keys(fields)
      .map(function (k) { return fields[k]; })
      .join(" ") || (data && data.message) || "";
    update(function (store) {
      store.outbox = store.outbox.filter(function (o) { return o.id !== op.id; });
      if (op.op === "put") {
        store.failed = store.failed.filter(function (f) { return f.cid !== op.cid; });
        store.failed.push({ cid: op.cid, q: op.q, text: op.text, message: message });
      }
    });
  }

  function scheduleRetry() {
    if (retryTimer) clearTimeout(retryTimer);
    failures += 1;
    var delay = Math.min(30000, 1000 * Math.pow(2, Math.min(failures - 1, 5)));
    delay = Math.round(delay * (0.8 + Math.random() * 0.4));
    retryTimer = setTimeout(function () {
      retryTimer = null;
      pump();
    }, delay);
  }

  function setMode(next) {
    mode = next;
    renderStatus();
  }

  var csrfRetries = 0;

  function pump() {
    if (sending || mode === "closed" || mode === "notFound") return;
    var op = load().outbox[0];
    if (!op) {
      if (mode !== "saved") setMode("saved");
      return;
    }
    sending = true;
    var slow = setTimeout(function () {
      if (sending && mode === "saved") setMode("saving");
    }, 700);
    sendOp(op)
      .then(
        function (res) {
          sending = false;
          clearTimeout(slow);
          if (res.status >= 200 && res.status < 300) {
            failures = 0;
            csrfRetries = 0;
            confirmOp(op);
            if (mode === "offline" || mode === "serverDown") setMode("saving");
            render();
            if (!load().outbox.length) {
              setMode("saved");
              refresh();
            } else {
              pump();
            }
          } else if (res.status === 400 && res.data.error === "csrf" && csrfRetries < 3) {
            csrfRetries += 1;
            refresh().then(pump);
          } else if (res.status === 400 || res.status === 413) {
            failOp(op, res.data);
            render();
            pump();
          } else if (res.status === 409) {
            setMode("closed");
            render();
          } else if (res.status === 404) {
            setMode("notFound");
          } else {
            setMode("serverDown");
            scheduleRetry();
          }
        },
        function () {
          sending = false;
          clearTimeout(slow);
          setMode("offline");
          scheduleRetry();
        }
      );
  }

  var refreshing = null;

  function refresh() {
    if (refreshing) return refreshing;
    var seen = confirmations;
    refreshing = request("GET", "/state")
      .then(
        function (res) {
          if (res.status === 200 && seen !== confirmations) {
            // A change was confirmed meanwhile; this answer may predate it. Ask again soon.
            setTimeout(refresh, 200);
          } else if (res.status === 200) {
            var meta = document.querySelector('meta[name="csrf-token"]');
            if (meta && res.data.csrf_token) meta.setAttribute("content", res.data.csrf_token);
            delete res.data.csrf_token;
            update(function (store) {
              store.snapshot = res.data;
            });
            if (res.data.closed) setMode("closed");
            else if (mode === "offline" || mode === "serverDown") {
              setMode(load().outbox.length ? "saving" : "saved");
              pump();
            }
            render();
          } else if (res.status === 404) {
            setMode("notFound");
          }
        },
        function () {
          if (mode === "saved") setMode("offline");
        }
      )
      .then(function () {
        refreshing = null;
      });
    return refreshing;
  }

  function retryNow() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    failures = 0;
    if (load().outbox.length) pump();
    else refresh();
  }

  /* ---------- rendering ---------- */

  function el(tag, attrs, children) {
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

  var lastStatus = "";

  function renderStatus() {
    var st = view();
    var pending = st.pending;
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
      statusEl.appendChild(el("button", { type: "button", className: "secondary", text: S.retryNow, onclick: retryNow }));
    }
  }

  var editing = null; // {cid, q}

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
        text: "↑", onclick: function () { move(q, p.client_id, -1); },
      }));
      actions.appendChild(el("button", {
        type: "button", className: "icon secondary", "data-cid": p.client_id, "data-action": "down",
        "aria-label": S.moveDown + ": " + label, title: S.moveDown, disabled: n === count - 1 ? "disabled" : null,
        text: "↓", onclick: function () { move(q, p.client_id, 1); },
      }));
    }
    actions.appendChild(el("button", {
      type: "button", className: "secondary", "data-cid": p.client_id, "data-action": "edit",
      "aria-label": S.edit + ": " + (n >= 0 ? label : p.text.slice(0, 40)), text: S.edit,
      onclick: function () { startEdit(li, p, q); },
    }));
    actions.appendChild(el("button", {
      type: "button", className: "secondary danger", "data-cid": p.client_id, "data-action": "remove",
      "aria-label": S.remove + ": " + (n >= 0 ? label : p.text.slice(0, 40)), text: S.remove,
      onclick: function () { removeEntry(q, p); },
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
              enqueue({ op: "org_del", name: o.name });
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
      if (input && document.activeElement !== input && !pendingCount[kind] && String(input.value) !== String(value)) {
        input.value = value;
      }
    });
    var out = document.getElementById("capture-total");
    out.hidden = false;
    out.textContent = fmt(S.total, { n: total });
    var report = document.getElementById("report");
    if (report && document.activeElement !== report && !reportTimer && report.value !== st.report) {
      report.value = st.report;
    }
  }

  function render() {
    var st = view();
    document.querySelectorAll(".capture-question").forEach(function (c) {
      renderQuestion(c, st);
    });
    renderOrganisations(st);
    renderCounts(st);
    renderStatus();
    if (mode === "closed") renderClosed(st);
  }

  function renderClosed(st) {
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
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () {
      toastEl.classList.remove("visible");
      toastEl.textContent = "";
    }, undo ? 10000 : 3000);
  }

  /* ---------- actions ---------- */

  function itemsOf(q) {
    return sorted(view().proposals.filter(function (p) { return p.question_id === q; }));
  }

  function addProposal(q, textarea, errorEl) {
    var text = cleanText(textarea.value);
    errorEl.textContent = "";
    textarea.removeAttribute("aria-invalid");
    if (!text) {
      errorEl.textContent = S.empty;
      textarea.setAttribute("aria-invalid", "true");
      return;
    }
    if (text.length > 4000) {
      errorEl.textContent = S.tooLong;
      textarea.setAttribute("aria-invalid", "true");
      return;
    }
    var items = itemsOf(q);
    var last = items.length ? items[items.length - 1].position || 0 : 0;
    enqueue({ op: "put", cid: newId(), q: q, text: text, pos: last + 1 });
    textarea.value = "";
    textarea.focus();
  }

  function move(q, cid, delta) {
    var items = itemsOf(q);
    var order = items.map(function (p) { return p.client_id; });
    var i = order.indexOf(cid);
    var j = i + delta;
    if (i < 0 || j < 0 || j >= order.length) return;
    order[i] = order[j];
    order[j] = cid;
    enqueue({ op: "order", q: q, order: order });
    toast(fmt(S.moved, { n: j + 1 }));
    var btn = document.querySelector('[data-cid="' + cid + '"][data-action="' + (delta < 0 ? "up" : "down") + '"]');
    if (btn && btn.disabled) {
      var other = document.querySelector('[data-cid="' + cid + '"][data-action="' + (delta < 0 ? "down" : "up") + '"]');
      if (other) other.focus();
    }
  }

  function removeEntry(q, p) {
    var items = itemsOf(q);
    var pos = p.position;
    update(function (store) {
      store.failed = store.failed.filter(function (f) { return f.cid !== p.client_id; });
    });
    var wasSaved = items.some(function (x) { return x.client_id === p.client_id; });
    if (wasSaved) enqueue({ op: "del", cid: p.client_id });
    else render();
    var container = document.querySelector('.capture-question[data-question-id="' + q + '"]');
    container.querySelector(".capture-add textarea").focus();
    toast(fmt(S.removed, { text: p.text.length > 60 ? p.text.slice(0, 57) + "…" : p.text }), function () {
      enqueue({ op: "put", cid: p.client_id, q: q, text: p.text, pos: pos === undefined ? null : pos });
    });
  }

  function startEdit(li, p, q) {
    editing = { cid: p.client_id, q: q };
    var textarea = el("textarea", { rows: 3, maxlength: 4000, "aria-label": S.editLabel, className: "entry-editor" });
    textarea.value = p.text;
    var errorEl = el("p", { className: "error", "aria-live": "polite" });
    function finish(saveIt) {
      if (saveIt) {
        var text = cleanText(textarea.value);
        if (!text) {
          errorEl.textContent = S.empty;
          return;
        }
        if (text.length > 4000) {
          errorEl.textContent = S.tooLong;
          return;
        }
        editing = null;
        update(function (store) {
          store.failed = store.failed.filter(function (f) { return f.cid !== p.client_id; });
        });
        if (text !== p.text || p.position === undefined) {
          enqueue({ op: "put", cid: p.client_id, q: q, text: text, pos: null });
        } else {
          render();
        }
      } else {
        editing = null;
        render();
      }
      var again = document.querySelector('[data-cid="' + p.client_id + '"][data-action="edit"]');
      if (again) again.focus();
    }
    textarea.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        finish(true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        finish(false);
      }
    });
    li.textContent = "";
    li.appendChild(textarea);
    li.appendChild(errorEl);
    li.appendChild(el("div", { className: "entry-actions" }, [
      el("button", { type: "button", text: S.save, onclick: function () { finish(true); } }),
      el("button", { type: "button", className: "secondary", text: S.cancel, onclick: function () { finish(false); } }),
    ]));
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  /* ---------- building the enhanced page ---------- */

  function buildQuestion(container) {
    var q = parseInt(container.getAttribute("data-question-id"), 10);
    var fieldset = container.closest("fieldset");
    var legend = fieldset.querySelector("legend");
    container.setAttribute("data-label", legend.textContent.trim());
    var id = "capture-add-" + q;
    var textarea = el("textarea", {
      id: id, rows: 2, maxlength: 4000, enterkeyhint: "send", autocomplete: "off",
      "aria-describedby": id + "-hint " + id + "-error",
    });
    var errorEl = el("p", { className: "error", id: id + "-error", "aria-live": "polite" });
    textarea.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        addProposal(q, textarea, errorEl);
      }
    });
    container.appendChild(el("ol", { className: "capture-list" }));
    container.appendChild(el("div", { className: "capture-add" }, [
      el("label", { for: id, text: S.newProposal }),
      el("p", { className: "hint", id: id + "-hint", text: S.newProposalHint }),
      errorEl,
      el("div", { className: "capture-add-row" }, [
        textarea,
        el("button", { type: "button", text: S.add, onclick: function () { addProposal(q, textarea, errorEl); } }),
      ]),
    ]));
  }

  var directoryTimer = null;

  function fillDirectory(query) {
    request("GET", "/organisations?q=" + encodeURIComponent(query)).then(
      function (res) {
        if (res.status !== 200) return;
        var names = res.data.organisations || [];
        var dl = document.getElementById("capture-org-directory");
        dl.textContent = "";
        names.forEach(function (name) {
          dl.appendChild(el("option", { value: name }));
        });
      },
      function () {}
    );
  }

  function buildOrganisations() {
    var box = document.getElementById("capture-orgs");
    var id = "capture-org-input";
    var input = el("input", {
      type: "text", id: id, list: "capture-org-directory", maxlength: 200, autocomplete: "off",
      enterkeyhint: "done", "aria-describedby": id + "-hint",
    });
    function addOrg() {
      var name = cleanText(input.value);
      if (!name) return;
      enqueue({ op: "org_add", name: name });
      input.value = "";
      input.focus();
    }
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        addOrg();
      }
    });
    input.addEventListener("input", function () {
      clearTimeout(directoryTimer);
      directoryTimer = setTimeout(function () { fillDirectory(input.value); }, 250);
    });
    box.appendChild(el("ul", { className: "capture-org-list" }));
    box.appendChild(el("div", { className: "capture-add" }, [
      el("label", { for: id, text: S.orgLabel }),
      el("p", { className: "hint", id: id + "-hint", text: S.orgHint }),
      el("div", { className: "capture-add-row" }, [
        input,
        el("button", { type: "button", className: "secondary", text: S.add, onclick: addOrg }),
      ]),
      el("datalist", { id: "capture-org-directory" }),
    ]));
    box.hidden = false;
    fillDirectory("");
  }

  var pendingCount = {};
  var reportTimer = null;

  function buildCounts() {
    KINDS.forEach(function (kind) {
      var input = document.getElementById(kind);
      if (!input) return;
      var timer = null;
      function commit() {
        clearTimeout(timer);
        delete pendingCount[kind];
        var raw = input.value.trim();
        var value = raw === "" ? 0 : Number(raw);
        var ok = /^\d+$/.test(raw || "0") && value <= 10000;
        var wrap = input.closest(".field");
        var err = wrap.querySelector(".capture-count-error");
        if (!err) {
          err = el("p", { className: "error capture-count-error", id: kind + "-capture-error", "aria-live": "polite" });
          input.parentNode.insertBefore(err, input);
        }
        err.textContent = ok ? "" : S.countInvalid;
        if (!ok) {
          input.setAttribute("aria-invalid", "true");
          return;
        }
        input.removeAttribute("aria-invalid");
        if (view().counts[kind] === value) return;
        var counts = {};
        counts[kind] = value;
        enqueue({ op: "counts", counts: counts });
      }
      input.addEventListener("input", function () {
        pendingCount[kind] = true;
        clearTimeout(timer);
        timer = setTimeout(commit, 800);
      });
      input.addEventListener("change", commit);
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          commit();
        }
      });
    });
  }

  function buildReport() {
    var report = document.getElementById("report");
    if (!report) return;
    function commit() {
      clearTimeout(reportTimer);
      reportTimer = null;
      if (report.value.length > 5000) return;
      if (report.value.trim() === (view().report || "")) return;
      enqueue({ op: "report", report: report.value });
    }
    report.addEventListener("input", function () {
      clearTimeout(reportTimer);
      reportTimer = setTimeout(commit, 1000);
    });
    report.addEventListener("blur", commit);
  }

  function buildButtons() {
    var saveButton = document.getElementById("save-button");
    var closeButton = document.getElementById("close-button");
    if (saveButton) saveButton.hidden = true; // everything saves itself
    closeButton.textContent = S.closeButton;
    closeButton.addEventListener("click", function (e) {
      e.preventDefault();
      if (load().outbox.length) {
        retryNow();
        toast(S.cannotCloseUnsent);
        return;
      }
      if (!window.confirm(S.confirmClose)) return;
      closeButton.disabled = true;
      request("POST", "/close", {}).then(
        function (res) {
          if (res.status === 200 || res.status === 409) window.location.reload();
          else {
            closeButton.disabled = false;
            toast(res.data.message || S.cannotCloseUnsent);
          }
        },
        function () {
          closeButton.disabled = false;
          setMode("offline");
          toast(S.offline + " " + S.keepWriting);
        }
      );
    });
  }

  /* ---------- offline page (service worker) ---------- */

  // A copy served by the service worker while offline carries this mark; its state may be
  // older than the one stored here, so it never replaces it.
  var offlineCopy = document.documentElement.hasAttribute("data-offline-copy");

  function keepPageOffline() {
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
    // The server just rendered the page, so its state is the freshest snapshot
    // (unless this is the offline copy and a snapshot is stored already).
    update(function (store) {
      if (!offlineCopy || !store.snapshot) store.snapshot = initial.state;
    });
    document.querySelectorAll(".capture-question").forEach(buildQuestion);
    buildOrganisations();
    buildCounts();
    buildReport();
    buildButtons();
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
    if (hint) hint.textContent = S.autosaveHint;
    form.classList.add("capture-live");
    render();
    window.addEventListener("online", retryNow);
    window.addEventListener("offline", function () {
      setMode("offline");
    });
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) render();
    });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !load().outbox.length) refresh();
    });
    setInterval(function () {
      if (!document.hidden && !sending && !load().outbox.length && mode !== "closed") refresh();
    }, 15000);
    if (initial.state.closed) setMode("closed");
    else if (navigator.onLine === false || offlineCopy) setMode("offline");
    pump();
    keepPageOffline();
  }

  start();
})();
