// A control that commits what a form holds (submit, send, pay, delete, confirm) is
// pressed only once every value the task gives has gone in somewhere: committing with
// a value missing sends the wrong thing, and many pages cannot take it back. Controls
// that only move on (Next, Continue, a link) are not commits: the missing value may
// belong on the page they lead to. A form's submit button named for something else
// ("Check in", "Find booking") holds back only for a value this page has a field for
// (one it could have taken and did not); a value with no field here is for a later page.
import { containsPhrase, contentWords, normalizeText } from '../../shared/words';
import type { Observation, ObservedElement } from '../../shared/observation';
import { type Attempt, nameInKey } from './action-ledger';
import { elementKind, FIELD_MIN, fieldScore, isChecked, labelOf } from './element-match';
import { holds } from './fill-plan';
import { nameEnteredInParts } from './fill-placement';
import { hasPhrase, type ParsedTask, type TaskSlot } from './task-parse';

/** Words of controls that end a task for good: after them, nothing typed later changes what was sent. */
const FINAL_PHRASES = ['submit', 'send', 'pay', 'place order', 'buy', 'purchase', 'confirm', 'delete', 'remove', 'save', 'post', 'ok', 'done', 'finish', 'complete'];
const COMMIT_PHRASES = [...FINAL_PHRASES, 'update', 'book', 'apply', 'log in', 'login', 'sign in', 'sign up', 'register', 'subscribe'];
const MOVE_ON_PHRASES = ['next', 'continue', 'proceed', 'more', 'step'];

/** Whether pressing `e` ends the task for good (Submit, Send, Pay…), not only submits this page's form. */
export function isFinal(e: ObservedElement): boolean {
  return FINAL_PHRASES.some((p) => hasPhrase(contentWords(labelOf(e)), p));
}

/** Whether pressing `e` commits (a submit button, or a control named for committing) rather than moving on. */
export function isCommit(e: ObservedElement): boolean {
  const kind = elementKind(e);
  if (kind !== 'control') return false;
  const words = contentWords(labelOf(e));
  if (MOVE_ON_PHRASES.some((p) => hasPhrase(words, p))) return false;
  if (COMMIT_PHRASES.some((p) => hasPhrase(words, p))) return true;
  const type = (e.attrs.type ?? '').toLowerCase();
  return (e.tag === 'input' && type === 'submit') || (e.tag === 'button' && type === 'submit');
}

/**
 * The task's values that must go into a field and have not, in this run: not typed
 * or chosen by an action that worked, not in any field on this page. A value that
 * names a control on the page ("press Submit") is something to press, not to enter.
 */
export function missingValues(task: ParsedTask, o: Observation, attempts: readonly Attempt[], opts: { bareNames?: boolean } = {}): TaskSlot[] {
  const entered: string[] = [];
  for (const a of attempts) {
    if (!a.result.ok) continue;
    if (a.action.kind === 'type') entered.push(a.action.text);
    if (a.action.kind === 'select') entered.push(a.action.option);
    // A radio or box chosen for a value ("priority Urgent"), a calendar's day picked for a date: its name, as its key keeps it.
    if (a.action.kind === 'click' && (a.purpose === 'toggle' || a.purpose === 'fill') && a.target) entered.push(nameInKey(a.target));
    // A control pressed in the row a value names ("View order" of order 10842): the value chose it, and is in.
    if (a.action.kind === 'click' && a.row) entered.push(a.row);
  }
  for (const e of o.elements) if (e.value) entered.push(e.value);
  // A value that names a link or a control may just name something on the page; one that names a box or a radio is in only once it is ticked.
  // A toggle button (a time slot) is like a box: in only once pressed.
  const named = new Set(o.elements.filter((e) => elementKind(e) !== 'field' && elementKind(e) !== 'select' && ((elementKind(e) !== 'toggle' && e.attrs['aria-pressed'] === undefined) || isChecked(e))).map((e) => normalizeText(labelOf(e))));
  // A value that names the field another value went in ("… for lunch on Wednesday": the cell "Lunch Wednesday"),
  // or its row ("assign #1045 to Priya": the row of #1045), is in with it.
  const filledNames = o.elements.filter((e) => (elementKind(e) === 'field' || elementKind(e) === 'select') && e.value && task.slots.some((s) => holds(s, e.value!))).flatMap((e) => [labelOf(e), e.locator?.row ?? '']);
  return task.slots.filter((s) => {
    if (s.role === 'target') return false;
    if (entered.some((text) => holds(s, text)) || nameEnteredInParts(s, entered) || named.has(normalizeText(s.value.text))) return false;
    if (filledNames.some((name) => containsPhrase(name, s.value.text))) return false;
    // A bare capitalised word with nothing saying it is a field's value may just name something
    // (asked for with `bareNames`, by what may choose it by name: "Pay Green Lane Garage …").
    return s.value.quoted || s.value.kind !== 'name' || s.hints.length > 0 || !!opts.bareNames;
  });
}

/**
 * Of the task's `missing` values (missingValues), those that hold a commit back: all of
 * them before a final control (Submit, Send), only those a field on this page could
 * have taken before any other (`all`: the task's values, to tell fields already taken).
 */
export function blockingValues(control: ObservedElement, missing: readonly TaskSlot[], o: Observation, all: readonly TaskSlot[] = missing): TaskSlot[] {
  if (!isCommit(control)) return [];
  if (isFinal(control)) return [...missing];
  // A field that holds another of the task's values is taken (the tracking box with "PP-7731" is not where "number 21" goes).
  const taken = (e: ObservedElement) => !!e.value && all.some((s) => holds(s, e.value!));
  // A field here that fits it by its words, or an empty text box for a quoted value; not one of
  // another form (a price-alert box's email does not go with the flight search's submit).
  const otherForm = (e: ObservedElement) => !!control.locator?.form && !!e.locator?.form && e.locator.form !== control.locator.form;
  const fits = (slot: TaskSlot) => o.elements.some((e) => !otherForm(e) && !taken(e) && (fieldScore(slot, e) >= FIELD_MIN || (slot.value.quoted && elementKind(e) === 'field' && !e.value && ['text', 'search', ''].includes((e.attrs.type ?? '').toLowerCase()))));
  return missing.filter(fits);
}

/**
 * What to do when a commit is held back: once per screen, wait a moment (a form that
 * is still opening may show the field yet); then say why nothing is pressed.
 */
export function heldBack(control: ObservedElement, missing: readonly TaskSlot[], o: Observation, attempts: readonly Attempt[]): { wait: true } | { wait: false; why: string } {
  const waited = attempts.some((a) => a.action.kind === 'wait' && a.url === o.url && a.purpose === 'fill');
  if (!waited) return { wait: true };
  return { wait: false, why: `Not pressing "${labelOf(control)}": ${missing.map((s) => `"${s.value.text}"`).join(', ')} found no field on this page, and committing without it would send the wrong thing.` };
}
