// Each practice app keeps its whole state in localStorage under its own key
// (practice.shop, practice.mail, …). It is read afresh on every use, never cached in
// a variable, so a task's setup (which rewrites the key) and every page of the app
// always agree, and a success check can read the outcome from any page.

/** A JSON value under `key`, with `defaults()` filling whatever is missing. */
export function createStore(key, defaults) {
  const read = () => {
    try {
      const raw = localStorage.getItem(key);
      return { ...defaults(), ...(raw ? JSON.parse(raw) : {}) };
    } catch {
      return defaults();
    }
  };
  return {
    key,
    get: read,
    /** Applies `change` to a fresh copy of the state and writes it back. */
    update(change) {
      const state = read();
      const next = change(state) ?? state;
      localStorage.setItem(key, JSON.stringify(next));
      return next;
    },
  };
}

/**
 * Runs `render` now and again whenever the state is reset in place: a task's setup
 * rewrites the key and dispatches `practice:reset`, so the page shows the new state
 * without a reload (a reload would race with whatever drives the page next).
 */
export function renderAndFollowResets(render) {
  render();
  window.addEventListener('practice:reset', () => render());
}

/** Text made safe to put in HTML. */
export function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A short reference like "K7Q2LM", different every time (order numbers, booking codes). */
export function newReference(length = 6) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

export async function loadJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}
