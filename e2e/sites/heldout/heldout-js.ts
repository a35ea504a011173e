// Small pieces of page JavaScript the held-out families share (kept apart from
// families.ts so the family files can import them without importing each other).

/** Replaces a site's state (or clears it) and tells the open page to re-render; returns true. */
export function resetHeldout(key: string, state?: unknown): string {
  const write = state === undefined ? `localStorage.removeItem(${JSON.stringify(key)});` : `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(JSON.stringify(state))});`;
  return `(() => { ${write} window.dispatchEvent(new Event('heldout:reset')); return true; })()`;
}

/** The task text a page drew from its ?seed (page-drawn families). */
export const TASK_TEXT_JS = `document.querySelector('#task-text').textContent.trim()`;

/** "A", "A and B", "A, B and C". */
export const listing = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
