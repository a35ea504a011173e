// A step of a Chrome DevTools Recorder recording, performed in the page by the
// extension itself (the popup's "Learn from a recording"): its selectors resolved here
// (`aria/Name[role=…]` by accessible name among the page's interactive elements, `text/…`
// by text, `xpath/…`, `pierce/…` through open shadow roots, CSS; chains step into
// shadow roots and same-origin frames), the action done with the same events as the
// agent's, and the step returned as record mode would have captured it.
import type { Action } from '../../shared/actions';
import type { RecordedStep } from '../../shared/model';
import type { RecordingStep } from '../../shared/recording';
import { act } from './act';
import { collapse } from './dom';
import { type ElementRegistry, observe } from './observe';
import { describeElement } from './record';

/** A step that cannot be performed here, and why. */
export class ReplayStepError extends Error {}

type Root = Document | ShadowRoot | Element;

function deepQuery(root: Root, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const el of root.querySelectorAll('*')) {
    const shadow = (el as HTMLElement).shadowRoot;
    if (shadow) {
      const inner = deepQuery(shadow, selector);
      if (inner) return inner;
    }
  }
  return null;
}

function resolvePart(root: Root, part: string, registry: ElementRegistry): Element | null {
  const aria = /^aria\/(.*?)(?:\[role="([^"]+)"\])?$/.exec(part);
  if (aria) {
    const o = observe(registry);
    const hit = o.elements.find((e) => e.name === aria[1] && (!aria[2] || e.role === aria[2]));
    return hit ? (registry.elements[hit.index] ?? null) : null;
  }
  if (part.startsWith('text/')) {
    const want = part.slice(5).trim();
    const o = observe(registry);
    const hit = o.elements.find((e) => collapse(e.text) === want || e.name === want);
    if (hit) return registry.elements[hit.index] ?? null;
    const doc = root instanceof Document ? root : root.ownerDocument ?? document;
    const walker = doc.createTreeWalker(root instanceof Document ? root.body ?? root : root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (collapse(n.nodeValue) === want && n.parentElement) return n.parentElement;
    return null;
  }
  if (part.startsWith('xpath/')) {
    const doc = root instanceof Document ? root : root.ownerDocument ?? document;
    const r = doc.evaluate(part.slice(6), root, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
    return r.singleNodeValue instanceof Element ? r.singleNodeValue : null;
  }
  if (part.startsWith('pierce/')) return deepQuery(root, part.slice(7));
  try {
    return root.querySelector(part);
  } catch {
    return null;
  }
}

function resolveChain(chain: readonly string[], registry: ElementRegistry): Element | null {
  let root: Root = document;
  let el: Element | null = null;
  for (const part of chain) {
    el = resolvePart(root, part, registry);
    if (!el) return null;
    root = (el as HTMLElement).shadowRoot ?? ((el as HTMLIFrameElement).contentDocument as Document | null) ?? el;
  }
  return el;
}

async function find(selectors: readonly (string | string[])[], timeout: number, registry: ElementRegistry): Promise<Element> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const s of selectors) {
      const el = resolveChain(Array.isArray(s) ? s : [s], registry);
      if (el?.isConnected) return el;
    }
    if (Date.now() > deadline) throw new ReplayStepError(`no element matches any of its selectors (${selectors.map((s) => (Array.isArray(s) ? s.join(' >> ') : s)).join(' | ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The element's index in a fresh observation (the interactive ancestor it is part of, for a label or an icon). */
function indexOf(el: Element, registry: ElementRegistry): number {
  observe(registry);
  for (let n: Element | null = el; n; n = n.parentElement) {
    const i = registry.indexOf(n);
    if (i >= 0) return i;
  }
  throw new ReplayStepError('the element it names is not one a person can act on (hidden, or not interactive)');
}

/** Performs one step; the step as record mode would have kept it, or null for a step that records nothing (a wait, a key release). */
export async function performRecordingStep(registry: ElementRegistry, step: RecordingStep): Promise<RecordedStep | null> {
  const timeout = typeof (step as { timeout?: unknown }).timeout === 'number' ? (step as { timeout: number }).timeout : 5_000;
  const run = async (action: Action, el: Element): Promise<RecordedStep> => {
    const target = describeElement(el, registry.elements);
    const result = await act(registry, action);
    if (!result.ok) throw new ReplayStepError(result.error?.message ?? 'the action failed');
    return { action, target, url: location.href, timestamp: Date.now() };
  };
  switch (step.type) {
    case 'click':
    case 'doubleClick': {
      const el = await find(step.selectors, timeout, registry);
      return run({ kind: 'click', index: indexOf(el, registry) }, registry.elements[indexOf(el, registry)]!);
    }
    case 'hover': {
      const el = await find(step.selectors, timeout, registry);
      return run({ kind: 'hover', index: indexOf(el, registry) }, el);
    }
    case 'change': {
      const el = await find(step.selectors, timeout, registry);
      const index = indexOf(el, registry);
      const field = registry.elements[index]!;
      const action: Action = field.localName === 'select' ? { kind: 'select', index, option: step.value } : { kind: 'type', index, text: step.value };
      return run(action, field);
    }
    case 'keyDown': {
      const focused = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
      const index = focused ? registry.indexOf(focused) : -1;
      const action: Action = { kind: 'key', keys: step.key, ...(index >= 0 ? { index } : {}) };
      const result = await act(registry, action);
      if (!result.ok) throw new ReplayStepError(result.error?.message ?? 'the key could not be pressed');
      return { action, ...(focused ? { target: describeElement(focused, registry.elements) } : {}), url: location.href, timestamp: Date.now() };
    }
    case 'keyUp':
      return null;
    case 'scroll':
      if (step.selectors) (await find(step.selectors, timeout, registry)).scrollBy(step.x ?? 0, step.y ?? 0);
      else window.scrollTo(step.x ?? 0, step.y ?? 0);
      return null;
    case 'waitForElement':
      await find(step.selectors, timeout, registry);
      return null;
    default:
      throw new ReplayStepError(`${step.type} steps are not performed in the page`);
  }
}
