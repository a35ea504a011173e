// The coach's voice during a run. At the start it retrieves and speaks only when
// something relevant and confident enough is there; later it speaks as the design
// says — every step, or on a signal: the agent repeating itself, acting without
// effect, failing an action, or standing on a screen where a past run of the same
// kind of task failed. A silent design never speaks.
import type { MemoryItem, Step } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import type { RunInfo } from '../agent/hooks';
import type { HookContext } from '../agent/policy';
import type { Memory } from '../memory';
import type { ItemStore } from '../store/item-store';
import { ADVICE_KINDS, composeAdvice } from './advice';
import { isToggle } from './condenser';
import { writeAdvice } from './llm-writer';
import { MIN_UTILITY } from './advice';
import { retrieve } from './retrieval';
import type { LiveRun, RunStates } from './run-state';
import { screenFingerprint } from './screen-fingerprint';

/** Screens where past runs of this kind of task on this site failed, to recognise them during this one. */
export async function failureScreens(items: ItemStore, origin: string, cluster: string): Promise<MemoryItem[]> {
  const keyframes = await items.list({ kind: 'keyframe' });
  return keyframes.filter((k) => k.scope.origin === origin && k.scope.cluster === cluster && k.data?.outcome === 'failure' && k.utility >= MIN_UTILITY);
}

/** Advice for the step about to be taken, or nothing. */
export async function adviseStep(memory: Memory, states: RunStates, live: LiveRun, run: RunInfo, step: { index: number; observation: Observation; history: readonly Step[] }): Promise<HookContext | void> {
  const { design, state } = live;
  if (!state.coach || design.speak === 'never') return;
  const started = performance.now();
  const first = step.history.length === 0 && state.advice.length === 0;
  const fingerprint = screenFingerprint(step.observation);
  const onFailureScreen = (live.failureScreens ?? []).filter((k) => k.data?.fingerprint === fingerprint);
  const signal = live.signal ?? (onFailureScreen.length ? 'the page looks like a screen where a past run of this kind of task failed' : undefined);
  live.signal = undefined;
  const speak = first || design.speak === 'every-step' || (design.speak === 'on-signal' && signal !== undefined);
  if (!speak) return;
  const query = first ? run.task : `${run.task}\n${step.observation.title}${signal ? `\n${signal}` : ''}`;
  const ranked = await retrieve(memory, { text: query, origin: state.origin, cluster: state.cluster, kinds: ADVICE_KINDS }, design);
  const advice = composeAdvice(ranked, { task: run.task, cluster: state.cluster, minConfidence: design.minConfidence, ...(first ? {} : signal ? { signal } : {}), failureScreens: onFailureScreen });
  states.noteOverhead(performance.now() - started);
  if (!advice) return; // nothing relevant, or nothing sure enough: silence
  if (live.llm) {
    const written = await writeAdvice(live.llm, { task: run.task, ...(signal && !first ? { signal } : {}), memory: advice.text }).catch(() => null);
    if (written) advice.text = written;
  }
  // Advice bound to this task's values may say a secret: the kept copy does not.
  state.advice.push({ step: step.index, text: run.secrets.redact(advice.text), sources: advice.sources, confidence: advice.confidence, ...(advice.workflow ? { workflow: advice.workflow.workflow.task } : {}) });
  state.shown = [...new Set([...state.shown, ...advice.sources])];
  if (advice.transferred.length) state.transferred = [...new Set([...(state.transferred ?? []), ...advice.transferred])];
  await states.save(state);
  return {
    source: 'coach',
    text: advice.text,
    confidence: advice.confidence,
    memoryIds: advice.sources,
    ...(advice.workflow ? { workflow: advice.workflow } : {}),
    ...(advice.avoid.length ? { avoid: advice.avoid } : {}),
  };
}

/** What the last step tells the coach: a loop, a failed action, or a click that changed nothing is a reason to speak. */
export function noteStep(live: LiveRun, step: { record: Step; loop?: { repeats: number; action: string } }): { failed: boolean } {
  const results = step.record.results;
  const failed = results.find((r) => !r.ok);
  // Ticking a checkbox or a radio button changes no page and still did something.
  const idle = results.some((r, i) => step.record.output.actions[i]?.kind === 'click' && r.ok && !r.pageChanged && !r.navigated && !isToggle(step.record.targets?.[i] ?? null));
  if (step.loop) live.signal = `the agent took the same action (${step.loop.action}) ${step.loop.repeats} times on the same screen`;
  else if (failed) live.signal = `the last action failed: ${failed.error?.message ?? 'no reason given'}`;
  else if (idle) live.signal = 'the last click changed nothing on the page';
  return { failed: !!failed };
}
