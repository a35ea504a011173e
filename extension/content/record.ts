// Record mode: the user's own clicks, typing (final values), selects, submits and
// Enter presses become Actions with element descriptors, so a task can be demonstrated.
// Events fired while the agent acts are ignored; clicks and keys must be trusted
// (user-made), while value changes may come from tools that set values by script.
import type { Action } from '../../shared/actions';
import type { ElementDescriptor, RecordedStep } from '../../shared/model';
import { redactValue } from '../../shared/redact';
import { accessibleName, collapse, implicitRole, interactivity, isTypable } from './dom';
import { agentIsActing } from './act';
import { locatorOf, nameWithoutFigures, rowTexts, tableRowTexts } from './locator';
import { type ElementRegistry, observe } from './observe';

export type StepSink = (step: RecordedStep) => void;

function nearbyLabel(el: Element): string | undefined {
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return collapse(labels[0]?.textContent, 80);
  const legend = el.closest('fieldset')?.querySelector('legend');
  if (legend) return collapse(legend.textContent, 80);
  return undefined;
}

/** The class an element's rank is counted in: tag, role and input type, as observations count it. */
const rankClass = (el: Element) => `${el.localName}|${implicitRole(el)}|${(el.getAttribute('type') ?? '').toLowerCase()}`;

/** How a recorded element is found again: as an observation describes it (name, locator, rank among look-alikes). */
export function describeElement(el: Element, observed: readonly Element[] = []): ElementDescriptor {
  const r = el.getBoundingClientRect();
  const d: ElementDescriptor = {
    tag: el.localName,
    role: implicitRole(el),
    name: accessibleName(el),
    box: { x: Math.round(r.left + window.scrollX), y: Math.round(r.top + window.scrollY), width: Math.round(r.width), height: Math.round(r.height) },
  };
  const label = nearbyLabel(el);
  if (label) d.label = label;
  const type = el.getAttribute('type');
  if (type) d.type = type;
  const l = locatorOf(el);
  if (l.id) d.id = l.id;
  if (l.name) d.nameAttr = l.name;
  if (l.placeholder) d.placeholder = l.placeholder;
  if (l.near) d.near = l.near;
  if (l.path) d.path = l.path;
  const cls = rankClass(el);
  const alike = observed.filter((x) => rankClass(x) === cls);
  const n = alike.indexOf(el) + 1;
  if (n > 0) d.rank = { n, of: alike.length };
  const row = rowOf(el, observed, cls);
  if (row) d.row = row;
  return d;
}

/** The text of its row, for a control whose name repeats row by row or that sits in a table row, as observations read it. */
function rowOf(el: Element, observed: readonly Element[], cls: string): string | undefined {
  const at = observed.indexOf(el);
  if (at < 0) return undefined;
  // Names compared with their figures left out, as observe does ("Card options", "Renew 3").
  const key = (x: Element) => nameWithoutFigures(accessibleName(x));
  const own = key(el);
  const names = observed.map((x) => (rankClass(x) === cls && key(x) === own ? own : ''));
  return rowTexts(observed, names).get(at) ?? tableRowTexts(observed, observed.map((x) => x === el)).get(at);
}

/** The element a user meant: the innermost interactive ancestor of the event's real target. */
function interactiveTarget(event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    if (interactivity(node)) return node;
    if (getComputedStyle(node).cursor === 'pointer' && (node.parentElement === null || getComputedStyle(node.parentElement).cursor !== 'pointer')) return node;
  }
  return null;
}

function valueForRecording(el: Element): string {
  const raw = (el as HTMLInputElement).isContentEditable && el.localName !== 'input' && el.localName !== 'textarea'
    ? collapse(el.textContent, 10_000)
    : (el as HTMLInputElement).value;
  return redactValue(
    { tag: el.localName, type: el.getAttribute('type'), autocomplete: el.getAttribute('autocomplete'), name: el.getAttribute('name'), id: el.id, label: nearbyLabel(el) ?? null },
    raw,
  );
}

export class Recorder {
  private active = false;
  /** Fields typed into and not yet reported, with their last value. */
  private pending = new Map<Element, string>();

  constructor(
    private readonly registry: ElementRegistry,
    private readonly sink: StepSink,
  ) {}

  get recording(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    for (const type of ['click', 'input', 'change', 'keydown', 'submit', 'focusout'] as const) {
      document.addEventListener(type, this.listener, true);
    }
    window.addEventListener('pagehide', this.flushAll, true);
  }

  stop(): void {
    if (!this.active) return;
    this.flushAll();
    this.active = false;
    for (const type of ['click', 'input', 'change', 'keydown', 'submit', 'focusout'] as const) {
      document.removeEventListener(type, this.listener, true);
    }
    window.removeEventListener('pagehide', this.flushAll, true);
  }

  private indexOf(el: Element): number {
    let i = this.registry.indexOf(el);
    if (i < 0) {
      observe(this.registry);
      i = this.registry.indexOf(el);
    }
    return Math.max(0, i);
  }

  private emit(action: Action, el?: Element): void {
    // Typing the user did before this step comes first.
    if (action.kind !== 'type') this.flushAll();
    const step: RecordedStep = { action, url: location.href, timestamp: Date.now() };
    if (el) step.target = describeElement(el, this.registry.elements);
    this.sink(step);
  }

  private flush(el: Element, enter = false): void {
    if (!this.pending.has(el)) return;
    this.pending.delete(el);
    const action: Action = { kind: 'type', index: this.indexOf(el), text: valueForRecording(el) };
    if (enter) action.enter = true;
    this.emit(action, el);
  }

  private readonly flushAll = (): void => {
    for (const el of [...this.pending.keys()]) this.flush(el);
  };

  private readonly listener = (event: Event): void => {
    if (agentIsActing()) return;
    if (!event.isTrusted && (event.type === 'click' || event.type === 'keydown')) return;
    const target = event.composedPath()[0];
    if (!(target instanceof Element)) return;
    switch (event.type) {
      case 'input':
        if (isTypable(target)) this.pending.set(target, '');
        return;
      case 'change':
      case 'focusout':
        if (target.localName === 'select' && event.type === 'change') {
          const s = target as HTMLSelectElement;
          const opt = s.selectedOptions[0];
          this.emit({ kind: 'select', index: this.indexOf(s), option: opt ? opt.label || opt.text : s.value }, s);
        } else if (isTypable(target)) this.flush(target);
        return;
      case 'keydown':
        if ((event as KeyboardEvent).key === 'Enter' && isTypable(target) && target.localName !== 'textarea') {
          this.pending.set(target, '');
          this.flush(target, true);
        }
        return;
      case 'submit':
        this.flushAll();
        return;
      case 'click': {
        const el = interactiveTarget(event);
        if (!el) return;
        // Focusing a field is not an action of its own; its typing is.
        if (isTypable(el) || el.localName === 'select') return;
        this.emit({ kind: 'click', index: this.indexOf(el) }, el);
      }
    }
  };
}
