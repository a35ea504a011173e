// Advice from retrieved memory: a workflow whose variables bind to this task, elements
// that past failures say to leave alone, lessons and similar episodes — as text for
// the prompt and as structured hints for the offline policy. Everything that came
// from a page (element names, summaries, screen text) is marked untrusted, so it
// reaches a prompt as data, never as an instruction. Nothing relevant: no advice.
import type { MemoryItem, MemoryKind } from '../../shared/model';
import { markUntrusted } from '../../shared/untrusted';
import { z } from 'zod';
import { bindByTemplate, bindWorkflow, type BoundWorkflow, fillTemplate, instantiate, Workflow, type WorkflowStep, WorkflowVariable } from '../../shared/workflow';

const WorkflowVariables = z.array(WorkflowVariable);
import { normalizeText } from '../../shared/words';
import type { AvoidHint } from '../agent/policy';
import type { RankedItem } from './retrieval';

/**
 * The kinds composeAdvice makes advice of: retrieve only these. Keyframes speak
 * through the screen they recognise (failureScreens), not as retrieved text, so they
 * must not take a workflow's slot.
 */
export const ADVICE_KINDS: MemoryKind[] = ['workflow', 'insight', 'episode'];

/** Items whose utility fell below this have hurt more than helped: not offered. */
export const MIN_UTILITY = 0.2;

/** An item of another kind of task speaks only when it is at least this similar to the task. */
export const OTHER_CLUSTER_MIN = 0.85;

/**
 * A workflow of another wording on the same site is tried on this task when its values
 * bind by kind (every variable one, none left over, most of its words in the task) and
 * the tasks are at least this similar: rewordings of one task measure 0.6–0.75 with the
 * bundled embedder, other tasks of one site 0.25–0.45.
 */
export const TRANSFER_MIN_SIMILARITY = 0.5;

/** A workflow whose tries on other wordings failed this many times more than they worked is not tried on others again. */
const TRANSFER_GIVE_UP = 2;

export interface ComposedAdvice {
  text: string;
  workflow?: BoundWorkflow;
  avoid: AvoidHint[];
  sources: string[];
  /** How sure memory is that this advice fits (0..1): the surest part's confidence. */
  confidence: number;
  /** Sources tried on another wording of the task than their own: a run's outcome tells how they transfer, not how good they are. */
  transferred: string[];
}

export interface AdviceSituation {
  task: string;
  /** The task's cluster: its own memories first, other clusters' only when clearly similar. */
  cluster?: string;
  /** Parts of advice less sure than this stay unsaid. */
  minConfidence?: number;
  /** Why the coach speaks now, when it is not the start of the run. */
  signal?: string;
  /** Keyframes of failures whose screen the agent is on now (of this kind of task). */
  failureScreens?: readonly MemoryItem[];
}

/** How far an item's record bears it out: 1 untried, lower with each run it was shown to that failed. */
function reliability(item: MemoryItem): number {
  return (item.counters.helped + 2) / (item.counters.retrieved + 2);
}

/** How a workflow fared when tried on other wordings of its task (kept apart from its own record). */
export interface TransferRecord {
  tried: number;
  worked: number;
}

export function transferRecordOf(item: MemoryItem): TransferRecord {
  const t = item.data?.transfer as Partial<TransferRecord> | undefined;
  return { tried: typeof t?.tried === 'number' ? t.tried : 0, worked: typeof t?.worked === 'number' ? t.worked : 0 };
}

/**
 * Bindings of a workflow of another wording on the same site to this task, or null when
 * it is no instance of it by its values, or its tries elsewhere failed. A workflow without
 * variables never transfers: what its task asks is all in its words (which switches to
 * turn off), and another wording asks for other things in other words.
 */
function transferBindings(r: RankedItem, workflow: Workflow, task: string): ReturnType<typeof bindWorkflow> {
  if (r.scope !== 'site' || r.similarity < TRANSFER_MIN_SIMILARITY || workflow.variables.length === 0) return null;
  const record = transferRecordOf(r.item);
  if (record.tried - 2 * record.worked >= TRANSFER_GIVE_UP) return null;
  return bindWorkflow(workflow, task);
}

export function composeAdvice(ranked: readonly RankedItem[], situation: AdviceSituation): ComposedAdvice | null {
  const min = situation.minConfidence ?? 0;
  const ownCluster = (r: RankedItem) => situation.cluster === undefined || r.item.scope.cluster === situation.cluster;
  // Each workflow read and bound by its template once. A workflow whose template the task
  // is, word for word, is this task's whatever its cluster.
  const workflows = new Map<RankedItem, { workflow: Workflow; byTemplate: ReturnType<typeof bindByTemplate> }>();
  for (const r of ranked) {
    const parsed = r.item.kind === 'workflow' ? Workflow.safeParse(r.item.data?.workflow) : undefined;
    if (parsed?.success) workflows.set(r, { workflow: parsed.data, byTemplate: bindByTemplate(parsed.data, situation.task) });
  }
  const isItsTemplate = (r: RankedItem) => !!workflows.get(r)?.byTemplate;
  const inStanding = (r: RankedItem) => r.item.utility >= MIN_UTILITY && r.item.counters.hurt <= r.item.counters.helped;
  const usable = ranked.filter((r) => inStanding(r) && (ownCluster(r) || r.similarity >= OTHER_CLUSTER_MIN || isItsTemplate(r)));
  const sources: string[] = [];
  const lines: string[] = [];
  let confidence = 0;
  const use = (id: string, sure: number) => {
    sources.push(id);
    confidence = Math.max(confidence, sure);
  };

  for (const k of situation.failureScreens ?? []) {
    if (FAILURE_SCREEN_CONFIDENCE < min) break;
    use(k.id, FAILURE_SCREEN_CONFIDENCE);
    lines.push(`This screen looks like one where a past run of this kind of task failed: ${markUntrusted(k.title)}.`);
  }

  let workflow: BoundWorkflow | undefined;
  const transferred: string[] = [];
  // This task's own workflows first, and another cluster's when the task is its template
  // word for word (a size written "M" where the demonstration's was "39" puts the task in
  // another cluster); then, less sure and on their own record of tries, another wording's
  // on the same site.
  const own = usable.filter((r) => workflows.has(r) && (ownCluster(r) || isItsTemplate(r)));
  const others = ranked.filter((r) => workflows.has(r) && !own.includes(r) && inStanding(r));
  for (const r of [...own, ...others]) {
    const read = workflows.get(r)!;
    const { byTemplate } = read;
    const transfer = !own.includes(r);
    const bindings = transfer ? transferBindings(r, read.workflow, situation.task) : (byTemplate ?? bindWorkflow(read.workflow, situation.task));
    if (!bindings) continue;
    const sure = (byTemplate ? 0.9 : transfer ? 0.6 : 0.75) * reliability(r.item);
    if (sure < min) continue;
    workflow = { workflow: read.workflow, bindings, memoryId: r.item.id };
    if (transfer) transferred.push(r.item.id);
    use(r.item.id, sure);
    const steps = read.workflow.steps.map((s) => instantiate(s, bindings)).filter((s): s is WorkflowStep => s !== null);
    const which = transfer ? 'a task like this one, worded otherwise, on this site' : 'this kind of task';
    lines.push(`A way that worked for ${which} before (${steps.length} steps, used ${r.item.counters.retrieved} times, helped ${r.item.counters.helped}):`);
    steps.forEach((s, i) => lines.push(`${i + 1}. ${markUntrusted(describeStep(s))}`));
    break;
  }

  const inWorkflow = new Set((workflow?.workflow.steps ?? []).flatMap((s) => ('target' in s && s.target ? [normalizeText(fillTemplate(s.target.name, workflow!.bindings) ?? s.target.name)] : [])));
  const avoid: AvoidHint[] = [];
  for (const r of usable.filter((x) => x.item.kind === 'insight')) {
    const hints = avoidHintsOf(r.item, situation.task).filter((h) => !inWorkflow.has(normalizeText(h.target.name)));
    if (hints.length) {
      const sure = 0.8 * Math.min(1, r.similarity) * reliability(r.item);
      if (sure < min) continue;
      avoid.push(...hints);
      use(r.item.id, sure);
      lines.push(`A past failure on this kind of task: do not ${hints.map((h) => `${h.actionKind} ${markUntrusted(JSON.stringify(h.target.name))}`).join(' or ')} again — try another control that fits the task.`);
    } else if (r.item.data?.from === 'success' && !workflow) {
      const sure = 0.6 * Math.min(1, r.similarity) * reliability(r.item);
      if (sure < min) continue;
      use(r.item.id, sure);
      lines.push(`Lesson: ${markUntrusted(r.item.text)}`);
    }
  }

  for (const r of usable.filter((x) => x.item.kind === 'episode').slice(0, 2)) {
    const sure = 0.6 * Math.min(1, r.similarity) * reliability(r.item);
    if (sure < min) continue;
    use(r.item.id, sure);
    lines.push(`A similar run (${String((r.item.data?.outcome as { status?: string } | undefined)?.status ?? 'unknown')}): ${markUntrusted(r.item.text.slice(0, 400))}`);
  }

  if (sources.length === 0) return null;
  const sure = Math.min(1, confidence);
  const head = [`Memory's confidence in this advice: ${Math.round(sure * 100)}%.`, ...(situation.signal ? [`Why now: ${situation.signal}.`] : [])];
  return { text: [...head, ...lines].join('\n'), ...(workflow ? { workflow } : {}), avoid, sources: [...new Set(sources)], confidence: sure, transferred };
}

/** A screen of a past failure of the same kind of task, recognised again. */
const FAILURE_SCREEN_CONFIDENCE = 0.6;

/** An insight's "avoid" entries, with this task's values in place of its variables. */
export function avoidHintsOf(item: MemoryItem, task: string): AvoidHint[] {
  const raw = item.data?.avoid;
  const template = item.data?.template;
  if (!Array.isArray(raw) || typeof template !== 'string') return [];
  const variables = WorkflowVariables.safeParse(item.data?.variables);
  const bindings = (variables.success ? bindWorkflow({ task: template, variables: variables.data }, task) : null) ?? {};
  const out: AvoidHint[] = [];
  for (const a of raw as { actionKind: string; target: AvoidHint['target']; reason: string }[]) {
    const name = fillTemplate(a.target.name, bindings);
    if (name === null) continue;
    out.push({ actionKind: a.actionKind, target: { ...a.target, name }, reason: a.reason, memoryId: item.id });
  }
  return out;
}

function describeStep(s: WorkflowStep): string {
  const name = 'target' in s && s.target ? JSON.stringify(s.target.name) : '';
  switch (s.kind) {
    case 'click':
      return `click ${name}`;
    case 'type':
      return `type ${JSON.stringify(s.text)} into ${name}${s.enter ? ' and press Enter' : ''}`;
    case 'select':
      return `select ${JSON.stringify(s.option)} in ${name}`;
    case 'navigate':
      return `go to ${s.url}`;
    case 'scroll':
      return `scroll ${s.direction}`;
    case 'extract':
      return `read ${s.query ?? 'the page'}`;
    default:
      return s.kind;
  }
}
