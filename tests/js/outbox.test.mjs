// Unit tests of the capture page's outbox (node --test tests/js/), no browser needed:
// the outbox works over an injected store, here one in memory.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Outbox, applyOp, fromServer, sorted } from "../../consult/static/capture/outbox.js";
import { browserStore, memoryStore } from "../../consult/static/capture/store.js";

function serverState() {
  return {
    closed: false,
    counts: { org_reps: 2, staff: 1, residents: 0, others: 0 },
    report: "",
    organisations: ["Kunta"],
    proposals: [{ client_id: "s1", question_id: 1, text: "Saved already", position: 1 }],
  };
}

function counter() {
  let n = 0;
  return () => "op" + ++n;
}

function makeOutbox(store) {
  return new Outbox(store || memoryStore(), { initialState: serverState(), newId: counter() });
}

describe("enqueue", () => {
  test("gives every operation an id and keeps them oldest first", () => {
    const outbox = makeOutbox();
    const a = outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "First", pos: 2 });
    const b = outbox.enqueue({ op: "put", cid: "c2", q: 1, text: "Second", pos: 3 });
    assert.equal(a.id, "op1");
    assert.equal(b.id, "op2");
    assert.deepEqual(outbox.ops().map((o) => o.id), ["op1", "op2"]);
    assert.equal(outbox.head().cid, "c1");
    assert.equal(outbox.pending, 2);
  });

  test("the view is the snapshot with the outbox on top, marked unsent", () => {
    const outbox = makeOutbox();
    outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "New", pos: 2 });
    const st = outbox.view();
    assert.deepEqual(
      sorted(st.proposals).map((p) => [p.text, !!p.unsent]),
      [["Saved already", false], ["New", true]]
    );
    assert.equal(st.pending, 1);
    assert.deepEqual(st.failed, []);
  });

  test("ids come from crypto by default and differ", () => {
    const outbox = new Outbox(memoryStore(), { initialState: serverState() });
    const a = outbox.enqueue({ op: "del", cid: "x" });
    const b = outbox.enqueue({ op: "del", cid: "y" });
    assert.match(a.id, /^[0-9a-f-]{32,36}$/);
    assert.notEqual(a.id, b.id);
  });

  test("a newer count replaces one not sent yet and keeps its other kinds", () => {
    const outbox = makeOutbox();
    outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "In flight", pos: 2 });
    outbox.enqueue({ op: "counts", counts: { staff: 5 } });
    outbox.enqueue({ op: "counts", counts: { residents: 7 } });
    const ops = outbox.ops();
    assert.deepEqual(ops.map((o) => o.op), ["put", "counts"]);
    assert.deepEqual(ops[1].counts, { residents: 7, staff: 5 });
    assert.deepEqual(outbox.view().counts, { org_reps: 2, staff: 5, residents: 7, others: 0 });
  });

  test("a newer report replaces the older unsent one", () => {
    const outbox = makeOutbox();
    outbox.enqueue({ op: "report", report: "Draft" });
    outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Between", pos: 2 });
    outbox.enqueue({ op: "report", report: "Final" }, true); // the head is in flight
    assert.deepEqual(outbox.ops().map((o) => o.op), ["report", "put", "report"]);
    const other = makeOutbox();
    other.enqueue({ op: "put", cid: "c1", q: 1, text: "Head", pos: 2 });
    other.enqueue({ op: "report", report: "Draft" });
    other.enqueue({ op: "report", report: "Final" }, true);
    assert.deepEqual(other.ops().map((o) => o.report || o.op), ["put", "Final"]);
    assert.equal(other.view().report, "Final");
  });

  test("the head in flight is never replaced; when idle it is", () => {
    const busy = makeOutbox();
    busy.enqueue({ op: "counts", counts: { staff: 3 } });
    busy.enqueue({ op: "counts", counts: { staff: 4 } }, true);
    assert.deepEqual(busy.ops().map((o) => o.counts.staff), [3, 4]);
    const idle = makeOutbox();
    idle.enqueue({ op: "counts", counts: { staff: 3 } });
    idle.enqueue({ op: "counts", counts: { staff: 4 } }, false);
    assert.deepEqual(idle.ops().map((o) => o.counts.staff), [4]);
  });
});

describe("idempotency: the entry's client id", () => {
  test("a put sent twice is one proposal, updated in place", () => {
    const outbox = makeOutbox();
    outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Typo", pos: 2 });
    outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Fixed", pos: null });
    const mine = outbox.view().proposals.filter((p) => p.client_id === "c1");
    assert.deepEqual(mine.map((p) => [p.text, p.position, p.unsent]), [["Fixed", 2, true]]);
  });

  test("a confirmation applied twice does not double the proposal", () => {
    const outbox = makeOutbox();
    const op = outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Once", pos: 2 });
    outbox.confirm(op);
    outbox.confirm(op);
    assert.equal(outbox.view().proposals.filter((p) => p.client_id === "c1").length, 1);
  });

  test("organisations are one per name, case and spacing ignored", () => {
    const outbox = makeOutbox();
    outbox.enqueue({ op: "org_add", name: "kunta" });
    outbox.enqueue({ op: "org_add", name: "Uusi  Yhdistys" });
    outbox.enqueue({ op: "org_add", name: "uusi yhdistys" });
    assert.deepEqual(outbox.view().organisations, [{ name: "Kunta" }, { name: "Uusi  Yhdistys", unsent: true }]);
    outbox.enqueue({ op: "org_del", name: "KUNTA" });
    assert.deepEqual(outbox.view().organisations.map((o) => o.name), ["Uusi  Yhdistys"]);
  });
});

describe("ordering", () => {
  test("an order operation renumbers the question's proposals; unnamed ones follow", () => {
    const st = fromServer({
      ...serverState(),
      proposals: [
        { client_id: "a", question_id: 1, text: "A", position: 1 },
        { client_id: "b", question_id: 1, text: "B", position: 2 },
        { client_id: "c", question_id: 1, text: "C", position: 3 },
        { client_id: "z", question_id: 2, text: "Z", position: 1 },
      ],
    });
    applyOp(st, { op: "order", q: 1, order: ["c", "a", "c"] }, true);
    assert.deepEqual(
      sorted(st.proposals.filter((p) => p.question_id === 1)).map((p) => p.client_id),
      ["c", "a", "b"]
    );
    assert.equal(st.proposals.find((p) => p.client_id === "z").position, 1);
  });

  test("equal positions keep the server's order", () => {
    const st = fromServer({
      ...serverState(),
      proposals: [
        { client_id: "x", question_id: 1, text: "X", position: 1 },
        { client_id: "y", question_id: 1, text: "Y", position: 1 },
      ],
    });
    assert.deepEqual(sorted(st.proposals).map((p) => p.client_id), ["x", "y"]);
  });
});

describe("confirm and fail", () => {
  test("a confirmed operation leaves the outbox and enters the snapshot", () => {
    const outbox = makeOutbox();
    const first = outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Sent", pos: 2 });
    outbox.enqueue({ op: "put", cid: "c2", q: 1, text: "Waiting", pos: 3 });
    outbox.confirm(first);
    assert.deepEqual(outbox.ops().map((o) => o.cid), ["c2"]);
    const snapshot = outbox.load().snapshot;
    assert.deepEqual(snapshot.proposals.map((p) => p.client_id), ["s1", "c1"]);
    assert.ok(snapshot.proposals.every((p) => !("unsent" in p) && !("seq" in p)));
    assert.deepEqual(snapshot.organisations, ["Kunta"]);
    const shown = outbox.view().proposals;
    assert.equal(shown.find((p) => p.client_id === "c1").unsent, undefined);
    assert.equal(shown.find((p) => p.client_id === "c2").unsent, true);
  });

  test("a confirmed removal removes the proposal from the snapshot", () => {
    const outbox = makeOutbox();
    outbox.confirm(outbox.enqueue({ op: "del", cid: "s1" }));
    assert.deepEqual(outbox.view().proposals, []);
    assert.equal(outbox.pending, 0);
  });

  test("a refused proposal is set aside with the server's message", () => {
    const outbox = makeOutbox();
    const bad = outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Too odd", pos: 2 });
    outbox.enqueue({ op: "put", cid: "c2", q: 1, text: "Fine", pos: 3 });
    outbox.fail(bad, { error: "invalid", fields: { text: "Too long.", question_id: "No such question." } });
    assert.deepEqual(outbox.ops().map((o) => o.cid), ["c2"]);
    assert.deepEqual(outbox.view().failed, [
      { cid: "c1", q: 1, text: "Too odd", message: "Too long. No such question." },
    ]);
    // refused again after an edit: one failed entry, the latest message
    const again = outbox.enqueue({ op: "put", cid: "c1", q: 1, text: "Still odd", pos: null });
    outbox.fail(again, { message: "Refused." });
    assert.deepEqual(outbox.view().failed.map((f) => [f.text, f.message]), [["Still odd", "Refused."]]);
    outbox.forgetFailed("c1");
    assert.deepEqual(outbox.view().failed, []);
  });

  test("a refused non-proposal operation is dropped", () => {
    const outbox = makeOutbox();
    outbox.fail(outbox.enqueue({ op: "counts", counts: { staff: -1 } }), {});
    assert.equal(outbox.pending, 0);
    assert.deepEqual(outbox.view().failed, []);
  });
});

describe("the store", () => {
  test("a new outbox over the same store (a reload) resumes where the last one was", () => {
    const store = memoryStore();
    const before = makeOutbox(store);
    const sent = before.enqueue({ op: "put", cid: "c1", q: 1, text: "Sent", pos: 2 });
    before.enqueue({ op: "put", cid: "c2", q: 1, text: "Unsent", pos: 3 });
    before.enqueue({ op: "org_add", name: "Seura" });
    before.confirm(sent);
    const after = new Outbox(store, { initialState: serverState(), newId: () => "later" });
    assert.deepEqual(after.ops(), before.ops());
    assert.deepEqual(after.view(), before.view());
    assert.equal(after.head().cid, "c2");
  });

  test("a page rendered online replaces the stored snapshot; an offline copy does not", () => {
    const store = memoryStore();
    const outbox = makeOutbox(store);
    outbox.setSnapshot({ ...serverState(), report: "Newer than the cached page" });
    outbox.adoptPageState(serverState(), true);
    assert.equal(outbox.view().report, "Newer than the cached page");
    outbox.adoptPageState(serverState(), false);
    assert.equal(outbox.view().report, "");
    const fresh = makeOutbox(memoryStore());
    fresh.adoptPageState({ ...serverState(), report: "Cached page" }, true);
    assert.equal(fresh.view().report, "Cached page");
  });

  test("an unknown or empty stored value starts afresh", () => {
    for (const raw of [null, "", JSON.stringify({ v: 0, outbox: [{ op: "del" }] })]) {
      const outbox = makeOutbox(memoryStore(raw));
      assert.deepEqual(outbox.load(), { v: 1, snapshot: null, outbox: [], failed: [] });
    }
  });

  test("the browser store uses localStorage, and memory when it is refused", () => {
    const saved = {};
    globalThis.window = {
      localStorage: {
        getItem: (k) => (k in saved ? saved[k] : null),
        setItem: (k, v) => {
          saved[k] = v;
        },
      },
    };
    try {
      const store = browserStore("consult.capture.7");
      store.write("abc");
      assert.deepEqual(saved, { "consult.capture.7": "abc" });
      assert.equal(store.read(), "abc");
      globalThis.window = {
        get localStorage() {
          throw new Error("SecurityError");
        },
      };
      const privateMode = browserStore("consult.capture.7");
      assert.equal(privateMode.read(), null);
      privateMode.write("kept in memory");
      assert.equal(privateMode.read(), "kept in memory");
    } finally {
      delete globalThis.window;
    }
  });
});
