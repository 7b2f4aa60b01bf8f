/* Sending the outbox to the server, one operation at a time, oldest first.
 *
 * Modes: saved | saving | offline | serverDown | closed | notFound. A network failure or a
 * server error keeps the operation and retries with backoff; a refusal (4xx) sets it aside
 * with the server's message; 409 means the workshop was closed, 404 that it is gone.
 */

/* Milliseconds before retry number `failures` (1, 2, ...): doubling from 1 s up to 30 s,
 * spread by ±20 % so that many pages coming back online do not all ask at once. */
export function retryDelay(failures, random) {
  var delay = Math.min(30000, 1000 * Math.pow(2, Math.min(failures - 1, 5)));
  return Math.round(delay * (0.8 + (random || Math.random)() * 0.4));
}

/* The API call of one operation: [method, path, body]. */
export function requestOf(op) {
  var cid = op.cid ? encodeURIComponent(op.cid) : "";
  switch (op.op) {
    case "put":
      return ["PUT", "/proposals/" + cid, { question_id: op.q, text: op.text, position: op.pos }];
    case "del":
      return ["DELETE", "/proposals/" + cid];
    case "order":
      return ["POST", "/order", { question_id: op.q, order: op.order }];
    case "counts":
      return ["PUT", "/counts", { counts: op.counts }];
    case "report":
      return ["PUT", "/report", { report: op.report }];
    case "org_add":
      return ["POST", "/organisations", { name: op.name }];
    case "org_del":
      return ["POST", "/organisations/remove", { name: op.name }];
  }
  return null;
}

/* options: outbox, api (the API's URL), csrf {get(), set(token)}, onRender(), onStatus();
 * fetch, setTimeout, clearTimeout and random default to the browser's. */
export function createSync(options) {
  var outbox = options.outbox;
  var API = options.api;
  var csrf = options.csrf;
  var doFetch = options.fetch || globalThis.fetch.bind(globalThis);
  var later = options.setTimeout || globalThis.setTimeout.bind(globalThis);
  var cancel = options.clearTimeout || globalThis.clearTimeout.bind(globalThis);
  var random = options.random || Math.random;
  var render = options.onRender;
  var renderStatus = options.onStatus;

  var sending = false;
  var retryTimer = null;
  var failures = 0;
  var mode = "saved";
  var confirmations = 0;
  var csrfRetries = 0;
  var refreshing = null;

  function request(method, path, body) {
    var opts = {
      method: method,
      headers: { "X-CSRFToken": csrf.get(), Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    // A hanging connection (weak Wi-Fi) counts as offline after a while.
    var timer = null;
    if (typeof AbortController !== "undefined") {
      var controller = new AbortController();
      opts.signal = controller.signal;
      timer = later(function () { controller.abort(); }, 20000);
    }
    return doFetch(API + path, opts).then(function (res) {
      cancel(timer);
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
    var call = requestOf(op);
    if (!call) return Promise.resolve({ status: 200, data: {} });
    return request(call[0], call[1], call[2]);
  }

  function enqueue(op) {
    outbox.enqueue(op, sending);
    render();
    pump();
  }

  function confirmOp(op) {
    confirmations += 1;
    outbox.confirm(op);
  }

  function scheduleRetry() {
    if (retryTimer) cancel(retryTimer);
    failures += 1;
    retryTimer = later(function () {
      retryTimer = null;
      pump();
    }, retryDelay(failures, random));
  }

  function setMode(next) {
    mode = next;
    renderStatus();
  }

  function pump() {
    if (sending || mode === "closed" || mode === "notFound") return;
    var op = outbox.head();
    if (!op) {
      if (mode !== "saved") setMode("saved");
      return;
    }
    sending = true;
    var slow = later(function () {
      if (sending && mode === "saved") setMode("saving");
    }, 700);
    sendOp(op)
      .then(
        function (res) {
          sending = false;
          cancel(slow);
          if (res.status >= 200 && res.status < 300) {
            failures = 0;
            csrfRetries = 0;
            confirmOp(op);
            if (mode === "offline" || mode === "serverDown") setMode("saving");
            render();
            if (!outbox.pending) {
              setMode("saved");
              refresh();
            } else {
              pump();
            }
          } else if (res.status === 400 && res.data.error === "csrf" && csrfRetries < 3) {
            csrfRetries += 1;
            refresh().then(pump);
          } else if (res.status === 409) {
            setMode("closed");
            render();
          } else if (res.status === 404) {
            setMode("notFound");
          } else if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
            // This entry was refused (bad input, too large...): mark it with the server's
            // message and go on with the others; resending it as is would never succeed.
            outbox.fail(op, res.data);
            render();
            pump();
          } else {
            setMode("serverDown");
            scheduleRetry();
          }
        },
        function () {
          sending = false;
          cancel(slow);
          setMode("offline");
          scheduleRetry();
        }
      );
  }

  function refresh() {
    if (refreshing) return refreshing;
    var seen = confirmations;
    refreshing = request("GET", "/state")
      .then(
        function (res) {
          if (res.status === 200 && seen !== confirmations) {
            // A change was confirmed meanwhile; this answer may predate it. Ask again soon.
            later(refresh, 200);
          } else if (res.status === 200) {
            if (res.data.csrf_token) csrf.set(res.data.csrf_token);
            delete res.data.csrf_token;
            outbox.setSnapshot(res.data);
            if (res.data.closed) setMode("closed");
            else if (mode === "offline" || mode === "serverDown") {
              setMode(outbox.pending ? "saving" : "saved");
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
    if (retryTimer) cancel(retryTimer);
    retryTimer = null;
    failures = 0;
    if (outbox.pending) pump();
    else refresh();
  }

  return {
    get mode() {
      return mode;
    },
    get sending() {
      return sending;
    },
    request: request,
    enqueue: enqueue,
    pump: pump,
    refresh: refresh,
    retryNow: retryNow,
    setMode: setMode,
  };
}
