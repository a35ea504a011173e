// Control: each Action performed with the events a real user produces, so pages
// (and framework-controlled inputs) react as they would to a person.
import { type Action, type ActionOf, type ActionResult, actionFailure, type PageActionKind, runsIn } from '../../shared/actions';
import { redactValue } from '../../shared/redact';
import { WHOLE_VALUE_INPUT_TYPES, collapse, isDisabled, isTypable } from './dom';
import { type ElementRegistry, pageText } from './observe';
import { moveMouseTo } from './hover';
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

/**
 * Where a person clicks an element: its label when it names itself by a part of its
 * own (a tree item labelled by its name, whose box also holds its open children),
 * else its centre; and the events go to the innermost element there, as a real
 * click's do (bubbling up to the element), so handlers on a label or an icon run.
 */
function click(el: Element): void {
  const labelId = el.getAttribute('aria-labelledby')?.split(/\s+/)[0];
  const label = labelId ? (el.getRootNode() as Document | ShadowRoot).getElementById?.(labelId) : null;
  const aim = label && el.contains(label) && label.getClientRects().length > 0 ? label : el;
  const p = prepare(aim);
  const root = aim.getRootNode() as Document | ShadowRoot;
  const under = root.elementFromPoint?.(p.x, p.y);
  const target = under && el.contains(under) ? under : aim;
  moveMouseTo(target);
  pointerSequence(target, p, true);
  const view = el.ownerDocument.defaultView ?? window;
  // A dispatched click runs the element's activation behaviour (follow link, toggle, submit).
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: p.x, clientY: p.y, detail: 1, view }));
}

/** Key codes of the named keys pages check most (`event.keyCode`, still common). */
const KEY_CODES: Record<string, number> = { Enter: 13, Escape: 27, Tab: 9, Backspace: 8, Delete: 46, ' ': 32, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40, Home: 36, End: 35, PageUp: 33, PageDown: 34, Control: 17, Shift: 16, Alt: 18, Meta: 91 };

interface Modifiers {
  ctrlKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

function codeOf(k: string): string {
  if (k.length === 1 && /[a-z]/i.test(k)) return `Key${k.toUpperCase()}`;
  if (k.length === 1 && /\d/.test(k)) return `Digit${k}`;
  if (k === ' ') return 'Space';
  return k.length > 1 ? k : '';
}

function key(el: Element, type: 'keydown' | 'keypress' | 'keyup', k: string, mods: Modifiers = {}): boolean {
  const keyCode = KEY_CODES[k] ?? k.toUpperCase().charCodeAt(0);
  return el.dispatchEvent(new KeyboardEvent(type, { key: k, code: codeOf(k), keyCode, which: keyCode, bubbles: true, cancelable: true, composed: true, ...mods } as KeyboardEventInit));
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

/** `Control+Shift+K` → the key and its modifiers. */
function parseKeys(keys: string): { key: string; mods: Modifiers } {
  const parts = keys === '+' ? ['+'] : keys.split('+');
  const last = parts.pop() || '+';
  const mods: Modifiers = {};
  for (const m of parts.map((p) => p.toLowerCase())) {
    if (m === 'control' || m === 'ctrl') mods.ctrlKey = true;
    else if (m === 'shift') mods.shiftKey = true;
    else if (m === 'alt') mods.altKey = true;
    else if (m === 'meta' || m === 'cmd') mods.metaKey = true;
  }
  const named: Record<string, string> = { esc: 'Escape', return: 'Enter', space: ' ', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight', del: 'Delete' };
  return { key: named[last.toLowerCase()] ?? last, mods };
}

/** A key (with modifiers) pressed on `el`, as a keyboard does: down, press for characters and Enter, up; then what the browser itself would do. */
function pressKeys(el: Element, keys: string): void {
  const { key: k, mods } = parseKeys(keys);
  const modifierKeys = (['Control', 'Shift', 'Alt', 'Meta'] as const).filter((m) => mods[`${m === 'Control' ? 'ctrl' : m.toLowerCase()}Key` as keyof Modifiers]);
  for (const m of modifierKeys) key(el, 'keydown', m, mods);
  const proceed = key(el, 'keydown', k, mods);
  if (proceed && (k.length === 1 || k === 'Enter')) key(el, 'keypress', k, mods);
  key(el, 'keyup', k, mods);
  for (const m of modifierKeys.reverse()) key(el, 'keyup', m, {});
  if (!proceed) return;
  // Default actions a script's events do not trigger by themselves.
  const plain = !mods.ctrlKey && !mods.altKey && !mods.metaKey;
  if (k === 'Enter' && plain && el.localName === 'input') (el as HTMLInputElement).form?.requestSubmit();
  else if (k === 'Enter' && plain && el.localName === 'textarea') insertText(el as HTMLTextAreaElement, '\n');
  else if ((k === ' ' || k === 'Enter') && plain && (el.localName === 'button' || el.getAttribute('role') === 'button')) (el as HTMLElement).click();
  else if (k.length === 1 && plain && isTypable(el) && !(el as HTMLInputElement).readOnly) insertText(el as HTMLInputElement, mods.shiftKey ? k.toUpperCase() : k);
  else if (k === 'Tab' && plain) moveFocus(el, mods.shiftKey ? -1 : 1);
}

function insertText(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  setNativeValue(field, field.value + text);
  input(field, text, text === '\n' ? 'insertLineBreak' : 'insertText');
}

/** Tab: focus moves to the next (or previous) focusable element, as the browser would. */
function moveFocus(from: Element, step: 1 | -1): void {
  const doc = from.ownerDocument;
  const focusable = Array.from(doc.querySelectorAll<HTMLElement>('a[href],button,input,select,textarea,[tabindex],[contenteditable="true"]')).filter((e) => e.tabIndex >= 0 && !isDisabled(e) && e.getClientRects().length > 0);
  const at = focusable.indexOf(from as HTMLElement);
  focusable[(at + step + focusable.length) % focusable.length]?.focus();
}

function hover(el: Element): void {
  const p = prepare(el, true);
  moveMouseTo(el);
  const view = el.ownerDocument.defaultView ?? window;
  const base = { bubbles: true, cancelable: true, composed: true, clientX: p.x, clientY: p.y, view };
  const pointer = { ...base, pointerId: 1, pointerType: 'mouse', isPrimary: true };
  // Enter events go to the element and each ancestor the mouse newly entered, as a real move does.
  el.dispatchEvent(new PointerEvent('pointerover', pointer));
  el.dispatchEvent(new MouseEvent('mouseover', base));
  for (let n: Element | null = el; n && n !== el.ownerDocument.documentElement; n = n.parentElement) {
    n.dispatchEvent(new PointerEvent('pointerenter', { ...pointer, bubbles: false }));
    n.dispatchEvent(new MouseEvent('mouseenter', { ...base, bubbles: false }));
  }
  el.dispatchEvent(new PointerEvent('pointermove', pointer));
  el.dispatchEvent(new MouseEvent('mousemove', base));
}

/** Drag with the mouse from `el` to a point, in steps, with the HTML5 drag events for draggable sources. */
async function drag(el: Element, to: { x: number; y: number }, onto: Element | null): Promise<void> {
  const from = prepare(el);
  const view = el.ownerDocument.defaultView ?? window;
  const at = (p: { x: number; y: number }) => ({ bubbles: true, cancelable: true, composed: true, clientX: p.x, clientY: p.y, view, pointerId: 1, pointerType: 'mouse', isPrimary: true });
  const under = (p: { x: number; y: number }) => onto ?? el.ownerDocument.elementFromPoint(p.x, p.y) ?? el;
  moveMouseTo(el);
  el.dispatchEvent(new PointerEvent('pointerdown', { ...at(from), button: 0, buttons: 1 }));
  el.dispatchEvent(new MouseEvent('mousedown', { ...at(from), button: 0, buttons: 1 }));
  const html5 = (el as HTMLElement).draggable;
  const data = html5 ? new DataTransfer() : null;
  if (data) el.dispatchEvent(new DragEvent('dragstart', { ...at(from), dataTransfer: data }));
  const STEPS = 8;
  let target: Element = el;
  for (let i = 1; i <= STEPS; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / STEPS, y: from.y + ((to.y - from.y) * i) / STEPS };
    target = under(p);
    const move = { ...at(p), buttons: 1 };
    // Pointer capture keeps the moves on the dragged element; without it they go to what is under the mouse.
    el.dispatchEvent(new PointerEvent('pointermove', move));
    (html5 ? target : el).dispatchEvent(new MouseEvent('mousemove', move));
    if (data) target.dispatchEvent(new DragEvent('dragover', { ...at(p), dataTransfer: data }));
    await new Promise((r) => setTimeout(r, 16));
  }
  if (data) {
    target.dispatchEvent(new DragEvent('drop', { ...at(to), dataTransfer: data }));
    el.dispatchEvent(new DragEvent('dragend', { ...at(to), dataTransfer: data }));
  }
  el.dispatchEvent(new PointerEvent('pointerup', { ...at(to), button: 0, buttons: 0 }));
  target.dispatchEvent(new MouseEvent('mouseup', { ...at(to), button: 0, buttons: 0 }));
  moveMouseTo(target);
}

/** A range input takes a drag as a new value: its track's fraction under the mouse. */
function dragRange(el: HTMLInputElement, dx: number): void {
  prepare(el);
  const r = el.getBoundingClientRect();
  const min = Number(el.min || 0);
  const max = Number(el.max || 100);
  const fraction = (Number(el.value) - min) / (max - min || 1) + dx / Math.max(1, r.width);
  setNativeValue(el, String(min + Math.min(1, Math.max(0, fraction)) * (max - min)));
  input(el, null, 'insertReplacementText');
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

type Perform<K extends PageActionKind> = (registry: ElementRegistry, action: ActionOf<K>) => Promise<string | undefined> | string | undefined;

/** How each page action is carried out (the action table in shared/actions.ts says which run here). */
const PERFORM: { [K in PageActionKind]: Perform<K> } = {
  click: (registry, a) => void click(resolve(registry, a.index)),
  type: (registry, a) => void typeInto(resolve(registry, a.index), a.text, a.clear !== false, a.enter === true),
  select: async (registry, a) => void (await select(resolve(registry, a.index), a.option)),
  hover: (registry, a) => void hover(resolve(registry, a.index)),
  key: (registry, a) => {
    const el = a.index !== undefined ? resolve(registry, a.index) : (document.activeElement ?? document.body);
    if (a.index !== undefined) (el as HTMLElement).focus?.({ preventScroll: true });
    pressKeys(el, a.keys);
    return undefined;
  },
  drag: async (registry, a) => {
    const el = resolve(registry, a.index);
    if (el.localName === 'input' && (el as HTMLInputElement).type === 'range' && a.to === undefined) return void dragRange(el as HTMLInputElement, a.dx ?? 0);
    const onto = a.to !== undefined ? resolve(registry, a.to) : null;
    const from = center(el);
    const to = onto ? center(onto) : { x: from.x + (a.dx ?? 0), y: from.y + (a.dy ?? 0) };
    await drag(el, to, onto);
    return undefined;
  },
  scroll: (registry, a) => void scroll(registry, a.direction, a.pages ?? 1, a.index),
  extract: (_registry, a) => extract(a.query),
};

async function perform(registry: ElementRegistry, action: Action): Promise<string | undefined> {
  if (runsIn(action.kind) !== 'page') throw new ActError('invalid_action', `${action.kind} is carried out by the background, not in the page`);
  return (PERFORM[action.kind as PageActionKind] as Perform<PageActionKind>)(registry, action as ActionOf<PageActionKind>);
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

