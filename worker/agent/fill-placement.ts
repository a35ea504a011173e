// Where a value goes when field words alone do not say: the grid cell the task's other
// values name ("Minestrone for lunch on Wednesday" → the cell "Lunch Wednesday"), the
// option a name read short stands for ("Prawn" of "Prawn pad thai"), the radio button a
// value names ("priority Urgent") or the task's words do ("with a neighbour"), the rows of
// a table the task names by their own words ("assign #1045 and #1047 to Priya"), and the
// two ends of a range in start-then-end order.
import type { Observation, ObservedElement } from '../../shared/observation';
import { containsPhrase, contentWords, normalizeText } from '../../shared/words';
import { type Blocked, elementKey } from './action-ledger';
import { elementKind, FIELD_MIN, fieldScore, isChecked, labelOf, matchingOption, optionNamedByTask, optionsOf, soleBest } from './element-match';
import type { ParsedTask, TaskSlot } from './task-parse';

/** One of a set of options to choose from: a radio button (in a menu too), or a toggle button (a time slot: `aria-pressed`). */
const isChoice = (e: ObservedElement) => e.role === 'radio' || e.role === 'menuitemradio' || (e.attrs.type ?? '').toLowerCase() === 'radio' || e.attrs['aria-pressed'] !== undefined;

/**
 * The radio (or toggle) button a value names ("priority Urgent" → the option "Urgent"; "at 13:30" → the time "13:30"): its label is
 * the value, or opens with it and goes on to describe it ("Initial assessment 45 min ·
 * £65") when no other option opens so; of several so named, the one whose group the
 * value's field words name.
 */
export function choiceNamedBy(slot: TaskSlot, o: Observation): ObservedElement | undefined {
  const want = normalizeText(slot.value.text);
  const choices = o.elements.filter((e) => isChoice(e) && !e.disabled);
  let named = choices.filter((e) => normalizeText(labelOf(e)) === want);
  if (named.length === 0 && want) {
    const opening = choices.filter((e) => normalizeText(labelOf(e)).startsWith(`${want} `));
    if (opening.length === 1) named = opening;
  }
  if (named.length <= 1) return named[0];
  // A group's words: the text before its options and its name attribute.
  const groupWords = (e: ObservedElement) => {
    const group = o.elements.filter((x) => isChoice(x) && x.locator?.name !== undefined && x.locator.name === e.locator?.name);
    return normalizeText([group[0]?.locator?.near ?? e.locator?.near ?? '', e.locator?.name ?? ''].join(' '));
  };
  const fits = named.filter((e) => slot.hints.some((h) => groupWords(e).includes(h)));
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The radios of a group (one name) none of which the task names by a value: the one
 * whose label shares more of the task's words than any other does ("With a neighbour"
 * for "leave it with a neighbour at number 21"), when the one checked shares fewer.
 */
export function radiosLikeTask(task: ParsedTask, o: Observation): ObservedElement[] {
  const radios = o.elements.filter((e) => (e.role === 'radio' || (e.attrs.type ?? '').toLowerCase() === 'radio') && e.locator?.name !== undefined);
  const groups = new Map<string, ObservedElement[]>();
  for (const e of radios) groups.set(e.locator!.name!, [...(groups.get(e.locator!.name!) ?? []), e]);
  const out: ObservedElement[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const shared = group.map((e) => new Set(contentWords(labelOf(e)).filter((w) => task.plainWords.includes(w))).size);
    const best = soleBest(shared);
    const checked = group.findIndex(isChecked);
    if (best >= 0 && !group[best]!.disabled && (checked < 0 || shared[checked]! < shared[best]!)) out.push(group[best]!);
  }
  return out;
}

/**
 * Values that say which field another value goes in: "plan Minestrone for lunch on
 * Wednesday" on a grid whose cells are named "Lunch Wednesday". For each slot, the
 * test of a field: when other values of the task name some fields, its field is one
 * that names them all (if any does).
 */
export function fieldsLocatedBy(
  task: ParsedTask,
  fillable: readonly ObservedElement[],
): { within: (slot: TaskSlot, e: ObservedElement) => boolean; locating: Set<TaskSlot>; alsoHinted: (slot: TaskSlot, e: ObservedElement) => number } {
  const names = (e: ObservedElement, s: TaskSlot) => containsPhrase(labelOf(e), s.value.text);
  // Only a value that names no option of a field it names, and is not the field's whole name ("City: Paris" is a value).
  const locates = (s: TaskSlot) =>
    ['name', 'date', 'number'].includes(s.value.kind) && fillable.some((e) => names(e, s) && normalizeText(labelOf(e)) !== normalizeText(s.value.text)) && !fillable.some((e) => matchingOption(optionsOf(e), s.value.text));
  const locating = new Set(task.slots.filter(locates));
  // The words around a locating value name the cell too ("Shakshuka on Sunday for dinner": "Dinner Sunday").
  const alsoHinted = (slot: TaskSlot, e: ObservedElement) => {
    const words = contentWords(labelOf(e));
    return 0.05 * [...locating].filter((s) => s !== slot).reduce((n, s) => n + s.hints.filter((h) => words.includes(h)).length, 0);
  };
  const within = (slot: TaskSlot, e: ObservedElement) => {
    const others = [...locating].filter((s) => s !== slot);
    if (others.length === 0 || !fillable.some((f) => others.every((s) => names(f, s)))) return true;
    return others.every((s) => names(e, s));
  };
  return { within, locating, alsoHinted };
}

/**
 * A name read short: "Prawn pad thai" reads as the name "Prawn" (the words after it are
 * lower case). When a select offers an option that holds the name and the task says that
 * whole option, the slot stands for the option.
 */
export function wholeNames(task: ParsedTask, fillable: readonly ObservedElement[]): (slot: TaskSlot) => TaskSlot {
  const options = [...new Set(fillable.flatMap((e) => (elementKind(e) === 'select' ? optionsOf(e) : [])))];
  const cache = new Map<TaskSlot, TaskSlot>();
  return (slot) => {
    if (slot.value.kind !== 'name') return slot;
    let out = cache.get(slot);
    if (!out) {
      const longer = options.filter((o) => o.length > slot.value.text.length && containsPhrase(o, slot.value.text) && containsPhrase(task.text, o));
      out = longer.length === 1 ? { ...slot, value: { ...slot.value, text: longer[0]! } } : slot;
      cache.set(slot, out);
    }
    return out;
  };
}

/** A planned fill in a row: the value's slot, the field, and the option or text it takes. */
export interface RowFill {
  /** None for an option the task says in words ("put Ada on the Early shift"). */
  slot?: TaskSlot;
  element: ObservedElement;
  /** The option to choose (a select) or the text to type. */
  text: string;
}

/**
 * Rows of fields the task names by their own words: "assign #1045 and #1047 to Priya,
 * priority Normal" on a table whose every row has its "Assignee" and "Priority" selects;
 * "set the quantity of Blue kettle to 3" in a basket. A value that some rows' text says
 * (not all of them) and no field offers as an option names rows; each other value goes
 * into its own field of every row named (the select offering it, else the field its words
 * name). Undefined when the task names no such rows; `handled` are the values that name
 * rows or go into them (the rest are for the page's other fields).
 */
export function rowFills(task: ParsedTask, o: Observation, blocked: Blocked, holds: (slot: TaskSlot, value: string) => boolean): { fills: RowFill[]; handled: Set<TaskSlot> } | undefined {
  const inRows = o.elements.filter((e) => (elementKind(e) === 'field' || elementKind(e) === 'select') && !!e.locator?.row && !e.disabled);
  const rows = new Map<string, ObservedElement[]>();
  for (const e of inRows) rows.set(e.locator!.row!, [...(rows.get(e.locator!.row!) ?? []), e]);
  if (rows.size < 2) return undefined;
  const offered = inRows.flatMap(optionsOf);
  const slots = task.slots.filter((s) => s.role !== 'target');
  // The rows each value names, read once.
  const rowsNamed = new Map(slots.map((s) => [s, [...rows.keys()].filter((r) => containsPhrase(r, s.value.text))]));
  const names = (s: TaskSlot) => {
    const n = rowsNamed.get(s)!.length;
    return n > 0 && n < rows.size && !matchingOption(offered, s.value.text) && !inRows.some((e) => e.value !== undefined && holds(s, e.value));
  };
  const naming = slots.filter(names);
  if (naming.length === 0) return undefined;
  const named = new Set(naming.flatMap((s) => rowsNamed.get(s)!));
  const out: RowFill[] = [];
  const handled = new Set(naming);
  for (const slot of slots.filter((s) => !naming.includes(s))) {
    for (const row of named) {
      const fields = rows.get(row)!.filter((e) => !blocked.isBlocked(elementKind(e) === 'select' ? 'select' : 'type', elementKey(e)));
      // The select that offers it, else the field its words name best.
      const offering = fields.flatMap((e) => {
        const option = elementKind(e) === 'select' ? matchingOption(optionsOf(e), slot.value.text) : undefined;
        return option ? [{ e, option }] : [];
      })[0];
      const field = offering?.e ?? fields.filter((e) => elementKind(e) === 'field').map((e) => ({ e, score: fieldScore(slot, e) })).filter((x) => x.score >= FIELD_MIN).sort((a, b) => b.score - a.score)[0]?.e;
      if (!field) continue;
      handled.add(slot);
      const text = offering?.option ?? slot.value.text;
      if (field.value !== undefined && (holds(slot, field.value) || normalizeText(field.value) === normalizeText(text))) continue;
      out.push({ slot, element: field, text });
    }
  }
  // An option the task says in words, not as a value ("on the Early shift"), in each row's selects that no value took.
  for (const row of named) {
    for (const e of rows.get(row)!) {
      if (elementKind(e) !== 'select' || out.some((f) => f.element === e) || blocked.isBlocked('select', elementKey(e))) continue;
      const option = optionNamedByTask(e, task.plainWords);
      if (option && normalizeText(e.value ?? '') !== normalizeText(option) && !slots.some((s) => !naming.includes(s) && matchingOption(optionsOf(e), s.value.text))) out.push({ element: e, text: option });
    }
  }
  return { fills: out, handled };
}

/** What joins the two ends of a range ("3 May – 7 May", "from 9:00 to 17:00", "between 2 and 5"). */
const RANGE_JOIN = /^\s*(?:[-–—]|to|until|till|through|thru|and)\s*$/i;
const START_WORDS = /\b(?:start|starts|starting|first|from|begin|begins|beginning|earliest|min|minimum|check-?in|since|opens?)\b/i;
const END_WORDS = /\b(?:end|ends|ending|last|to|until|till|through|finish|latest|max|maximum|check-?out|return|returning|closes?)\b/i;

/**
 * The two ends of a range go start first: into the field whose label says start/first/from
 * and the one that says end/last/to, else in the page's order. Field words do not tell
 * them apart ("leave for 15 November – 19 November" gives the second date none at all).
 */
export function orderRanges(task: ParsedTask, placed: Map<TaskSlot, ObservedElement>): void {
  const slots = task.slots;
  for (let i = 0; i + 1 < slots.length; i++) {
    const [a, b] = [slots[i]!, slots[i + 1]!];
    if (a.value.kind !== b.value.kind || !['date', 'time', 'number'].includes(a.value.kind)) continue;
    if (!RANGE_JOIN.test(task.text.slice(a.value.end, b.value.start))) continue;
    const [ea, eb] = [placed.get(a), placed.get(b)];
    if (!ea || !eb) continue;
    const says = (e: ObservedElement) => (START_WORDS.test(labelOf(e)) ? 'start' : END_WORDS.test(labelOf(e)) ? 'end' : undefined);
    const swap = says(ea) === 'end' || says(eb) === 'start' ? true : says(ea) === 'start' || says(eb) === 'end' ? false : ea.index > eb.index;
    if (swap) {
      placed.set(a, eb);
      placed.set(b, ea);
    }
  }
}

const FIRST_NAME = /\b(?:first|given|fore)\s*name\b/i;
const LAST_NAME = /\b(?:(?:last|family)\s*name|surname)\b/i;

/** The words of a person's name, when it has two or more. */
const nameWords = (slot: TaskSlot) => (slot.value.kind === 'name' && !slot.value.quoted ? slot.value.text.trim().split(/\s+/) : []);

/**
 * A person's full name for a form that asks for it in two parts ("First name", "Last
 * name"): all but the last word go in the one, the last word in the other; each name of
 * the task takes the first pair of fields still free, so two passengers fill two pairs.
 */
export function splitNames(open: readonly TaskSlot[], fillable: readonly ObservedElement[], used: Set<ObservedElement>): { slot: TaskSlot; first: ObservedElement; last: ObservedElement; given: string; family: string }[] {
  const out: { slot: TaskSlot; first: ObservedElement; last: ObservedElement; given: string; family: string }[] = [];
  const part = (re: RegExp) => (e: ObservedElement) => !used.has(e) && elementKind(e) === 'field' && re.test(labelOf(e));
  for (const slot of open) {
    const words = nameWords(slot);
    if (words.length < 2 || slot.hints.some((h) => h === 'first' || h === 'last' || h === 'surnam')) continue;
    const first = fillable.find(part(FIRST_NAME));
    const last = first && fillable.find((e) => part(LAST_NAME)(e) && e.index > first.index && (e.locator?.form ?? '') === (first.locator?.form ?? ''));
    if (!first || !last) break;
    used.add(first);
    used.add(last);
    out.push({ slot, first, last, given: words.slice(0, -1).join(' '), family: words.at(-1)! });
  }
  return out;
}

/** A full name typed in parts (splitNames) is in once every part is: `entered` holds what went in. */
export function nameEnteredInParts(slot: TaskSlot, entered: readonly string[]): boolean {
  const words = nameWords(slot).map((w) => w.toLowerCase());
  if (words.length < 2) return false;
  const whole = ` ${words.join(' ')} `;
  const parts = entered.map((t) => t.trim().toLowerCase()).filter((t) => t && !t.includes('@') && whole.includes(` ${t} `));
  return words.every((w) => parts.some((p) => ` ${p} `.includes(` ${w} `)));
}
