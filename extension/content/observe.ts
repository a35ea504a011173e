// Perception: the page as an Observation of indexed interactive elements.
// Written for speed on big pages: one walk, attribute checks before style,
// computed style only where a custom widget is possible, layout read once per candidate.
import type { Observation, ObservedElement } from '../../shared/observation';
import { redactValue } from '../../shared/redact';
import {
  SKIP_TAGS, accessibleName, collapse, frameDocument, frameOffset, implicitRole, interactivity,
  isDisabled, maybeClickableByCursor,
} from './dom';
import { pointerCandidates } from './pointer-rules';

interface WalkContext {
  offsetX: number;
  offsetY: number;
  context: ObservedElement['context'];
  /** Inside an element already listed (its children inherit its cursor). */
  insideInteractive: boolean;
  parentCursor: string;
  /** Elements CSS rules make cursor:pointer in this root; null: read computed style. */
  pointers: Set<Element> | null;
}

interface Candidate {
  el: Element;
  ctx: WalkContext;
}

/** Elements of the latest observation, by index; what actions resolve against. */
export class ElementRegistry {
  observationId = '';
  elements: Element[] = [];
  private previous = new WeakSet<Element>();
  private previousUrl = '';

  commit(id: string, elements: Element[], url: string): (el: Element) => boolean {
    const hadPrevious = this.previousUrl !== '';
    const prev = this.previous;
    const isNew = (el: Element) => hadPrevious && !prev.has(el);
    this.previous = new WeakSet(elements);
    this.previousUrl = url;
    this.observationId = id;
    this.elements = elements;
    return isNew;
  }

  indexOf(el: Element): number {
    return this.elements.indexOf(el);
  }
}

const ATTR_NAMES = ['type', 'href', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-pressed', 'required', 'readonly', 'multiple'] as const;

function attrsOf(el: Element): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const name of ATTR_NAMES) {
    const v = el.getAttribute(name);
    if (v === null) continue;
    if (name === 'href') {
      if (v.startsWith('javascript:') || v === '#') continue;
      attrs.href = v.length > 120 ? v.slice(0, 120) : v;
    } else attrs[name] = v;
  }
  const tag = el.localName;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    if ((input.type === 'checkbox' || input.type === 'radio') && input.checked) attrs.checked = '';
  } else if (tag === 'select') {
    const opts = Array.from((el as HTMLSelectElement).options, (o) => collapse(o.label || o.text, 40));
    attrs.options = opts.slice(0, 12).join('|') + (opts.length > 12 ? `|…(${opts.length})` : '');
  }
  return attrs;
}

function valueOf(el: Element): string | undefined {
  const tag = el.localName;
  let value: string | undefined;
  if (tag === 'input') {
    const input = el as HTMLInputElement;
    if (input.type === 'checkbox' || input.type === 'radio' || input.type === 'submit' || input.type === 'button') return undefined;
    value = input.value;
  } else if (tag === 'textarea') value = (el as HTMLTextAreaElement).value;
  else if (tag === 'select') {
    const s = el as HTMLSelectElement;
    value = Array.from(s.selectedOptions, (o) => o.label || o.text).join(', ');
  } else if ((el as HTMLElement).isContentEditable) value = collapse(el.textContent, 500);
  if (value === undefined) return undefined;
  const facts = { tag, type: el.getAttribute('type'), autocomplete: el.getAttribute('autocomplete'), name: el.getAttribute('name'), id: el.id };
  return redactValue(facts, collapse(value, 500));
}

/** Walks elements, descending into open shadow roots and same-origin iframes. */
function collect(root: ParentNode, ctx: WalkContext, out: Candidate[]): void {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) {
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) continue;
    let childCtx = ctx;
    const kind = interactivity(el);
    if (kind) {
      out.push({ el, ctx });
      if (!ctx.insideInteractive) childCtx = { ...ctx, insideInteractive: true };
    } else if (!ctx.insideInteractive && maybeClickableByCursor(el)) {
      if (ctx.pointers) {
        // Only elements a pointer rule matches can start a clickable region.
        if (ctx.pointers.has(el) && getComputedStyle(el).cursor === 'pointer' && parentCursor(el) !== 'pointer') {
          out.push({ el, ctx });
          childCtx = { ...ctx, insideInteractive: true };
        }
      } else {
        const cursor = getComputedStyle(el).cursor;
        if (cursor === 'pointer' && ctx.parentCursor !== 'pointer') {
          out.push({ el, ctx });
          childCtx = { ...ctx, insideInteractive: true, parentCursor: cursor };
        } else if (cursor !== ctx.parentCursor) childCtx = { ...ctx, parentCursor: cursor };
      }
    }
    const shadow = (el as HTMLElement).shadowRoot;
    if (shadow) collect(shadow, { ...childCtx, context: 'shadow', pointers: pointerCandidates(shadow) }, out);
    const doc = frameDocument(el);
    if (doc?.documentElement) {
      const off = frameOffset(el);
      collect(doc.documentElement, { ...childCtx, context: 'iframe', offsetX: ctx.offsetX + off.x, offsetY: ctx.offsetY + off.y, insideInteractive: false, parentCursor: 'auto', pointers: pointerCandidates(doc) }, out);
      continue;
    }
    if (el.firstElementChild) collect(el, childCtx, out);
  }
}

function parentCursor(el: Element): string {
  const parent = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined);
  return parent ? getComputedStyle(parent).cursor : 'auto';
}

function isRendered(el: Element): boolean {
  // checkVisibility covers display:none ancestors, visibility:hidden and content-visibility.
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  return check ? check.call(el, { checkVisibilityCSS: true }) : true;
}

/** Readable text of the page, visible parts only, up to `max` characters. */
export function pageText(doc: Document, max: number): string {
  const body = doc.body;
  if (!body) return '';
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const visible = new Map<Element, boolean>();
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node && length < max; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || SKIP_TAGS.has(parent.localName)) continue;
    const text = collapse(node.nodeValue, max);
    if (!text) continue;
    let shown = visible.get(parent);
    if (shown === undefined) {
      shown = isRendered(parent);
      visible.set(parent, shown);
    }
    if (!shown) continue;
    parts.push(text);
    length += text.length + 1;
  }
  const joined = parts.join(' ');
  return joined.length > max ? joined.slice(0, max) : joined;
}

let observationCounter = 0;

export function observe(registry: ElementRegistry, opts: { maxTextChars?: number } = {}): Observation {
  const started = performance.now();
  const doc = document;
  const candidates: Candidate[] = [];
  if (doc.documentElement) {
    collect(doc.documentElement, { offsetX: 0, offsetY: 0, context: 'document', insideInteractive: false, parentCursor: 'auto', pointers: pointerCandidates(doc) }, candidates);
  }
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const kept: Element[] = [];
  const described: Omit<ObservedElement, 'index' | 'isNew'>[] = [];
  for (const { el, ctx } of candidates) {
    // No box: display:none here or above. Then visibility (inherited, so one read).
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    if (getComputedStyle(el).visibility !== 'visible') continue;
    const x = r.left + ctx.offsetX;
    const y = r.top + ctx.offsetY;
    const name = accessibleName(el);
    const text = collapse(el.textContent, 100);
    const value = valueOf(el);
    const entry: Omit<ObservedElement, 'index' | 'isNew'> = {
      tag: el.localName,
      role: implicitRole(el),
      name,
      attrs: attrsOf(el),
      text: value !== undefined && el.getAttribute('contenteditable') !== null ? '' : text,
      inViewport: x < vw && y < vh && x + r.width > 0 && y + r.height > 0,
      disabled: isDisabled(el),
      box: { x: Math.round(x), y: Math.round(y), width: Math.round(r.width), height: Math.round(r.height) },
      context: ctx.context,
    };
    if (value !== undefined) entry.value = value;
    kept.push(el);
    described.push(entry);
  }
  const id = `obs-${Date.now().toString(36)}-${(observationCounter++).toString(36)}`;
  const isNew = registry.commit(id, kept, location.href);
  const elements: ObservedElement[] = described.map((d, index) => ({ ...d, index, isNew: isNew(kept[index]!) }));
  const scrolling = doc.scrollingElement ?? doc.documentElement;
  return {
    id,
    url: location.href,
    title: doc.title,
    elements,
    text: pageText(doc, opts.maxTextChars ?? 3000),
    scroll: {
      x: window.scrollX,
      y: window.scrollY,
      viewportWidth: vw,
      viewportHeight: vh,
      pageHeight: scrolling?.scrollHeight ?? vh,
    },
    timestamp: Date.now(),
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

