// How well an observed element fits what the task needs: a field for a value, a
// control that carries out the task's verb, a result named like the task's target,
// or the element a workflow step was recorded on. Scores are in [0, ~1.3]; each has
// a floor below which the element is not a candidate at all. Words decide first;
// embedding similarity (when an embedder is given) lifts near-synonyms ("Surname"
// for "last name", "Register" for "sign up") that share no word.
import type { Observation, ObservedElement } from '../../shared/observation';
import type { ValueKind } from '../../shared/task-values';
import { containsPhrase, contentWords, coverage, normalizeText, stem, tokens } from '../../shared/words';
import type { SemanticMatcher } from './semantic';
import { hasPhrase, NEGATIVE_PHRASES, NEGATIVE_WORDS, type ParsedTask, PROCEED_PHRASES, RECIPIENT, type TaskSlot, VERB_GROUPS } from './task-parse';

export const FIELD_MIN = 0.45;
export const CONTROL_MIN = 0.5;
export const TARGET_MIN = 0.6;

export type ElementKind = 'field' | 'select' | 'toggle' | 'control' | 'link' | 'other';

const NOT_TYPABLE = new Set(['hidden', 'file', 'color', 'image', 'submit', 'button', 'reset', 'checkbox', 'radio']);

export function elementKind(e: ObservedElement): ElementKind {
  const type = (e.attrs.type ?? '').toLowerCase();
  if (e.tag === 'input') {
    if (type === 'checkbox' || type === 'radio') return 'toggle';
    if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') return 'control';
    return NOT_TYPABLE.has(type) ? 'other' : 'field';
  }
  if (e.tag === 'textarea') return 'field';
  if (e.tag === 'select' || e.role === 'listbox') return 'select';
  if (['textbox', 'searchbox', 'combobox'].includes(e.role) || e.value !== undefined) return 'field';
  if (['checkbox', 'radio', 'switch'].includes(e.role)) return 'toggle';
  if (e.tag === 'a' || e.role === 'link') return 'link';
  return 'control';
}

/**
 * A link to the very page shown ("Book online" in the header of the booking page): it
 * reloads the page, dropping what was filled in, and never carries a task on.
 */
export function isLinkToThisPage(e: ObservedElement, pageUrl: string): boolean {
  return isLinkTo(e, pageUrl, [pageUrl]);
}

/** A link to one of `pages` (hash aside), its href read against `pageUrl`. */
export function isLinkTo(e: ObservedElement, pageUrl: string, pages: readonly string[]): boolean {
  const href = e.attrs.href;
  if (elementKind(e) !== 'link' || !href || href.startsWith('#') || /^javascript:/i.test(href)) return false;
  const bare = (u: URL) => {
    u.hash = '';
    return u.href;
  };
  try {
    const to = bare(new URL(href, pageUrl));
    return pages.some((p) => bare(new URL(p)) === to);
  } catch {
    return false;
  }
}

/** What a user reads as the element's name: its accessible name, else its text. */
export function labelOf(e: ObservedElement): string {
  return (e.name || e.text || '').replace(/\s+/g, ' ').trim();
}

// Every scorer reads an element's words, for every value and purpose: made once per element.
const elementWords = new WeakMap<ObservedElement, string[]>();
function wordsOf(e: ObservedElement): string[] {
  let words = elementWords.get(e);
  if (!words) {
    words = contentWords(labelOf(e));
    elementWords.set(e, words);
  }
  return words;
}

export function isChecked(e: ObservedElement): boolean {
  return e.attrs.checked !== undefined || e.attrs['aria-checked'] === 'true' || e.attrs['aria-pressed'] === 'true';
}

const usable = (e: ObservedElement) => !e.disabled && e.attrs.readonly === undefined;

/** Element words that say which kind of value a field takes. */
const KIND_WORDS: Record<ValueKind, string[]> = {
  email: ['email', 'e mail', 'mail'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'cell'],
  url: ['website', 'url', 'homepage', 'web', 'link', 'site'],
  date: ['date', 'day', 'birthday', 'birth', 'dob', 'when', 'arrival', 'departure', 'check in', 'check out'],
  time: ['time', 'hour', 'when'],
  number: ['quantity', 'qty', 'amount', 'number', 'count', 'age', 'guest', 'people', 'person', 'ticket', 'size', 'price', 'total', 'how many'],
  name: ['name', 'full name', 'first name', 'last name', 'surname', 'given name'],
  text: [],
};

/** Kinds a field's name can claim for itself, so that a value of another kind does not go there (not dates: "Departure airport" takes a city). */
const OTHER_KINDS: readonly ValueKind[] = ['email', 'url', 'phone', 'name'];

/** Input types that take only some kinds of value. */
const TYPE_KINDS: Record<string, ValueKind[]> = {
  email: ['email'],
  number: ['number'],
  date: ['date'],
  'datetime-local': ['date'],
  month: ['date'],
  week: ['date'],
  time: ['time'],
  range: ['number'],
  tel: ['phone', 'number'],
  url: ['url'],
};

const SEARCH_WORDS = ['search', 'find', 'query', 'keyword', 'look up', 'filter'];
const PASSWORD_HINTS = ['password', 'passcode', 'passphrase', 'pin', 'pass'];

export function isSearchField(e: ObservedElement): boolean {
  const type = (e.attrs.type ?? '').toLowerCase();
  return type === 'search' || e.role === 'searchbox' || SEARCH_WORDS.some((w) => hasPhrase(wordsOf(e), w));
}

/** How sure the element is a field for a value of this kind, from its type and words alone. */
function kindFit(kind: ValueKind, value: string, e: ObservedElement): number {
  const type = (e.attrs.type ?? '').toLowerCase();
  const allowed = TYPE_KINDS[type];
  if (allowed) return allowed.includes(kind) ? 1 : -1;
  const words = wordsOf(e);
  const names = (k: ValueKind) => KIND_WORDS[k].some((p) => hasPhrase(words, p));
  // A field named for another kind of value does not take this one: an email is no
  // "Workspace name", a name no "Workspace URL" (numbers aside: "Tracking number" takes codes).
  if (kind !== 'text' && !names(kind) && OTHER_KINDS.some((k) => k !== kind && names(k))) return -1;
  if (names(kind)) {
    // "Workspace name", "Project name": the name of a thing, not a place for a person's.
    if (kind === 'name' && namesAThing(words)) return 0.2;
    // A single capitalised word is as likely a city or a plan as a person's name.
    if (kind === 'name' && value.trim().split(/\s+/).length < 2) return 0.4;
    return 0.8;
  }
  return kind === 'text' ? 0.1 : 0;
}

/** Words that, before "name", still make it a person's: "Full name", "Recipient's name", "Display name". */
const PERSON_NAME_WORDS = new Set(
  [
    'full', 'first', 'last', 'given', 'family', 'middle', 'your', 'display', 'user', 'contact', 'recipient', 'sender', 'guest', 'passenger', 'customer', 'holder', 'cardholder', 'member', 'owner', 'legal', 'preferred', 'nick', 'person', 'attendee', 'author', 'employee', 'student', 'patient', 'traveller', 'traveler', 'applicant', 'invitee', 'teammate', 'borrower', 'requester', 'reader',
  ].flatMap((w) => contentWords(w)),
);

/** A label whose word before "name" says whose (or what) name it is, and that is not a person. */
function namesAThing(words: readonly string[]): boolean {
  // The possessive's "s" is a word of its own here: the word before it is whose.
  const before = words.slice(0, Math.max(0, words.indexOf('name'))).filter((w) => w.length > 1).at(-1);
  return before !== undefined && !PERSON_NAME_WORDS.has(before);
}

/** Semantic lift: similarities above `floor` map linearly onto [0, scale]. */
function lift(similarity: number, floor: number, scale: number): number {
  return similarity > floor ? ((similarity - floor) / (1 - floor)) * scale : 0;
}

/** A value's fit for a field (text input, textarea, editable, select). 0 when it cannot go there. */
export function fieldScore(slot: TaskSlot, e: ObservedElement, sem?: SemanticMatcher): number {
  const kind = elementKind(e);
  if ((kind !== 'field' && kind !== 'select') || !usable(e)) return 0;
  const type = (e.attrs.type ?? '').toLowerCase();
  const words = wordsOf(e);
  // A recipient goes in a field named To / Recipient(s) / Send to (stop words to a word match).
  const recipientField = slot.hints.includes(RECIPIENT) && /^(?:to|recipients?|send to|to:)$/i.test(labelOf(e).trim());
  // "from: OPO" and a field labelled just "From": the word the task puts before the value is the field's whole name.
  const labelledSo = !!slot.labelWord && normalizeText(labelOf(e).replace(/:$/, '')) === slot.labelWord;
  const hinted = slot.hints.filter((h) => words.includes(h)).length + (recipientField || labelledSo ? 1 : 0);
  let hintFit = hinted > 0 ? 0.6 + 0.4 * Math.min(1, hinted / Math.max(1, slot.hints.length)) : 0;
  if (sem && slot.hintText) hintFit = Math.max(hintFit, lift(sem.similarity(slot.hintText, labelOf(e)), 0.6, 0.8));
  if (type === 'password') return slot.hints.some((h) => PASSWORD_HINTS.includes(h)) ? 1 : 0;
  const search = kind === 'field' && isSearchField(e);
  if (slot.role === 'search') return search ? 1 : kind === 'field' ? Math.max(0.3, hintFit * 0.7) : 0;
  // A search or filter box is not a form field for a name or an email, even one its words
  // mention ("Filter by subject…" is not where a new ticket's subject goes).
  if (search) return hinted > 0 ? 0.3 : 0;
  if (slot.role === 'target' && hinted === 0) return 0; // something to open, not to type
  if (labelledSo && kind === 'field') return 0.85;
  // The field's own example (its placeholder, or the line just before it) has the value's shape ("like PP-1234" for "PP-7731"): that is where it goes.
  if (kind === 'field' && exampleShaped(slot.value.text, exampleText(e))) return 0.9;
  if (kind === 'select') return selectFit(slot, e, hintFit);
  const fit = kindFit(slot.value.kind, slot.value.text, e);
  if (fit < 0) return 0;
  if (slot.hints.length === 0) return fit;
  // Field words were given: they must agree, unless the field's type says it all (an email box).
  const typeSaysIt = TYPE_KINDS[type] !== undefined && fit === 1;
  return hintFit > 0 ? 0.7 * hintFit + 0.3 * Math.max(0, fit) + 0.1 : typeSaysIt ? 0.8 : fit >= 0.8 ? 0.5 : 0;
}

/** The index of the one count above all others, at least `min`; -1 when none leads alone. */
export function soleBest(counts: readonly number[], min = 1): number {
  const top = Math.max(...counts);
  return top >= min && counts.filter((n) => n === top).length === 1 ? counts.indexOf(top) : -1;
}

/** A value's shape: capitals A, small letters a, digits 9, the rest as it is ("PP-7731" → "AA-9999"). */
const shapeOf = (text: string) => text.replace(/\p{Lu}/gu, 'A').replace(/\p{Ll}/gu, 'a').replace(/\p{N}/gu, '9');

/** Where a field's example is written: its placeholder, its name, or the line just before it. */
const exampleText = (e: ObservedElement) => `${e.locator?.placeholder ?? ''} ${e.name} ${e.locator?.near ?? ''}`;

/** A code with letters and digits (not a plain word or number) whose shape one of the field's words has. */
function exampleShaped(value: string, fieldText: string): boolean {
  if (!/\p{L}/u.test(value) || !/\p{N}/u.test(value) || /\s/.test(value.trim())) return false;
  const want = shapeOf(value.trim());
  return fieldText.split(/[\s,;:()"“”]+/).some((w) => w.length > 2 && shapeOf(w.replace(/[.]$/, '')) === want);
}

/** The option labels a select lists (the observation keeps the first forty). */
export function optionsOf(e: ObservedElement): string[] {
  return (e.attrs.options ?? '')
    .split('|')
    .map((o) => o.trim())
    .filter((o) => o && !/^…\(\d+\)$/.test(o));
}

function selectFit(slot: TaskSlot, e: ObservedElement, hintFit: number): number {
  const option = matchingOption(optionsOf(e), slot.value.text);
  if (option) return 0.8 + 0.2 * Math.min(1, hintFit);
  // Every option is listed and none is the value: it cannot go here ("£250" is no daily cash limit of £100, £200, £300 or £500).
  const allListed = !/\|…\(\d+\)$/.test(e.attrs.options ?? '');
  if (allListed && optionsOf(e).length > 0) return 0;
  return hintFit >= 0.6 ? 0.7 * hintFit : 0;
}

/** An option's naming words: a parenthesised note ("Express (next day)") only describes it. */
function optionWords(option: string): string[] {
  return contentWords(option.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
}

/** The listed option a value names (same words), if any. */
export function matchingOption(options: readonly string[], value: string): string | undefined {
  const v = normalizeText(value);
  const exact = options.find((o) => normalizeText(o) === v);
  if (exact) return exact;
  const words = contentWords(value);
  return options.find((o) => {
    const ow = optionWords(o);
    return ow.length > 0 && coverage(words, ow) === 1 && coverage(ow, words) >= 0.5;
  });
}

/** Options that mean "nothing chosen yet". */
const PLACEHOLDER_OPTION = /^(|-+|select.*|choose.*|please.*|none|any|all|\W*)$/i;

/**
 * An option the task names by its words ("with express delivery" → "Express"),
 * when no value was given for the select; only options of at least `minWords` words.
 * The longest such option wins.
 */
export function optionNamedByTask(e: ObservedElement, taskWords: readonly string[], minWords = 1): string | undefined {
  let best: { option: string; words: number } | undefined;
  for (const option of optionsOf(e)) {
    if (PLACEHOLDER_OPTION.test(option.trim())) continue;
    const ow = optionWords(option);
    if (ow.length < minWords || coverage(ow, taskWords) < 1) continue;
    if (!best || ow.length > best.words) best = { option, words: ow.length };
  }
  return best?.option;
}

/**
 * A select still at its placeholder ("Choose one") whose one option shares two words or
 * more with the task, more than any other ("Arrived chipped or broken" for "… because it
 * arrived chipped"): the task says it without naming it whole.
 */
export function optionMostLikeTask(e: ObservedElement, task: ParsedTask): string | undefined {
  if (e.value !== undefined && !PLACEHOLDER_OPTION.test(e.value.trim())) return undefined;
  const taskWords = task.plainWords;
  // An option that names one of the task's values is that value's to place, not this guess's.
  const options = optionsOf(e);
  if (options.some((o) => task.slots.some((s) => containsPhrase(o, s.value.text)))) return undefined;
  const named = options.filter((o) => !PLACEHOLDER_OPTION.test(o.trim()));
  const best = soleBest(named.map((option) => new Set(optionWords(option).filter((w) => taskWords.includes(w))).size), 2);
  return best >= 0 ? named[best] : undefined;
}

/** A checkbox or radio the task asks for by its words ("accept the terms", "contact by phone"). */
export function toggleScore(e: ObservedElement, taskWords: readonly string[]): number {
  if (elementKind(e) !== 'toggle' || !usable(e) || isChecked(e)) return 0;
  const words = wordsOf(e);
  if (words.length === 0) return 0;
  const hit = coverage(words, taskWords);
  return hit >= 0.6 ? hit : 0;
}

/** Opens a menu or a collapsed part in place (a "⋯" button, a disclosure's summary) rather than carrying a task on. */
export function opensInPlace(e: ObservedElement): boolean {
  return e.attrs['aria-expanded'] === 'false' || (e.attrs['aria-haspopup'] !== undefined && e.attrs['aria-haspopup'] !== 'false');
}

/** Shows or hides a part of the page (a menu button, a disclosure, open or closed): never what saves or sends. */
export function showsOrHides(e: ObservedElement): boolean {
  return e.attrs['aria-expanded'] !== undefined || (e.attrs['aria-haspopup'] !== undefined && e.attrs['aria-haspopup'] !== 'false');
}

/** A control that cancels, leaves or undoes what the task does not ask to ("Sign out", "Delete"). */
export function undoes(e: ObservedElement, task: ParsedTask): boolean {
  return isNegative(wordsOf(e), task);
}

/** The share of an element's words the task uses, a little more when its meaning is near the task's (`taskPhrase`). */
export function wordsShared(task: ParsedTask, e: ObservedElement, sem?: SemanticMatcher, taskPhrase?: string): number {
  // A word of the label counts when the task uses it or its verb ("delivery" for "deliver").
  const words = wordsOf(e);
  const byWords = words.length === 0 ? 0 : words.filter((w) => task.words.includes(w) || task.words.some((t) => nounOf(w, t))).length / words.length;
  return sem && taskPhrase ? byWords + 0.25 * lift(sem.similarity(taskPhrase, labelOf(e)), 0.5, 1) : byWords;
}

function isNegative(words: readonly string[], task: ParsedTask): boolean {
  if (words.some((w) => NEGATIVE_WORDS.has(w) && !task.words.includes(w))) return true;
  return NEGATIVE_PHRASES.some((p) => hasPhrase(words, p) && !hasPhrase(task.words, p));
}

export type ControlPurpose = 'submit' | 'search';

/** Controls that move through what is shown (a calendar's months, a list's pages), not through a task. */
const BROWSING = /\b(?:next|previous|prev|last|first)\s+(?:month|week|year|day|page|slide|image|photo)\b/i;

/**
 * A button or link that carries the task forward: one named by the task's verb
 * ("Subscribe", "Place order"), a generic "Continue"/"Submit", or one sharing words
 * with the task. Controls that cancel, leave or undo are never candidates unless the
 * task says so ("Unsubscribe everyone" is not "Subscribe").
 */
/** Words of a control that makes a new one of something ("New ticket", "Add contact", "Create invoice"). */
const MAKE_WORDS = new Set(['new', 'add', 'create', 'compose'].map(stem));
/** Words by which a task asks for a new one ("open a new ticket", "create a ticket", "log a bug"). */
const TASK_MAKES = new Set(['new', 'add', 'create', 'log', 'file', 'raise', 'make', 'compose', 'draft'].map(stem));

/** "Open a new ticket …", "create a ticket …": a control that makes one of what the task names ("New ticket", not "New folder"). */
function makesWhatTaskNames(task: ParsedTask, words: readonly string[]): boolean {
  const makes = words.filter((w) => MAKE_WORDS.has(w));
  return makes.length > 0 && words.length > makes.length && task.words.some((w) => TASK_MAKES.has(w)) && words.every((w) => MAKE_WORDS.has(w) || task.plainWords.includes(w));
}

/** Endings that make a noun of a verb, as a stemmed word keeps them: pay → payment(s), renew → renewal, invite → invitation, deliver → delivery. */
const NOUN_ENDINGS = ['ment', 'al', 'ation', 'ion', 'y'];

/** `word` (stemmed) is the noun of the one-word verb `phrase` ("Payments" for "pay"), so a control so named is where that verb is done. */
function nounOf(word: string, phrase: string): boolean {
  const verb = contentWords(phrase);
  if (verb.length !== 1 || verb[0]!.length < 3 || !word.startsWith(verb[0]!)) return false;
  return NOUN_ENDINGS.includes(word.slice(verb[0]!.length));
}

export function controlScore(task: ParsedTask, e: ObservedElement, purpose: ControlPurpose, sem?: SemanticMatcher, taskPhrase?: string): number {
  const kind = elementKind(e);
  if ((kind !== 'control' && kind !== 'link') || e.disabled) return 0;
  const label = labelOf(e);
  const words = wordsOf(e);
  if (words.length === 0 || isNegative(words, task)) return 0;
  const groups = purpose === 'search' ? (['search'] as const) : task.verbs.filter((g) => g !== 'open' && g !== 'search');
  // A control named for the task's verb; its other words should be the task's too ("Checkout"
  // over "Buy a gift card" for "buy … and check out": a gift card is not what the task buys).
  const phrase = groups.flatMap((g) => VERB_GROUPS[g]).find((p) => hasPhrase(words, p) || words.some((w) => nounOf(w, p)));
  let score = 0;
  if (phrase) {
    const said = new Set(contentWords(phrase));
    const rest = words.filter((w) => !said.has(w) && !nounOf(w, phrase));
    score = rest.length === 0 ? 1 : 0.85 + 0.15 * coverage(rest, task.words);
  }
  // "Next", "Continue"; not a calendar's or a gallery's "Next month", "Next page".
  if (purpose === 'submit' && PROCEED_PHRASES.some((p) => hasPhrase(words, p)) && !BROWSING.test(label)) score = Math.max(score, 0.55);
  score = Math.max(score, 0.5 * coverage(words, task.plainWords));
  if (purpose === 'submit' && makesWhatTaskNames(task, words)) score = Math.max(score, 0.75);
  if (sem && taskPhrase) score = Math.max(score, lift(sem.similarity(taskPhrase, label), 0.6, 0.8));
  const type = (e.attrs.type ?? '').toLowerCase();
  const submits = submitsForm(e);
  if (submits) score += 0.15;
  // A form's own submit button carries a form on, whatever it is called ("Search", "Go").
  if (submits && type !== '' && purpose === 'submit' && !BROWSING.test(label)) score = Math.max(score, CONTROL_MIN);
  if (kind === 'link') score -= 0.1;
  if (tokens(label).length > 6) score *= 0.7; // long texts are content, not controls
  return Math.max(0, score);
}

/** A button that submits its form (a <button> without a type, or of type submit; a submit or image input). */
export function submitsForm(e: ObservedElement): boolean {
  const type = (e.attrs.type ?? '').toLowerCase();
  return (e.tag === 'button' && (type === '' || type === 'submit')) || (e.tag === 'input' && (type === 'submit' || type === 'image'));
}

/**
 * A field alone in a form of its own whose buttons neither share a word with the task nor
 * just go on ("Get alerts" under a flight search, a newsletter box beside a checkout):
 * a side form, not where the task's values go. A search box is judged as a search box.
 */
export function inSideForm(e: ObservedElement, o: Observation, task: ParsedTask): boolean {
  const form = e.locator?.form;
  if (!form || isSearchField(e)) return false;
  // A field whose example has the shape of a task's value is where that value goes ("like PP-1234"), whatever its button says.
  if (task.slots.some((s) => exampleShaped(s.value.text, exampleText(e)))) return false;
  const members = o.elements.filter((x) => x.locator?.form === form);
  if (members.filter((x) => elementKind(x) === 'field' || elementKind(x) === 'select').length !== 1) return false;
  const buttons = members.filter((x) => elementKind(x) === 'control' && submitsForm(x));
  const aside = (b: ObservedElement) => {
    const words = wordsOf(b);
    return words.length > 0 && !words.some((w) => task.words.includes(w)) && !PROCEED_PHRASES.some((p) => hasPhrase(words, p));
  };
  return buttons.length > 0 && buttons.every(aside);
}

/** A link or control named like what the task wants opened ("Children of Dune"). */
export function targetScore(target: string, e: ObservedElement, sem?: SemanticMatcher): number {
  const kind = elementKind(e);
  if (kind !== 'link' && kind !== 'control') return 0;
  const label = labelOf(e);
  const want = contentWords(target);
  const have = wordsOf(e);
  if (want.length === 0 || have.length === 0) return 0;
  const cov = coverage(want, have);
  let score = cov >= 0.75 ? 0.7 * cov + 0.3 * coverage(have, want) + (containsPhrase(label, target) ? 0.15 : 0) : 0;
  if (sem) score = Math.max(score, lift(sem.similarity(target, label), 0.8, 0.8));
  return score;
}
