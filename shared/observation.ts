// What the agent sees of a page, and its compact text rendering for prompts.
import { z } from 'zod';
import type { ElementDescriptor } from './model';

export const BoundingBox = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type BoundingBox = z.infer<typeof BoundingBox>;

/**
 * What a person's selector would use besides the accessible name (read for fields and
 * controls, and for elements without a name): how replay finds an unlabeled field again.
 * Not shown in prompts.
 */
export const ElementLocator = z.object({
  /** The id attribute, when it does not look generated. */
  id: z.string().max(60).optional(),
  /** The name attribute (form fields). */
  name: z.string().max(80).optional(),
  placeholder: z.string().max(80).optional(),
  /** The nearest text before the element (a caption that is not a <label>). */
  near: z.string().max(60).optional(),
  /**
   * The form the element belongs to, as `form#id`, `form[name=…]` or `form:N` (its place
   * among the page's forms): which submit button carries on the fields just filled.
   */
  form: z.string().max(80).optional(),
  /** A short DOM path, e.g. `form#reply > textarea`. */
  path: z.string().max(400).optional(),
  /**
   * For a control whose name repeats on the page ("Book", "Renew", "Delete"): the text of
   * its row — the largest part of the page around it that holds no other control of that
   * name — which tells the rows apart (a flight's price, a loan's title). Also, for a link or
   * button in a table row, that row's text (the requester beside a ticket's subject).
   */
  row: z.string().max(300).optional(),
});
export type ElementLocator = z.infer<typeof ElementLocator>;

/** A rendered element a user could interact with (hidden ones are never listed). */
export const ObservedElement = z.object({
  /** Per-observation index; actions refer to it. */
  index: z.number().int().nonnegative(),
  tag: z.string(),
  role: z.string(),
  /** Accessible name: label, aria-label, placeholder, alt, title or text. */
  name: z.string(),
  /** Current value of a field ([redacted] for passwords and card data). */
  value: z.string().optional(),
  /** Selected attributes worth showing: type, href, checked, expanded, … */
  attrs: z.record(z.string(), z.string()),
  /** Visible text inside the element, trimmed. */
  text: z.string(),
  inViewport: z.boolean(),
  disabled: z.boolean(),
  /** Not present in the previous observation of this page. */
  isNew: z.boolean(),
  /** Viewport coordinates, CSS pixels, relative to the top-level page. */
  box: BoundingBox,
  /** Where it lives: 'iframe' or 'shadow' when not in the main document. */
  context: z.enum(['document', 'iframe', 'shadow']),
  locator: ElementLocator.optional(),
});
export type ObservedElement = z.infer<typeof ObservedElement>;

export const ScrollPosition = z.object({
  x: z.number(),
  y: z.number(),
  viewportWidth: z.number(),
  viewportHeight: z.number(),
  pageHeight: z.number(),
});
export type ScrollPosition = z.infer<typeof ScrollPosition>;

export const Observation = z.object({
  /** Unique per observation; an action index is valid only against the latest one. */
  id: z.string(),
  url: z.string(),
  title: z.string(),
  elements: z.array(ObservedElement),
  /** Readable page text, trimmed to a budget. */
  text: z.string(),
  scroll: ScrollPosition,
  timestamp: z.number(),
  /** Time the content script took to observe, ms. */
  tookMs: z.number().nonnegative(),
  /** Key of a screenshot stored with this observation, if one was taken. */
  screenshotKey: z.string().optional(),
});
export type Observation = z.infer<typeof Observation>;

function quoteAttr(v: string, max = 80): string {
  const s = v.replace(/\s+/g, ' ').trim();
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}

/** `*[12]<button role=button name="Search">Search</button>`; `*` marks new elements. */
export function renderElement(e: ObservedElement): string {
  const parts = [e.tag];
  if (e.role && e.role !== e.tag) parts.push(`role=${e.role}`);
  for (const [k, v] of Object.entries(e.attrs)) parts.push(v === '' ? k : `${k}=${quoteAttr(v)}`);
  if (e.name && e.name !== e.text) parts.push(`name=${quoteAttr(e.name)}`);
  if (e.value !== undefined && e.value !== '') parts.push(`value=${quoteAttr(e.value)}`);
  if (e.disabled) parts.push('disabled');
  const text = e.text.length > 100 ? `${e.text.slice(0, 99)}…` : e.text;
  return `${e.isNew ? '*' : ''}[${e.index}]<${parts.join(' ')}>${text}</${e.tag}>`;
}

/** Elements a rank is counted among: the same tag, role and input type. */
const rankClass = (e: ObservedElement) => `${e.tag}|${e.role}|${(e.attrs.type ?? '').toLowerCase()}`;

/** The element's place among the observation's elements like it: the n-th (1-based) of `of`. */
export function rankOf(e: ObservedElement, elements: readonly ObservedElement[]): { n: number; of: number } {
  const cls = rankClass(e);
  let n = 0;
  let of = 0;
  for (const x of elements) {
    if (rankClass(x) !== cls) continue;
    of++;
    if (x === e || x.index === e.index) n = of;
  }
  return { n: Math.max(1, n), of: Math.max(1, of) };
}

/** How an observed element is recognised again on another visit (workflows, lessons). */
export function descriptorOf(e: ObservedElement, elements?: readonly ObservedElement[]): ElementDescriptor {
  const name = (e.name || e.text).replace(/\s+/g, ' ').trim().slice(0, 200);
  const l = e.locator;
  return {
    tag: e.tag,
    role: e.role,
    name,
    ...(e.attrs.type ? { type: e.attrs.type } : {}),
    ...(l?.id ? { id: l.id } : {}),
    ...(l?.name ? { nameAttr: l.name } : {}),
    ...(l?.placeholder ? { placeholder: l.placeholder } : {}),
    ...(l?.near ? { near: l.near } : {}),
    ...(l?.path ? { path: l.path } : {}),
    ...(l?.row ? { row: l.row } : {}),
    ...(elements ? { rank: rankOf(e, elements) } : {}),
    box: e.box,
  };
}

/** Prompt rendering: elements in the viewport first, then the rest of the page. */
export function renderObservation(o: Observation, maxElements = 400): string {
  const inView = o.elements.filter((e) => e.inViewport);
  const outside = o.elements.filter((e) => !e.inViewport);
  const lines = [`URL: ${o.url}`, `Title: ${o.title}`];
  const below = Math.max(0, o.scroll.pageHeight - o.scroll.y - o.scroll.viewportHeight);
  lines.push(`Scroll: ${Math.round(o.scroll.y)}px from top, ${Math.round(below)}px more below`);
  lines.push('Interactive elements in view:');
  const shown = inView.slice(0, maxElements);
  lines.push(...shown.map(renderElement));
  const room = Math.max(0, maxElements - shown.length);
  if (outside.length > 0) {
    lines.push('Outside the view (scroll to reach):');
    lines.push(...outside.slice(0, room).map(renderElement));
  }
  const hiddenCount = inView.length + outside.length - Math.min(maxElements, inView.length + outside.length);
  if (hiddenCount > 0) lines.push(`… ${hiddenCount} more elements not shown`);
  return lines.join('\n');
}
