// What the page itself says about the task: a confirmation, an error, the task's
// values shown back, or the wanted item open. The policy finishes on this evidence,
// and says what it saw; whether the run succeeded is still the judge's call.
import type { Observation } from '../../shared/observation';
import { contentWords, coverage, normalizeText } from '../../shared/words';

const CONFIRMATION =
  /\b(thanks?|thank you|success(?:ful(?:ly)?)?|confirm(?:ed|ation)|complete(?:d)?|received|subscribed|registered|welcome|all set|you(?:'re| are) (?:in|signed up|subscribed|registered|booked)|(?:order|booking|reservation|payment|message|request|application)\s+(?:placed|confirmed|received|sent|submitted|number|complete)|has been (?:sent|saved|submitted|placed|created|booked|received|updated|added)|(?:saved|sent|submitted|booked|added to (?:your )?(?:cart|basket|bag)))\b/i;
const PROBLEM =
  /\b(error|invalid|is required|are required|required field|failed|failure|try again|not valid|incorrect|wrong|please (?:enter|fill|provide|correct|select)|must be|cannot be empty|can't be empty|no results|nothing found|not found)\b/i;

/**
 * The part of the page a reader sees first: title and the opening text, with the task's
 * own values blanked out (a subject "Sync shows wrong times" shown back is not an error,
 * nor a message "Thanks!" a confirmation).
 */
function head(o: Observation, chars: number, values: readonly string[]): string {
  let text = `${o.title}\n${o.text.slice(0, chars)}`;
  for (const v of values) {
    if (v.trim().length < 2) continue;
    const escaped = v.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    text = text.replace(new RegExp(escaped, 'gi'), (m) => ' '.repeat(m.length));
  }
  return text;
}

/** The sentence around a match, trimmed for a report. */
function around(text: string, index: number, length: number): string {
  const start = Math.max(0, text.lastIndexOf('\n', index) + 1, index - 80);
  const end = Math.min(text.length, index + length + 100);
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

export interface PageMessage {
  /** The sentence around the words that matched. */
  text: string;
  /** Where it starts in the page's head text: the earlier of two messages is the answer. */
  at: number;
}

/** The first match of `re` in `text` (that `keep` keeps, when given). */
function find(re: RegExp, text: string, keep?: (at: number) => boolean): PageMessage | undefined {
  const all = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
  for (let m = all.exec(text); m; m = all.exec(text)) if (!keep || keep(m.index)) return { text: around(text, m.index, m[0].length), at: m.index };
  return undefined;
}

/** A confirmation the page shows near its top ("Thanks for subscribing!"), if any; `values` are the task's own. */
export function confirmationOn(o: Observation, values: readonly string[] = []): PageMessage | undefined {
  return find(CONFIRMATION, head(o, 1_500, values));
}

/** A confirmation in the page's title ("Order confirmed — Shop"): the strongest sign a submit landed. */
export function confirmationInTitle(o: Observation): PageMessage | undefined {
  return find(CONFIRMATION, o.title);
}

/** An error or "nothing found" message near the top of the page, if any; `values` are the task's own. */
export function problemOn(o: Observation, values: readonly string[] = []): PageMessage | undefined {
  const text = head(o, 1_500, values);
  return find(PROBLEM, text, (at) => !inCaution(text, at));
}

/** A sentence, up to the end of the text, that warns of what could happen rather than reports what did: "If the money goes to the wrong account…", "Make sure the details are not wrong". */
const CAUTION = /(?:^|[.!?\n]\s*)(?:if|make sure|please (?:check|make sure)|check that|before you)\b[^.!?\n]*$/i;

/** The match at `index` sits in a sentence that only cautions (CAUTION). */
const inCaution = (text: string, index: number) => CAUTION.test(text.slice(0, index));

/** The task values the page's text shows (not field contents: those are not page text). */
export function valuesShown(values: readonly string[], o: Observation): string[] {
  const text = normalizeText(`${o.title} ${o.text}`);
  return values.filter((v) => v.trim().length > 1 && text.includes(normalizeText(v)));
}

/**
 * The page is about `target`: its title, or its opening text, names it. Used after
 * opening a result, to tell the right page from a wrong one.
 */
export function pageIsAbout(target: string, o: Observation): boolean {
  const want = contentWords(target);
  if (want.length === 0) return false;
  const inTitle = coverage(want, contentWords(o.title));
  if (inTitle >= 0.8) return true;
  // A page with a link named like the target (a list of results, a menu, a sidebar)
  // points at it: it is not the target's own page, however early the name appears.
  const named = normalizeText(target);
  if (o.elements.some((e) => (e.role === 'link' || e.tag === 'a') && normalizeText(e.name).includes(named))) return false;
  const opening = o.text.slice(0, 300);
  return normalizeText(opening).includes(named) || coverage(want, contentWords(opening.slice(0, 120))) === 1;
}
