/* Service worker of the workshop capture page (scope /tyopaja/).
 *
 * A facilitator in a room with patchy Wi-Fi may reload the page, or switch its language,
 * while there is no network at all. The page and its assets are kept in a cache and served
 * from it when the network fails; the unsent entries live in localStorage (capture.js), so
 * they come back with the page. The capture page's script is a set of ES modules (MODULES):
 * they are fetched into the cache when this worker installs, since the page loads them
 * before the worker controls it. The network always wins when it answers, so a page
 * served online is never stale. Only capture pages and static assets are cached, never
 * the capture API or convenor pages.
 */
"use strict";

var CACHE = "consult-capture-v1";
var PAGE = /^\/tyopaja\/[A-Za-z0-9_-]{16,}$/;
var OFFLINE_MARK = "data-offline-copy";
/* Every module of the capture page (tests/app/test_js_units.py checks this list is whole). */
var MODULES = [
  "/static/capture.js",
  "/static/capture/controls.js",
  "/static/capture/outbox.js",
  "/static/capture/render.js",
  "/static/capture/store.js",
  "/static/capture/sync.js",
  "/static/capture/util.js",
];

function isPage(url) {
  return url.origin === self.location.origin && PAGE.test(url.pathname);
}

function isAsset(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
}

function pageKey(pathname) {
  return self.location.origin + pathname;
}

/* The cached copy is marked, so capture.js keeps the fresher state it has stored. */
function markedCopy(response) {
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.delete("Content-Length");
    return new Response(html.replace("<html ", "<html " + OFFLINE_MARK + ' '), {
      status: 200,
      statusText: "OK",
      headers: headers,
    });
  });
}

function fromCache(key) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(key);
  });
}

function put(key, response) {
  if (!response || response.status !== 200 || response.type !== "basic") return;
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) {
    cache.put(key, copy);
  });
}

/* Fetch the modules into the cache; one that fails now is kept later, when it loads. */
function keepModules() {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(
      MODULES.map(function (path) {
        var key = self.location.origin + path;
        return fetch(key, { credentials: "same-origin" }).then(
          function (res) {
            if (res.status === 200) return cache.put(key, res);
            return null;
          },
          function () {
            return null;
          }
        );
      })
    );
  });
}

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(keepModules());
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k.indexOf("consult-capture-") === 0 && k !== CACHE;
            })
            .map(function (k) {
              return caches.delete(k);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

/* The page asks for itself and its assets to be kept (it was loaded before this worker ran). */
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(
        urls.map(function (u) {
          var url = new URL(u, self.location.origin);
          if (!isPage(url) && !isAsset(url)) return null;
          var key = isPage(url) ? pageKey(url.pathname) : url.href;
          return fetch(url.href, { credentials: "same-origin" }).then(
            function (res) {
              if (res.status === 200) return cache.put(key, res);
              return null;
            },
            function () {
              return null;
            }
          );
        })
      );
    })
  );
});

function offlinePage(pathname) {
  return fromCache(pageKey(pathname)).then(function (cached) {
    return cached ? markedCopy(cached) : Response.error();
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);

  if (request.mode === "navigate" && request.method === "GET" && isPage(url)) {
    event.respondWith(
      fetch(request).then(
        function (res) {
          put(pageKey(url.pathname), res);
          return res;
        },
        function () {
          return offlinePage(url.pathname);
        }
      )
    );
    return;
  }

  // Changing the language offline (/tyopaja/<token>/kieli/<lang>): show the cached page.
  var lang = url.pathname.match(/^(\/tyopaja\/[A-Za-z0-9_-]{16,})\/kieli\/[a-z]{2}$/);
  if (request.mode === "navigate" && request.method === "POST" && lang) {
    event.respondWith(
      fetch(request).catch(function () {
        return offlinePage(lang[1]);
      })
    );
    return;
  }

  if (request.method === "GET" && isAsset(url)) {
    event.respondWith(
      fetch(request).then(
        function (res) {
          put(url.href, res);
          return res;
        },
        function () {
          return fromCache(url.href).then(function (cached) {
            return cached || Response.error();
          });
        }
      )
    );
  }
});
