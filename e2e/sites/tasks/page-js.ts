// Builders for the JavaScript a task runs in the page: resetting an app's state
// (setup_js) and checking it afterwards (success_js). Each is one expression, so it
// can be evaluated as is; expected values are embedded as JSON.

/**
 * Replaces the app's state with `state` (or clears it) and tells the open page to
 * re-render from it; no reload, so nothing races with the run that follows.
 */
export function resetState(key: string, state?: unknown): string {
  const write = state === undefined ? `localStorage.removeItem(${JSON.stringify(key)});` : `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(JSON.stringify(state))});`;
  return `(() => { ${write} window.dispatchEvent(new Event('practice:reset')); return true; })()`;
}

/**
 * A check over the app's stored state: `body` is the JavaScript of a function body
 * that sees `s` (the parsed state, `{}` when none) and `want` (the expected values)
 * and returns a boolean.
 */
export function checkState(key: string, want: unknown, body: string): string {
  const code = body
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join(' ');
  return `(() => { const s = JSON.parse(localStorage.getItem(${JSON.stringify(key)}) || '{}'); const want = ${JSON.stringify(want)}; ${code} })()`;
}
