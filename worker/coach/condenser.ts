// The condenser: a finished run becomes one CondensedRun (shared/condensed-run.ts).
// Everything here is deterministic: the task's values become variables, failure
// points are read off the recorded results (errors, repeats, clicks that changed
// nothing, the turn that led nowhere), and a judged success yields a workflow.
// An LLM may rewrite summary and lessons afterwards (llm-writer.ts); the rest stays.
import { type Action, describeAction } from '../../shared/actions';
import { clusterOf, type CondensedRun, type FailurePoint, type Lesson } from '../../shared/condensed-run';
import type { ElementDescriptor, Step, Trajectory } from '../../shared/model';
import { isRedactionMark } from '../../shared/secrets';
import { abstractTask, type Bindings, slotTokens, type StepEffect, templateFor, Workflow, type WorkflowStep, type WorkflowTarget } from '../../shared/workflow';

/** Only judged successes teach a workflow; the agent's own word does not. */
export function isJudgedSuccess(outcome: Trajectory['outcome']): boolean {
  return outcome?.status === 'success' && outcome.judgedBy !== 'none';
}

interface Ran {
  step: Step;
  i: number;
  action: Action;
  result: Step['results'][number];
  target: ElementDescriptor | null;
}

/** Every action that ran, in order, with its result and target. */
function actionsRun(steps: readonly Step[]): Ran[] {
  return steps.flatMap((step) => step.results.map((result, i) => ({ step, i, action: step.output.actions[i]!, result, target: step.targets?.[i] ?? null })));
}

/** A checkbox or radio button: clicking it changes no page, yet it did something. */
export const isToggle = (t: ElementDescriptor | null) => !!t && ['checkbox', 'radio'].includes((t.type ?? '').toLowerCase());
const changedPage = (r: Ran) => r.result.navigated || r.result.pageChanged;

export function condense(run: Trajectory): CondensedRun {
  const outcome = run.outcome ?? { status: 'unknown' as const, judgedBy: 'none' as const, reason: 'the run has no outcome yet' };
  const ran = actionsRun(run.steps);
  // Only the task's values become variables: what the run typed or chose, and what is
  // quoted or shaped like a value. A word naming a control ("press Submit") stays.
  const entered = ran.flatMap((r) => (!r.result.ok ? [] : r.action.kind === 'type' ? [r.action.text] : r.action.kind === 'select' ? [r.action.option] : []));
  const abstracted = abstractTask(run.task, { entered });
  const failurePoints = findFailurePoints(ran, outcome.status === 'failure' ? finalWords(ran) : undefined, abstracted.bindings);
  const workflow = isJudgedSuccess(outcome) ? induceWorkflow(ran, abstracted, run.origin) : undefined;
  const keySteps = ran.filter((r) => r.result.ok && r.action.kind !== 'done' && (r.action.kind !== 'click' || changedPage(r) || isToggle(r.target))).map((r) => describeRan(r));
  const condensed: CondensedRun = {
    runId: run.id,
    task: run.task,
    template: abstracted.task,
    variables: abstracted.variables,
    bindings: abstracted.bindings,
    origin: run.origin,
    // Instances of one kind of task share a cluster, whichever of their words are values.
    cluster: clusterOf(abstractTask(run.task).task),
    outcome,
    stepCount: run.steps.length,
    summary: '',
    keySteps: keySteps.slice(0, 12).map((s) => s.slice(0, 300)),
    failurePoints: failurePoints.slice(0, 20),
    lessons: [],
    writtenBy: 'rules',
    ...(workflow ? { workflow } : {}),
  };
  condensed.summary = summaryOf(condensed);
  condensed.lessons = lessonsOf(condensed);
  return condensed;
}

/** "click "Continue"" rather than "click [7]": indices mean nothing on another visit. */
export function describeRan(r: Pick<Ran, 'action' | 'target'>): string {
  const name = r.target?.name ? JSON.stringify(r.target.name.slice(0, 80)) : null;
  const a = r.action;
  if (!name) return describeAction(a);
  switch (a.kind) {
    case 'click':
      return `click ${name}`;
    case 'type':
      return `type ${JSON.stringify(a.text.slice(0, 80))} into ${name}${a.enter ? ' and press Enter' : ''}`;
    case 'select':
      return `select ${JSON.stringify(a.option)} in ${name}`;
    default:
      return describeAction(a);
  }
}

/** The recorded element with the task's values in its texts turned into variables (a row named after the value). */
function templatedTarget(t: ElementDescriptor, bindings: Bindings): WorkflowTarget {
  const { row, ...rest } = t;
  const out: WorkflowTarget = { ...rest, name: templateFor(t.name, bindings) };
  if (t.label !== undefined) out.label = templateFor(t.label, bindings);
  if (t.near !== undefined) out.near = templateFor(t.near, bindings);
  // Of its row, only the task's values it held: they say which row the next task's is.
  const keys = row === undefined ? [] : [...new Set(slotTokens(templateFor(row, bindings)))];
  if (keys.length) out.rowKeys = keys.slice(0, 5);
  return out;
}

/** What the action did, to be checked when the step is replayed. */
function effectOf(r: Ran, bindings: Bindings): StepEffect | undefined {
  const effect: StepEffect = {};
  if (r.result.navigated) effect.navigated = true;
  // For a value put in a field, the value is the effect (a redraw beside it is by the way).
  else if (r.result.pageChanged && r.action.kind !== 'type' && r.action.kind !== 'select') effect.changed = true;
  if (r.result.value !== undefined && !isRedactionMark(r.result.value)) effect.value = templateFor(r.result.value, bindings);
  return Object.keys(effect).length ? effect : undefined;
}

/** What the agent said when it finished, if it did. */
function finalWords(ran: readonly Ran[]): string {
  const last = ran.at(-1);
  return last?.action.kind === 'done' ? (last.action.text ?? '') : '';
}

// A run that ended on a message about the values (a validation error) went wrong in
// what it typed, not in where it went.
const VALUE_PROBLEM = /\b(problem|error|invalid|required|must|incorrect|not valid)\b/i;

function findFailurePoints(ran: readonly Ran[], finalText: string | undefined, bindings: Bindings): FailurePoint[] {
  const points: FailurePoint[] = [];
  const point = (r: Ran, kind: FailurePoint['kind'], detail: string): FailurePoint => ({
    step: r.step.index,
    kind,
    action: (r.action.intent ? `${describeRan(r)} (${r.action.intent})` : describeRan(r)).slice(0, 500),
    actionKind: r.action.kind,
    ...(r.target ? { target: templatedTarget(r.target, bindings) } : {}),
    url: r.step.observation.url,
    detail: detail.slice(0, 1_000),
  });
  const seen = new Map<string, number>();
  for (const r of ran) {
    if (r.action.kind === 'done') continue;
    if (!r.result.ok) points.push(point(r, 'action_error', r.result.error?.message ?? 'the action failed'));
    else if (r.action.kind === 'click' && !changedPage(r) && !isToggle(r.target)) points.push(point(r, 'no_effect', 'the click changed nothing on the page'));
    const key = `${r.step.observation.url}|${describeRan(r)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 3) points.push(point(r, 'loop', 'the same action on the same page for the third time'));
  }
  // An action refused because something covers its target: the culprit is the earlier
  // click that opened the cover (an express-pay dialog, a pop-up), named like it.
  for (const r of ran) {
    const cover = r.result.ok ? null : coverText(r.result.error?.message);
    if (!cover) continue;
    const opener = ran.slice(0, ran.indexOf(r)).reverse().find((o) => o.action.kind === 'click' && o.result.ok && o.target && sharesWord(o.target.name, cover));
    if (opener && !points.some((p) => p.kind === 'dead_end' && p.step === opener.step.index && p.action === point(opener, 'dead_end', '').action)) {
      points.push(point(opener, 'dead_end', `it opened “${cover.slice(0, 80)}”, which then covered ${r.target ? `“${r.target.name}”` : 'the next control'}`));
    }
  }
  if (finalText !== undefined && !VALUE_PROBLEM.test(finalText)) {
    // The last turn the run took (a click that moved the page) led to where it failed.
    const turn = [...ran].reverse().find((r) => r.action.kind === 'click' && r.result.ok && changedPage(r));
    if (turn) points.push(point(turn, 'dead_end', finalText ? `after this the run ended without success: ${finalText}` : 'after this the run ended without success'));
  }
  return points;
}

/** The text of what covers a target, from an `obscured` error ("… is covered by <div> "QuickPay× Sign in…"; …"). */
function coverText(message: string | undefined): string | null {
  const m = message?.match(/is covered by <[^>]+>(?: "([^"]*)")?/);
  return m?.[1] ? m[1] : null;
}

const COMMON = new Set(['with', 'your', 'this', 'that', 'from', 'have', 'here', 'more', 'page', 'please']);

/** Whether two texts share a word of four letters or more that is not a common one (case-insensitive). */
function sharesWord(a: string, b: string): boolean {
  const words = (t: string) => new Set((t.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).filter((w) => !COMMON.has(w)));
  const inB = words(b);
  return [...words(a)].some((w) => inB.has(w));
}

/**
 * The actions of a successful run as a workflow: failed actions, clicks that changed
 * nothing, retries of the same action, and detours (a page opened and left with
 * `back`) are left out; values from the task become variables.
 */
export function induceWorkflow(ran: readonly Ran[], abstracted: ReturnType<typeof abstractTask>, origin: string): Workflow | undefined {
  const kept: Ran[] = [];
  for (const r of ran) {
    if (!r.result.ok || r.action.kind === 'done') continue;
    if (r.action.kind === 'click' && !changedPage(r) && !isToggle(r.target)) continue;
    // A detour: opened the wrong page (maybe looked into it) and came back; all done there goes.
    const arrival = r.action.kind === 'back' ? kept.findLastIndex((k) => k.result.navigated) : -1;
    if (arrival >= 0) {
      kept.length = arrival;
      continue;
    }
    const prev = kept.at(-1);
    if (prev && describeRan(prev) === describeRan(r) && prev.step.observation.url === r.step.observation.url) continue;
    kept.push(r);
  }
  const steps = kept.flatMap((r) => {
    const s = workflowStep(r, abstracted.bindings);
    return s ? [s] : [];
  });
  if (steps.length === 0) return undefined;
  const parsed = Workflow.safeParse({ task: abstracted.task, variables: abstracted.variables, steps: steps.slice(0, 50), origin });
  return parsed.success ? parsed.data : undefined;
}

function workflowStep(r: Ran, bindings: Bindings): WorkflowStep | undefined {
  const a = r.action;
  const purpose = r.step.purposes?.[r.i];
  const effect = effectOf(r, bindings);
  const intent = { ...(a.intent ? { intent: a.intent.slice(0, 300) } : {}), ...(purpose && purpose !== 'workflow' ? { purpose } : {}), ...(effect ? { effect } : {}) };
  const target = r.target ? templatedTarget(r.target, bindings) : undefined;
  switch (a.kind) {
    case 'click':
      return target ? { kind: 'click', target, ...intent } : undefined;
    case 'type': {
      // A secret is replayed only as the variable its mark stands for in the task (the new
      // task brings its own value); a mark the task does not hold cannot be replayed.
      const text = templateFor(a.text, bindings);
      if (!target || (isRedactionMark(a.text) && !/\{\w+\}/.test(text))) return undefined;
      return { kind: 'type', target, text, ...(a.enter ? { enter: true } : {}), ...intent };
    }
    case 'select':
      return target ? { kind: 'select', target, option: templateFor(a.option, bindings), ...intent } : undefined;
    case 'hover':
      return target ? { kind: 'hover', target, ...intent } : undefined;
    case 'key':
      return { kind: 'key', keys: a.keys, ...(target ? { target } : {}), ...intent };
    case 'drag': {
      // Where it was dropped is kept as an offset: the drop target's descriptor is not recorded.
      if (!target) return undefined;
      return { kind: 'drag', target, ...(a.dx !== undefined ? { dx: a.dx } : {}), ...(a.dy !== undefined ? { dy: a.dy } : {}), ...intent };
    }
    case 'scroll':
      return { kind: 'scroll', direction: a.direction, ...(a.pages !== undefined ? { pages: a.pages } : {}), ...(target ? { target } : {}), ...intent };
    case 'navigate':
      return { kind: 'navigate', url: templateFor(a.url, bindings), ...intent };
    case 'back':
      return { kind: 'back', ...intent };
    case 'wait':
      return { kind: 'wait', seconds: a.seconds, ...intent };
    case 'extract':
      return { kind: 'extract', ...(a.query ? { query: templateFor(a.query, bindings) } : {}), ...intent };
    default:
      return undefined;
  }
}

function summaryOf(c: CondensedRun): string {
  const how = c.keySteps.length ? `: ${c.keySteps.slice(0, 6).join('; ')}${c.keySteps.length > 6 ? '; …' : ''}` : '';
  const problems = c.failurePoints.length ? ` Problems: ${c.failurePoints.slice(0, 3).map((f) => `${f.action} — ${f.detail}`).join('; ')}.` : '';
  return `${c.outcome.status} after ${c.stepCount} step${c.stepCount === 1 ? '' : 's'} on ${c.origin}${how}. Judged by ${c.outcome.judgedBy}: ${c.outcome.reason}.${problems}`.slice(0, 2_000);
}

/** Lessons by rule: what worked, from a success; what went wrong and what to do instead, from a failure. */
function lessonsOf(c: CondensedRun): Lesson[] {
  const whenToUse = `Tasks like "${c.template}" on ${c.origin}`.slice(0, 500);
  if (isJudgedSuccess(c.outcome)) {
    const controls = c.keySteps.filter((s) => s.startsWith('click ')).map((s) => s.slice(6));
    if (controls.length === 0) return [];
    return [{ title: `What worked: ${c.template}`.slice(0, 200), whenToUse, content: `This worked before: ${c.keySteps.join('; ')}.`.slice(0, 2_000) }];
  }
  if (c.outcome.status !== 'failure') return [];
  const avoid = c.failurePoints
    .filter((f) => f.actionKind === 'click' && f.target && f.kind !== 'action_error')
    .slice(-5)
    .map((f) => ({ actionKind: f.actionKind, target: f.target!, reason: f.detail.slice(0, 500) }));
  const wrong = c.failurePoints.at(-1);
  if (!wrong) return [];
  const names = avoid.map((a) => JSON.stringify(a.target.name)).join(', ');
  const content = `This went wrong before: ${wrong.action} — ${wrong.detail}.${avoid.length ? ` Instead of clicking ${names}, try another control that fits the task.` : ''}`;
  return [{ title: `Pitfall: ${c.template}`.slice(0, 200), whenToUse, content: content.slice(0, 2_000), ...(avoid.length ? { avoid } : {}) }];
}
