// Perception: the page as an Observation of indexed interactive elements.
// Written for speed on big pages, where every DOM call counts (a content script's
// isolated world pays more per call than the page does):
// - candidates come from native selector matching (two querySelectorAll per root:
//   tags and attributes that make an element interactive; frames and what the
//   page's CSS may make clickable or hidden), and one walk keeps document order and
//   finds open shadow roots and frames;
// - the page's CSS rules say where computed style can matter (cursor:pointer,
//   visibility, content-visibility), so it is read only there (style-rules.ts);
// - then read-only passes: every box, visibility where a rule may hide, and the
//   descriptions, kept across observations until the DOM under them changes (describe.ts).
import type { Observation, ObservedElement } from '../../shared/observation';
import { DescriptionCache } from './describe';
import { locatorOf, nameWithoutFigures, rowTexts, tableRowTexts } from './locator';
import { INTERACTIVE_CANDIDATES, SKIP_TAGS, collapse, frameDocument, frameOffset, interactivity, maybeClickableByCursor } from './dom';
import { styleSelectors } from './style-rules';

/** Per document or shadow root: what native matching found in it. */
interface RootFacts {
  /** Elements that may be interactive by tag or attribute (interactivity() decides). */
  interactive: Set<Element>;
  frames: Set<Element> | null;
  /** Elements CSS rules may make cursor:pointer; null: read computed style. */
  pointer: Set<Element> | null;
  /** Elements that may be hidden while keeping a box; null: check every candidate. */
  hiding: Set<Element> | null;
  /** Elements the mouse opens something in (a CSS :hover menu); null: none. */
  hover: Set<Element> | null;
}

function factsOf(root: Document | ShadowRoot): RootFacts {
  const interactive = new Set<Element>();
  for (const el of root.querySelectorAll(INTERACTIVE_CANDIDATES)) interactive.add(el);
  // Frames and what the page's CSS may make clickable or hidden: one more match, sorted here.
  const { pointer, hiding, hover } = styleSelectors(root);
  const facts: RootFacts = { interactive, frames: null, pointer: pointer === null ? null : new Set(), hiding: hiding === null ? null : new Set(), hover: null };
  if (hover) {
    try {
      facts.hover = new Set(root.querySelectorAll(hover));
    } catch {
      // a selector this engine parses alone but not in the list: no hover menus known
    }
  }
  let extras: NodeListOf<Element>;
  try {
    extras = root.querySelectorAll(['iframe,frame', pointer, hiding].filter((s) => s).join(','));
  } catch {
    // Every part parsed alone; should the list not, read computed style everywhere.
    extras = root.querySelectorAll('iframe,frame');
    facts.pointer = facts.hiding = null;
  }
  for (const el of extras) {
    const tag = el.localName;
    if (tag === 'iframe' || tag === 'frame') (facts.frames ??= new Set()).add(el);
    if (facts.pointer && el.matches(pointer!)) facts.pointer.add(el);
    if (facts.hiding && el.matches(hiding!)) facts.hiding.add(el);
  }
  return facts;
}

interface WalkContext {
  offsetX: number;
  offsetY: number;
  context: ObservedElement['context'];
  /** Inside an element already listed (its children inherit its cursor). */
  insideInteractive: boolean;
  parentCursor: string;
  /** This element or an ancestor may be hidden by visibility or content-visibility: check. */
  mayHide: boolean;
  facts: RootFacts;
  /** The same context inside a listed element, made once. */
  inside?: WalkContext;
}

/** Candidates in document order, and the context each was found in. */
interface Candidates {
  els: Element[];
  ctxs: WalkContext[];
}

function insideOf(ctx: WalkContext): WalkContext {
  if (ctx.insideInteractive) return ctx;
  return (ctx.inside ??= { ...ctx, insideInteractive: true, inside: undefined });
}

/** Walks elements in document order, descending into open shadow roots and same-origin iframes. */
function collect(root: ParentNode, ctx: WalkContext, out: Candidates, descriptions: DescriptionCache): void {
  const facts = ctx.facts;
  const hiding = facts.hiding !== null && facts.hiding.size !== 0 ? facts.hiding : null;
  const pointer = facts.pointer;
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) {
    let c = ctx;
    if (hiding !== null && !c.mayHide && hiding.has(el)) c = { ...c, mayHide: true, inside: undefined };
    if (facts.interactive.has(el) && interactivity(el)) {
      out.els.push(el);
      out.ctxs.push(c);
      c = insideOf(c);
    } else if (facts.hover !== null && facts.hover.has(el)) {
      // A menu the mouse opens: the agent hovers it to see what is inside.
      out.els.push(el);
      out.ctxs.push(c);
    } else if (!c.insideInteractive) {
      if (pointer) {
        // Only elements a pointer rule matches can start a clickable region.
        if (pointer.size !== 0 && pointer.has(el) && maybeClickableByCursor(el) && getComputedStyle(el).cursor === 'pointer' && parentCursor(el) !== 'pointer') {
          out.els.push(el);
          out.ctxs.push(c);
          c = insideOf(c);
        }
      } else if (maybeClickableByCursor(el)) {
        const cursor = getComputedStyle(el).cursor;
        if (cursor === 'pointer' && c.parentCursor !== 'pointer') {
          out.els.push(el);
          out.ctxs.push(c);
          c = { ...c, insideInteractive: true, parentCursor: cursor, inside: undefined };
        } else if (cursor !== c.parentCursor) c = { ...c, parentCursor: cursor, inside: undefined };
      }
    }
    const shadow = (el as HTMLElement).shadowRoot;
    if (shadow) {
      descriptions.watch(shadow);
      const inner = factsOf(shadow);
      // Styles inside a shadow tree can hide the host's light children too (slots, ::slotted).
      if (!c.mayHide && (inner.hiding === null || inner.hiding.size !== 0)) c = { ...c, mayHide: true, inside: undefined };
      collect(shadow, { ...c, context: 'shadow', facts: inner, mayHide: c.mayHide || inner.hiding === null, inside: undefined }, out, descriptions);
    }
    if (facts.frames !== null && facts.frames.has(el)) {
      const doc = frameDocument(el);
      if (doc?.documentElement) {
        // A frame without a box, or hidden, shows none of its content.
        const off = frameOffset(el);
        if (off.width > 0 && off.height > 0 && (!c.mayHide || isVisible(el))) {
          descriptions.watch(doc);
          const inner = factsOf(doc);
          const frameCtx: WalkContext = {
            offsetX: ctx.offsetX + off.x,
            offsetY: ctx.offsetY + off.y,
            context: 'iframe',
            insideInteractive: false,
            parentCursor: 'auto',
            mayHide: inner.hiding === null,
            facts: inner,
          };
          collect(doc.documentElement, frameCtx, out, descriptions);
        }
        continue;
      }
    }
    if (el.firstElementChild) collect(el, c, out, descriptions);
  }
}

function parentCursor(el: Element): string {
  const parent = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined);
  return parent ? getComputedStyle(parent).cursor : 'auto';
}

type CheckVisibility = (opts: { checkVisibilityCSS?: boolean }) => boolean;
const hasCheckVisibility = typeof Element !== 'undefined' && typeof (Element.prototype as { checkVisibility?: CheckVisibility }).checkVisibility === 'function';

/** Not hidden by display, visibility or content-visibility (its own or an ancestor's). */
function isVisible(el: Element): boolean {
  if (hasCheckVisibility) return (el as Element & { checkVisibility: CheckVisibility }).checkVisibility({ checkVisibilityCSS: true });
  return getComputedStyle(el).visibility === 'visible';
}

function isRendered(el: Element): boolean {
  return hasCheckVisibility ? (el as Element & { checkVisibility: CheckVisibility }).checkVisibility({ checkVisibilityCSS: true }) : true;
}

/** Elements of the latest observation, by index; what actions resolve against. */
export class ElementRegistry {
  observationId = '';
  elements: Element[] = [];
  /** Descriptions kept between observations of this page. */
  readonly descriptions = new DescriptionCache();
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
  const descriptions = registry.descriptions;
  descriptions.sync();
  const candidates: Candidates = { els: [], ctxs: [] };
  if (doc.documentElement) {
    descriptions.watch(doc);
    const facts = factsOf(doc);
    const ctx: WalkContext = { offsetX: 0, offsetY: 0, context: 'document', insideInteractive: false, parentCursor: 'auto', mayHide: facts.hiding === null, facts };
    collect(doc.documentElement, ctx, candidates, descriptions);
  }
  const { els, ctxs } = candidates;
  const n = els.length;
  // Every box in one read-only pass: layout is brought up to date once, by the first read.
  const boxes = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const r = els[i]!.getBoundingClientRect();
    boxes[i * 4] = r.left;
    boxes[i * 4 + 1] = r.top;
    boxes[i * 4 + 2] = r.width;
    boxes[i * 4 + 3] = r.height;
  }
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const kept: Element[] = [];
  const elements: ObservedElement[] = [];
  for (let i = 0; i < n; i++) {
    const el = els[i]!;
    const ctx = ctxs[i]!;
    // No box: display:none here or above. Then visibility, where a rule may set it.
    const width = boxes[i * 4 + 2]!;
    const height = boxes[i * 4 + 3]!;
    if (width <= 0 || height <= 0) continue;
    if (ctx.mayHide && !isVisible(el)) continue;
    const x = boxes[i * 4]! + ctx.offsetX;
    const y = boxes[i * 4 + 1]! + ctx.offsetY;
    const box = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    const inViewport = x < vw && y < vh && x + width > 0 && y + height > 0;
    const entry = descriptions.describe(el, elements.length, box, inViewport, ctx.context);
    entry.locator = locatorOf(el);
    if (ctx.facts.hover?.has(el) && !interactivity(el)) {
      // Named by what shows (its title), not by the menu it hides; read each time, as it opens and shuts.
      // Its first line: the title, whether or not what it opens shows under it now.
      const firstLine = ((el as HTMLElement).innerText ?? el.textContent ?? '').split('\n').find((l) => l.trim()) ?? '';
      const shown = collapse(firstLine, 200);
      entry.attrs = { ...entry.attrs, hoverable: '' };
      if (!el.getAttribute('aria-label')) entry.name = entry.text = shown.length > 100 ? shown.slice(0, 100) : shown;
    }
    elements.push(entry);
    kept.push(el);
  }
  // Controls whose name repeats carry their row's text (which flight's "Book", which loan's "Renew",
  // which ticket's "Assignee" select). Names are compared without their figures: "Book the 17:30
  // flight for $675" repeats too.
  const clickable = elements.map((e) => e.role === 'button' || e.role === 'link' || e.tag === 'button');
  const formControl = elements.map((e) => e.tag === 'select' || e.tag === 'input' || e.tag === 'textarea');
  const rows = rowTexts(kept, elements.map((e, i) => (clickable[i] ? nameWithoutFigures(e.name) : formControl[i] && e.name ? `${e.tag}|${nameWithoutFigures(e.name)}` : '')));
  // So do links and buttons in a table's rows: the row's other cells say whose or what the item is.
  for (const [i, row] of tableRowTexts(kept, clickable.map((c, i) => c && !rows.has(i)))) rows.set(i, row);
  for (const [i, row] of rows) elements[i]!.locator = { ...elements[i]!.locator, row };
  const id = `obs-${Date.now().toString(36)}-${(observationCounter++).toString(36)}`;
  const isNew = registry.commit(id, kept, location.href);
  for (let i = 0; i < kept.length; i++) elements[i]!.isNew = isNew(kept[i]!);
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
