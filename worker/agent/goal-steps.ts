// The offline policy's steps for the shapes of tasks task-goals.ts reads: tick exactly
// the boxes named, hover a menu, open a section or tab the task names, press the
// element the task is about (found by its exact name and role word), the n-th result
// across result pages, the item a task picks out by who or what it is about and what
// to do to it, a key to press. What the task needs but the page does not show yet is
// looked for the way a person would: other tabs, collapsed sections and folders, hover
// menus, "more" buttons, a moment's wait, scrolling. Each finishes only on evidence: the
// element named was pressed, the key was pressed, the boxes hold what was asked.
import type { Action } from '../../shared/actions';
import type { ActionPurpose } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { containsPhrase, contentWords, normalizeText } from '../../shared/words';
import { type Attempt, type Blocked, elementKey, nameInKey } from './action-ledger';
import { blockingValues, heldBack, missingValues } from './commit-guard';
import { elementKind, isChecked, labelOf } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { RoleWord } from './task-goals';
import type { ParsedTask } from './task-parse';

export interface GoalContext {
  task: ParsedTask;
  observation: Observation;
  attempts: readonly Attempt[];
  blocked: Blocked;
}

export interface GoalPlan {
  planned: Planned[];
  goal: string;
}

const same = (a: string, b: string) => normalizeText(a) === normalizeText(b);

/** Whether an element is of the kind a role word names. */
function fitsRole(e: ObservedElement, role: RoleWord | undefined): boolean {
  if (!role) return true;
  const kind = elementKind(e);
  switch (role) {
    case 'button':
      return kind === 'control' && e.role !== 'link';
    case 'link':
      return kind === 'link' || e.role === 'link';
    case 'tab':
      return e.role === 'tab';
    case 'checkbox':
    case 'radio':
      return kind === 'toggle';
    case 'option':
      return e.role === 'option' || kind === 'control' || kind === 'link';
    case 'field':
      return kind === 'field' || kind === 'select';
    default:
      return kind !== 'field' && kind !== 'select' && kind !== 'other';
  }
}

/** Elements named exactly like `name` (else, short labels that contain it as a phrase), of the role asked for. */
export function namedElements(o: Observation, name: string, role?: RoleWord): ObservedElement[] {
  const exact = o.elements.filter((e) => same(labelOf(e), name) && fitsRole(e, role) && !e.disabled);
  if (exact.length) return exact;
  const words = contentWords(name).length;
  return o.elements.filter((e) => {
    const label = labelOf(e);
    return fitsRole(e, role) && !e.disabled && containsPhrase(label, name) && contentWords(label).length <= words + 2;
  });
}

const step = (action: Action, e: ObservedElement | undefined, purpose: ActionPurpose, says: string): Planned => ({ action, ...(e ? { element: e } : {}), purpose, says });
const finish = (success: boolean, text: string): GoalPlan => ({ planned: [step({ kind: 'done', success, text }, undefined, 'finish', success ? 'the page shows the task done' : 'nothing useful is left to do')], goal: `Finish: ${text}` });

/** The last action of the run that worked, with its element's key. */
function lastDone(attempts: readonly Attempt[]): Attempt | undefined {
  const last = attempts.at(-1);
  return last?.result.ok ? last : undefined;
}

/** Elements acted on for a purpose in this run, on any screen (a tab opened once needs no second look). */
function triedKeys(attempts: readonly Attempt[], purpose: ActionPurpose): Set<string> {
  return new Set(attempts.filter((a) => a.purpose === purpose && a.target).map((a) => a.target!));
}

/**
 * The attempt pressed the element the task asks to press (its name), not another control
 * pressed on the way (a reply tab opened before "… then press Submit").
 */
export function pressedTheGoal(task: ParsedTask, a: Attempt | undefined): boolean {
  const press = task.goals.press;
  return !!press && a?.purpose === 'press' && a.result.ok && containsPhrase(nameInKey(a.target ?? ''), press.name);
}

/**
 * The next step for the task's shape, or undefined when its shape asks nothing of this
 * page (the form filler and the result opener take over).
 */
export function goalStep(ctx: GoalContext): GoalPlan | undefined {
  const { task, observation: o, attempts } = ctx;
  const g = task.goals;
  const last = lastDone(attempts);

  // Evidence first: the element the task is about was just pressed, or the key.
  if (pressedTheGoal(task, last) && last!.action.kind === 'click') return finish(true, `Pressed "${g.press!.name}".`);
  if (g.keys && last?.action.kind === 'key' && last.action.keys === g.keys) return finish(true, `Pressed ${g.keys}.`);

  const ticks = g.toggles ? tickPlan(ctx, g.toggles) : undefined;
  if (ticks?.length) return { planned: ticks, goal: `Set the boxes: ${ticks.map((p) => p.says).join('; ')}` };
  // Nothing to press or send after: the boxes holding what was asked is the task done.
  if (ticks && !g.press && !g.keys && g.controls.length === 0 && task.verbs.length === 0) return finish(true, g.toggles!.length ? `Ticked ${g.toggles!.map((n) => `"${n}"`).join(', ')}.` : 'No box is ticked.');

  if (g.keys && task.slots.every((s) => s.role === 'target' || attempts.some((a) => a.result.ok && a.action.kind === 'type' && same(a.action.text, s.value.text)))) {
    // Pressed where the text went in (the field that now holds it), else where the focus is.
    const typed = [...attempts].reverse().find((a) => a.result.ok && a.action.kind === 'type');
    const field = typed ? o.elements.find((e) => e.value !== undefined && same(e.value, (typed.action as { text: string }).text)) : undefined;
    return { planned: [step({ kind: 'key', keys: g.keys, ...(field ? { index: field.index } : {}) }, field, 'submit', `press ${g.keys}${field ? ` in ${quote(field)}` : ''}`)], goal: `Press ${g.keys}` };
  }

  if (g.hover) {
    const hovered = triedKeys(attempts, 'reveal');
    const menu = namedElements(o, g.hover).find((e) => !hovered.has(elementKey(e)));
    if (menu) return { planned: [step({ kind: 'hover', index: menu.index }, menu, 'reveal', `hover over ${quote(menu)}`)], goal: `Hover over "${g.hover}"` };
  }

  if (g.press) {
    const wanted = namedElements(o, g.press.name, g.press.role);
    const target = wanted.find((e) => !ctx.blocked.isBlocked('click', elementKey(e))) ;
    if (target) {
      const missing = blockingValues(target, missingValues(task, o, attempts), o, task.slots);
      if (missing.length) {
        const next = heldBack(target, missing, o, attempts);
        if (next.wait) return { planned: [step({ kind: 'wait', seconds: 1 }, undefined, 'fill', `wait for a field for ${missing.map((s) => `"${s.value.text}"`).join(', ')}`)], goal: `Wait: "${labelOf(target)}" needs a value first` };
        return finish(false, next.why);
      }
      return { planned: [step({ kind: 'click', index: target.index }, target, 'press', `press ${quote(target)}`)], goal: `Press "${labelOf(target)}"` };
    }
    const opened = revealStep(ctx, g.press.name);
    // Values still to go in, or a flow the task names (book, buy, send): the control may be
    // on a later screen (the form behind "New ticket", the hold form behind "Place hold"),
    // so the page's own controls carry the task on before any waiting or scrolling.
    const settling = opened?.planned[0]?.action.kind === 'wait' || opened?.planned[0]?.action.kind === 'scroll';
    const flow = task.verbs.some((v) => v !== 'open') || task.acquire === true;
    if ((!opened || settling) && (flow || missingValues(task, o, attempts).length > 0)) return undefined;
    if (opened) return opened;
    return finish(false, `Nothing on this page is named "${g.press.name}"${g.press.role ? ` (a ${g.press.role})` : ''}, and nothing more could be opened to find it.`);
  }
  return undefined;
}

/**
 * Clicks that tick the named boxes; the others are unticked only when the task says so
 * ("select nothing", "only A and B"): a box the task does not mention is left as it is.
 */
function tickPlan(ctx: GoalContext, names: readonly string[]): Planned[] | undefined {
  const boxes = ctx.observation.elements.filter((e) => elementKind(e) === 'toggle' && (e.attrs.type ?? e.role) !== 'radio' && e.role !== 'radio');
  if (boxes.length === 0) return undefined;
  const out: Planned[] = [];
  for (const e of boxes) {
    const want = names.some((n) => same(labelOf(e), n));
    if (!want && !ctx.task.goals.untickOthers) continue;
    if (want !== isChecked(e) && !ctx.blocked.isBlocked('click', elementKey(e))) out.push(step({ kind: 'click', index: e.index }, e, 'toggle', `${want ? 'tick' : 'untick'} ${quote(e)}`));
  }
  return out;
}

/** How many of an element's words the task uses (outside its values). */
function taskOverlap(task: ParsedTask, e: ObservedElement): number {
  const words = contentWords(labelOf(e));
  return words.filter((w) => task.plainWords.includes(w)).length;
}

const MORE = /^(?:load|show|see|view)\s+(?:more|all)\b|^more\b|^next\b|^older\b|^›$|^»$/i;
const EXPAND = /^(?:expand|open|show)\b/i;

/**
 * What opens a collapsed section or folder, best first: controls named for it ("Expand
 * Photos", "Show more"), then buttons and summaries marked collapsed, then other collapsed
 * items — except an item that has a control of its own to open it (clicking a tree's item
 * may choose it rather than open it).
 */
function collapsedFirst(o: Observation): ObservedElement[] {
  const named = o.elements.filter((e) => EXPAND.test(labelOf(e)) && (elementKind(e) === 'control' || elementKind(e) === 'link'));
  const opensSomething = new Set(named.map((e) => normalizeText(labelOf(e).replace(EXPAND, ''))));
  const marked = o.elements.filter((e) => e.attrs['aria-expanded'] === 'false' && !named.includes(e) && !opensSomething.has(normalizeText(labelOf(e))));
  const rank = (e: ObservedElement) => (e.role === 'button' || e.tag === 'button' || e.tag === 'summary' ? 0 : 1);
  return [...named, ...marked.sort((a, b) => rank(a) - rank(b))];
}

/**
 * One step towards showing what the task needs but this page does not show: the
 * sections and tabs the task names first, then other tabs, collapsed sections and
 * folders, hover menus, "more" buttons, a moment's wait, the rest of the page. Nothing
 * is opened twice; undefined when there is nothing left to try.
 */
export function revealStep(ctx: GoalContext, lookingFor: string): GoalPlan | undefined {
  const { task, observation: o, attempts, blocked } = ctx;
  const tried = triedKeys(attempts, 'reveal');
  const fresh = (e: ObservedElement) => !tried.has(elementKey(e)) && !blocked.isBlocked(e.attrs.hoverable !== undefined ? 'hover' : 'click', elementKey(e)) && !e.disabled;
  const open = (e: ObservedElement, why: string): GoalPlan => {
    const hover = e.attrs.hoverable !== undefined && elementKind(e) !== 'control' && elementKind(e) !== 'link';
    return { planned: [step(hover ? { kind: 'hover', index: e.index } : { kind: 'click', index: e.index }, e, 'reveal', `${hover ? 'hover over' : 'open'} ${quote(e)}`)], goal: `Look for "${lookingFor}": ${why}` };
  };
  for (const name of [...task.goals.reveal, ...(task.goals.hover ? [task.goals.hover] : [])]) {
    const e = namedElements(o, name).find(fresh);
    if (e) return open(e, `open "${name}", as the task says`);
  }
  // What the task's own words name comes first ("… in the profile settings": the Profile tab).
  const byTask = (list: ObservedElement[]) => [...list].sort((a, b) => taskOverlap(task, b) - taskOverlap(task, a));
  const tab = byTask(o.elements.filter((e) => e.role === 'tab' && e.attrs['aria-selected'] !== 'true' && fresh(e)))[0];
  if (tab) return open(tab, 'try another tab');
  const collapsed = byTask(collapsedFirst(o)).find(fresh);
  if (collapsed) return open(collapsed, 'open a collapsed section');
  const menu = o.elements.find((e) => e.attrs.hoverable !== undefined && fresh(e));
  if (menu) return open(menu, 'open a menu');
  const more = o.elements.find((e) => MORE.test(labelOf(e)) && (elementKind(e) === 'control' || elementKind(e) === 'link') && fresh(e));
  if (more) return open(more, 'show more');
  // Content that comes a moment later: wait twice on one screen at most.
  const waited = attempts.filter((a) => a.action.kind === 'wait' && a.url === o.url).length;
  if (waited < 2) return { planned: [step({ kind: 'wait', seconds: 1 }, undefined, 'reveal', 'wait a moment for the page to show more')], goal: `Look for "${lookingFor}": wait for the page` };
  const below = o.scroll.pageHeight - o.scroll.y - o.scroll.viewportHeight;
  const scrolled = attempts.filter((a) => a.action.kind === 'scroll' && a.url === o.url).length;
  if (below > 20 && scrolled < 5) return { planned: [step({ kind: 'scroll', direction: 'down' }, undefined, 'reveal', 'scroll down')], goal: `Look for "${lookingFor}": scroll down` };
  return undefined;
}
