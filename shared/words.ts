// Words for lexical matching: lower-cased tokens with a light suffix stemmer, so
// "subscribing", "subscribed" and "Subscribe" meet while "unsubscribe" stays apart.

const STOP_WORDS = new Set(
  (
    'a an the and or but if then of to in on at by for with from into onto as is are was were be been being it its this that these those ' +
    'my your our their his her me we you i us them they he she him please now also just all any some each every here there so not no ' +
    'do does did can could would should will shall may might must up out over under about after before via per than too very'
  ).split(' '),
);

/** Lower-cased word tokens in order (letters and digits; inner apostrophes and hyphens split). */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 0);
}

/** A light English stemmer: plural, -ing, -ed, -ly, final e. Enough for labels and task words. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // "monthly limit" for "£250 a month", "weekly" for "a week" (not "reply", "daily", "only").
  else if (w.endsWith('ly') && w.length >= 6) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/**
 * Phrasal verbs and split spellings that mean one thing, joined before stop words go
 * ("up", "in", "out" are stop words, and "sign up" must not turn into "sign in").
 */
const COMPOUNDS: Record<string, string> = {
  'sign up': 'signup',
  'sign in': 'signin',
  'log in': 'signin',
  login: 'signin',
  'log on': 'signin',
  logon: 'signin',
  'sign out': 'signout',
  'log out': 'signout',
  logout: 'signout',
  'check out': 'checkout',
  'look up': 'lookup',
  'opt in': 'optin',
  'opt out': 'optout',
  'e mail': 'email',
  'pick up': 'pickup',
  'set up': 'setup',
};

function joinCompounds(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? COMPOUNDS[`${words[i]} ${words[i + 1]}`] : undefined;
    if (pair) {
      out.push(pair);
      i++;
    } else out.push(COMPOUNDS[words[i]!] ?? words[i]!);
  }
  return out;
}

/** Stemmed tokens without stop words: what two phrases are compared on. */
export function contentWords(text: string): string[] {
  return joinCompounds(tokens(text))
    .filter((t) => !STOP_WORDS.has(t))
    .map(stem);
}

/** Share of `wanted`'s words found in `have` (0 when `wanted` has none). */
export function coverage(wanted: readonly string[], have: readonly string[]): number {
  if (wanted.length === 0) return 0;
  const set = new Set(have);
  let hit = 0;
  for (const w of new Set(wanted)) if (set.has(w)) hit++;
  return hit / new Set(wanted).size;
}

/** Lower-cased with whitespace collapsed and quotes removed, for containment checks. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’'`«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `phrase` occurs in `text` as whole words (both normalised). */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = tokens(phrase).join(' ');
  if (!p) return false;
  return ` ${tokens(text).join(' ')} `.includes(` ${p} `);
}

/**
 * What sets text[start, end) apart on each side: the nearest mark (a dash, a colon, a
 * bracket), '' at the text's edge, or undefined where a word runs on beside it.
 */
export function marksAround(text: string, start: number, end: number): { before?: string; after?: string } {
  const mark = (ch: string | undefined) => (ch === undefined ? '' : /[\p{L}\p{N}]/u.test(ch) ? undefined : ch);
  const before = mark(text.slice(0, start).trimEnd().at(-1));
  const after = mark(text.slice(end).trimStart()[0]);
  return { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}
