// What a person's selector would use to find an element again on another visit,
// beyond its accessible name: its id and name attributes, its placeholder, the text
// just before it, and a short DOM path. Replay needs these where a page gives a
// field no label (the name is empty, yet "the input after 'Reply:'" or
// "form#reply > textarea" still finds it), and where rows repeat a control's name
// ("Renew", "Cannot log in") the row's own words before it tell them apart. Read fresh
// in every observation: the text before an element changes with its siblings, which
// no cached description follows; each part is bounded (a few text nodes, a few
// ancestors, a few dozen siblings), so big pages stay fast.
import type { ElementLocator } from '../../shared/observation';
import { collapse } from './dom';

/** Ancestors written into a path. */
const PATH_DEPTH = 4;
const NEAR_CHARS = 60;
/** Words before an element shorter than this (a colon, an asterisk) take the text before them too. */
const NEAR_MIN = 3;
const MAX_SIBLINGS = 40;
const SKIP_TEXT_IN = new Set(['script', 'style', 'template', 'noscript']);

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

/** The nearest text before the element in document order (a caption that is not a <label>, a row's own words). */
export function textBefore(el: Element): string {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  walker.currentNode = el;
  let out = '';
  // Text nodes only, walking back: bounded by how far the nearest words are, not by
  // subtree sizes. The nearest words only (a caption, a row's id), not the row before.
  // A text node's words are read as its element's (however the DOM split them into nodes).
  let last: Element | null = null;
  for (let node = walker.previousNode(), hops = 0; node && hops < 40 && out.length < NEAR_MIN; node = walker.previousNode(), hops++) {
    const parent = node.parentElement;
    if (!parent || parent === last || SKIP_TEXT_IN.has(parent.localName) || el.contains(node) || !node.nodeValue?.trim()) continue;
    last = parent;
    const whole = parent.contains(el) ? node.nodeValue : parent.textContent;
    const text = collapse(whole, NEAR_CHARS * 4);
    if (text) out = out ? `${text} ${out}` : text;
  }
  return out.length > NEAR_CHARS ? out.slice(-NEAR_CHARS) : out;
}

export function locatorOf(el: Element): ElementLocator {
  const out: ElementLocator = {};
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.id = id;
  const name = el.getAttribute('name');
  if (name) out.name = name.slice(0, 80);
  const placeholder = el.getAttribute('placeholder');
  if (placeholder) out.placeholder = collapse(placeholder, 80);
  const near = textBefore(el);
  if (near) out.near = near;
  const form = formKey(el);
  if (form) out.form = form;
  out.path = shortPath(el);
  return out;
}

/** The element's form (its own `form` property follows a `form=` attribute too), named as stably as the page allows. */
function formKey(el: Element): string | undefined {
  const own = (el as Element & { form?: HTMLFormElement | null }).form;
  const form = own instanceof HTMLFormElement ? own : el.closest('form');
  if (!form) return undefined;
  if (form.id && isStableId(form.id)) return `form#${form.id}`;
  const name = form.getAttribute('name');
  if (name) return `form[name=${name.slice(0, 60)}]`;
  return `form:${Array.prototype.indexOf.call(el.ownerDocument.forms, form)}`;
}

/** A control's name with its figures left out, as rows compare names ("Renew 3" and "Renew 4" repeat). */
export const nameWithoutFigures = (name: string): string => name.replace(/\d[\d.,:]*/g, '#');

/**
 * The text of each repeated control's row: for every name that two or more controls
 * share, climb from each one while the ancestor holds no other control of that name.
 */
export function rowTexts(els: readonly Element[], names: readonly string[]): Map<number, string> {
  const byName = new Map<string, number[]>();
  names.forEach((n, i) => {
    if (!n) return;
    const list = byName.get(n);
    if (list) list.push(i);
    else byName.set(n, [i]);
  });
  const out = new Map<number, string>();
  for (const members of byName.values()) {
    if (members.length < 2 || members.length > 200) continue;
    const set = members.map((i) => els[i]!);
    for (const i of members) {
      let row: Element = els[i]!;
      for (let p = row.parentElement; p && p.localName !== 'body'; p = p.parentElement) {
        if (set.some((other) => other !== els[i] && p!.contains(other))) break;
        row = p;
      }
      const text = rowText(row, 300);
      if (text) out.set(i, text);
    }
  }
  return out;
}

/**
 * A row's text; a table row's cells each after their column's header ("Due: 9 Mar 2027"),
 * so that which of a row's dates or figures is which can be told.
 */
function rowText(row: Element, max: number): string {
  if (row.localName !== 'tr') return spacedText(row, max);
  const table = row.closest('table');
  const head = table?.tHead?.rows[0] ?? (table?.rows[0] !== row && table?.rows[0] && [...table.rows[0].cells].every((c) => c.localName === 'th') ? table.rows[0] : undefined);
  const cells = [...(row as HTMLTableRowElement).cells];
  if (!head || head === row) return spacedText(row, max);
  const parts = cells.map((cell, i) => {
    const text = spacedText(cell, max);
    const header = head.cells[i]?.localName === 'th' ? collapse(head.cells[i]!.textContent, 30) : '';
    return text && header && header !== text ? `${header}: ${text}` : text;
  });
  return collapse(parts.filter(Boolean).join(' '), max);
}

/**
 * The text of the table row each link or button sits in, when the row says more than
 * the element (the requester beside a ticket's subject): a row names its item as a whole.
 */
export function tableRowTexts(els: readonly Element[], wanted: readonly boolean[]): Map<number, string> {
  const out = new Map<number, string>();
  // A row with several links is read once.
  const read = new Map<Element, string>();
  els.forEach((el, i) => {
    if (!wanted[i]) return;
    const row = el.closest('tr, [role="row"]');
    if (!row) return;
    let text = read.get(row);
    if (text === undefined) read.set(row, (text = rowText(row, 300)));
    if (text.length > (el.textContent ?? '').trim().length + 2) out.set(i, text);
  });
  return out;
}

/**
 * An element's text with its pieces apart: "15:00" in one cell and "Initial assessment"
 * in the next read as two phrases, not "15:00Initial" (textContent runs them together).
 */
function spacedText(el: Element, max: number): string {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node && length < max; node = walker.nextNode()) {
    if (SKIP_TEXT_IN.has(node.parentElement?.localName ?? '')) continue;
    // A select reads as the option it shows, not as every option it offers.
    const option = node.parentElement?.closest('option');
    if (option && !(option as HTMLOptionElement).selected) continue;
    const text = node.nodeValue?.trim();
    if (!text) continue;
    parts.push(text);
    length += text.length + 1;
  }
  return collapse(parts.join(' '), max);
}
