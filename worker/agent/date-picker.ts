// A date that must be picked, not typed: the field is read-only and a calendar opens
// from it (or from a calendar button beside it). A person opens the calendar, moves
// month by month towards the date, and clicks the day; the day is known by its label
// ("Thursday, December 24, 2026", "24 December 2026", "2026-12-24") or, in a grid that
// shows only day numbers, by the month shown and its number.
import { type CalendarDate, type DayOfYear, dayLabels, mentionsDate, MONTH_NAMES, parseDate, parseDay } from '../../shared/dates';
import type { Observation, ObservedElement } from '../../shared/observation';
import { normalizeText } from '../../shared/words';
import { type Attempt, elementKey, nameInKey } from './action-ledger';
import { elementKind, labelOf } from './element-match';
import { holds, type Planned, quote } from './fill-plan';
import type { ParsedTask, TaskSlot } from './task-parse';

const NEXT = /^(?:next|next month|›|»|→|>|forward|following month)$|\bnext month\b/i;
const PREVIOUS = /^(?:prev|previous|previous month|‹|«|←|<|back|prior month)$|\bprevious month\b|\bprev month\b/i;
const OPENS_CALENDAR = /\b(?:calendar|choose (?:a )?date|pick (?:a )?date|open (?:the )?(?:calendar|date picker)|date picker)\b|^[▦📅🗓]$/i;

const clickable = (e: ObservedElement) => elementKind(e) === 'control' || elementKind(e) === 'link' || e.role === 'gridcell' || e.role === 'option';

/** The date the task still has to pick: a date value no field holds and no action entered. */
function datePending(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): { slot: TaskSlot; date: DayOfYear } | undefined {
  for (const slot of task.slots) {
    if (slot.role === 'target' || slot.value.kind !== 'date') continue;
    const date = parseDay(slot.value.text);
    if (!date) continue;
    const done =
      o.elements.some((e) => e.value !== undefined && holds(slot, e.value)) ||
      attempts.some((a) => a.result.ok && a.action.kind === 'type' && holds(slot, a.action.text)) ||
      // Its day, picked in a calendar that shows no field (the day's name is the date), or chosen as the choice naming it.
      attempts.some((a) => a.result.ok && a.action.kind === 'click' && (a.purpose === 'fill' || a.purpose === 'toggle') && a.target !== undefined && holds(slot, nameInKey(a.target)));
    if (!done) return { slot, date };
  }
  return undefined;
}

/** A day button of an open calendar: its label is a whole date. */
function dayOf(e: ObservedElement): CalendarDate | null {
  if (!clickable(e)) return null;
  return parseDate(e.attrs['aria-label'] ?? labelOf(e)) ?? parseDate(labelOf(e));
}

/** The month a calendar shows, from its day buttons or a "December 2026" heading in the page text. */
function monthShown(o: Observation): { y: number; m: number } | null {
  const days = o.elements.map(dayOf).filter((d): d is CalendarDate => d !== null);
  if (days.length >= 7) {
    // The month most of its days belong to (grids show a few of the months around it).
    const count = new Map<string, number>();
    for (const d of days) count.set(`${d.y}-${d.m}`, (count.get(`${d.y}-${d.m}`) ?? 0) + 1);
    const [ym] = [...count].sort((a, b) => b[1] - a[1])[0]!;
    const [y, m] = ym.split('-').map(Number);
    return { y: y!, m: m! };
  }
  // A grid of day numbers is open: its heading says the month (not any month the page text names).
  const numbers = o.elements.filter((e) => clickable(e) && /^\d{1,2}$/.test(labelOf(e)));
  if (numbers.length < 20) return null;
  const heading = new RegExp(`\\b(${MONTH_NAMES.join('|')})\\s+(\\d{4})\\b`, 'i').exec(o.text);
  if (!heading) return null;
  return { y: Number(heading[2]), m: MONTH_NAMES.findIndex((n) => n.toLowerCase() === heading[1]!.toLowerCase()) + 1 };
}

export function datePickStep(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): { planned: Planned[]; goal: string } | undefined {
  const pending = datePending(task, o, attempts);
  if (!pending) return undefined;
  const { slot } = pending;
  // A day without its year ("Wednesday 17 March"): the one button that names it, as a strip of days shows them ("Wed 17 Mar").
  if (pending.date.y === undefined) {
    const day = pending.date;
    const naming = o.elements.filter((e) => clickable(e) && !e.disabled && mentionsDate(labelOf(e), day));
    const only = naming.length === 1 ? naming[0]! : undefined;
    return only ? { planned: [{ action: { kind: 'click', index: only.index }, element: only, purpose: 'fill', slot, says: `pick ${quote(only)}` }], goal: `Pick ${day.d} ${MONTH_NAMES[day.m - 1]}` } : undefined;
  }
  const date = pending.date as CalendarDate;
  const labels = new Set(dayLabels(date).map(normalizeText));
  // The day itself, labelled with its whole date.
  const day = o.elements.find((e) => clickable(e) && (labels.has(normalizeText(e.attrs['aria-label'] ?? '')) || labels.has(normalizeText(labelOf(e))) || (dayOf(e) && dayOf(e)!.y === date.y && dayOf(e)!.m === date.m && dayOf(e)!.d === date.d)));
  const shown = monthShown(o);
  const say = `${MONTH_NAMES[date.m - 1]} ${date.d}, ${date.y}`;
  if (day) return { planned: [{ action: { kind: 'click', index: day.index }, element: day, purpose: 'fill', slot, says: `pick ${quote(day)}` }], goal: `Pick ${say} in the calendar` };
  // A grid of bare day numbers under the right month heading.
  if (shown && shown.y === date.y && shown.m === date.m) {
    const number = o.elements.find((e) => clickable(e) && normalizeText(labelOf(e)) === String(date.d));
    if (number) return { planned: [{ action: { kind: 'click', index: number.index }, element: number, purpose: 'fill', slot, says: `pick ${quote(number)}` }], goal: `Pick ${say} in the calendar` };
  }
  if (shown) {
    const forward = date.y * 12 + date.m > shown.y * 12 + shown.m;
    const nav = o.elements.find((e) => clickable(e) && (forward ? NEXT : PREVIOUS).test(normalizeText(e.attrs['aria-label'] ?? labelOf(e))));
    if (nav) return { planned: [{ action: { kind: 'click', index: nav.index }, element: nav, purpose: 'reveal', says: `${forward ? 'next' : 'previous'} month: ${quote(nav)}` }], goal: `Move the calendar towards ${say}` };
    return undefined;
  }
  // No calendar open: open it from the read-only date field, or a calendar button.
  const opened = new Set(attempts.filter((a) => a.purpose === 'reveal' && a.target).map((a) => a.target!));
  const readOnly = o.elements.filter((e) => !opened.has(elementKey(e)) && elementKind(e) === 'field' && e.attrs.readonly !== undefined && !e.value);
  // The read-only field named for a date or for the slot's words, else the only one.
  const words = new RegExp(`date|when|day|calendar${slot.hints.map((h) => `|${h.replace(/[^\w]/g, '')}`).join('')}`, 'i');
  const opener =
    readOnly.find((e) => words.test(`${labelOf(e)} ${e.locator?.placeholder ?? ''}`)) ??
    (readOnly.length === 1 ? readOnly[0] : undefined) ??
    o.elements.find((e) => !opened.has(elementKey(e)) && clickable(e) && OPENS_CALENDAR.test(e.attrs['aria-label'] ?? labelOf(e)));
  if (opener) return { planned: [{ action: { kind: 'click', index: opener.index }, element: opener, purpose: 'reveal', says: `open the calendar: ${quote(opener)}` }], goal: `Open the calendar to pick ${say}` };
  return undefined;
}
