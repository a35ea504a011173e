// Synthetic observations for the offline policy's tests, shaped like the content
// script's: accessible names from labels, attrs as observed, boxes laid out top to
// bottom. Indices are assigned in the order elements are listed.
import type { ActionResult } from '../../../shared/actions';
import type { AgentOutput, Step } from '../../../shared/model';
import type { Observation, ObservedElement } from '../../../shared/observation';

export type Spec = Partial<ObservedElement> & Pick<ObservedElement, 'tag' | 'name'>;

export const field = (name: string, type = 'text', value = ''): Spec => ({ tag: 'input', role: type === 'search' ? 'searchbox' : 'textbox', name, attrs: { type }, value });
export const textarea = (name: string, value = ''): Spec => ({ tag: 'textarea', role: 'textbox', name, attrs: {}, value });
export const select = (name: string, options: string[], value = options[0] ?? ''): Spec => ({ tag: 'select', role: 'combobox', name, attrs: { options: options.join('|') }, value });
export const checkbox = (name: string, checked = false): Spec => ({ tag: 'input', role: 'checkbox', name, attrs: { type: 'checkbox', ...(checked ? { checked: '' } : {}) } });
export const radio = (name: string): Spec => ({ tag: 'input', role: 'radio', name, attrs: { type: 'radio' } });
export const button = (name: string, type = 'submit', extra: Partial<ObservedElement> = {}): Spec => ({ tag: 'button', role: 'button', name, text: name, attrs: { type }, ...extra });
export const link = (name: string, href: string): Spec => ({ tag: 'a', role: 'link', name, text: name, attrs: { href } });

let observations = 0;

export function page(url: string, title: string, specs: Spec[], text = ''): Observation {
  const elements: ObservedElement[] = specs.map((s, index) => ({
    role: s.tag,
    attrs: {},
    text: '',
    inViewport: true,
    disabled: false,
    isNew: false,
    box: { x: 40, y: 40 + index * 36, width: 240, height: 28 },
    context: 'document',
    ...s,
    index,
  }));
  return { id: `obs-${++observations}`, url, title, elements, text: text || title, scroll: { x: 0, y: 0, viewportWidth: 1280, viewportHeight: 800, pageHeight: 1600 }, timestamp: 0, tookMs: 1 };
}

export const ok = (extra: Partial<ActionResult> = {}): ActionResult => ({ ok: true, navigated: false, pageChanged: false, tookMs: 5, ...extra });
export const moved = (url: string): ActionResult => ok({ navigated: true, pageChanged: true, url });
export const failed = (code: NonNullable<ActionResult['error']>['code'], message = 'it did not work'): ActionResult => ({ ok: false, error: { code, message }, navigated: false, pageChanged: false, tookMs: 5 });

/** A step as the run loop records it: what the policy decided on `on`, and how each action went. */
export function stepOf(index: number, on: Observation, output: AgentOutput, results: ActionResult[]): Step {
  return { index, observation: { url: on.url, title: on.title, elementCount: on.elements.length }, output, results, adviceIds: [], startedAt: 0, tookMs: 10 };
}

/** The element an action targets, by index. */
export function targetOf(o: Observation, action: { index?: number } | undefined): ObservedElement | undefined {
  return action?.index === undefined ? undefined : o.elements[action.index];
}
