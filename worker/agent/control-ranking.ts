// Which control carries the task on: the page's controls ranked against the task's
// words, the form its values went into first, the row it names before other rows, a link
// back to a page already left last; and the button that saves values put in with no
// control named for it.
import type { Observation, ObservedElement } from '../../shared/observation';
import { type Attempt, type Blocked, elementKey, filledOn } from './action-ledger';
import { CONTROL_MIN, type ControlPurpose, controlScore, elementKind, isLinkTo, isLinkToThisPage, showsOrHides, submitsForm, undoes, wordsShared } from './element-match';
import { namedRows } from './named-rows';
import type { SemanticMatcher } from './semantic';
import type { ParsedTask } from './task-parse';

/** What ranking controls reads of the step being decided. */
export interface RankingContext {
  task: ParsedTask;
  observation: Observation;
  attempts: readonly Attempt[];
  blocked: Blocked;
  sem?: SemanticMatcher;
}

/** A control in the row the task names carries it on from this score (a word shared with the task: "Return")… */
const ROW_CONTROL_MIN = 0.3;
/** …lifted by this much. */
const NAMED_ROW_LIFT = 0.2;
/** After values went in, a button sharing this share of its words with the task saves them. */
const SAVING_MIN = 0.3;

/** The task without its values: what its verbs and nouns say ("subscribe to the newsletter"). */
export function taskPhrase(task: ParsedTask): string {
  let text = task.text;
  for (const s of [...task.slots].reverse()) text = text.slice(0, s.value.start) + text.slice(s.value.end);
  return text.replace(/[()"“”'‘’,]/g, ' ').replace(/\s+/g, ' ').trim();
}


/**
 * The controls that may carry the task on, best first (not blocked, not pressed here yet);
 * the submit buttons of the form this page's values went into (`filling`: fields this
 * step fills too) before anything else, however well that shares the task's words
 * ("Search flights" after From and To, not the site menu's "Manage booking" for "book a flight").
 */
export function rankedControls(ctx: RankingContext, purpose: ControlPurpose, filling: readonly ObservedElement[] = []): ObservedElement[] {
  const phrase = taskPhrase(ctx.task);
  const form = formFilledHere(ctx, filling);
  // A menu button or a section shows or hides in place: looked into (revealStep, exploreStep), never pressed to carry the task on.
  const free = (e: Observation['elements'][number]) => !ctx.blocked.isBlocked('click', elementKey(e)) && !ctx.blocked.wasPressed(elementKey(e)) && !isLinkToThisPage(e, ctx.observation.url) && !showsOrHides(e);
  // What the last action brought up (a basket preview's "View basket") is where the flow goes on.
  const someOld = ctx.observation.elements.some((e) => !e.isNew);
  const fresh = (e: Observation['elements'][number]) => (someOld && e.isNew ? 0.1 : 0);
  const scoreOf = (e: ObservedElement) => (free(e) ? controlScore(ctx.task, e, purpose, ctx.sem, phrase) : 0);
  // A control repeated row by row ("View order", "Return"): the one in the row the task names
  // (order 10842, "the brass desk lamp"), not the others; sharing a word with the task is
  // then enough for it to carry the task on.
  const rows = namedRows(ctx.task, ranked(ctx.observation, scoreOf, ROW_CONTROL_MIN));
  const score = (e: ObservedElement) => {
    const s = scoreOf(e) + (rows.named(e) ? NAMED_ROW_LIFT : 0);
    return s >= CONTROL_MIN ? s + fresh(e) : 0;
  };
  const all = ranked(ctx.observation, score, CONTROL_MIN);
  const inNamedRow = rows.named;
  const otherRow = rows.other;
  const ownSubmit = (e: ObservedElement) => !!form && e.locator?.form === form && submitsForm(e);
  // A link back to a page this run already left goes round in a circle: last.
  const left = [...new Set(ctx.attempts.map((a) => a.url))].filter((u) => u !== ctx.observation.url);
  const back = (e: ObservedElement) => isLinkTo(e, ctx.observation.url, left);
  const rest = all.filter((e) => !ownSubmit(e) && !otherRow(e));
  return [...all.filter(ownSubmit), ...rest.filter((e) => !back(e) && inNamedRow(e)), ...rest.filter((e) => !back(e) && !inNamedRow(e)), ...rest.filter(back)];
}

/**
 * Values went in on this page and no control is named for the task: the button sharing
 * most of the task's words saves them ("Change delivery day" after a day was picked for
 * "deliver … on Thursday"); not a link, not a choice that stays pressed, not one that undoes.
 */
export function savingControl(ctx: RankingContext): ObservedElement | undefined {
  const o = ctx.observation;
  if (!filledOn(ctx.attempts, o.url)) return undefined;
  const free = (e: ObservedElement) => elementKind(e) === 'control' && !e.disabled && e.attrs['aria-pressed'] === undefined && !showsOrHides(e) && !undoes(e, ctx.task) && !ctx.blocked.isBlocked('click', elementKey(e)) && !ctx.blocked.wasPressed(elementKey(e));
  return ranked(o, (e) => (free(e) ? wordsShared(ctx.task, e) : 0), SAVING_MIN)[0];
}

/** The form most of this page's values went into (typed, chosen or ticked here, or about to be), when one leads. */
function formFilledHere(ctx: RankingContext, filling: readonly ObservedElement[]): string | undefined {
  const o = ctx.observation;
  const byKey = new Map(o.elements.map((e) => [elementKey(e), e]));
  const filled = [...filling];
  for (const a of ctx.attempts) {
    const fills = a.action.kind === 'type' || a.action.kind === 'select' || (a.action.kind === 'click' && a.purpose === 'toggle');
    const e = a.target && a.url === o.url && a.result.ok && fills ? byKey.get(a.target) : undefined;
    if (e) filled.push(e);
  }
  const counts = new Map<string, number>();
  for (const e of filled) if (e.locator?.form) counts.set(e.locator.form, (counts.get(e.locator.form) ?? 0) + 1);
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return first && (!second || second[1] < first[1]) ? first[0] : undefined;
}

export function best(o: Observation, score: (e: Observation['elements'][number]) => number, min: number): Observation['elements'][number] | undefined {
  return ranked(o, score, min)[0];
}

/** The page's elements that score at least `min`, best first; ties go to the element in view, then to the earlier one. */
export function ranked(o: Observation, score: (e: Observation['elements'][number]) => number, min: number): Observation['elements'][number][] {
  const scored: { e: Observation['elements'][number]; s: number }[] = [];
  for (const e of o.elements) {
    if (elementKind(e) === 'other') continue;
    const s = score(e);
    if (s >= min) scored.push({ e, s });
  }
  const byScore = (a: { s: number }, b: { s: number }) => (Math.abs(b.s - a.s) > 1e-9 ? b.s - a.s : 0);
  return scored.sort((a, b) => byScore(a, b) || Number(b.e.inViewport) - Number(a.e.inViewport) || a.e.index - b.e.index).map((x) => x.e);
}
