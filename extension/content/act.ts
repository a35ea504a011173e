// Control: each Action performed with the events a real user produces, so pages
// (and framework-controlled inputs) react as they would to a person.
import { type Action, type ActionResult, actionFailure } from '../../shared/actions';
import { redactValue } from '../../shared/redact';
import { WHOLE_VALUE_INPUT_TYPES, collapse, isDisabled, isTypable } from './dom';
import { type ElementRegistry, pageText } from './observe';
import { ChangeWatcher } from './settle';

class ActError extends Error {
  constructor(
    readonly code: NonNullable<ActionResult['error']>['code'],
    message: string,
  ) {
    super(message);
  }
}

function describe(el: Element): string {
  const name = collapse(el.getAttribute('aria-label') || el.textContent, 40);
  return `<${el.localName}${el.id ? `#${el.id}` : ''}>${name ? ` "${name}"` : ''}`;
}

function resolve(registry: ElementRegistry, index: number): Element {
  if (!registry.observationId) throw new ActError('stale_index', `no observation yet; observe the page before acting on [${index}]`);
  const el = registry.elements[index];
  if (!el) throw new ActError('stale_index', `[${index}] is not in the latest observation (${registry.elements.length} elements); observe again`);
  if (!el.isConnected) throw new ActError('detached', `[${index}] ${describe(el)} was removed from the page; observe again`);
  return el;
}

function center(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/** Scrolls the element into view and checks that a user could reach it. */
function prepare(el: Element, allowDisabled = false): { x: number; y: number } {
  const rendered = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility?.({ checkVisibilityCSS: true }) ?? true;
  if (!rendered) throw new ActError('hidden', `${describe(el)} is not visible (hidden by CSS or a hidden ancestor)`);
  el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' as ScrollBehavior });
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) throw new ActError('hidden', `${describe(el)} has no size on screen`);
  if (!allowDisabled && isDisabled(el)) throw new ActError('disabled', `${describe(el)} is disabled`);
  const point = center(el);
  // A real click lands on whatever is on top at that point.
  const root = el.getRootNode() as Document | ShadowRoot;
  const top = root.elementFromPoint?.(point.x, point.y);
  if (top && top !== el && !el.contains(top) && !top.contains(el) && !isLabelOf(top, el)) {
    throw new ActError('obscured', `${describe(el)} is covered by ${describe(top)}; close or move what covers it first`);
  }
  return point;
}

function isLabelOf(candidate: Element, el: Element): boolean {
  const labels = (el as HTMLInputElement).labels;
  return !!labels && Array.from(labels).some((l) => l === candidate || l.contains(candidate));
}

function pointerSequence(el: Element, p: { x: number; y: number }, focus: boolean): void {
  const view = el.ownerDocument.defaultView ?? window;
  const base = { bubbles: true, cancelable: true, composed: true, clientX: p.x, clientY: p.y, view };
  const pointer = { ...base, pointerId: 1, pointerType: 'mouse', isPrimary: true };
  el.dispatchEvent(new PointerEvent('pointerover', pointer));
  el.dispatchEvent(new PointerEvent('pointerenter', { ...pointer, bubbles: false }));
  el.dispatchEvent(new MouseEvent('mouseover', base));
  el.dispatchEvent(new MouseEvent('mouseenter', { ...base, bubbles: false }));
  el.dispatchEvent(new PointerEvent('pointermove', pointer));
  el.dispatchEvent(new MouseEvent('mousemove', base));
  el.dispatchEvent(new PointerEvent('pointerdown', { ...pointer, button: 0, buttons: 1 }));
  const down = el.dispatchEvent(new MouseEvent('mousedown', { ...base, button: 0, buttons: 1 }));
  if (focus && down && el instanceof (view as typeof window).HTMLElement) (el as HTMLElement).focus({ preventScroll: true });
  el.dispatchEvent(new PointerEvent('pointerup', { ...pointer, button: 0, buttons: 0 }));
  el.dispatchEvent(new MouseEvent('mouseup', { ...base, button: 0, buttons: 0 }));
}

function click(el: Element): void {
  const p = prepare(el);
  pointerSequence(el, p, true);
  const view = el.ownerDocument.defaultView ?? window;
  // A dispatched click runs the element's activation behaviour (follow link, toggle, submit).
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: p.x, clientY: p.y, detail: 1, view }));
}

function key(el: Element, type: 'keydown' | 'keypress' | 'keyup', k: string): boolean {
  const code = k === 'Enter' ? 'Enter' : k.length === 1 && /[a-z]/i.test(k) ? `Key${k.toUpperCase()}` : '';
  const keyCode = k === 'Enter' ? 13 : k.toUpperCase().charCodeAt(0);
  return el.dispatchEvent(new KeyboardEvent(type, { key: k, code, keyCode, which: keyCode, bubbles: true, cancelable: true, composed: true } as KeyboardEventInit));
}

function input(el: Element, data: string | null, inputType: string): void {
  el.dispatchEvent(new InputEvent('input', { data, inputType, bubbles: true, composed: true }));
}

/** Sets a field's value through the native setter (frameworks track the property). */
function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el.localName === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
}

function typeInto(el: Element, text: string, clear: boolean, enter: boolean): void {
  if (!isTypable(el)) throw new ActError('not_typable', `${describe(el)} does not take typed text; click it or pick another element`);
  const point = prepare(el);
  const field = el as HTMLInputElement;
  if (field.readOnly) throw new ActError('not_typable', `${describe(el)} is read-only`);
  pointerSequence(el, point, true);
  (el as HTMLElement).focus({ preventScroll: true });
  if ((el as HTMLElement).isContentEditable && el.localName !== 'input' && el.localName !== 'textarea') {
    const doc = el.ownerDocument;
    if (clear) {
      doc.getSelection()?.selectAllChildren(el);
      doc.execCommand('delete');
    }
    for (const ch of text) {
      key(el, 'keydown', ch);
      if (!doc.execCommand('insertText', false, ch)) el.append(ch);
      key(el, 'keyup', ch);
    }
  } else if (el.localName === 'input' && WHOLE_VALUE_INPUT_TYPES.has(field.type)) {
    setNativeValue(field, text);
    if (field.value !== text && text !== '') throw new ActError('not_typable', `${describe(el)} (type=${field.type}) rejected ${JSON.stringify(text)}`);
    input(el, text, 'insertReplacementText');
  } else {
    if (clear && field.value !== '') {
      setNativeValue(field, '');
      input(el, null, 'deleteContentBackward');
    }
    // Per-key events for short texts (autocomplete reacts to them), one insert for long ones.
    const chunks = text.length <= 256 ? Array.from(text) : [text];
    for (const chunk of chunks) {
      if (!key(el, 'keydown', chunk)) continue;
      key(el, 'keypress', chunk);
      setNativeValue(field, field.value + chunk);
      input(el, chunk, 'insertText');
      key(el, 'keyup', chunk);
    }
  }
  el.dispatchEvent(new Event('change', { bubbles: true }));
  if (enter) pressEnter(el);
}

function pressEnter(el: Element): void {
  const proceed = key(el, 'keydown', 'Enter');
  key(el, 'keypress', 'Enter');
  key(el, 'keyup', 'Enter');
  if (!proceed || el.localName !== 'input') return;
  // Implicit submission, as browsers do for Enter in a form field.
  const form = (el as HTMLInputElement).form;
  if (form) form.requestSubmit();
}

function optionMatches(label: string, value: string, wanted: string): boolean {
  const w = wanted.trim().toLowerCase();
  return label.trim().toLowerCase() === w || value.trim().toLowerCase() === w;
}

async function select(el: Element, option: string): Promise<void> {
  if (el.localName === 'select') {
    prepare(el);
    const s = el as HTMLSelectElement;
    const opt = Array.from(s.options).find((o) => optionMatches(o.label || o.text, o.value, option));
    if (!opt) {
      const available = Array.from(s.options, (o) => o.label || o.text).slice(0, 20).join(', ');
      throw new ActError('option_not_found', `no option ${JSON.stringify(option)} in ${describe(el)}; options: ${available}`);
    }
    if (opt.disabled) throw new ActError('disabled', `option ${JSON.stringify(option)} is disabled`);
    (el as HTMLElement).focus({ preventScroll: true });
    s.value = opt.value;
    opt.selected = true;
    input(el, null, 'insertReplacementText');
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  const role = el.getAttribute('role');
  if (role !== 'combobox' && role !== 'listbox') {
    throw new ActError('not_selectable', `${describe(el)} is not a select, listbox or combobox; click its options instead`);
  }
  // An ARIA widget: open it like a user, then click the option.
  if (role === 'combobox') click(el);
  await new Promise((r) => setTimeout(r, 50));
  const root = el.getRootNode() as Document | ShadowRoot;
  const owned = el.getAttribute('aria-controls') ?? el.getAttribute('aria-owns');
  const scope: ParentNode = (owned && root.getElementById?.(owned)) || (role === 'listbox' ? el : root);
  const opt = Array.from(scope.querySelectorAll('[role="option"]')).find((o) =>
    optionMatches(collapse(o.textContent), o.getAttribute('data-value') ?? '', option),
  );
  if (!opt) throw new ActError('option_not_found', `no option ${JSON.stringify(option)} in ${describe(el)}`);
  click(opt);
}

function scroll(registry: ElementRegistry, direction: 'up' | 'down', pages: number, index?: number): void {
  const sign = direction === 'down' ? 1 : -1;
  if (index !== undefined) {
    const el = resolve(registry, index);
    el.scrollBy({ top: sign * pages * el.clientHeight, behavior: 'instant' as ScrollBehavior });
  } else {
    window.scrollBy({ top: sign * pages * window.innerHeight, behavior: 'instant' as ScrollBehavior });
  }
}

function extract(query: string | undefined): string {
  const text = pageText(document, 20_000);
  if (!query?.trim()) return text.slice(0, 8_000);
  const terms = query.toLowerCase().split(/\W+/).filter((t) => t.length > 2);
  const sentences = text.split(/(?<=[.!?])\s+|\s{2,}/);
  const scored = sentences
    .map((s) => ({ s, score: terms.reduce((n, t) => n + (s.toLowerCase().includes(t) ? 1 : 0), 0) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  return (scored.length ? scored.map((x) => x.s).join('\n') : text).slice(0, 8_000);
}

async function perform(registry: ElementRegistry, action: Action): Promise<string | undefined> {
  switch (action.kind) {
    case 'click':
      click(resolve(registry, action.index));
      return undefined;
    case 'type':
      typeInto(resolve(registry, action.index), action.text, action.clear !== false, action.enter === true);
      return undefined;
    case 'select':
      await select(resolve(registry, action.index), action.option);
      return undefined;
    case 'scroll':
      scroll(registry, action.direction, action.pages ?? 1, action.index);
      return undefined;
    case 'extract':
      return extract(action.query);
    case 'navigate':
    case 'back':
    case 'wait':
    case 'done':
      throw new ActError('invalid_action', `${action.kind} is carried out by the background, not in the page`);
  }
}

/** A field's value after an action, as it may leave the page (secrets redacted); undefined when it has none. */
function fieldValue(el: Element | undefined): string | undefined {
  if (!el?.isConnected) return undefined;
  const tag = el.localName;
  let value: string;
  if (tag === 'select') {
    const s = el as HTMLSelectElement;
    value = Array.from(s.selectedOptions, (o) => o.label || o.text).join(', ');
  } else if (tag === 'input' || tag === 'textarea') value = (el as HTMLInputElement).value;
  else if ((el as HTMLElement).isContentEditable) value = el.textContent ?? '';
  else if (el.getAttribute('role') === 'combobox') value = (el as HTMLInputElement).value ?? collapse(el.textContent, 1_000);
  else return undefined;
  const facts = { tag, type: el.getAttribute('type'), autocomplete: el.getAttribute('autocomplete'), name: el.getAttribute('name'), id: el.getAttribute('id') };
  return redactValue(facts, collapse(value, 1_000));
}

let acting = 0;
/** True while the agent's own action runs, so record mode can tell it from the user. */
export const agentIsActing = (): boolean => acting > 0;

/** Runs one action and reports what it did to the page. Never throws. */
export async function act(registry: ElementRegistry, action: Action): Promise<ActionResult> {
  const started = performance.now();
  const watcher = new ChangeWatcher();
  acting++;
  try {
    const extracted = await perform(registry, action);
    const report = await watcher.settle();
    const result: ActionResult = { ok: true, navigated: report.navigated, pageChanged: report.pageChanged, url: location.href, tookMs: performance.now() - started };
    if (extracted !== undefined) result.extracted = extracted;
    if ((action.kind === 'type' || action.kind === 'select') && !report.navigated) {
      const value = fieldValue(registry.elements[action.index]);
      if (value !== undefined) result.value = value;
    }
    return result;
  } catch (e) {
    watcher.stop();
    const tookMs = performance.now() - started;
    if (e instanceof ActError) return actionFailure(e.code, e.message, { tookMs, url: location.href });
    return actionFailure('internal', `${action.kind} failed: ${e instanceof Error ? e.message : String(e)}`, { tookMs, url: location.href });
  } finally {
    acting--;
  }
}

