// Lists: the n-th of a list of results across its pages, and the item a task picks out
// by who or what it is about ("the email from Bob") with what to do to it (reply,
// forward, delete, star…). A page's list is the biggest group of links that repeat one
// structure (the same DOM path but for their position), not its pagination.
import type { Observation, ObservedElement } from '../../shared/observation';
import { type CalendarDate, coversDay, parseDate, parseDay } from '../../shared/dates';
import { extractValues } from '../../shared/task-values';
import { containsPhrase, contentWords, normalizeText, stem } from '../../shared/words';
import { type Attempt, type Blocked, elementKey, nameInKey } from './action-ledger';
import { elementKind, labelOf } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { ItemAction } from './task-goals';
import type { ParsedTask } from './task-parse';

export interface ListPlan {
  planned: Planned[];
  goal: string;
  /** A line for the step's notes: where the list stands. */
  notes?: string;
}

const PAGER = /^(?:\d+|next|previous|prev|more|older|newer|first|last|[‹›«»<>←→]+|next page|previous page|(?:go to )?page \d+)$/i;
const NEXT = /^(?:next|next page|more|older|›|»|→|>)$/i;

/** The path of an element with its positions taken out: what its siblings in a list share. */
const shape = (e: ObservedElement) => (e.locator?.path ?? '').replace(/:nth-of-type\(\d+\)/g, '');

/** The list on this page: the biggest group of named links (or clickable rows) of one shape (or of the shape given). */
export function listItems(o: Observation, known?: string): ObservedElement[] {
  const groups = new Map<string, ObservedElement[]>();
  for (const e of o.elements) {
    const kind = elementKind(e);
    if ((kind !== 'link' && kind !== 'control') || !e.locator?.path || PAGER.test(labelOf(e).trim()) || !labelOf(e)) continue;
    const key = `${kind}|${shape(e)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  // On a later page of a list already seen, its shape says which links are its items, however few.
  if (known) return groups.get(known) ?? [];
  let best: ObservedElement[] = [];
  for (const g of groups.values()) if (g.length > best.length || (g.length === best.length && g.length > 0 && labelOf(g[0]!).length > labelOf(best[0]!).length)) best = g;
  return best.length >= 2 ? best : [];
}

const PLAN_LINE = /^List: (\d+) a page; the (\d+)(?:st|nd|rd|th) is on page (\d+); items are ("(?:[^"\\]|\\.)*")\.$/m;
const keyOf = (e: ObservedElement) => `${elementKind(e)}|${shape(e)}`;

/** The n-th result (1-based, -1 the last), going through the list's pages. */
export function ordinalStep(task: ParsedTask, o: Observation, attempts: readonly Attempt[], notes: string | undefined): ListPlan | undefined {
  const want = task.goals.ordinal;
  if (!want) return undefined;
  // A search the task asks for comes first.
  if (task.search && !attempts.some((a) => a.purpose === 'search' && a.result.ok)) return undefined;
  const plan = PLAN_LINE.exec(notes ?? '');
  const items = listItems(o, plan ? (JSON.parse(plan[4]!) as string) : undefined);
  if (items.length === 0) return undefined;
  if (want.n === -1) return pick(items.at(-1)!, 'the last');
  const perPage = plan ? Number(plan[1]) : items.length;
  const page = Math.ceil(want.n / perPage);
  const line = `List: ${perPage} a page; the ${want.n}${suffix(want.n)} is on page ${page}; items are ${JSON.stringify(plan ? JSON.parse(plan[4]!) : keyOf(items[0]!))}.`;
  // Which page is this: page 1 until a pager link was followed; then the number followed, or one more per "next".
  const followed = attempts.filter((a) => a.purpose === 'reveal' && a.result.ok && a.action.kind === 'click');
  let current = 1;
  for (const a of followed) {
    const name = nameInKey(a.target ?? '');
    if (/^\d+$/.test(name)) current = Number(name);
    else if (NEXT.test(name)) current++;
  }
  if (current === page) {
    const at = want.n - (page - 1) * perPage;
    const item = items[at - 1];
    return item ? { ...pick(item, `the ${want.n}${suffix(want.n)}`), notes: line } : undefined;
  }
  const pager = o.elements.find((e) => (elementKind(e) === 'link' || elementKind(e) === 'control') && labelOf(e).trim() === String(page)) ?? (page > current ? o.elements.find((e) => (elementKind(e) === 'link' || elementKind(e) === 'control') && NEXT.test(labelOf(e).trim())) : undefined);
  if (!pager) return undefined;
  return { planned: [{ action: { kind: 'click', index: pager.index }, element: pager, purpose: 'reveal', says: `go to page ${page}: ${quote(pager)}` }], goal: `The ${want.n}${suffix(want.n)} result is on page ${page}`, notes: line };
}

function pick(item: ObservedElement, which: string): ListPlan {
  return { planned: [{ action: { kind: 'click', index: item.index }, element: item, purpose: 'press', says: `open ${which}: ${quote(item)}` }], goal: `Open ${which} of the list, ${quote(item)}` };
}

const suffix = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th');

/** Actions whose press is the task's end ("delete it"); reply and forward go on to a form. */
export const ENDS_THE_TASK: readonly ItemAction[] = ['delete', 'star', 'archive', 'flag', 'mark', 'cancel'];

/** Words a control for an action may carry in its name, aria-label or title. */
const ACTION_WORDS: Record<ItemAction, RegExp> = {
  reply: /\breply\b|↩/i,
  forward: /\bforward\b|↪/i,
  delete: /\b(?:delete|trash|remove)\b|🗑|✕/i,
  star: /\b(?:star|favou?rite)\b|☆|★/i,
  archive: /\barchive\b/i,
  flag: /\bflag\b|⚑/i,
  mark: /\bmark\b/i,
  cancel: /\b(?:cancel|withdraw)\b/i,
  open: /\bopen\b/i,
};

/**
 * The item the task picks out: opened first (the row or link that names who or what it
 * is about), then the control for what to do to it. Undefined once both are done, or
 * when the page shows neither (the form filler goes on).
 */
export function itemStep(task: ParsedTask, observation: Observation, attempts: readonly Attempt[], blocked: Blocked, reveal: (lookingFor: string) => ListPlan | undefined): ListPlan | undefined {
  const item = task.goals.item;
  if (!item) return undefined;
  // A control that failed here (covered by a dialog) or was tried on this very screen is not pressed again.
  const o = { ...observation, elements: observation.elements.filter((e) => !blocked.isBlocked('click', elementKey(e))) };
  const keys = [item.key, ...(item.also ?? [])];
  // Opened by its own name, or by a control in its row ("Card options" in the row of card 8903): that control is not pressed again.
  const opened = attempts.some((a) => a.purpose === 'open' && a.result.ok && (containsPhrase(nameInKey(a.target ?? ''), item.key) || (!!a.row && keys.every((k) => mentions(a.row!, k)))));
  const action = task.goals.itemAction;
  const pressed = action ? attempts.some((a) => a.purpose === 'press' && a.result.ok) : false;
  if (pressed) return undefined;
  const control = action && action !== 'open' ? o.elements.find((e) => (elementKind(e) === 'control' || elementKind(e) === 'link') && ACTION_WORDS[action].test(`${labelOf(e)} ${e.attrs['aria-label'] ?? ''} ${e.attrs.title ?? ''}`)) : undefined;
  if (!opened) {
    const says = (e: ObservedElement) => keys.every((k) => mentions(labelOf(e), k) || mentions(e.locator?.row ?? '', k));
    // The row that says all the task says of it has the action's own control ("Cancel" in the row of the appointment): pressed there.
    const inRow = control && action ? o.elements.find((e) => (elementKind(e) === 'control' || elementKind(e) === 'link') && ACTION_WORDS[action].test(labelOf(e)) && !!e.locator?.row && says(e)) : undefined;
    if (inRow) return pressFor(action!, inRow, item.noun, keys);
    // Else the row or link that names it (its own name, or its row's words) is opened first.
    const rows = o.elements.filter((e) => (elementKind(e) === 'link' || elementKind(e) === 'control') && says(e) && !ACTION_WORDS[action ?? 'open'].test(labelOf(e)) && !PAGER.test(labelOf(e)));
    // A link named exactly so before one that only contains it ("Invoice missing", not "Invoice missing VAT number").
    const exact = rows.filter((e) => normalizeText(labelOf(e)) === normalizeText(item.key));
    const row = [...exact, ...rows].find((e) => elementKind(e) === 'link') ?? rows[0];
    if (row) return { planned: [{ action: { kind: 'click', index: row.index }, element: row, purpose: 'open', says: `open the ${item.noun} ${quote(row)}` }], goal: `Open the ${item.noun} of "${keys.join('", "')}"` };
    // Not on this page: the next page of the list, another tab, a section to open.
    return reveal(keys.join(' '));
  }
  if (control) return pressFor(action!, control, item.noun, [item.key]);
  return undefined;
}

/** Presses the control that does the task's action to the item ("Cancel the appointment of …"). */
function pressFor(action: ItemAction, control: ObservedElement, noun: string, keys: readonly string[]): ListPlan {
  return { planned: [{ action: { kind: 'click', index: control.index }, element: control, purpose: 'press', says: `${action} it: ${quote(control)}` }], goal: `${action[0]!.toUpperCase()}${action.slice(1)} the ${noun} of "${keys.join('", "')}"` };
}

/** The text names `key`: its words, or, for a day, the same day written any usual way or a range of days that takes it in. */
function mentions(text: string, key: string): boolean {
  if (containsPhrase(text, key)) return true;
  const day = /\d/.test(key) ? parseDay(key, 'dmy') : null;
  return day !== null && coversDay(text, day);
}

/**
 * After the task's action was pressed, the page asks to be sure (a dialog's "Cancel
 * appointment", "Yes, delete"): the new control that says the same, pressed once.
 */
export function confirmStep(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): ListPlan | undefined {
  const action = task.goals.itemAction;
  if (!task.goals.item || !action || !ENDS_THE_TASK.includes(action)) return undefined;
  // Once, right after the press: a press that followed a press was the confirmation (a
  // press tried again after closing what covered the page asks again).
  const done = attempts.filter((a) => a.result.ok);
  if (done.at(-1)?.purpose !== 'press' || done.at(-2)?.purpose === 'press') return undefined;
  // A bare "Cancel" or "Close" beside the confirmation dismisses the question, whatever the action.
  const sure = o.elements.find((e) => e.isNew && elementKind(e) === 'control' && !DISMISS.test(labelOf(e).trim()) && (ACTION_WORDS[action].test(labelOf(e)) || CONFIRM.test(labelOf(e))));
  if (!sure) return undefined;
  return { planned: [{ action: { kind: 'click', index: sure.index }, element: sure, purpose: 'press', says: `confirm: ${quote(sure)}` }], goal: `Confirm: press "${labelOf(sure)}"` };
}

const CONFIRM = /^(?:yes|ok|okay|confirm|i'?m sure)\b/i;
const DISMISS = /^(?:cancel|close|no|back|keep(?: it)?|not now|never ?mind|dismiss|×|✕)$/i;

/** A price in a row's text ("$129", "129.50 €", "EUR 80"). */
function priceIn(text: string): number | null {
  const m = /(?:[$€£¥]|\b(?:USD|EUR|GBP)\b)\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(?:[$€£¥]|\b(?:USD|EUR|GBP|dollars|euros)\b)/i.exec(text);
  const n = m ? (m[1] ?? m[2])! : null;
  return n === null ? null : Number(n.replace(/,/g, ''));
}

/** A duration in a row's text, in minutes ("2h 35m", "2 h 5 min", "155 min", "1:45"). */
function durationIn(text: string): number | null {
  const hm = /(\d+)\s*h(?:ours?|rs?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?/i.exec(text);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2] ?? 0);
  const min = /(\d+)\s*min(?:utes?)?\b/i.exec(text);
  return min ? Number(min[1]) : null;
}

/** A time of day in a row's text, in minutes after midnight (the first one: departure). */
function timeIn(text: string): number | null {
  const m = /\b(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?/i.exec(text);
  if (!m) return null;
  let h = Number(m[1]) % 12;
  if (!m[3] || !/^p/i.test(m[3])) h = Number(m[1]);
  else h += 12;
  return h * 60 + Number(m[2]);
}

/**
 * Of several rows with the same control ("Book", "Select"), the one the task's
 * superlative picks (the cheapest, the shortest…), read off each row's text; its
 * control is pressed.
 */
export function superlativeStep(task: ParsedTask, o: Observation): ListPlan | undefined {
  const which = task.goals.superlative;
  if (!which) return undefined;
  const read = which === 'cheapest' || which === 'most expensive' ? priceIn : which === 'shortest' || which === 'longest' ? durationIn : timeIn;
  const lowest = which === 'cheapest' || which === 'shortest' || which === 'earliest';
  // Controls that repeat, one per row ("Book" ×5, or "Book the 17:30 flight for $675" ×5 with
  // their own figures): grouped by their name without its figures; each read off its row, or its name.
  const skeleton = (e: ObservedElement) => labelOf(e).replace(/[$€£¥]?\d[\d.,:]*\s*(?:[$€£¥]|h\b|m\b|min\b)?/gi, '#');
  const textOf = (e: ObservedElement) => e.locator?.row ?? labelOf(e);
  const byName = new Map<string, ObservedElement[]>();
  for (const e of o.elements) {
    if (elementKind(e) !== 'control' && elementKind(e) !== 'link') continue;
    if (!e.locator?.row && !/\d/.test(labelOf(e))) continue;
    byName.set(skeleton(e), [...(byName.get(skeleton(e)) ?? []), e]);
  }
  let best: { e: ObservedElement; v: number } | undefined;
  for (const group of [...byName.values()].sort((a, b) => b.length - a.length)) {
    const read2 = group.map((e) => ({ e, v: read(textOf(e)) })).filter((x): x is { e: ObservedElement; v: number } => x.v !== null);
    if (read2.length < 2 || read2.length < group.length) continue;
    for (const x of read2) if (!best || (lowest ? x.v < best.v : x.v > best.v)) best = x;
    break;
  }
  if (!best) return undefined;
  return { planned: [{ action: { kind: 'click', index: best.e.index }, element: best.e, purpose: 'press', says: `take the ${which}: ${quote(best.e)}` }], goal: `Take the ${which}: ${textOf(best.e).slice(0, 120)}` };
}

/**
 * The day of a row the task means: of the days its text names ("9 Mar 2027", a day
 * without a year takes `year`), the one whose column header shares a word with what
 * the task says of it ("due before …": "Due: 9 Mar 2027"), else the last (a due or end
 * date follows the day it started).
 */
function rowDay(row: string, about: string, year: number): CalendarDate | undefined {
  const words = contentWords(about);
  let last: CalendarDate | undefined;
  for (const v of extractValues(row)) {
    if (v.kind !== 'date') continue;
    const date = parseDate(v.text, 'dmy') ?? parseDate(`${v.text} ${year}`, 'dmy');
    if (!date) continue;
    const header = /([^:]{1,30}):\s*$/.exec(row.slice(0, v.start))?.[1];
    if (header && contentWords(header).some((w) => words.includes(w))) return date;
    last = date;
  }
  return last;
}

/** What an icon-only control does, as people read the icon. */
const ICON_VERBS: Record<string, readonly string[]> = {
  '↻': ['renew', 'refresh', 'reload', 'retry', 'repeat', 'redo'],
  '⟳': ['renew', 'refresh', 'reload', 'retry', 'repeat', 'redo'],
  '🔄': ['renew', 'refresh', 'reload', 'retry', 'repeat', 'redo'],
  '✎': ['edit'],
  '✏': ['edit'],
  '🗑': ['delete', 'remove', 'trash'],
  '↩': ['reply'],
  '↪': ['forward'],
  '⚑': ['flag'],
  '☆': ['star'],
  '★': ['star'],
};

/** The control's name, aria-label or title says the verb (its stem), in words or by its icon. */
function doesVerb(e: ObservedElement, verb: string): boolean {
  const said = `${labelOf(e)} ${e.attrs['aria-label'] ?? ''} ${e.attrs.title ?? ''}`;
  if (contentWords(said).includes(verb)) return true;
  return [...said].some((c) => (ICON_VERBS[c] ?? []).some((v) => stem(v) === verb));
}

const dayNumber = (d: CalendarDate) => d.y * 10_000 + d.m * 100 + d.d;

/**
 * "Renew every loan due before 9 March 2027": the control for the verb in each row whose
 * day (rowDay) stands so to the task's day, pressed one row at a time; done when no such row has the
 * control any more. A row that does not change after its press is not pressed again.
 */
export function rowsByDateStep(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): ListPlan | undefined {
  const want = task.goals.rowsByDate;
  const day = want ? parseDate(want.date) : null;
  if (!want || !day) return undefined;
  const verb = stem(want.verb);
  const controls = o.elements.filter((e) => (elementKind(e) === 'control' || elementKind(e) === 'link') && !e.disabled && !!e.locator?.row && doesVerb(e, verb));
  if (controls.length === 0) return undefined;
  const fits = (e: ObservedElement) => {
    const last = rowDay(e.locator!.row!, want.about, day.y);
    if (!last) return false;
    const diff = dayNumber(last) - dayNumber(day);
    return want.relation === 'before' ? diff < 0 : want.relation === 'after' ? diff > 0 : diff === 0;
  };
  const pressedRows = new Set(attempts.filter((a) => a.purpose === 'press' && a.result.ok && a.row).map((a) => a.row));
  const next = controls.find((e) => fits(e) && !pressedRows.has(e.locator!.row!));
  const said = `${want.verb} every row ${want.relation} ${want.date}`;
  if (next) return { planned: [{ action: { kind: 'click', index: next.index }, element: next, purpose: 'press', says: `${want.verb}: ${quote(next)} in "${next.locator!.row!.slice(0, 60)}"` }], goal: `${said[0]!.toUpperCase()}${said.slice(1)}` };
  const done = attempts.filter((a) => a.purpose === 'press' && a.result.ok).length;
  return { planned: [{ action: { kind: 'done', success: true, text: done ? `Did "${want.verb}" to every row ${want.relation} ${want.date} (${done}).` : `No row is ${want.relation} ${want.date}.` }, purpose: 'finish', says: 'the page shows the task done' }], goal: `Finish: no row ${want.relation} ${want.date} is left to ${want.verb}` };
}
