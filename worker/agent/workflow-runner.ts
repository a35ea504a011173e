// Replaying a learned workflow on today's page: each step's element is found again by
// its descriptor (indices and order change between visits), its values come from the
// new task's bindings, and each step is checked by the result of the action that ran
// it. A step whose action failed is tried on the next-best element; a step whose
// element is nowhere is tried by the policy's own ranking, and skipped if that finds
// nothing either. Progress lives in the step's notes, so a resumed run goes on
// where it was.
import type { Action } from '../../shared/actions';
import type { Step } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import type { ValueKind } from '../../shared/task-values';
import { type BoundWorkflow, instantiate, slotNames, type WorkflowStep, type WorkflowVariable } from '../../shared/workflow';
import { contentWords } from '../../shared/words';
import { type Blocked, elementKey } from './action-ledger';
import { DESCRIPTOR_MIN, descriptorScore, elementKind, FIELD_MIN, fieldScore, isChecked, TARGET_MIN, targetScore } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { SemanticMatcher } from './semantic';
import type { TaskSlot } from './task-parse';

export interface WorkflowState {
  /** The workflow's task template, to tell workflows apart. */
  template: string;
  /** 0-based index of the first step not yet confirmed done. */
  next: number;
  total: number;
  /** The workflow step each action of the step being written runs (-1: not a workflow step). */
  running: number[];
}

const STATE_LINE = /^Workflow ("(?:[^"\\]|\\.)*"): next step (\d+) of (\d+); this step runs (none|[\d,]+)\.$/m;

export function writeWorkflowState(s: WorkflowState): string {
  const running = s.running.filter((k) => k >= 0);
  return `Workflow ${JSON.stringify(s.template)}: next step ${s.next + 1} of ${s.total}; this step runs ${running.length ? s.running.map((k) => k + 1).join(',') : 'none'}.`;
}

export function readWorkflowState(notes: string | undefined): WorkflowState | undefined {
  const m = notes ? STATE_LINE.exec(notes) : null;
  if (!m) return undefined;
  try {
    return { template: JSON.parse(m[1]!) as string, next: Number(m[2]) - 1, total: Number(m[3]), running: m[4] === 'none' ? [] : m[4]!.split(',').map((k) => Number(k) - 1) };
  } catch {
    return undefined;
  }
}

/** Where the workflow stands after the last step: steps whose actions succeeded are done. */
export function progressAfter(state: WorkflowState | undefined, template: string, last: Step | undefined): number {
  if (!state || state.template !== template) return 0;
  let next = state.next;
  if (!last) return next;
  for (const [i, k] of state.running.entries()) {
    if (k < 0) continue;
    const result = last.results[i];
    if (!result?.ok) break; // failed or not run: the step is tried again
    next = Math.max(next, k + 1);
  }
  return next;
}

export interface WorkflowContext {
  bound: BoundWorkflow;
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
  /** Sentences about steps skipped or done already, for the step's goal. */
  remarks: string[];
  /** Every step is done or skipped: the policy carries on by itself. */
  finished: boolean;
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
  let next = progressAfter(state, workflow.task, ctx.history.at(-1));
  const planned: Planned[] = [];
  const running: number[] = [];
  const remarks: string[] = [];
  const taken = new Set<ObservedElement>();
  let first = -1;
  for (let k = next; k < total && planned.length < MAX_ACTIONS; k++) {
    const label = `workflow step ${k + 1}/${total}`;
    const step = instantiate(workflow.steps[k]!, bindings);
    if (!step) {
      remarks.push(`skipped ${label}: its values are not bound for this task`);
      continue;
    }
    const found = resolve(step, valueKindOf(workflow.steps[k]!, workflow.variables), ctx, taken);
    if (found === 'done') {
      remarks.push(`${label} is already done on this page`);
      continue;
    }
    if (!found) {
      remarks.push(`skipped ${label}: nothing like ${describeTarget(step)} on this page`);
      continue;
    }
    if (found.element) taken.add(found.element);
    if (first < 0) first = k;
    planned.push({ ...found, purpose: 'workflow', says: `${label}: ${found.says}` });
    running.push(k);
    if (endsBatch(step, found.element)) break;
  }
  next = first >= 0 ? first : total;
  const notes = writeWorkflowState({ template: workflow.task, next, total, running });
  return { planned, notes, remarks, finished: planned.length === 0, next };
}

function describeTarget(step: WorkflowStep): string {
  return 'target' in step && step.target ? `${step.target.role || step.target.tag} "${step.target.name}"` : step.kind;
}

type Resolved = Omit<Planned, 'purpose'> | 'done' | null;

/** The kind of the value a type or select step enters, when it is exactly one variable ("{email}"). */
function valueKindOf(step: WorkflowStep, variables: readonly WorkflowVariable[]): ValueKind {
  const text = step.kind === 'type' ? step.text : step.kind === 'select' ? step.option : '';
  const names = slotNames(text);
  const whole = names.length === 1 && text.trim() === `{${names[0]}}`;
  return (whole && variables.find((v) => v.name === names[0])?.kind) || 'text';
}

function resolve(step: WorkflowStep, valueKind: ValueKind, ctx: WorkflowContext, taken: Set<ObservedElement>): Resolved {
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
      const e = step.target ? findElement(step, valueKind, ctx, taken) : undefined;
      return { action: { kind: 'scroll', direction: step.direction, ...(step.pages ? { pages: step.pages } : {}), ...(e ? { index: e.index } : {}) }, ...(e ? { element: e } : {}), says: `scroll ${step.direction}` };
    }
    case 'click':
    case 'type':
    case 'select': {
      const e = findElement(step, valueKind, ctx, taken);
      if (!e) return null;
      if (step.kind === 'type') {
        if (!step.enter && e.value === step.text) return 'done';
        const action: Action = { kind: 'type', index: e.index, text: step.text, ...(step.enter ? { enter: true } : {}) };
        const secret = (e.attrs.type ?? '').toLowerCase() === 'password';
        return { action, element: e, says: `type ${secret ? 'the secret value' : `"${step.text}"`} into ${quote(e)}` };
      }
      if (step.kind === 'select') {
        if (e.value === step.option) return 'done';
        return { action: { kind: 'select', index: e.index, option: step.option }, element: e, says: `choose "${step.option}" in ${quote(e)}` };
      }
      // A checkbox the workflow ticked is left alone when it is ticked already.
      if (elementKind(e) === 'toggle' && isChecked(e)) return 'done';
      return { action: { kind: 'click', index: e.index }, element: e, says: `click ${quote(e)}` };
    }
  }
}

/**
 * The element for a step: the best descriptor match not yet failed on this page;
 * when none is close enough, the policy's own ranking (a field for the step's value,
 * a link or button named like the recorded one).
 */
function findElement(step: WorkflowStep, valueKind: ValueKind, ctx: WorkflowContext, taken: Set<ObservedElement>): ObservedElement | undefined {
  const target = 'target' in step ? step.target : undefined;
  if (!target) return undefined;
  const free = ctx.observation.elements.filter((e) => !taken.has(e) && !e.disabled && !ctx.blocked.isBlocked(step.kind, elementKey(e)));
  const best = pickBest(free, (e) => descriptorScore(target, e, ctx.sem, ctx.observation.scroll.y), DESCRIPTOR_MIN);
  if (best) return best;
  // Fallback: the policy's own ranking for what the step is about.
  if (step.kind === 'type' || step.kind === 'select') {
    const text = step.kind === 'type' ? step.text : step.option;
    const slot: TaskSlot = { value: { text, kind: valueKind, start: 0, end: 0, quoted: false }, role: 'field', hints: contentWords(`${target.label ?? ''} ${target.name}`), hintText: `${target.label ?? ''} ${target.name}`.trim() };
    return pickBest(free, (e) => fieldScore(slot, e, ctx.sem), FIELD_MIN);
  }
  if (step.kind === 'click') return pickBest(free, (e) => targetScore(target.name, e, ctx.sem), TARGET_MIN);
  return undefined;
}

function pickBest(elements: ObservedElement[], score: (e: ObservedElement) => number, min: number): ObservedElement | undefined {
  let best: { e: ObservedElement; score: number } | undefined;
  for (const e of elements) {
    const s = score(e);
    if (s >= min && (!best || s > best.score)) best = { e, score: s };
  }
  return best?.e;
}
