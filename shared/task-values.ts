// The concrete values a task text carries — quoted strings, emails, URLs, phone
// numbers, dates, numbers and capitalised names — found by their shape alone, so the
// same rule works for any site and language of tasks. Used to turn a task into a
// template (workflows) and to fill a form from a task (the offline policy).

export type ValueKind = 'email' | 'url' | 'phone' | 'date' | 'time' | 'number' | 'name' | 'text';
export const VALUE_KINDS: readonly ValueKind[] = ['email', 'url', 'phone', 'date', 'time', 'number', 'name', 'text'];

export interface TaskValue {
  /** The value as it should be typed (quotes removed). */
  text: string;
  kind: ValueKind;
  /** Where the value (with its quotes, if any) sits in the task text. */
  start: number;
  end: number;
  quoted: boolean;
}

const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const URL_RE = /^(?:https?:\/\/|www\.)\S+$/i;
const PHONE = /^\+?\d[\d\s().-]{6,}\d$/;
const TIME = /\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?(?![\p{L}])|\b\d{1,2}:\d{2}\b/giu;
const NUMBER = /^[-+]?[$€£]?\s?\d+(?:[.,]\d+)*%?$/;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ORDINAL = '\\d{1,2}(?:st|nd|rd|th)?';
/** A weekday before a date is part of it ("Wednesday 17 March", "Wed, Mar 17"). */
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\\.?,?\\s+(?:the\\s+)?)?';
const DATE_PATTERNS = [
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g,
  // 5 May 2024, 5th of May, May 5, May 5th, 2024
  new RegExp(`\\b${WEEKDAY}${ORDINAL}\\s+(?:of\\s+)?(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?\\b`, 'gi'),
  new RegExp(`\\b${WEEKDAY}(?:${MONTHS})\\.?\\s+${ORDINAL}\\b(?:,?\\s+\\d{4}\\b)?`, 'gi'),
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{4}\\b`, 'gi'),
];

/**
 * Capitalised words that start a task or a sentence without being a name: the
 * imperative verbs and function words tasks open with. Only the first word of a
 * sentence is checked against this list; mid-sentence capitals are names.
 */
const SENTENCE_OPENERS = new Set(
  (
    'a an the please now then and or but also first next finally i my we our you your ' +
    'subscribe unsubscribe sign log register join create make add remove delete search find look locate open view show visit read go ' +
    'click press tap select choose pick check uncheck tick set change update edit enter type fill write put use send submit post share ' +
    'buy purchase order pay checkout book reserve rent get download upload save start stop cancel apply compare sort filter navigate ' +
    'contact ask tell give leave return scroll follow like rate review play watch listen call email message write ' +
    'ship move arrive invite remind schedule plan print reply forward archive mark rename translate install list count ' +
    'answer respond star unstar untick toggle expand collapse switch hover drag withdraw renew approve decline accept reject assign close resolve'
  ).split(' '),
);

/**
 * Lower-case words that may sit inside a capitalised name ("Children of Dune", "Ursula
 * K. Le Guin"). Not "and", "to" or "for": "Invite Ada and Grace", "Move to Paris".
 */
const NAME_CONNECTORS = new Set(['of', 'the', 'de', 'da', 'del', 'della', 'di', 'van', 'von', 'der', 'den', 'du', 'la', 'le', 'y']);

/** The kind a bare string has by its shape (used for quoted values and for captured variables). */
export function kindOf(text: string): ValueKind {
  const t = text.trim();
  if (EMAIL.test(t)) return 'email';
  if (URL_RE.test(t)) return 'url';
  if (isDate(t)) return 'date';
  if (matchesWhole(TIME, t)) return 'time';
  if (PHONE.test(t) && t.replace(/\D/g, '').length >= 8) return 'phone';
  if (NUMBER.test(t)) return 'number';
  if (/^\p{Lu}/u.test(t) && !/\s{2,}/.test(t) && t.split(/\s+/).length <= 6 && t.split(/\s+/).every((w) => /^[\p{Lu}\p{N}]/u.test(w) || NAME_CONNECTORS.has(w))) return 'name';
  return 'text';
}

function matchesWhole(re: RegExp, t: string): boolean {
  re.lastIndex = 0;
  const m = re.exec(t);
  re.lastIndex = 0;
  return m !== null && m.index === 0 && m[0].length === t.length;
}

function isDate(t: string): boolean {
  return DATE_PATTERNS.some((re) => matchesWhole(re, t));
}

/** An amount's figures without its currency or other signs ("£1,080.90" → "1,080.90"). */
export const amountDigits = (t: string) => t.replace(/[^\d.,-]/g, '');

/** Whether `text` can stand for a variable of `kind` (a `text` variable takes anything). */
export function fitsKind(text: string, kind: ValueKind): boolean {
  const t = text.trim();
  if (!t) return false;
  if (kind === 'text') return true;
  const actual = kindOf(t);
  if (kind === 'name') return actual === 'name' || /^[\p{Lu}\p{N}]/u.test(t);
  if (kind === 'number') return actual === 'number';
  return actual === kind;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (taken: Span[], s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);

/**
 * Every value in a task, in text order. Shapes are tried from the most specific
 * (quoted, URL, email, date, phone, number) to capitalised names; a span already
 * taken is never taken again, so "Subscribe Ada (ada@x.org)" gives a name and an email.
 */
export function extractValues(task: string): TaskValue[] {
  const found: TaskValue[] = [];
  const add = (start: number, end: number, text: string, kind: ValueKind, quoted: boolean) => {
    const span = { start, end };
    if (!text.trim() || overlaps(found, span)) return;
    found.push({ text: text.trim(), kind, start, end, quoted });
  };

  // Quoted strings; a single quote counts only when it is not an apostrophe (Ada's, don't).
  const quoted = /"([^"]+)"|“([^”]+)”|‘([^’]+)’|«([^»]+)»|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])/gu;
  for (const m of task.matchAll(quoted)) {
    const inner = m.slice(1).find((g) => g !== undefined) ?? '';
    add(m.index, m.index + m[0].length, inner, kindOf(inner) === 'name' ? 'text' : kindOf(inner), true);
  }
  for (const m of task.matchAll(/\b(?:https?:\/\/|www\.)[^\s"'<>]+/gi)) {
    const text = m[0].replace(/[.,;:!?)\]]+$/, '');
    add(m.index, m.index + text.length, text, 'url', false);
  }
  for (const m of task.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    const text = m[0].replace(/\.+$/, '');
    add(m.index, m.index + text.length, text, 'email', false);
  }
  for (const re of DATE_PATTERNS) {
    for (const m of task.matchAll(re)) add(m.index, m.index + m[0].length, m[0], 'date', false);
  }
  for (const m of task.matchAll(TIME)) add(m.index, m.index + m[0].length, m[0], 'time', false);
  for (const m of task.matchAll(/(?<![\w+])\+?\d[\d\s().-]{6,}\d(?!\w)/g)) {
    if (m[0].replace(/\D/g, '').length >= 8 && /[\s().-]/.test(m[0])) add(m.index, m.index + m[0].length, m[0], 'phone', false);
  }
  // A code of capitals and digits joined by hyphens ("PP-7731", "INV-2231-B") is one value, not a number inside a word.
  for (const m of task.matchAll(/(?<![\p{L}\p{N}-])(?=[\p{Lu}\p{N}-]*\p{N})(?=[\p{Lu}\p{N}-]*\p{Lu})[\p{Lu}\p{N}]+(?:-[\p{Lu}\p{N}]+)+(?![\p{L}\p{N}-])/gu)) {
    add(m.index, m.index + m[0].length, m[0], 'name', false);
  }
  for (const m of task.matchAll(/(?<![\p{L}\p{N}.])[-+]?[$€£]?\d+(?:[.,]\d+)*%?(?![\p{L}\p{N}])/gu)) {
    add(m.index, m.index + m[0].length, m[0], 'number', false);
  }
  for (const name of capitalisedRuns(task)) {
    if (!overlaps(found, name)) add(name.start, name.end, task.slice(name.start, name.end), 'name', false);
  }
  return labelledWhole(task, found).sort((a, b) => a.start - b.start);
}

/**
 * "Reference: Invoice 2231": what a label at the start of a sentence gives is the rest
 * of the sentence, not only the number in it. A value found inside such a short rest,
 * when it is the only one there, widens to the whole rest.
 */
function labelledWhole(task: string, found: TaskValue[]): TaskValue[] {
  for (const m of task.matchAll(/(?:^|[.!?;]\s+)\p{Lu}\p{L}*(?:\s+\p{L}+)?:\s+([^.!?;\n]*[^.!?;\n\s])/gu)) {
    const rest = m[1]!;
    const start = m.index + m[0].length - rest.length;
    const end = start + rest.length;
    const inside = found.filter((v) => v.start >= start && v.end <= end);
    const only = inside[0];
    if (inside.length !== 1 || only!.quoted || rest.split(/\s+/).length > 6 || (only!.start === start && only!.end === end)) continue;
    found[found.indexOf(only!)] = { text: rest, kind: kindOf(rest), start, end, quoted: false };
  }
  return found;
}

/** Runs of capitalised words ("Ada Lovelace", "Children of Dune", "Ursula K. Le Guin"). */
function capitalisedRuns(task: string): Span[] {
  const words = [...task.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*\.?/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const runs: Span[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const startsSentence = /^\s*$|[.!?:;]\s*$|^\W*$/.test(task.slice(Math.max(0, w.start - 3), w.start)) || w.start === 0;
    const word = w.text.replace(/[.'’]+$/, '');
    // A sentence starts with a capital anyway: its first word opens a name only when it is
    // not a known opener and the next word is capitalised too ("Ada Lovelace wants…").
    const nextIsCapital = /^\p{Lu}/u.test(words[i + 1]?.text ?? '') && /^\s+$/.test(task.slice(w.end, words[i + 1]?.start ?? w.end));
    // A code in capitals ("OPO", "JFK", "X12") names something wherever it stands.
    const code = /^[\p{Lu}\p{N}]{2,}$/u.test(word) && /\p{Lu}/u.test(word) && !SENTENCE_OPENERS.has(word.toLowerCase());
    // The pronoun "I" ("the items I have", "I'll collect it") names no one.
    const pronoun = word === 'I' || /^I['’](?:m|ll|ve|d)$/.test(w.text);
    if (!/^\p{Lu}/u.test(w.text) || pronoun || (startsSentence && !code && (SENTENCE_OPENERS.has(word.toLowerCase()) || !nextIsCapital))) {
      i++;
      continue;
    }
    let j = i;
    // Extend over capitalised words, and over connectors followed by a capitalised word.
    while (j + 1 < words.length) {
      // "Paris. Then": a full stop after a word longer than an initial ends the sentence.
      if (words[j]!.text.endsWith('.') && words[j]!.text.length > 2) break;
      const next = words[j + 1]!;
      const gap = task.slice(words[j]!.end, next.start);
      if (!/^\s+$/.test(gap)) break;
      if (/^\p{Lu}/u.test(next.text)) {
        j++;
        continue;
      }
      const after = words[j + 2];
      if (NAME_CONNECTORS.has(next.text.toLowerCase()) && after && /^\s+$/.test(task.slice(next.end, after.start)) && /^\p{Lu}/u.test(after.text)) {
        j += 2;
        continue;
      }
      break;
    }
    const last = words[j]!;
    // A trailing full stop ends the sentence unless the word is an initial ("K.");
    // a possessive is not part of the name ("Ada's book").
    let end = last.text.endsWith('.') && last.text.length > 2 ? last.end - 1 : last.end;
    if (/['’]s$/i.test(task.slice(w.start, end))) end -= 2;
    runs.push({ start: w.start, end });
    i = j + 1;
  }
  return runs;
}
