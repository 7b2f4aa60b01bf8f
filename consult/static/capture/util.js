/* Small helpers of the capture page: ids, message formatting and text clean-up. */

/* A random id for a new entry (a resend of it is then an idempotent upsert). */
export function newId() {
  var c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") {
    return c.randomUUID();
  }
  var bytes = new Uint8Array(16);
  if (c && c.getRandomValues) {
    c.getRandomValues(bytes);
  } else {
    for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.prototype.map
    .call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    })
    .join("");
}

/* "{n} entries" with {n: 3} -> "3 entries"; unknown names are left as they are. */
export function fmt(text, values) {
  return text.replace(/\{(\w+)\}/g, function (m, k) {
    return values[k] !== undefined ? String(values[k]) : m;
  });
}

/* The key two organisation names are compared by (case and spacing ignored). */
export function nameKey(name) {
  return name.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

export function cleanText(text) {
  return text.replace(/\s+/g, " ").trim();
}
