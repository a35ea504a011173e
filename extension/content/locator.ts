// What a person's selector would use to find an element again on another visit,
// beyond its accessible name: its id and name attributes, its placeholder, the text
// just before it, and a short DOM path. Replay needs these where a page gives a
// field no label (the name is empty, yet "the input after 'Reply:'" or
// "form#reply > textarea" still finds it). Read fresh in every observation, and only
// for the elements that need it (fields, and controls without a name): the text
// before an element changes with its siblings, which no cached description follows.
import type { ElementLocator } from '../../shared/observation';
import { collapse } from './dom';

/** Ancestors written into a path. */
const PATH_DEPTH = 4;
const NEAR_CHARS = 60;
const MAX_SIBLINGS = 40;

/** An id that a framework made up (digits, hashes) identifies nothing on the next visit. */
export function isStableId(id: string): boolean {
  return id.length > 0 && id.length <= 60 && !/\d{3,}|[0-9a-f]{8,}|^:r|^ember|^react|^mui-|^radix-/i.test(id);
}

/** `form#reply > div:nth-of-type(2) > textarea`: up to PATH_DEPTH steps, stopping at a stable id. */
export function shortPath(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  for (let depth = 0; node && depth <= PATH_DEPTH; depth++) {
    const tag = node.localName;
    if (tag === 'body' || tag === 'html') break;
    if (node.id && isStableId(node.id)) {
      parts.unshift(`${tag}#${node.id}`);
      break;
    }
    const parent: Element | null = node.parentElement;
    let part = tag;
    if (parent) {
      // Long lists are not counted through: a row's place in one says little on the next visit.
      let same = 0;
      let position = 0;
      let seen = 0;
      for (let c = parent.firstElementChild; c && seen < MAX_SIBLINGS; c = c.nextElementSibling, seen++) {
        if (c.localName !== tag) continue;
        same++;
        if (c === node) position = same;
      }
      if (same > 1 && position > 0) part += `:nth-of-type(${position})`;
    }
    parts.unshift(part);
    node = parent;
  }
  return parts.join(' > ');
}

/** The nearest text before the element in document order (a label-like caption that is not a <label>). */
export function textBefore(el: Element): string {
  let node: Node | null = el;
  for (let hops = 0; node && hops < 6; hops++) {
    for (let s: Node | null = node.previousSibling; s; s = s.previousSibling) {
      if (s.nodeType === Node.TEXT_NODE || s.nodeType === Node.ELEMENT_NODE) {
        if (s.nodeType === Node.ELEMENT_NODE && ['script', 'style', 'template'].includes((s as Element).localName)) continue;
        const text = collapse(s.textContent, 400);
        if (text) return text.length > NEAR_CHARS ? text.slice(-NEAR_CHARS) : text;
      }
    }
    node = node.parentNode;
    if (node && (node as Element).localName === 'body') break;
  }
  return '';
}

/**
 * Whether an element gets a locator: fields and buttons (what workflows type into and
 * press), and anything without a name. Named links and rows are found by their name.
 */
export function needsLocator(entry: { tag: string; role: string; name: string; value?: string }): boolean {
  if (!entry.name) return true;
  return entry.value !== undefined || ['input', 'textarea', 'select', 'button'].includes(entry.tag) || ['textbox', 'combobox', 'searchbox', 'button'].includes(entry.role);
}

export function locatorOf(el: Element, needsNear: boolean): ElementLocator {
  const out: ElementLocator = {};
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.id = id;
  const name = el.getAttribute('name');
  if (name) out.name = name.slice(0, 80);
  const placeholder = el.getAttribute('placeholder');
  if (placeholder) out.placeholder = collapse(placeholder, 80);
  if (needsNear) {
    const near = textBefore(el);
    if (near) out.near = near;
  }
  out.path = shortPath(el);
  return out;
}
