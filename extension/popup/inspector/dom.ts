// Small DOM helpers for the inspector (plain DOM, no framework): an element builder
// and the formats every view uses for dates, durations and numbers.

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/**
 * `h('button', { type: 'button', onclick: fn, 'aria-label': 'Close' }, 'Close')`.
 * `on*` props are listeners, `class`/`text` set className/textContent, booleans
 * toggle attributes (false leaves them out), the rest become attributes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the inspector page has no #${id}`);
  return el as T;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function formatDate(ms: number): string {
  return dateTime.format(new Date(ms));
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = ms / 1_000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s % 60)} s`;
}

export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The host of an origin for compact display (`https://shop.example` → `shop.example`). */
export function siteLabel(origin: string | undefined): string {
  if (!origin) return 'any site';
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}
