// What a task asks for, read without a model: its values (by shape), what each value
// is for (a field to fill, a search query, something to open), the field words
// around each value ("email ada@x.org", "42 as the quantity", "city to Paris"), and
// the verbs that name the goal (search, subscribe, sign in, buy…). Plain English task
// phrasing only; nothing here knows any site.
import { extractValues, type TaskValue } from '../../shared/task-values';
import { containsPhrase, contentWords, isStopWord, normalizeText, stem } from '../../shared/words';
import { type TaskGoals, taskGoals } from './task-goals';

/** Goal verbs and the control names that carry them out. Phrases are matched on stemmed words. */
export const VERB_GROUPS = {
  search: ['search', 'find', 'look up', 'look for', 'lookup', 'seek', 'go'],
  subscribe: ['subscribe', 'sign up', 'join', 'register', 'opt in'],
  signup: ['sign up', 'register', 'create account', 'create an account', 'join', 'enroll', 'enrol', 'get started'],
  signin: ['sign in', 'log in', 'login', 'log on', 'logon'],
  // The basket (cart, bag) is where a purchase is checked out.
  buy: ['buy', 'purchase', 'order', 'place order', 'checkout', 'check out', 'pay', 'add to cart', 'add to basket', 'add to bag', 'basket', 'cart', 'bag'],
  book: ['book', 'reserve', 'reservation', 'hold', 'place hold', 'place a hold'],
  send: ['send', 'submit', 'post', 'contact', 'message', 'apply', 'request', 'ask'],
  save: ['save', 'update', 'change', 'apply', 'confirm'],
  open: ['open', 'view', 'show', 'visit', 'read', 'go to', 'see', 'details', 'more'],
} as const;
export type VerbGroup = keyof typeof VERB_GROUPS;

/** Words of controls that move a form on without naming a goal. */
export const PROCEED_PHRASES = ['next', 'continue', 'proceed', 'submit', 'ok', 'go', 'confirm', 'done', 'finish', 'send', 'save', 'complete'];

/** Words of controls that undo, leave or destroy: never clicked unless the task says so. */
export const NEGATIVE_WORDS = new Set(
  ['unsubscribe', 'cancel', 'delete', 'remove', 'reset', 'clear', 'signout', 'optout', 'back', 'close', 'dismiss', 'decline', 'reject', 'deny', 'discard', 'undo', 'empty', 'previous', 'prev', 'unfollow', 'leave'].map(stem),
);
/** Negatives of more than one word. */
export const NEGATIVE_PHRASES = ['go back', 'no thanks'];

const OPEN_VERBS = new Set(['open', 'view', 'visit', 'read', 'show', 'see', 'click', 'choose', 'pick', 'select', 'go'].map(stem));
const SEARCH_VERBS = new Set(['search', 'find', 'look', 'lookup', 'seek', 'locate', 'browse'].map(stem));
/** Verbs and filler that only carry the goal; they never name a field. */
const GOAL_WORDS = new Set(
  (
    'subscribe sign join register create enroll enrol log login logon search find look lookup seek locate browse buy purchase order checkout ' +
    'pay add book reserve send submit post apply save update change confirm open view show visit read see go fill enter type set put use ' +
    'write give provide want like need make get click press choose pick select form page site website field box ' +
    // Words for "a field" in general name no field in particular.
    'textbox textfield text input area textarea'
  )
    .split(' ')
    .map(stem),
);
/** Verbs that send something to someone: "to X" after one of them names the recipient. */
const SENDING = new Set(['send', 'forward', 'email', 'mail', 'message', 'write', 'invite', 'share', 'assign', 'reply', 'transfer', 'pay'].map(stem));
/** The hint a recipient's value carries (fields named To, Recipient, Send to). */
export const RECIPIENT = 'recipient';

/** Words that end the stretch of text a value's field words are taken from. */
const BOUNDARY_WORDS = new Set(['and', 'then', 'but', 'or', 'while', 'after', 'before', 'plus']);

export type SlotRole = 'field' | 'search' | 'target';

export interface TaskSlot {
  value: TaskValue;
  role: SlotRole;
  /** Stemmed words that say which field the value belongs in ("email", "city", "quantity"). */
  hints: string[];
  /** The same words as written, for embedding ("postcode", not "postcod"). */
  hintText: string;
  /** The word right before the value, stop words included ("from: OPO", "to Paris"): a field may be labelled just that. */
  labelWord?: string;
}

export interface ParsedTask {
  text: string;
  slots: TaskSlot[];
  /** Goal verbs the task uses. */
  verbs: VerbGroup[];
  /** Stemmed content words of the task, values included. */
  words: string[];
  /** Stemmed content words outside the values (what the task says about the page). */
  plainWords: string[];
  /** The value to search for, if the task searches. */
  search?: TaskSlot;
  /** What the task wants opened at the end: an explicit target, else the search query when asked to open it. */
  target?: string;
  /** The target is a thing the task acquires ("Buy 2 "Road Glide"", "place a hold on "Dune""): it is found and opened before any other value goes in. */
  acquire?: boolean;
  /** The task's shape beyond its values: what to press, tick, reveal, which item, which key (task-goals.ts). */
  goals: TaskGoals;
}

/** Verbs that press a control: a bare capitalised word right after one names the control ("press Submit"). */
const PRESS_VERBS = new Set(['press', 'click', 'hit', 'tap', 'push']);

/** "… and press Submit", "click OK": an unquoted name that only names the control to press, not a value. */
function namesControl(task: string, value: TaskValue): boolean {
  if (value.quoted || value.kind !== 'name') return false;
  const before = wordsIn(task.slice(Math.max(0, value.start - 24), value.start), 0).map((w) => w.text);
  const last = before.at(-1) === 'the' || before.at(-1) === 'on' ? before.at(-2) : before.at(-1);
  return last !== undefined && PRESS_VERBS.has(last);
}

export function parseTask(text: string): ParsedTask {
  const goals = taskGoals(text);
  // Names of what to press, open, tick or pick out are not values to type.
  const named = new Set([...goals.controls, goals.hover, goals.item?.key, goals.rowsByDate?.date, ...goals.reveal, ...(goals.toggles ?? []), goals.letters?.startsWith, goals.letters?.endsWith, goals.letters?.contains].flatMap((n) => (n ? [normalizeText(n)] : [])));
  // A box's or an item's name may hold a capitalised word of its own ("Lemon juice" reads as
  // the name "Lemon", "ticket 1051 (Change company name)" as "Change").
  const naming = [...(goals.toggles ?? []), ...(goals.item?.also ?? [])];
  const partOfName = (v: TaskValue) => v.kind === 'name' && naming.some((t) => containsPhrase(t, v.text));
  // A key combination's words ("Control+Enter") are keys to press, not values.
  const keyWords = new Set((goals.keys ?? '').split('+').map((k) => k.toLowerCase()));
  const values = extractValues(text).filter((v) => !namesControl(text, v) && !(v.kind === 'name' && v.text.split(/[\s+]+/).every((w) => keyWords.has(w.toLowerCase()))));
  const acquired = acquiredValue(text, values);
  // Who made the thing acquired says which it is, not a field's value: "Lucia Ferro's "X"", ""X" by Edith Lowe", ""X" (Lucia Ferro)".
  const describing = new Set<number>();
  if (acquired >= 0) {
    const at = values[acquired]!;
    const before = values[acquired - 1];
    const after = values[acquired + 1];
    if (before && /^['’]s\s+$/.test(text.slice(before.end, at.start))) describing.add(acquired - 1);
    if (after && after.kind === 'name' && /^\s*(?:by|from)\s+$|^\s*\($/.test(text.slice(at.end, after.start))) describing.add(acquired + 1);
  }
  const slots = values.map((value, i) => {
    const slot = slotFor(text, value, values[i - 1], values[i + 1]);
    if ((i === acquired && !named.has(normalizeText(value.text))) || describing.has(i)) return { ...slot, role: 'target' as const, hints: [], hintText: '' };
    if (goals.item && [goals.item.key, ...(goals.item.also ?? [])].some((k) => normalizeText(k) === normalizeText(value.text))) return { ...slot, role: 'target' as const, hints: [], hintText: '' };
    return named.has(normalizeText(value.text)) || partOfName(value) ? { ...slot, role: 'target' as const } : slot;
  });
  const words = contentWords(text);
  let plain = text;
  for (const v of [...values].reverse()) plain = plain.slice(0, v.start) + ' ' + plain.slice(v.end);
  const plainWords = contentWords(plain);
  // A goal is asked for in the verb's plain form ("what I ordered" buys nothing), and a
  // word between a preposition and a number names a thing by it ("from order 4471").
  const verbWords = contentWords(text.replace(/\b\p{L}{3,}ed\b/giu, ' ').replace(/\b(?:from|in|of|for|on|the|my|your|our|this|that)\s+\p{L}+(?=\s+#?\d)/giu, ' '));
  const verbs = (Object.keys(VERB_GROUPS) as VerbGroup[]).filter((g) => VERB_GROUPS[g].some((p) => hasPhrase(verbWords, p)));
  const search = slots.find((s) => s.role === 'search');
  // Something to open is a target; a control to press, a box to tick, letters to match or an item to pick out are not.
  const notOpened = new Set([...named, ...(goals.item?.also ?? []).map(normalizeText)]);
  const explicit = slots.find((s, i) => s.role === 'target' && !describing.has(i) && !notOpened.has(normalizeText(s.value.text)) && !partOfName(s.value));
  // "search for X and open it / the first result / its page": X is also what is opened.
  const opensWithoutValue = !explicit && [...OPEN_VERBS].some((v) => plainWords.includes(v)) && verbs.includes('open');
  // "… put it on hold", "buy it": the searched value is what is acquired.
  const acquiresSearched = !explicit && !!search && ACQUIRE_IT.test(text);
  // "Find the article "X" and send …": a thing found by its name is opened, for what comes next happens there.
  const findsThing = !explicit && !!search && FINDS_THING.test(text.slice(0, search.value.start)) && slots.some((s) => s !== search && s.role === 'field');
  const target = explicit?.value.text ?? (search && (opensWithoutValue || acquiresSearched || findsThing) ? search.value.text : undefined);
  const acquire = (acquired >= 0 && explicit === slots[acquired]) || acquiresSearched;
  return { text, slots, verbs, words, plainWords, ...(search ? { search } : {}), ...(target ? { target, ...(acquire ? { acquire } : {}) } : {}), goals };
}

/** "find the article ", "look up the recipe ": a search for a thing named next. */
const FINDS_THING = /\b(?:find|locate|look\s+up|search\s+for)\s+(?:the|an?|that)\s+[\p{L}-]+\s*$/iu;

/** Verbs whose object is a thing to find and open first ("Buy 2 "Road Glide"", "Place a hold on "Dune"", "reserve Ana's "Dune""). */
const ACQUIRE = /\b(?:buy|purchase|reserve|borrow|rent|(?:place|put)\s+(?:a\s+)?hold\s+on)\b/gi;
const ACQUIRE_IT = /\b(?:buy|purchase|reserve|borrow|rent|order|put|place)\s+(?:it|them)\b(?:\s+on\s+hold)?/i;

/** Which value a task acquires: the first quoted one soon after such a verb (else the first name), in the same sentence. */
function acquiredValue(text: string, values: readonly TaskValue[]): number {
  for (const m of text.matchAll(ACQUIRE)) {
    const from = m.index + m[0].length;
    const near = values.map((v, i) => ({ v, i })).filter(({ v }) => v.start >= from && v.start - from <= 40 && (v.kind === 'name' || v.kind === 'text'));
    const pick = near.find(({ v }) => v.quoted) ?? near[0];
    if (pick && !/[.;!?]/.test(text.slice(from, pick.v.start))) return pick.i;
  }
  return -1;
}

/** A phrase's stemmed words occur in order, side by side, in `words`. */
export function hasPhrase(words: readonly string[], phrase: string): boolean {
  const p = contentWords(phrase);
  if (p.length === 0) return false;
  outer: for (let i = 0; i + p.length <= words.length; i++) {
    for (let j = 0; j < p.length; j++) if (words[i + j] !== p[j]) continue outer;
    return true;
  }
  return false;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsIn(text: string, offset: number): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+|[,;.:!?()]/gu)].map((m) => ({ text: m[0].toLowerCase(), start: offset + m.index, end: offset + m.index + m[0].length }));
}

/** The words just before a value, back to a boundary (punctuation, "and", another value); nearest last. */
function wordsBefore(task: string, value: TaskValue, previous: TaskValue | undefined): string[] {
  const from = previous ? previous.end : 0;
  const before = wordsIn(task.slice(from, value.start), from);
  const out: string[] = [];
  for (let i = before.length - 1; i >= 0 && out.length < 5; i--) {
    const w = before[i]!.text;
    // "Reference: Invoice 2231": the label before a colon right before the value names its field.
    if (w === ':' && out.length === 0 && i === before.length - 1) continue;
    if (/^[,;.:!?]$/.test(w) || BOUNDARY_WORDS.has(w)) break;
    if (w === '(' || w === ')') continue;
    out.unshift(w);
  }
  return out;
}

/** "… as the email", "… for the password", "… into the search box": up to three words after. */
function wordsAfter(task: string, value: TaskValue, next: TaskValue | undefined): string[] {
  const to = next ? next.start : task.length;
  const after = wordsIn(task.slice(value.end, to), value.end);
  const out: string[] = [];
  let i = 0;
  while (i < after.length && after[i]!.text === ')') i++;
  const lead = after[i]?.text;
  const takesNoun = value.kind === 'number' || value.kind === 'name';
  if (lead && ['as', 'for', 'in', 'into', 'under'].includes(lead)) i++;
  else if (!takesNoun) return out; // only numbers and names carry a unit or class right after them ("2 tickets", "London office")
  for (; i < after.length && out.length < 3; i++) {
    const w = after[i]!.text;
    if (/^[,;.:!?()]$/.test(w) || BOUNDARY_WORDS.has(w)) break;
    if (isStopWord(w)) continue;
    out.push(w);
  }
  return out;
}

function slotFor(task: string, value: TaskValue, previous: TaskValue | undefined, next: TaskValue | undefined): TaskSlot {
  const raw = [...wordsBefore(task, value, previous), ...wordsAfter(task, value, next)];
  const before = wordsBefore(task, value, previous).map(stem);
  const after = wordsAfter(task, value, next).map(stem);
  // The verb nearest the value decides its role: "search … for X" vs "open X".
  let role: SlotRole = 'field';
  for (let i = before.length - 1; i >= 0; i--) {
    if (SEARCH_VERBS.has(before[i]!)) {
      role = 'search';
      break;
    }
    if (OPEN_VERBS.has(before[i]!)) {
      role = 'target';
      break;
    }
  }
  // A date, a time, a number or an address is entered, not opened ("Select August 8, 2015 as the date").
  if (role === 'target' && !['name', 'text', 'url'].includes(value.kind)) role = 'field';
  const informative = (w: string) => !isStopWord(w) && !GOAL_WORDS.has(stem(w)) && !/^\d+$/.test(w);
  const hints = [...before, ...after].filter(informative);
  // "send it to Ana", "forward that email to bob@x.org": the value is whom it goes to.
  if (before.at(-1) === 'to' && (value.kind === 'name' || value.kind === 'email') && before.some((w) => SENDING.has(w))) hints.push(RECIPIENT);
  if (role === 'search') hints.push('search');
  const lead = wordsIn(task.slice(Math.max(previous?.end ?? 0, value.start - 20), value.start), 0).filter((w) => !/^[,;.:!?()]$/.test(w.text)).at(-1)?.text;
  return { value, role, hints: [...new Set(hints)], hintText: raw.filter(informative).join(' '), ...(lead && lead.length > 1 ? { labelWord: lead } : {}) };
}
