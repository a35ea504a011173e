// Advice from retrieved memory: a workflow whose variables bind to this task, elements
// that past failures say to leave alone, lessons and similar episodes — as text for
// the prompt and as structured hints for the offline policy. Everything that came
// from a page (element names, summaries, screen text) is marked untrusted, so it
// reaches a prompt as data, never as an instruction. Nothing relevant: no advice.
import type { MemoryItem, MemoryKind } from '../../shared/model';
import { markUntrusted } from '../../shared/untrusted';
import { z } from 'zod';
import { bindWorkflow, type BoundWorkflow, fillTemplate, instantiate, Workflow, type WorkflowStep, WorkflowVariable } from '../../shared/workflow';

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

export interface ComposedAdvice {
  text: string;
  workflow?: BoundWorkflow;
  avoid: AvoidHint[];
  sources: string[];
  confidence: number;
}

export interface AdviceSituation {
  task: string;
  /** Why the coach speaks now, when it is not the start of the run. */
  signal?: string;
  /** Keyframes of failures whose screen the agent is on now. */
  failureScreens?: readonly MemoryItem[];
}

export function composeAdvice(ranked: readonly RankedItem[], situation: AdviceSituation): ComposedAdvice | null {
  const usable = ranked.filter((r) => r.item.utility >= MIN_UTILITY);
  const sources: string[] = [];
  const lines: string[] = [];
  let confidence = 0;
  const use = (r: RankedItem) => {
    sources.push(r.item.id);
    confidence = Math.max(confidence, r.score);
  };

  if (situation.signal) lines.push(`Why now: ${situation.signal}.`);
  for (const k of situation.failureScreens ?? []) {
    sources.push(k.id);
    confidence = Math.max(confidence, 0.6);
    lines.push(`This screen looks like one where a past run failed: ${markUntrusted(k.title)}.`);
  }

  let workflow: BoundWorkflow | undefined;
  for (const r of usable.filter((x) => x.item.kind === 'workflow')) {
    const parsed = Workflow.safeParse(r.item.data?.workflow);
    if (!parsed.success) continue;
    const bindings = bindWorkflow(parsed.data, situation.task);
    if (!bindings) continue;
    workflow = { workflow: parsed.data, bindings, memoryId: r.item.id };
    use(r);
    const steps = parsed.data.steps.map((s) => instantiate(s, bindings)).filter((s): s is WorkflowStep => s !== null);
    lines.push(`A way that worked for this kind of task before (${steps.length} steps, used ${r.item.counters.retrieved} times, helped ${r.item.counters.helped}):`);
    steps.forEach((s, i) => lines.push(`${i + 1}. ${markUntrusted(describeStep(s))}`));
    break;
  }

  const inWorkflow = new Set((workflow?.workflow.steps ?? []).flatMap((s) => ('target' in s && s.target ? [normalizeText(fillTemplate(s.target.name, workflow!.bindings) ?? s.target.name)] : [])));
  const avoid: AvoidHint[] = [];
  for (const r of usable.filter((x) => x.item.kind === 'insight')) {
    const hints = avoidHintsOf(r.item, situation.task).filter((h) => !inWorkflow.has(normalizeText(h.target.name)));
    if (hints.length) {
      avoid.push(...hints);
      use(r);
      lines.push(`A past failure on this kind of task: do not ${hints.map((h) => `${h.actionKind} ${markUntrusted(JSON.stringify(h.target.name))}`).join(' or ')} again — try another control that fits the task.`);
    } else if (r.item.data?.from === 'success' && !workflow) {
      use(r);
      lines.push(`Lesson: ${markUntrusted(r.item.text)}`);
    }
  }

  for (const r of usable.filter((x) => x.item.kind === 'episode').slice(0, 2)) {
    use(r);
    lines.push(`A similar run (${String((r.item.data?.outcome as { status?: string } | undefined)?.status ?? 'unknown')}): ${markUntrusted(r.item.text.slice(0, 400))}`);
  }

  if (sources.length === 0) return null;
  return { text: lines.join('\n'), ...(workflow ? { workflow } : {}), avoid, sources: [...new Set(sources)], confidence: Math.min(1, confidence) };
}

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
