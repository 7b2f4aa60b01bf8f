/* Where the outbox keeps its data: a string under one key.
 *
 * A store is { read(): string|null, write(raw) }. The browser uses localStorage (so unsent
 * entries survive a reload and are shared with another tab of the same workshop), falling
 * back to memory when localStorage is unavailable (private mode, quota); tests use memory.
 */

export function memoryStore(raw) {
  var value = raw === undefined ? null : raw;
  return {
    read: function () {
      return value;
    },
    write: function (next) {
      value = next;
    },
  };
}

export function browserStore(key) {
  var fallback = null; // used when localStorage is unavailable (private mode)
  return {
    key: key,
    read: function () {
      try {
        return window.localStorage.getItem(key);
      } catch (e) {
        return fallback;
      }
    },
    write: function (raw) {
      try {
        window.localStorage.setItem(key, raw);
      } catch (e) {
        fallback = raw;
      }
    },
  };
}
