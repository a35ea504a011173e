// Replaying a learned workflow on today's page, checking itself as it goes. Each
// step's element is found again by its descriptor (descriptor-match.ts: indices and
// order change between visits), its values come from the new task's bindings, and
// after it ran it must have had the effect it had when it was recorded (the page
// moved on, the page changed, the field holds the value). Nothing is skipped:
// a step whose element cannot be found with confidence, whose action failed or
// whose effect did not show ends the replay and hands control back to the policy,
// which goes on by itself. A step that enters one of the task's values is therefore
// never passed over, and a step that commits (submit, send, pay) is reached only
// after every earlier step was seen to work. Progress lives in the step's notes, so
// a resumed run goes on where it was.
import type { Action, ActionResult } from '../../shared/actions';
import type { Step } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { type BoundWorkflow, instantiate, literalWords, type WorkflowStep } from '../../shared/workflow';
import { REDACTED } from '../../shared/redact';
import { contentWords, normalizeText } from '../../shared/words';
import { type Blocked, elementKey } from './action-ledger';
import { describeTarget, findDescribed, type ValueKey, valueKeysOf } from './descriptor-match';
import { elementKind, isChecked } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { SemanticMatcher } from './semantic';

export interface WorkflowState {
  /** The workflow's task template, to tell workflows apart. */
  template: string;
  /** 0-based index of the first step not yet confirmed done. */
  next: number;
  total: number;
  /** The workflow step each action of the step being written runs (-1: not a workflow step). */
  running: number[];
  /** Why the replay ended before its end: control is back with the policy for the rest of the run. */
  handedBack?: string;
}

const STATE_LINE = /^Workflow ("(?:[^"\\]|\\.)*"): next step (\d+) of (\d+); this step runs (none|[\d,]+)\.(?: Handed back: ("(?:[^"\\]|\\.)*")\.)?$/m;

export function writeWorkflowState(s: WorkflowState): string {
  const running = s.running.filter((k) => k >= 0);
  const back = s.handedBack !== undefined ? ` Handed back: ${JSON.stringify(s.handedBack.slice(0, 500))}.` : '';
  return `Workflow ${JSON.stringify(s.template)}: next step ${s.next + 1} of ${s.total}; this step runs ${running.length ? s.running.map((k) => k + 1).join(',') : 'none'}.${back}`;
}

export function readWorkflowState(notes: string | undefined): WorkflowState | undefined {
  const m = notes ? STATE_LINE.exec(notes) : null;
  if (!m) return undefined;
  try {
    return {
      template: JSON.parse(m[1]!) as string,
      next: Number(m[2]) - 1,
      total: Number(m[3]),
      running: m[4] === 'none' ? [] : m[4]!.split(',').map((k) => Number(k) - 1),
      ...(m[5] ? { handedBack: JSON.parse(m[5]) as string } : {}),
    };
  } catch {
    return undefined;
  }
}

const sameText = (a: string, b: string) => normalizeText(a) === normalizeText(b);

/** Whether a replayed step's result shows the effect the step had when it was recorded; why not, if not. */
export function effectMissing(step: WorkflowStep, action: Action | undefined, result: ActionResult): string | null {
  if (!result.ok) return `its action failed (${result.error?.message ?? 'no reason given'})`;
  const effect = step.effect;
  if (!effect) return null;
  if (effect.navigated && !result.navigated) return result.pageChanged ? 'the page changed but did not move on, as it did before' : 'the page did not move on, as it did before';
  // A value put in a field is its own effect: whether the page also redrew (a counter, a
  // suggestion list) is by the way, and differs from one visit to the next.
  const entersValue = step.kind === 'type' || step.kind === 'select';
  if (effect.changed && !entersValue && !result.pageChanged && !result.navigated) return 'nothing on the page changed, though it did before';
  if (effect.value !== undefined && result.value !== undefined && result.value !== REDACTED) {
    const entered = action?.kind === 'type' ? action.text : action?.kind === 'select' ? action.option : undefined;
    if (!sameText(result.value, effect.value) && !(entered !== undefined && sameText(result.value, entered))) return `the field holds "${result.value.slice(0, 60)}", not "${effect.value.slice(0, 60)}"`;
  }
  return null;
}

/** Where the workflow stands after the last step: steps that ran with their effect are done; the first that did not ends the replay. */
export function progressAfter(state: WorkflowState | undefined, bound: BoundWorkflow, last: Step | undefined): { next: number; handedBack?: string } {
  const { workflow } = bound;
  if (!state || state.template !== workflow.task) return { next: 0 };
  if (state.handedBack !== undefined) return { next: state.next, handedBack: state.handedBack };
  let next = state.next;
  if (!last) return { next };
  for (const [i, k] of state.running.entries()) {
    if (k < 0) continue;
    const result = last.results[i];
    if (!result) break; // not run (the page changed under the step first): tried again
    const step = instantiate(workflow.steps[k]!, bound.bindings);
    const missing = step ? effectMissing(step, last.output.actions[i], result) : 'its values are not bound for this task';
    if (missing) return { next: k, handedBack: `workflow step ${k + 1}/${workflow.steps.length}: ${missing}` };
    next = Math.max(next, k + 1);
  }
  return { next };
}

export interface WorkflowContext {
  bound: BoundWorkflow;
  /** The task being done now, in its own words (a workflow of another wording may be bound to it). */
  task: string;
  observation: Observation;
  history: readonly Step[];
  notes: string | undefined;
  blocked: Blocked;
  sem?: SemanticMatcher;
}

export interface WorkflowPlan {
  planned: Planned[];
  /** Notes to keep with the step (the workflow's progress). */
  notes: string;
  /** Sentences about steps done already, or why the replay ended, for the step's goal. */
  remarks: string[];
  /** Nothing more to replay: every step ran with its effect, or control was handed back. */
  finished: boolean;
  /** Every step ran and had its effect. */
  completed: boolean;
  /** Why the replay ended early, when it did. */
  handedBack?: string;
  next: number;
}

/** Actions that usually change the page: a batch stops after one of them. */
function endsBatch(step: WorkflowStep, e: ObservedElement | undefined): boolean {
  if (step.kind === 'navigate' || step.kind === 'back') return true;
  if (step.kind === 'type' && step.enter) return true;
  return step.kind === 'click' && !(e && elementKind(e) === 'toggle');
}

const MAX_ACTIONS = 6;

export function planWorkflow(ctx: WorkflowContext): WorkflowPlan {
  const { workflow, bindings } = ctx.bound;
  const total = workflow.steps.length;
  const state = readWorkflowState(ctx.notes);
  const progress = progressAfter(state, ctx.bound, ctx.history.at(-1));
  let next = progress.next;
  const handBack = (why: string): WorkflowPlan => ({
    planned: [],
    notes: writeWorkflowState({ template: workflow.task, next, total, running: [], handedBack: why }),
    remarks: [`the learned workflow handed control back at ${why}`],
    finished: true,
    completed: false,
    handedBack: why,
    next,
  });
  if (progress.handedBack !== undefined) return handBack(progress.handedBack);

  // The workflow's own words and the task's, for steps its words chose (wordsNotSaid).
  const literal = new Set(literalWords(workflow.task));
  const said = new Set(contentWords(ctx.task));
  const planned: Planned[] = [];
  const running: number[] = [];
  const remarks: string[] = [];
  const taken = new Set<ObservedElement>();
  let first = -1;
  for (let k = next; k < total && planned.length < MAX_ACTIONS; k++) {
    const label = `workflow step ${k + 1}/${total}`;
    const step = instantiate(workflow.steps[k]!, bindings);
    if (!step) {
      if (planned.length) break;
      return handBack(`${label}: its values are not bound for this task`);
    }
    const raw = workflow.steps[k]!;
    const unsaid = wordsNotSaid(step, literal, said);
    if (unsaid) {
      if (planned.length) break;
      return handBack(`${label}: the task it was learned on chose it by "${unsaid}", which this task does not say`);
    }
    const rawTarget = 'target' in raw ? raw.target : undefined;
    const keys: TargetKeys = { nearKeys: rawTarget?.near ? valueKeysOf(rawTarget.near, bindings) : [], nameKeys: rawTarget ? valueKeysOf(rawTarget.name, bindings) : [] };
    const found = resolve(step, ctx, taken, keys);
    if (found === 'done') {
      if (planned.length) break; // confirmed once the steps planned before it have run
      next = k + 1;
      remarks.push(`${label} is already done on this page`);
      continue;
    }
    if (typeof found === 'string') {
      // The element may appear once the steps planned before it have run.
      if (planned.length) break;
      return handBack(`${label}: ${found}`);
    }
    if (found.element) taken.add(found.element);
    if (first < 0) first = k;
    // What the step was for when it was recorded (pressed the task's action, opened the item):
    // the policy reads it if the replay hands back, as if it had taken the step itself.
    planned.push({ ...found, purpose: raw.purpose ?? 'workflow', says: `${label}: ${found.says}` });
    running.push(k);
    if (endsBatch(step, found.element)) break;
  }
  next = first >= 0 ? first : next;
  const completed = planned.length === 0 && next >= total;
  const notes = writeWorkflowState({ template: workflow.task, next, total, running });
  return { planned, notes, remarks, finished: planned.length === 0, completed, next };
}

/**
 * A word of the workflow's own task (not a value) that names the option or control a
 * step takes ("front porch" for "leave it on the front porch"), when the task now does
 * not say it: a workflow learned on another wording chose that by words this task lacks.
 */
function wordsNotSaid(step: WorkflowStep, literal: ReadonlySet<string>, said: ReadonlySet<string>): string | undefined {
  if (step.kind !== 'click' && step.kind !== 'select') return undefined;
  const named = contentWords(`${step.target.name} ${step.kind === 'select' ? step.option : ''}`);
  return named.find((w) => literal.has(w) && !said.has(w));
}

type Resolved = Omit<Planned, 'purpose'> | 'done' | string;

/** What of the task's values the recorded element's texts held: they say which element it is now. */
interface TargetKeys {
  /** The words before it held the task's values (the row of ticket #1043). */
  nearKeys: ValueKey[];
  /** Its name held the task's values (the email the task named). */
  nameKeys: ValueKey[];
}

/** The action for a step on this page; 'done' when the page already shows it done; otherwise why it cannot be done. */
function resolve(step: WorkflowStep, ctx: WorkflowContext, taken: Set<ObservedElement>, keys: TargetKeys): Resolved {
  switch (step.kind) {
    case 'navigate':
      if (ctx.observation.url === step.url) return 'done';
      return { action: { kind: 'navigate', url: step.url }, says: `go to ${step.url}` };
    case 'back':
      return { action: { kind: 'back' }, says: 'go back' };
    case 'wait':
      return { action: { kind: 'wait', seconds: step.seconds }, says: `wait ${step.seconds}s` };
    case 'extract':
      return { action: { kind: 'extract', ...(step.query ? { query: step.query } : {}) }, says: `read the page${step.query ? ` for "${step.query}"` : ''}` };
    case 'scroll': {
      let e: ObservedElement | undefined;
      if (step.target) {
        const found = findElement(step, ctx, taken, keys);
        if (typeof found === 'string') return found;
        e = found;
      }
      return { action: { kind: 'scroll', direction: step.direction, ...(step.pages ? { pages: step.pages } : {}), ...(e ? { index: e.index } : {}) }, ...(e ? { element: e } : {}), says: `scroll ${step.direction}` };
    }
    case 'hover': {
      const e = findElement(step, ctx, taken, keys);
      if (typeof e === 'string') return e;
      return { action: { kind: 'hover', index: e.index }, element: e, says: `hover over ${quote(e)}` };
    }
    case 'key': {
      if (!step.target) return { action: { kind: 'key', keys: step.keys }, says: `press ${step.keys}` };
      const e = findElement(step, ctx, taken, keys);
      if (typeof e === 'string') return e;
      return { action: { kind: 'key', keys: step.keys, index: e.index }, element: e, says: `press ${step.keys} on ${quote(e)}` };
    }
    case 'drag': {
      const e = findElement(step, ctx, taken, keys);
      if (typeof e === 'string') return e;
      return { action: { kind: 'drag', index: e.index, dx: step.dx ?? 0, dy: step.dy ?? 0 }, element: e, says: `drag ${quote(e)}` };
    }
    case 'click':
    case 'type':
    case 'select': {
      const e = findElement(step, ctx, taken, keys);
      if (typeof e === 'string') return e;
      if (step.kind === 'type') {
        if (!step.enter && e.value !== undefined && sameText(e.value, step.text)) return 'done';
        const action: Action = { kind: 'type', index: e.index, text: step.text, ...(step.enter ? { enter: true } : {}) };
        const secret = (e.attrs.type ?? '').toLowerCase() === 'password';
        return { action, element: e, says: `type ${secret ? 'the secret value' : `"${step.text}"`} into ${quote(e)}` };
      }
      if (step.kind === 'select') {
        if (e.value !== undefined && sameText(e.value, step.option)) return 'done';
        return { action: { kind: 'select', index: e.index, option: step.option }, element: e, says: `choose "${step.option}" in ${quote(e)}` };
      }
      // A checkbox the workflow ticked is left alone when it is ticked already.
      if (elementKind(e) === 'toggle' && isChecked(e)) return 'done';
      return { action: { kind: 'click', index: e.index }, element: e, says: `click ${quote(e)}` };
    }
  }
}

/** The element a step was recorded on, found with confidence among those still free; otherwise why not. */
function findElement(step: WorkflowStep, ctx: WorkflowContext, taken: Set<ObservedElement>, keys: TargetKeys): ObservedElement | string {
  const target = 'target' in step ? step.target : undefined;
  if (!target) return 'the step names no element';
  const all = ctx.observation.elements;
  const free = all.filter((e) => !taken.has(e) && !e.disabled && !ctx.blocked.isBlocked(step.kind, elementKey(e)));
  const found = findDescribed(target, free, { all, ...(ctx.sem ? { sem: ctx.sem } : {}), scrollY: ctx.observation.scroll.y, click: step.kind === 'click', ...keys });
  return found.match?.element ?? found.why ?? `nothing like ${describeTarget(target)} on this page`;
}
