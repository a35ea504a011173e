// Finding the element a recorded step acted on, on today's page, and saying how sure
// the match is. The score is the weighted share of the recorded features the
// candidate matches, counting only features the recording has: an unlabeled field is
// not marked down for having no name, it is found by its id, name attribute,
// placeholder, the text before it, its rank among fields like it and its DOM path.
// A click that only its position tells apart from look-alikes (the third of five
// "Renew" buttons) is ambiguous: which row a run picked depended on the task, so
// replay must not guess.
import { rankOf, type ObservedElement } from '../../shared/observation';
import { type Bindings, fillTemplate, slotsInPlace, type WorkflowTarget } from '../../shared/workflow';
import { containsPhrase, contentWords, coverage, marksAround, normalizeText, tokens } from '../../shared/words';
import { elementKind, labelOf } from './element-match';
import type { SemanticMatcher } from './semantic';

/** Below this, a candidate is not the recorded element. */
export const MATCH_MIN = 0.62;
/** The best candidate must lead the next by this much, or the match is ambiguous. */
export const MATCH_MARGIN = 0.06;

const TEXTISH = new Set(['', 'text', 'search', 'email', 'tel', 'url']);

/**
 * A value of the task that a recorded element's name or preceding words held (the
 * subject of the email it opened), with the marks it sat between there ("{text2} —": a
 * dash after it).
 */
export interface ValueKey {
  value: string;
  before?: string;
  after?: string;
}

/**
 * The task's values in a recorded text (a name, the words before), bound for the new
 * task. The rest of such a text (the sender, the first line, the date) belonged to the
 * item the task named then, so it says nothing about which item to take now. A value inside a longer one
 * is left out: the "report" of "Quarterly report" tells nothing more.
 */
export function valueKeysOf(recorded: string, bindings: Bindings): ValueKey[] {
  const keys = slotsInPlace(recorded).flatMap(({ token, ...marks }) => {
    const value = fillTemplate(token, bindings);
    return value && tokens(value).length ? [{ value, ...marks }] : [];
  });
  return keys.filter((k) => !keys.some((o) => normalizeText(o.value) !== normalizeText(k.value) && containsPhrase(o.value, k.value)));
}

/** Whether `text` holds the key's value between the marks it had in the recorded name. */
function inPlace(text: string, key: ValueKey): boolean {
  const value = new RegExp(`(?<![\\p{L}\\p{N}])${tokens(key.value).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
  for (const m of text.matchAll(value)) {
    const marks = marksAround(text, m.index!, m.index! + m[0].length);
    if ((key.before === undefined || marks.before === key.before) && (key.after === undefined || marks.after === key.after)) return true;
  }
  return false;
}

/** Whether `text` holds every value of `keys`, each in one of the places it had (a value the recorded text held twice needs one). */
function holdsKeys(text: string, keys: readonly ValueKey[]): boolean {
  const values = new Set(keys.map((k) => normalizeText(k.value)));
  return [...values].every((v) => keys.some((k) => normalizeText(k.value) === v && inPlace(text, k)));
}

const listed = (keys: readonly ValueKey[]) => [...new Set(keys.map((k) => `"${k.value}"`))].join(' and ');

export interface DescriptorMatch {
  element: ObservedElement;
  /** In [0, 1]: how much of what was recorded this element matches. */
  score: number;
}

export interface FoundElement {
  /** The confident match, if there is one. */
  match?: DescriptorMatch;
  /** The best candidate, even when not confident (for the reason given). */
  best?: DescriptorMatch;
  /** Why there is no confident match. */
  why?: string;
}

const isField = (tag: string, type: string | undefined) => ['input', 'textarea', 'select'].includes(tag) && !['submit', 'button', 'checkbox', 'radio', 'reset', 'image'].includes((type ?? '').toLowerCase());

/** Whether the two input types can be the same control (text-like types stand in for each other). */
function typeFit(recorded: string | undefined, now: string | undefined): number {
  const a = (recorded ?? '').toLowerCase();
  const b = (now ?? '').toLowerCase();
  if (a === b) return 1;
  if (TEXTISH.has(a) && TEXTISH.has(b)) return 0.6;
  return 0;
}

function textFit(recorded: string, now: string, sem?: SemanticMatcher): number {
  if (normalizeText(recorded) === normalizeText(now)) return 1;
  const a = contentWords(recorded);
  const b = contentWords(now);
  if (a.length === 0 || b.length === 0) return 0;
  let fit = 0.85 * Math.min(coverage(a, b), coverage(b, a)) + 0.1 * coverage(a, b);
  if (sem) {
    const s = sem.similarity(recorded, now);
    if (s > 0.75) fit = Math.max(fit, 0.8 * ((s - 0.75) / 0.25));
  }
  return fit;
}

/** Two paths agree from their ends: `form#reply > textarea` against `div > form#reply > textarea`. */
function pathFit(recorded: string, now: string): number {
  const a = recorded.split(' > ').reverse();
  const b = now.split(' > ').reverse();
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return same / Math.max(a.length, b.length);
}

interface Scored {
  e: ObservedElement;
  /** What names the element: name, role, tag, type, id, name attribute, placeholder. */
  identity: number;
  score: number;
  nearExact: boolean;
}

function score(d: WorkflowTarget, e: ObservedElement, all: readonly ObservedElement[], sem: SemanticMatcher | undefined, scrollY: number): Scored | null {
  const kind = elementKind(e);
  if (isField(d.tag, d.type) !== (kind === 'field' || kind === 'select')) return null;
  const tf = typeFit(d.type, e.attrs.type);
  if (tf === 0 && (d.type || e.attrs.type)) return null;
  // An element observed without a locator (a named link) is judged by what was read of it.
  const read = e.locator !== undefined;
  const l = e.locator ?? {};
  let w = 0;
  let m = 0;
  const feature = (weight: number, fit: number) => {
    w += weight;
    m += weight * fit;
  };
  const label = labelOf(e);
  if (d.name.trim()) feature(3, textFit(d.name, label, sem));
  else feature(1, label ? 0.3 : 1);
  feature(1, d.role === e.role ? 1 : 0);
  feature(0.5, d.tag === e.tag ? 1 : 0);
  if (d.type || e.attrs.type) feature(0.5, tf);
  if (d.id && read) feature(3, l.id === d.id ? 1 : 0);
  if (d.nameAttr && read) feature(2.5, l.name === d.nameAttr ? 1 : 0);
  if (d.placeholder && read) feature(1.5, l.placeholder ? textFit(d.placeholder, l.placeholder) : 0);
  if (d.label) feature(1, textFit(d.label, label, sem));
  const identity = w > 0 ? m / w : 0;
  const nearExact = !!d.near && !!l.near && normalizeText(d.near) === normalizeText(l.near);
  if (d.near && read) feature(1.5, nearExact ? 1 : l.near ? textFit(d.near, l.near) : 0);
  if (d.path && read) feature(1, l.path ? pathFit(d.path, l.path) : 0);
  if (d.rank) {
    const r = rankOf(e, all);
    feature(1, r.n === d.rank.n ? (r.of === d.rank.of ? 1 : 0.6) : 0);
  }
  if (d.box) feature(0.5, Math.exp(-Math.hypot(d.box.x - e.box.x, d.box.y - (e.box.y + scrollY)) / 300));
  return { e, identity, score: w > 0 ? m / w : 0, nearExact };
}

/**
 * The element `d` describes among `candidates`, when one matches confidently: above
 * MATCH_MIN and clearly ahead of the next. For clicks, and for controls repeated in
 * every row, look-alikes that only position tells apart make the match ambiguous unless
 * the text before the element (a row's own words) singles one out.
 */
export function findDescribed(d: WorkflowTarget, candidates: readonly ObservedElement[], opts: { all?: readonly ObservedElement[]; sem?: SemanticMatcher; scrollY?: number; click?: boolean; nearKeys?: readonly ValueKey[]; nameKeys?: readonly ValueKey[] } = {}): FoundElement {
  const all = opts.all ?? candidates;
  // The words before it held the task's values (the row of ticket #1043; the dialog about
  // the appointment of 22 December): they, not the name it had last time nor the rest of
  // those words, say which element it is.
  if (opts.nearKeys?.length) {
    const rows = candidates.filter((e) => e.role === d.role && e.tag === d.tag && e.locator?.near !== undefined && holdsKeys(e.locator.near, opts.nearKeys!));
    if (rows.length === 1) return { match: { element: rows[0]!, score: 1 } };
    const what = listed(opts.nearKeys);
    return { why: rows.length ? `${rows.length} elements follow ${what}; which one the task needs is not known` : `nothing on this page follows ${what}` };
  }
  const scored = candidates.flatMap((e) => score(d, e, all, opts.sem, opts.scrollY ?? 0) ?? []).sort((a, b) => b.score - a.score);
  const top = scored[0];
  if (!top) return { why: `nothing like ${describeTarget(d)} on this page` };
  const best = { element: top.e, score: top.score };
  // Named by the task's values: only an element carrying them where the recorded name
  // had them is the one (the subject, not "Quarterly report draft" nor a word of another
  // email's first line). The rest of its name was the old item's own.
  if (opts.nameKeys?.length) {
    const keys = opts.nameKeys;
    const what = listed(keys);
    const named = scored.filter((s) => (s.e.role === d.role || s.e.tag === d.tag) && holdsKeys(labelOf(s.e), keys));
    if (named.length === 1) return { match: { element: named[0]!.e, score: named[0]!.score } };
    return { best, why: named.length ? `${named.length} elements named ${what} look like ${describeTarget(d)}; which one the task needs is not known` : `nothing like ${describeTarget(d)} named ${what} on this page` };
  }
  if (top.score < MATCH_MIN) return { best, why: `nothing like ${describeTarget(d)} on this page (closest: ${describeElement(top.e)}, ${pct(top.score)} alike)` };
  const second = scored[1];
  const twins = scored.filter((s) => s.identity >= top.identity - 1e-6 && s.identity >= 0.75);
  // Look-alikes repeated row by row (each row's "Assignee" select) are told apart by their
  // row, whatever the step does: which row a run filled depended on its task.
  if (twins.length > 1 && (opts.click || twins.every((s) => s.e.locator?.row !== undefined))) {
    // The row holding the task's values the recorded row held (the card ending 7181 now, 4584 then).
    if (d.rowKeys?.length) {
      const inRow = twins.filter((s) => d.rowKeys!.every((k) => containsPhrase(s.e.locator?.row ?? '', k)));
      if (inRow.length === 1) return { match: { element: inRow[0]!.e, score: inRow[0]!.score } };
      return { best, why: inRow.length ? `${inRow.length} rows hold "${d.rowKeys.join('", "')}"; which one the task needs is not known` : `no row of ${describeTarget(d)} holds "${d.rowKeys.join('", "')}"` };
    }
    const byNear = twins.filter((s) => s.nearExact);
    if (byNear.length !== 1 || byNear[0]!.e !== top.e) return { best, why: `${twins.length} elements look like ${describeTarget(d)}; which one the task needs is not known` };
    return { match: best };
  }
  if (second && top.score - second.score < MATCH_MARGIN) return { best, why: `${describeElement(top.e)} and ${describeElement(second.e)} both look like ${describeTarget(d)}` };
  return { match: best };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describeTarget(d: Pick<WorkflowTarget, 'role' | 'tag' | 'name' | 'placeholder' | 'near'>): string {
  const what = d.role || d.tag;
  if (d.name) return `${what} "${d.name}"`;
  if (d.placeholder) return `${what} with placeholder "${d.placeholder}"`;
  if (d.near) return `${what} after "${d.near}"`;
  return `an unnamed ${what}`;
}

function describeElement(e: ObservedElement): string {
  const label = labelOf(e);
  return `[${e.index}] ${e.role || e.tag}${label ? ` "${label.slice(0, 40)}"` : ''}`;
}
