// Choosing from suggestions (an autocomplete, a combobox's list): type what the task
// gives (the start of the name, or the name itself), then click the suggestion that is
// the named one, or the one whose letters the task describes ("starts with "Ja" and
// ends with "ca""). A suggestion list that has not shown yet gets one short wait.
import type { Observation, ObservedElement } from '../../shared/observation';
import { mentionsDate, parseDate } from '../../shared/dates';
import { containsPhrase, normalizeText } from '../../shared/words';
import { type Attempt, type Blocked, elementKey } from './action-ledger';
import { elementKind, labelOf } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { ParsedTask, TaskSlot } from './task-parse';

const isOption = (e: ObservedElement) => e.role === 'option' || e.role === 'menuitem' || e.role === 'treeitem' || (e.tag === 'li' && e.role === 'listitem');
/** A field that suggests as one types: a combobox, an ARIA autocomplete, a datalist. */
const suggests = (e: ObservedElement) => elementKind(e) === 'field' && (e.role === 'combobox' || e.attrs['aria-autocomplete'] !== undefined || e.attrs.list !== undefined || e.attrs['aria-expanded'] !== undefined);

/**
 * A value just typed into a field that suggests (an airport, a city, a person): the
 * suggestion that is it, or that names it as a whole word ("Porto (OPO)" for "OPO"), is
 * clicked, as the field may only take a value chosen from its list.
 */
export function suggestionForTyped(o: Observation, attempts: readonly Attempt[]): { planned: Planned[]; goal: string } | undefined {
  const last = attempts.at(-1);
  if (!last?.result.ok || last.action.kind !== 'type') return undefined;
  const typed = last.action.text;
  const options = o.elements.filter(isOption);
  if (options.length === 0) return undefined;
  const word = new RegExp(`(^|[^\\p{L}\\p{N}])${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu');
  const option = options.find((e) => normalizeText(labelOf(e)) === normalizeText(typed)) ?? options.find((e) => word.test(labelOf(e)));
  if (!option) return undefined;
  return { planned: [{ action: { kind: 'click', index: option.index }, element: option, purpose: 'fill', says: `choose ${quote(option)}` }], goal: `Choose "${labelOf(option)}" for "${typed}"` };
}

export function choiceStep(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): { planned: Planned[]; goal: string } | undefined {
  const picked = suggestionForTyped(o, attempts);
  if (picked) return picked;
  const letters = task.goals.letters;
  // A name to pick from suggestions, when the task speaks of them (else a name is something to press).
  const fromList = /\b(?:suggestions?|suggested|list|dropdown|autocomplete|options?)\b/i.test(task.text);
  const named = fromList ? task.slots.filter((s) => s.role === 'target' && s.value.kind !== 'date').map((s) => s.value.text) : [];
  if (!letters && named.length === 0) return undefined;
  const fits = (label: string) => {
    const l = label.trim().toLowerCase();
    if (!l) return false;
    if (letters) return (!letters.startsWith || l.startsWith(letters.startsWith.toLowerCase())) && (!letters.endsWith || l.endsWith(letters.endsWith.toLowerCase())) && (!letters.contains || l.includes(letters.contains.toLowerCase()));
    return named.some((n) => normalizeText(n) === normalizeText(label));
  };
  const field = o.elements.find(suggests) ?? (letters ? o.elements.find((e) => elementKind(e) === 'field' && (e.attrs.type ?? 'text') === 'text') : undefined);
  if (!field) return undefined;
  // The field already holds a fitting choice: done here.
  if (field.value && fits(field.value) && attempts.some((a) => a.result.ok && a.action.kind === 'click' && a.purpose === 'fill')) return undefined;
  const option = o.elements.find((e) => isOption(e) && fits(labelOf(e)));
  if (option) return { planned: [{ action: { kind: 'click', index: option.index }, element: option, purpose: 'fill', says: `choose ${quote(option)}` }], goal: `Choose "${labelOf(option)}" from the suggestions` };
  const typed = letters ? (letters.startsWith ?? letters.contains ?? letters.endsWith!) : named[0]!;
  if (!field.value || !normalizeText(field.value).startsWith(normalizeText(typed))) {
    return { planned: [{ action: { kind: 'type', index: field.index, text: typed }, element: field, purpose: 'fill', says: `type "${typed}" into ${quote(field)}` }], goal: `Type "${typed}" to see the suggestions` };
  }
  // Typed, and no suggestion fits yet: they may come a moment later.
  const waited = attempts.filter((a) => a.action.kind === 'wait' && a.url === o.url).length;
  if (waited < 1) return { planned: [{ action: { kind: 'wait', seconds: 1 }, purpose: 'reveal', says: 'wait for the suggestions' }], goal: 'Wait for the suggestions' };
  return undefined;
}

/** A value named in a control's label: a date in any usual writing, anything else as whole words. */
function labelNames(label: string, slot: TaskSlot): boolean {
  if (slot.value.kind !== 'date') return containsPhrase(label, slot.value.text);
  const date = parseDate(slot.value.text);
  return !!date && mentionsDate(label, date);
}

/** A name of two words or more ("Green Lane Garage"): one button alone naming it is that one to choose. */
const longName = (s: TaskSlot) => s.value.kind === 'name' && s.value.text.trim().split(/\s+/).length >= 2;

/**
 * A button that states two or more of the task's values still to go in ("Basic fare, £69,
 * 20:30 departure" for "leaving at 20:30, with a Basic fare"), or the only button naming a
 * name of several words the task gives (a payee's card "GL Green Lane Garage Lloyds ·
 * ending 5518"): pressing it is how they go in, so it is chosen for them; only the one
 * that names the most, when no other names as many.
 */
export function valuesChoiceStep(o: Observation, unentered: readonly TaskSlot[], blocked: Blocked): { planned: Planned[]; goal: string } | undefined {
  if (unentered.length === 0) return undefined;
  const enough = (e: ObservedElement, named: TaskSlot[]) => named.length >= 2 || (named.length === 1 && longName(named[0]!) && elementKind(e) === 'control');
  const scored = o.elements
    .filter((e) => (elementKind(e) === 'control' || elementKind(e) === 'link') && !e.disabled && !blocked.isBlocked('click', elementKey(e)))
    .map((e) => ({ e, named: unentered.filter((s) => labelNames(labelOf(e), s)) }))
    .filter((x) => x.named.length > 0)
    .sort((a, b) => b.named.length - a.named.length);
  const [first, second] = scored;
  if (!first || !enough(first.e, first.named) || (second && second.named.length === first.named.length)) return undefined;
  const values = first.named.map((s) => `"${s.value.text}"`).join(', ');
  return { planned: [{ action: { kind: 'click', index: first.e.index }, element: first.e, purpose: 'fill', says: `choose ${quote(first.e)}` }], goal: `Choose "${labelOf(first.e)}": it is ${values}` };
}
