// Filling in a page from the task: which value goes in which field (one-to-one, best
// pairs first), which select gets which option, which checkbox or radio the task
// asks for. Fields that already hold their value are left alone, so the same plan
// run again on the filled-in page proposes nothing — that is how the policy knows a
// page is done.
import type { Action } from '../../shared/actions';
import type { Observation, ObservedElement } from '../../shared/observation';
import { datePatternIn, formatDate, inputDateFormat, parseDate, parseDay } from '../../shared/dates';
import { isSensitiveField } from '../../shared/redact';
import { amountDigits } from '../../shared/task-values';
import { containsPhrase, contentWords, normalizeText, tokens } from '../../shared/words';
import { type Blocked, elementKey, type Purpose } from './action-ledger';
import { elementKind, FIELD_MIN, fieldScore, inSideForm, isChecked, isSearchField, labelOf, matchingOption, optionMostLikeTask, optionNamedByTask, optionsOf, toggleScore } from './element-match';
import type { SemanticMatcher } from './semantic';
import { choiceNamedBy, fieldsLocatedBy, orderRanges, radiosLikeTask, rowFills, splitNames, wholeNames } from './fill-placement';
import type { ParsedTask, TaskSlot } from './task-parse';

/** One action the policy means to take, with what it is for and a sentence saying so. */
export interface Planned {
  action: Action;
  element?: ObservedElement;
  purpose: Purpose;
  /** "type the email into [3] "Email"": the intent, and later the evaluation. */
  says: string;
  /** The task value it places, if any. */
  slot?: TaskSlot;
}

export interface FillContext {
  task: ParsedTask;
  observation: Observation;
  blocked: Blocked;
  /** Values typed in on an earlier page; they go in again only where a field clearly asks for them. */
  placedBefore: ReadonlySet<string>;
  /** A search already went through in this run: its query is not typed again (results pages repeat the box). */
  searched?: boolean;
  sem?: SemanticMatcher;
}

/** A field typed into again must ask for the value clearly ("Confirm email"). */
const REPLACE_MIN = 0.75;

const same = (a: string | undefined, b: string) => a !== undefined && normalizeText(a) === normalizeText(b);

export function quote(e: ObservedElement): string {
  const label = labelOf(e);
  return `[${e.index}]${label ? ` "${label.length > 60 ? `${label.slice(0, 59)}…` : label}"` : ` <${e.tag}>`}`;
}

function sensitive(e: ObservedElement): boolean {
  return isSensitiveField({ tag: e.tag, type: e.attrs.type ?? null, label: e.name });
}

/** The words of the task that may name a checkbox or an option: not values, not field words. */
function choiceWords(task: ParsedTask): string[] {
  const hints = new Set(task.slots.flatMap((s) => s.hints));
  return task.plainWords.filter((w) => !hints.has(w));
}

/**
 * The text a field takes for a value: a date in the field's own format (an
 * <input type=date> takes yyyy-mm-dd; a placeholder or the task may say dd.mm.yyyy),
 * an amount without its currency for a field that takes digits only (`type=number`,
 * `inputmode=decimal`: the page shows the "£" beside it), anything else as the task gives it.
 */
export function valueFor(slot: TaskSlot, e: ObservedElement, task: ParsedTask): string {
  if (slot.value.kind === 'number' && takesDigitsOnly(e)) return amountDigits(slot.value.text);
  if (slot.value.kind !== 'date') return slot.value.text;
  const date = parseDate(slot.value.text);
  if (!date) return slot.value.text;
  const format = inputDateFormat(e.attrs.type ?? '') ?? datePatternIn(e.locator?.placeholder ?? '') ?? datePatternIn(e.name) ?? task.goals.dateFormat;
  return format ? formatDate(date, format) : slot.value.text;
}

const takesDigitsOnly = (e: ObservedElement) => (e.attrs.type ?? '').toLowerCase() === 'number' || ['decimal', 'numeric'].includes((e.attrs.inputmode ?? '').toLowerCase());

/** Whether a field's value is the slot's value (a date in any format counts). */
export function holds(slot: TaskSlot, value: string): boolean {
  if (same(value, slot.value.text)) return true;
  // An amount typed without its currency ("180.90" for "£180.90").
  if (slot.value.kind === 'number' && amountDigits(value) !== '' && amountDigits(value) === amountDigits(slot.value.text) && /^[^\p{L}]*$/u.test(value)) return true;
  // A suggestion chosen for it: "Porto (OPO)" holds "OPO".
  if (slot.value.kind !== 'date' && value.length > slot.value.text.length && containsPhrase(value, slot.value.text)) return true;
  if (slot.value.kind !== 'date') return false;
  // The same day, however written; a day without its year is that day in any year ("Wed 17 Mar").
  const want = parseDay(slot.value.text);
  const have = parseDay(value);
  return !!want && !!have && want.m === have.m && want.d === have.d && (want.y === undefined || want.y === have.y);
}

export function planFills(ctx: FillContext): Planned[] {
  const { task, observation, blocked } = ctx;
  const fillable = observation.elements.filter((e) => {
    const k = elementKind(e);
    return (k === 'field' || k === 'select') && !blocked.isBlocked(k === 'select' ? 'select' : 'type', elementKey(e)) && !inSideForm(e, observation, task);
  });
  const used = new Set<ObservedElement>();
  const open: TaskSlot[] = [];
  const { within, locating, alsoHinted } = fieldsLocatedBy(task, fillable);
  // Rows the task names by their words take their values first ("assign #1045 and #1047 to Priya").
  const rows = rowFills(task, observation, blocked, holds);
  const out: Planned[] = (rows?.fills ?? []).map(({ slot, element: e, text }) =>
    elementKind(e) === 'select'
      ? { action: { kind: 'select', index: e.index, option: text }, element: e, purpose: 'fill', ...(slot ? { slot } : {}), says: `choose "${text}" in ${quote(e)} of "${rowName(e)}"` }
      : { action: { kind: 'type', index: e.index, text }, element: e, purpose: 'fill', ...(slot ? { slot } : {}), says: `type "${text}" into ${quote(e)} of "${rowName(e)}"` },
  );
  if (rows) for (const e of fillable) if (e.locator?.row) used.add(e);
  // Values already in place on this page need nothing; values that only say where another goes are not typed.
  for (const slot of task.slots) {
    if (locating.has(slot) || rows?.handled.has(slot)) continue;
    const holder = observation.elements.find((e) => e.value !== undefined && holds(slot, e.value) && within(slot, e));
    if (holder) used.add(holder);
    else if (slot.role === 'search' ? !ctx.searched : slot.role !== 'target' || slot.hints.length > 0) open.push(slot);
  }
  // A full name for a form that asks for it in parts goes in as its parts.
  for (const split of splitNames(open, fillable, used)) {
    open.splice(open.indexOf(split.slot), 1);
    for (const [e, text] of [[split.first, split.given], [split.last, split.family]] as const) {
      if (!same(e.value, text)) out.push({ action: { kind: 'type', index: e.index, text }, element: e, purpose: 'fill', slot: split.slot, says: `type "${text}" into ${quote(e)}` });
    }
  }
  const whole = wholeNames(task, fillable);
  const pairs: { slot: TaskSlot; e: ObservedElement; score: number }[] = [];
  for (const slot of open) {
    const min = ctx.placedBefore.has(slot.value.text) ? REPLACE_MIN : FIELD_MIN;
    for (const e of fillable) {
      if (used.has(e) || !within(slot, e)) continue;
      const score = fieldScore(whole(slot), e, ctx.sem);
      if (score >= min) pairs.push({ slot, e, score: score + alsoHinted(slot, e) });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.e.index - b.e.index);
  const placed = new Map<TaskSlot, ObservedElement>();
  for (const p of pairs) {
    if (placed.has(p.slot) || used.has(p.e)) continue;
    placed.set(p.slot, p.e);
    used.add(p.e);
  }
  loneLeftover(ctx, open, fillable, placed, used);
  orderRanges(task, placed);
  const enablers = enablersFor(ctx, open.filter((s) => !placed.has(s) && s.role !== 'target'));

  for (const [slot, e] of [...placed].sort((a, b) => a[1].index - b[1].index)) {
    if (elementKind(e) === 'select') {
      const option = matchingOption(optionsOf(e), whole(slot).value.text) ?? slot.value.text;
      if (!same(e.value, option)) out.push({ action: { kind: 'select', index: e.index, option }, element: e, purpose: 'fill', slot, says: `choose "${option}" in ${quote(e)}` });
      continue;
    }
    const text = valueFor(slot, e, task);
    const what = sensitive(e) ? 'the secret value' : `"${text}"`;
    out.push({ action: { kind: 'type', index: e.index, text }, element: e, purpose: slot.role === 'search' ? 'search' : 'fill', slot, says: `type ${what} into ${quote(e)}` });
  }
  // Selects and toggles the task names by their words, not by a value.
  const words = choiceWords(task);
  for (const e of fillable) {
    if (used.has(e) || elementKind(e) !== 'select') continue;
    // An option of two words or more may be said among a value's field words too ("unpaid leave from 18 May").
    const option = optionNamedByTask(e, words) ?? optionNamedByTask(e, task.plainWords, 2) ?? optionMostLikeTask(e, task);
    if (option && !same(e.value, option)) out.push({ action: { kind: 'select', index: e.index, option }, element: e, purpose: 'fill', says: `choose "${option}" in ${quote(e)}` });
  }
  for (const slot of open) {
    if (placed.has(slot) || slot.role === 'target') continue;
    const choice = choiceNamedBy(slot, observation);
    if (choice && !isChecked(choice) && !blocked.isBlocked('click', elementKey(choice))) out.push({ action: { kind: 'click', index: choice.index }, element: choice, purpose: 'toggle', slot, says: `choose ${quote(choice)}` });
  }
  // A group no value chose in: the radio the task's words name.
  const chosenGroups = new Set(out.flatMap((p) => (p.element?.locator?.name && p.purpose === 'toggle' ? [p.element.locator.name] : [])));
  // A task that lists its boxes, or turns switches on and off, has them set by its own step ("Coconut milk" is not the box "Milk").
  const ownStep = !!task.goals.toggles || !!task.goals.switches;
  for (const e of ownStep ? [] : radiosLikeTask(task, observation)) {
    if (!chosenGroups.has(e.locator!.name!) && !blocked.isBlocked('click', elementKey(e))) out.push({ action: { kind: 'click', index: e.index }, element: e, purpose: 'toggle', says: `choose ${quote(e)}` });
  }
  for (const e of ownStep ? [] : observation.elements) {
    if ((toggleScore(e, words) > 0 || namedWhole(e, task)) && !blocked.isBlocked('click', elementKey(e)) && !out.some((p) => p.element === e)) {
      out.push({ action: { kind: 'click', index: e.index }, element: e, purpose: 'toggle', says: `tick ${quote(e)}` });
    }
  }
  return [...out, ...enablers.filter((p) => !out.some((q) => q.element === p.element))].sort((a, b) => (a.element?.index ?? 0) - (b.element?.index ?? 0));
}

/**
 * A field a value would go in but which is off until a box before it is ticked ("Set a
 * monthly limit" before the greyed-out "Monthly limit", "Use another address" before
 * "Address"): that box, when it is the nearest control before the field and their
 * labels share a word. Ticked, the field opens, and the next look fills it.
 */
function enablersFor(ctx: FillContext, unplaced: readonly TaskSlot[]): Planned[] {
  const { observation: o, blocked } = ctx;
  const out: Planned[] = [];
  for (const slot of unplaced) {
    const off = o.elements.filter((e) => e.disabled && elementKind(e) === 'field' && fieldScore(slot, { ...e, disabled: false }, ctx.sem) >= FIELD_MIN);
    for (const field of off) {
      const before = o.elements.filter((e) => e.index < field.index && ['field', 'select', 'toggle'].includes(elementKind(e))).at(-1);
      if (!before || elementKind(before) !== 'toggle' || before.disabled || isChecked(before) || blocked.isBlocked('click', elementKey(before))) continue;
      const fieldWords = new Set(contentWords(labelOf(field)));
      if (!contentWords(labelOf(before)).some((w) => fieldWords.has(w)) || out.some((p) => p.element === before)) continue;
      out.push({ action: { kind: 'click', index: before.index }, element: before, purpose: 'toggle', says: `tick ${quote(before)}: it opens ${quote(field)} for "${slot.value.text}"` });
      break;
    }
  }
  return out;
}

/**
 * A box or radio the task names in full by a phrase of two words or more ("a one-way
 * flight" → "One way"), even where those words also say which field a value goes in.
 */
function namedWhole(e: ObservedElement, task: ParsedTask): boolean {
  return elementKind(e) === 'toggle' && !e.disabled && !isChecked(e) && tokens(labelOf(e)).length >= 2 && containsPhrase(task.text, labelOf(e));
}

/** A row by its first words, to say which row a fill is in. */
const rowName = (e: ObservedElement) => (e.locator?.row ?? '').slice(0, 40);

/**
 * Quoted or searched values left without a field, and as many empty plain text fields
 * left without a value: they belong together ("Search 'dune'" on a page whose only
 * box is labelled "Title or author"; a subject and a body for a "Subject" box and an
 * unlabelled text area), in order.
 */
function loneLeftover(ctx: FillContext, open: TaskSlot[], fillable: ObservedElement[], placed: Map<TaskSlot, ObservedElement>, used: Set<ObservedElement>): void {
  const slots = open.filter((s) => !placed.has(s) && !ctx.placedBefore.has(s.value.text) && (s.value.quoted || s.role === 'search') && s.role !== 'target');
  const textual = (e: ObservedElement) => {
    const type = (e.attrs.type ?? 'text').toLowerCase();
    return ['text', 'search', ''].includes(type) || e.tag === 'textarea' || e.role === 'textbox' || e.role === 'searchbox';
  };
  // A search box takes a value only when the task searches, and a searched value is what it takes (not the feedback sent after the search).
  const searching = slots.some((s) => s.role === 'search') || (ctx.task.verbs.includes('search') && !ctx.task.search);
  let fields = fillable.filter((e) => !used.has(e) && elementKind(e) === 'field' && (e.value ?? '') === '' && textual(e) && (searching || !isSearchField(e)));
  // No empty box, but one message body (a reply's, holding the quoted original): the text goes there.
  if (fields.length === 0) {
    const bodies = fillable.filter((e) => !used.has(e) && e.tag === 'textarea');
    if (bodies.length === 1) fields = bodies;
  }
  // As many quoted values left as empty boxes (a few): in the order the task gives them and the page shows them.
  if (slots.length === 0 || slots.length !== fields.length || slots.length > 3) return;
  const inOrder = [...fields].sort((a, b) => a.index - b.index);
  slots.forEach((slot, i) => {
    placed.set(slot, inOrder[i]!);
    used.add(inOrder[i]!);
  });
}
