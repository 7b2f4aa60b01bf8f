// Unit tests of sending the outbox (node --test tests/js/): a fake server and fake timers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Outbox } from "../../consult/static/capture/outbox.js";
import { memoryStore } from "../../consult/static/capture/store.js";
import { createSync, requestOf, retryDelay } from "../../consult/static/capture/sync.js";

const STATE = { closed: false, counts: {}, report: "", organisations: [], proposals: [] };

/* Let every pending promise callback run. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/* A page's sync over a fake server: `answer(method, path, body)` returns
 * {status, data}, or throws for a network failure. */
function harness(answer) {
  const calls = [];
  const timers = [];
  const modes = [];
  let renders = 0;
  const outbox = new Outbox(memoryStore(), { initialState: STATE });
  let token = "t0";
  const sync = createSync({
    outbox,
    api: "/tyopaja/abc/api",
    csrf: { get: () => token, set: (t) => (token = t) },
    onRender: () => renders++,
    onStatus: () => modes.push(sync.mode),
    random: () => 0.5, // no jitter
    setTimeout: (fn, ms) => {
      const timer = { fn, ms, done: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      if (timer) timer.done = true;
    },
    fetch: async (url, opts) => {
      const body = opts.body ? JSON.parse(opts.body) : undefined;
      calls.push({ method: opts.method, path: url.slice("/tyopaja/abc/api".length), body, csrf: opts.headers["X-CSRFToken"] });
      const { status, data } = answer(opts.method, url.slice("/tyopaja/abc/api".length), body);
      return { status, json: async () => data };
    },
  });
  /* The waiting timers (retries) of `ms` milliseconds, not the request timeouts. */
  function pendingTimers(ms) {
    return timers.filter((t) => !t.done && t.ms === ms);
  }
  async function fire(timer) {
    timer.done = true;
    timer.fn();
    await settle();
  }
  return { outbox, sync, calls, timers, modes, pendingTimers, fire, renders: () => renders, token: () => token };
}

const ok = () => ({ status: 200, data: { ok: true } });

describe("retry delay", () => {
  test("doubles from one second up to thirty", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelay(n, () => 0.5));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  test("is spread by at most a fifth either way", () => {
    assert.equal(retryDelay(1, () => 0), 800);
    assert.equal(retryDelay(1, () => 0.999999), 1200);
    assert.equal(retryDelay(9, () => 0), 24000);
  });
});

describe("requests", () => {
  test("each operation has its API call; the entry id is in the path", () => {
    assert.deepEqual(requestOf({ op: "put", cid: "a/b", q: 3, text: "T", pos: 2 }), [
      "PUT",
      "/proposals/a%2Fb",
      { question_id: 3, text: "T", position: 2 },
    ]);
    assert.deepEqual(requestOf({ op: "del", cid: "c1" }), ["DELETE", "/proposals/c1"]);
    assert.deepEqual(requestOf({ op: "order", q: 1, order: ["a"] }), ["POST", "/order", { question_id: 1, order: ["a"] }]);
    assert.deepEqual(requestOf({ op: "counts", counts: { staff: 1 } }), ["PUT", "/counts", { counts: { staff: 1 } }]);
    assert.deepEqual(requestOf({ op: "report", report: "R" }), ["PUT", "/report", { report: "R" }]);
    assert.deepEqual(requestOf({ op: "org_add", name: "N" }), ["POST", "/organisations", { name: "N" }]);
    assert.deepEqual(requestOf({ op: "org_del", name: "N" }), ["POST", "/organisations/remove", { name: "N" }]);
    assert.equal(requestOf({ op: "unknown" }), null);
  });
});

describe("sending", () => {
  test("operations go one at a time, oldest first, and leave the outbox when confirmed", async () => {
    const h = harness((method) => (method === "GET" ? { status: 200, data: { ...STATE, csrf_token: "t1" } } : ok()));
    h.sync.enqueue({ op: "put", cid: "c1", q: 1, text: "One", pos: 1 });
    h.sync.enqueue({ op: "put", cid: "c2", q: 1, text: "Two", pos: 2 });
    assert.equal(h.calls.length, 1); // the second waits for the first
    await settle();
    assert.deepEqual(h.calls.map((c) => `${c.method} ${c.path}`), [
      "PUT /proposals/c1",
      "PUT /proposals/c2",
      "GET /state",
    ]);
    assert.equal(h.outbox.pending, 0);
    assert.equal(h.sync.mode, "saved");
    assert.equal(h.token(), "t1"); // the refreshed state brought a new CSRF token
    assert.equal(h.calls[0].csrf, "t0");
  });

  test("offline: the operation stays, retries back off, and is sent once when back", async () => {
    let online = false;
    const h = harness((method) => {
      if (!online) throw new TypeError("Failed to fetch");
      return method === "GET" ? { status: 200, data: STATE } : ok();
    });
    h.sync.enqueue({ op: "put", cid: "c1", q: 1, text: "Offline", pos: 1 });
    await settle();
    assert.equal(h.sync.mode, "offline");
    assert.equal(h.outbox.pending, 1);
    const [first] = h.pendingTimers(1000);
    assert.ok(first, "a retry in one second");
    await h.fire(first);
    const [second] = h.pendingTimers(2000);
    assert.ok(second, "then in two");
    assert.equal(h.outbox.pending, 1);
    online = true;
    await h.fire(second);
    assert.equal(h.outbox.pending, 0);
    assert.equal(h.sync.mode, "saved");
    const puts = h.calls.filter((c) => c.method === "PUT");
    assert.equal(puts.length, 3); // two failed tries, one that arrived
    assert.ok(h.modes.includes("saving"));
    // the failures were forgotten: the next failure waits one second again
    online = false;
    h.sync.enqueue({ op: "del", cid: "c1" });
    await settle();
    assert.equal(h.pendingTimers(1000).length, 1);
  });

  test("a server error keeps the operation and retries; retrying now resets the wait", async () => {
    let status = 503;
    const h = harness((method) => (method === "GET" ? { status: 200, data: STATE } : { status, data: {} }));
    h.sync.enqueue({ op: "report", report: "R" });
    await settle();
    assert.equal(h.sync.mode, "serverDown");
    assert.equal(h.outbox.pending, 1);
    status = 200;
    h.sync.retryNow();
    await settle();
    assert.equal(h.outbox.pending, 0);
    assert.equal(h.sync.mode, "saved");
    assert.ok(h.timers.filter((t) => t.ms === 1000).every((t) => t.done), "the retry was cancelled");
  });

  test("a refused entry is set aside and the next ones are sent", async () => {
    const h = harness((method, path, body) => {
      if (method === "PUT" && body.text === "Refused") return { status: 422, data: { message: "No." } };
      return method === "GET" ? { status: 200, data: STATE } : ok();
    });
    h.sync.enqueue({ op: "put", cid: "c1", q: 1, text: "Refused", pos: 1 });
    h.sync.enqueue({ op: "put", cid: "c2", q: 1, text: "Fine", pos: 2 });
    await settle();
    assert.equal(h.outbox.pending, 0);
    assert.deepEqual(h.outbox.view().failed, [{ cid: "c1", q: 1, text: "Refused", message: "No." }]);
    assert.equal(h.sync.mode, "saved");
  });

  test("a closed workshop stops sending and keeps what is unsent", async () => {
    const h = harness(() => ({ status: 409, data: {} }));
    h.sync.enqueue({ op: "put", cid: "c1", q: 1, text: "Too late", pos: 1 });
    h.sync.enqueue({ op: "put", cid: "c2", q: 1, text: "Also", pos: 2 });
    await settle();
    assert.equal(h.sync.mode, "closed");
    assert.equal(h.calls.length, 1);
    assert.equal(h.outbox.pending, 2);
    h.sync.pump();
    await settle();
    assert.equal(h.calls.length, 1);
  });

  test("an expired CSRF token is renewed and the operation sent again", async () => {
    const accepted = "t-new";
    const h = harness((method) => {
      if (method === "GET") return { status: 200, data: { ...STATE, csrf_token: accepted } };
      return h.token() === accepted ? ok() : { status: 400, data: { error: "csrf" } };
    });
    h.sync.enqueue({ op: "org_add", name: "Seura" });
    await settle();
    assert.deepEqual(h.calls.map((c) => `${c.method} ${c.csrf}`).slice(0, 3), ["POST t0", "GET t0", "POST t-new"]);
    assert.equal(h.outbox.pending, 0);
    assert.equal(h.sync.mode, "saved");
  });

  test("a newer count enqueued while the older one is in flight does not replace it", async () => {
    const h = harness((method) => (method === "GET" ? { status: 200, data: STATE } : ok()));
    h.sync.enqueue({ op: "counts", counts: { staff: 3 } });
    assert.equal(h.sync.sending, true);
    h.sync.enqueue({ op: "counts", counts: { staff: 4 } });
    h.sync.enqueue({ op: "counts", counts: { residents: 9 } });
    assert.deepEqual(h.outbox.ops().map((o) => o.counts), [{ staff: 3 }, { residents: 9, staff: 4 }]);
    await settle();
    assert.equal(h.outbox.pending, 0);
    assert.deepEqual(h.calls.filter((c) => c.method === "PUT").map((c) => c.body.counts), [
      { staff: 3 },
      { residents: 9, staff: 4 },
    ]);
  });
});
