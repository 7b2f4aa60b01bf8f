/* What the facilitator does on the capture page: add, edit, move and remove proposals,
 * organisations, counts, the report and closing; and building those controls. */
import { sorted } from "./outbox.js";
import { el, KINDS } from "./render.js";
import { cleanText, fmt, newId } from "./util.js";

/* ctx: form, S, outbox, sync, ui {editing, pendingCount, reportTimer}, view {render, toast}. */
export function createControls(ctx) {
  var S = ctx.S;
  var outbox = ctx.outbox;
  var sync = ctx.sync;
  var directoryTimer = null;

  function render() {
    ctx.view.render();
  }

  function toast(text, undo) {
    ctx.view.toast(text, undo);
  }

  function itemsOf(q) {
    return sorted(outbox.view().proposals.filter(function (p) { return p.question_id === q; }));
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
    sync.enqueue({ op: "put", cid: newId(), q: q, text: text, pos: last + 1 });
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
    sync.enqueue({ op: "order", q: q, order: order });
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
    outbox.forgetFailed(p.client_id);
    var wasSaved = items.some(function (x) { return x.client_id === p.client_id; });
    if (wasSaved) sync.enqueue({ op: "del", cid: p.client_id });
    else render();
    var container = document.querySelector('.capture-question[data-question-id="' + q + '"]');
    container.querySelector(".capture-add textarea").focus();
    toast(fmt(S.removed, { text: p.text.length > 60 ? p.text.slice(0, 57) + "…" : p.text }), function () {
      sync.enqueue({ op: "put", cid: p.client_id, q: q, text: p.text, pos: pos === undefined ? null : pos });
    });
  }

  function startEdit(li, p, q) {
    ctx.ui.editing = { cid: p.client_id, q: q };
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
        ctx.ui.editing = null;
        outbox.forgetFailed(p.client_id);
        if (text !== p.text || p.position === undefined) {
          sync.enqueue({ op: "put", cid: p.client_id, q: q, text: text, pos: null });
        } else {
          render();
        }
      } else {
        ctx.ui.editing = null;
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

  function fillDirectory(query) {
    sync.request("GET", "/organisations?q=" + encodeURIComponent(query)).then(
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
      sync.enqueue({ op: "org_add", name: name });
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

  function buildCounts() {
    var pendingCount = ctx.ui.pendingCount;
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
        if (outbox.view().counts[kind] === value) return;
        var counts = {};
        counts[kind] = value;
        sync.enqueue({ op: "counts", counts: counts });
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
      clearTimeout(ctx.ui.reportTimer);
      ctx.ui.reportTimer = null;
      if (report.value.length > 5000) return;
      if (report.value.trim() === (outbox.view().report || "")) return;
      sync.enqueue({ op: "report", report: report.value });
    }
    report.addEventListener("input", function () {
      clearTimeout(ctx.ui.reportTimer);
      ctx.ui.reportTimer = setTimeout(commit, 1000);
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
      if (outbox.pending) {
        sync.retryNow();
        toast(S.cannotCloseUnsent);
        return;
      }
      if (!window.confirm(S.confirmClose)) return;
      closeButton.disabled = true;
      sync.request("POST", "/close", {}).then(
        function (res) {
          if (res.status === 200 || res.status === 409) window.location.reload();
          else {
            closeButton.disabled = false;
            toast(res.data.message || S.cannotCloseUnsent);
          }
        },
        function () {
          closeButton.disabled = false;
          sync.setMode("offline");
          toast(S.offline + " " + S.keepWriting);
        }
      );
    });
  }

  /* Add the live controls next to the plain form's fields (still hidden). */
  function build() {
    document.querySelectorAll(".capture-question").forEach(buildQuestion);
    buildOrganisations();
    buildCounts();
    buildReport();
    buildButtons();
  }

  return { build: build, move: move, removeEntry: removeEntry, startEdit: startEdit };
}
