// When nothing on a page takes the task on, a person looks around before giving up:
// opens the menu of the item the task names (the "⋯" of the card ending 8317), follows a
// way on whose words the task shares ("Your orders" for "… from order 4471"), goes
// through the site's menu and the side menu of a page it leads to, and comes back when
// the page it led to holds nothing for the task. A run that found its way so
// is what memory keeps (the condenser drops the detours), and the next run goes straight.
import type { Observation, ObservedElement } from '../../shared/observation';
import { containsPhrase, stem } from '../../shared/words';
import { type Attempt, type Blocked, elementKey, filledOn } from './action-ledger';
import { isCommit } from './commit-guard';
import { elementKind, isLinkTo, labelOf, opensInPlace, undoes, wordsShared } from './element-match';
import { type Planned, quote } from './fill-plan';
import { namedRows } from './named-rows';
import type { SemanticMatcher } from './semantic';
import type { ParsedTask } from './task-parse';

export interface ExploreContext {
  task: ParsedTask;
  observation: Observation;
  attempts: readonly Attempt[];
  blocked: Blocked;
  sem?: SemanticMatcher;
  /** The task without its values, for semantic nearness. */
  taskPhrase: string;
}

/** A way on is tried when at least this share of its words are the task's. */
const EXPLORE_MIN = 0.5;
/** Looking around stops after this many tries in a run: a task this far from its page is not found by wandering. */
const MAX_EXPLORED = 6;

/**
 * One step of looking around: the opener in the row the task names, else the way on
 * sharing most of the task's words (what just appeared first), else (on the page the run
 * started on) a page of the site's menu, else back from a page an earlier look led to;
 * undefined when there is nowhere left to look.
 */
export function exploreStep(ctx: ExploreContext): { planned: Planned[]; goal: string } | undefined {
  const { task, observation: o, attempts, blocked } = ctx;
  const explored = attempts.filter((a) => a.purpose === 'explore' && a.result.ok);
  const tried = new Set(explored.flatMap((a) => (a.target ? [a.target] : [])));
  // Values went in here: this is where the task is done, whatever holds it back.
  if (filledOn(attempts, o.url)) return undefined;
  // Something covers the page (a dialog the run opened): what is behind it is no way on.
  if (attempts.at(-1)?.result.error?.code === 'obscured') return undefined;
  if (explored.length < MAX_EXPLORED) {
    // Pages this run has been on: a link to one goes round in a circle.
    const visited = [...new Set(attempts.flatMap((a) => [a.url, ...(a.result.url ? [a.result.url] : [])]).concat(o.url))];
    const open = (e: ObservedElement) =>
      (elementKind(e) === 'control' || elementKind(e) === 'link') && !e.disabled && !tried.has(elementKey(e)) && !blocked.isBlocked('click', elementKey(e)) && !blocked.wasPressed(elementKey(e)) && !isLinkTo(e, o.url, visited);
    const candidates = o.elements.filter(open);
    const rows = namedRows(task, candidates);
    // Menu buttons row by row are one set, whatever each says now ("Admin ▾", "Editor ▾").
    const openers = namedRows(task, candidates.filter(opensInPlace), () => 'opener');
    const opener = candidates.find((e) => opensInPlace(e) && openers.named(e));
    if (opener) return look(opener, `open ${quote(opener)} in the row the task names`);
    const someOld = o.elements.some((e) => !e.isNew);
    // What just appeared (the items of a menu just opened) first; of controls repeated row by row, the one in the row the task names.
    const appeared = (e: ObservedElement) => Number(someOld && e.isNew);
    // Once the item the task names is open, the word naming it said which one, not what to do
    // there: its menu's "Unfreeze card" shares nothing with "cap spending on card 8903".
    const item = task.goals.item;
    const inItem = !!item && attempts.some((a) => a.result.ok && !!a.row && containsPhrase(a.row, item.key));
    const lookTask = inItem ? { ...task, words: task.words.filter((w) => w !== stem(item.noun)) } : task;
    const score = (e: ObservedElement) => wordsShared(lookTask, e, ctx.sem, ctx.taskPhrase) + (rows.named(e) ? 0.1 : 0);
    const ways = candidates
      .filter((e) => !isCommit(e) && !undoes(e, task) && !rows.other(e) && !openers.other(e))
      .map((e) => ({ e, s: score(e) }))
      .filter((x) => x.s >= EXPLORE_MIN)
      .sort((a, b) => appeared(b.e) - appeared(a.e) || b.s - a.s || Number(b.e.inViewport) - Number(a.e.inViewport) || a.e.index - b.e.index);
    const way = ways[0]?.e;
    if (way) return look(way, `try ${quote(way)}: its words are the task's`);
    // No word to go by: from the page the run started on, the site's own menu, one page at a
    // time; on a page that menu led to, its own side menu ("Settings" → "General", "Members").
    const start = attempts[0]?.url ?? o.url;
    const fromStart = attempts.some((a) => a.purpose === 'explore' && a.result.ok && a.result.navigated && a.url === start && a.result.url === o.url);
    const menu = o.url === start ? candidates.filter((e) => inSiteMenu(e, o.url) && !undoes(e, task)) : fromStart ? candidates.filter((e) => inSiteMenu(e, o.url, SIDE_MENU) && !undoes(e, task)) : [];
    const near = (e: ObservedElement) => (ctx.sem ? ctx.sem.similarity(ctx.taskPhrase, labelOf(e)) : 0);
    const entry = menu.sort((a, b) => near(b) - near(a) || a.index - b.index)[0];
    if (entry) return look(entry, `nothing here shares the task's words: the site's menu, ${quote(entry)}`);
  }
  // Nothing more here, and an earlier look led to this page: back to where it was taken.
  const arrival = [...attempts].reverse().find((a) => a.result.ok && a.result.navigated);
  const onlyLooked = arrival?.purpose === 'explore' && attempts.slice(attempts.indexOf(arrival) + 1).every((a) => a.purpose === 'explore' || a.purpose === 'reveal');
  if (arrival && onlyLooked) return { planned: [{ action: { kind: 'back' }, purpose: 'back', says: 'go back: the page this led to holds nothing for the task' }], goal: 'Go back and look elsewhere' };
  return undefined;
}

/** Where a site keeps its menus: its header, navigation or side bar. */
const SITE_MENU = /(?:^|[\s>])(?:header|nav|aside)\b/;
/** A section's own menu: a side bar, or navigation outside the page's header. */
const SIDE_MENU = /(?:^|[\s>])aside\b|^(?!.*\bheader\b).*(?:^|[\s>])nav\b/;

/** A link of the site's own menu (`where` it sits: header, navigation or side bar) to another of its pages. */
function inSiteMenu(e: ObservedElement, pageUrl: string, where = SITE_MENU): boolean {
  const href = e.attrs.href;
  if (elementKind(e) !== 'link' || !href || href.startsWith('#') || /^(?:javascript|mailto|tel):/i.test(href)) return false;
  if (!where.test(e.locator?.path ?? '')) return false;
  try {
    const to = new URL(href, pageUrl);
    const here = new URL(pageUrl);
    return to.origin === here.origin && to.pathname !== here.pathname;
  } catch {
    return false;
  }
}

function look(e: ObservedElement, why: string): { planned: Planned[]; goal: string } {
  return { planned: [{ action: { kind: 'click', index: e.index }, element: e, purpose: 'explore', says: `look around: ${why}` }], goal: `Nothing here takes the task on: look around (${labelOf(e)})` };
}

/**
 * Values still to go in, and a closed section of this page the task's words name
 * ("Delivery instructions" for "… delivered …, leave it with a neighbour"): opened before
 * anything moves on, as its fields may be where they go.
 */
export function closedSectionStep(ctx: ExploreContext): { planned: Planned[]; goal: string } | undefined {
  const { task, observation: o, attempts, blocked } = ctx;
  const opened = new Set(attempts.filter((a) => a.result.ok && a.target && (a.purpose === 'reveal' || a.purpose === 'explore')).map((a) => a.target!));
  // A section of the page, not a menu button or an item's own opener (a row's "Card options" is looked into by exploreStep, in the row the task names).
  const section = o.elements.find((e) => e.attrs['aria-expanded'] === 'false' && e.attrs['aria-haspopup'] === undefined && !e.locator?.row && !e.disabled && !opened.has(elementKey(e)) && !blocked.isBlocked('click', elementKey(e)) && wordsShared(task, e) >= EXPLORE_MIN);
  if (!section) return undefined;
  return { planned: [{ action: { kind: 'click', index: section.index }, element: section, purpose: 'reveal', says: `open ${quote(section)}: the task's values may go there` }], goal: `Open "${labelOf(section)}" before going on` };
}
