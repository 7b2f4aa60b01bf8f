/* The outbox: every change is an operation kept in a store until the server confirms it.
 *
 * What the page shows = the last state the server sent (the snapshot) + the outbox replayed
 * on top (those entries are marked "not sent yet"). Operations:
 *   {op: "put", cid, q, text, pos}  add or change a proposal (cid made here: idempotent)
 *   {op: "del", cid}                remove a proposal
 *   {op: "order", q, order: [cid]}  the order of a question's proposals
 *   {op: "counts", counts: {kind: n}}, {op: "report", report}
 *   {op: "org_add", name}, {op: "org_del", name}
 * Each enqueued operation gets an id, so the one confirmed is the one removed.
 */
import { nameKey, newId } from "./util.js";

var VERSION = 1;

function copyState(state) {
  return JSON.parse(JSON.stringify(state));
}

/* A question's proposals in their order (server order breaks ties). */
export function sorted(items) {
  return items.slice().sort(function (a, b) {
    return (a.position || 0) - (b.position || 0) || (a.seq || 0) - (b.seq || 0);
  });
}

/* Apply one operation to a state; `unsent` marks what it touched as not sent yet. */
export function applyOp(st, op, unsent) {
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

/* The server's state as the page works on it (organisations as objects, server order kept). */
export function fromServer(state) {
  var st = copyState(state);
  st.organisations = st.organisations.map(function (name) {
    return { name: name };
  });
  st.proposals.forEach(function (p, n) {
    p.seq = n;
  });
  return st;
}

export function toServerShape(st) {
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

/* The message of a refused entry: the server's field errors, else its message. */
function refusal(data) {
  var fields = (data && data.fields) || {};
  return Object.keys(fields)
    .map(function (k) { return fields[k]; })
    .join(" ") || (data && data.message) || "";
}

/* The outbox over a store. Every call reads the store afresh and writes it back, so another
 * tab's changes (or a reload) are always seen: a new Outbox over the same store resumes. */
export class Outbox {
  constructor(store, options) {
    var opts = options || {};
    this.store = store;
    this.initialState = opts.initialState || null; // the state the page was rendered with
    this.newId = opts.newId || newId;
  }

  load() {
    var raw = this.store.read();
    var data = raw ? JSON.parse(raw) : null;
    if (!data || data.v !== VERSION) data = { v: VERSION, snapshot: null, outbox: [], failed: [] };
    return data;
  }

  save(data) {
    this.store.write(JSON.stringify(data));
  }

  update(fn) {
    var data = this.load();
    fn(data);
    this.save(data);
    return data;
  }

  /* The operations not confirmed yet, oldest first. */
  ops() {
    return this.load().outbox;
  }

  get pending() {
    return this.load().outbox.length;
  }

  /* The next operation to send (the oldest), or undefined. */
  head() {
    return this.load().outbox[0];
  }

  /* Add an operation at the end and give it an id. A newer value of the same setting
   * (counts, report) replaces one not sent yet, never the head while it is in flight. */
  enqueue(op, headInFlight) {
    op.id = this.newId();
    this.update(function (data) {
      if (op.op === "counts" || op.op === "report") {
        for (var i = data.outbox.length - 1; i > 0 || (i === 0 && !headInFlight); i--) {
          var old = data.outbox[i];
          if (old.op === op.op) {
            if (op.op === "counts") {
              for (var k in old.counts) if (!(k in op.counts)) op.counts[k] = old.counts[k];
            }
            data.outbox.splice(i, 1);
            break;
          }
        }
      }
      data.outbox.push(op);
    });
    return op;
  }

  /* The server confirmed `op`: out of the outbox, into the snapshot. */
  confirm(op) {
    var initial = this.initialState;
    this.update(function (data) {
      data.outbox = data.outbox.filter(function (o) {
        return o.id !== op.id;
      });
      var st = fromServer(data.snapshot || initial);
      applyOp(st, op, false);
      data.snapshot = toServerShape(st);
    });
  }

  /* The server refused `op` for good: out of the outbox; a refused proposal is kept aside
   * with the server's message so the facilitator can edit or remove it. */
  fail(op, response) {
    var message = refusal(response);
    this.update(function (data) {
      data.outbox = data.outbox.filter(function (o) { return o.id !== op.id; });
      if (op.op === "put") {
        data.failed = data.failed.filter(function (f) { return f.cid !== op.cid; });
        data.failed.push({ cid: op.cid, q: op.q, text: op.text, message: message });
      }
    });
  }

  /* Forget a refused proposal (edited again or removed). */
  forgetFailed(cid) {
    this.update(function (data) {
      data.failed = data.failed.filter(function (f) { return f.cid !== cid; });
    });
  }

  setSnapshot(state) {
    this.update(function (data) {
      data.snapshot = state;
    });
  }

  /* The page was just rendered by the server, so its state is the freshest snapshot, unless
   * it is a copy kept for offline use and a snapshot is stored already. */
  adoptPageState(state, offlineCopy) {
    this.update(function (data) {
      if (!offlineCopy || !data.snapshot) data.snapshot = state;
    });
  }

  /* What the page shows: the snapshot with the outbox replayed on top. */
  view() {
    var data = this.load();
    var st = fromServer(data.snapshot || this.initialState);
    data.outbox.forEach(function (op) {
      applyOp(st, op, true);
    });
    st.failed = data.failed;
    st.pending = data.outbox.length;
    return st;
  }
}
