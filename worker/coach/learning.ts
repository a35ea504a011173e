// Learning from a finished run once its outcome is known: condense it, write and
// consolidate the items its design writes, credit or blame the advice shown (and
// retire a workflow that failed twice in a row on new instances), add the run to the
// record of the design that acted in it (silence when nothing was shown), prune
// memory to its budget.
import { DEFAULT_DESIGN, designNamed, kindsWritten } from '../../shared/memory-designs';
import type { Trajectory } from '../../shared/model';
import type { LlmClient } from '../llm/llm-client';
import { hasRedactionMark, type RunSecrets } from '../../shared/secrets';
import type { Memory } from '../memory';
import type { Screens } from '../screens';
import type { ItemStore } from '../store/item-store';
import type { RunStore } from '../store/run-store';
import { condense } from './condenser';
import { consolidate } from './consolidate';
import { creditItems } from './credit';
import { finishKeyframes } from './keyframes';
import type { Learner } from './learner';
import { rewriteCondensed } from './llm-writer';
import { itemsFor } from './memory-writer';
import { DEFAULT_ITEM_BUDGET, pruneToBudget } from './prune';
import type { CoachRunState, LearnSummary } from './run-state';

export interface LearningDeps {
  memory: () => Promise<Memory>;
  items: () => Promise<ItemStore>;
  runs: () => Promise<RunStore>;
  learner: () => Promise<Learner>;
  screens?: () => Promise<Screens>;
  itemBudget?: () => Promise<number>;
  neverRecorded?: (origin: string) => Promise<boolean>;
}

/** The summary of what was learned; null when there is nothing to learn yet (no verdict) or ever (a never-recorded site). */
export async function learnFromRun(deps: LearningDeps, state: CoachRunState, llm: LlmClient | undefined, secrets?: RunSecrets): Promise<LearnSummary | null> {
  const run: Trajectory | undefined = await (await deps.runs()).get(state.runId);
  if (!run?.outcome || run.outcome.status === 'unknown') return null;
  // A site the user excluded: nothing is learned, checked again at every attempt.
  if (await deps.neverRecorded?.(run.origin)) return null;
  // Nothing happened on the page (the policy could not start): nothing to learn.
  if (run.steps.length === 0) return { at: Date.now(), outcome: run.outcome.status, written: [], credited: 0, pruned: 0 };
  const design = designNamed(state.design) ?? designNamed(DEFAULT_DESIGN)!;
  let condensed = condense(run);
  if (llm) condensed = await rewriteCondensed(llm, condensed).catch(() => condensed);
  // Text read off the run's screens leaves out its secrets; a run with secrets whose values
  // are gone (learned after a restart) keeps no screen text at all.
  const hadSecrets = hasRedactionMark(JSON.stringify(run));
  const screenText = secrets ? (t: string) => secrets.redact(t) : hadSecrets ? () => undefined : (t: string) => t;
  const keyframes = await finishKeyframes(deps.screens, state.keyframes, run.outcome.status === 'success', screenText);
  const memory = await deps.memory();
  const written: LearnSummary['written'] = [];
  for (const item of itemsFor(condensed, { writes: kindsWritten(design, state.how) }, keyframes)) {
    const done = await consolidate(memory, item);
    written.push({ kind: item.kind, action: done.action, id: done.item.id });
  }
  const items = await deps.items();
  const credit = await creditItems(memory, state.shown, run.outcome, { runId: run.id, task: run.task, transferred: state.transferred ?? [] });
  // The run counts for the design that spoke in it, or for silence when the coach showed nothing.
  if (state.coach) await (await deps.learner()).update(state.cluster, state.design, run.outcome, run.steps.length, state.maxSteps, state.shown.length > 0);
  const budget = (await deps.itemBudget?.()) ?? DEFAULT_ITEM_BUDGET;
  const pruned = await pruneToBudget(memory, items, budget);
  return { at: Date.now(), outcome: run.outcome.status, written, credited: credit.moved, pruned: pruned.length, ...(credit.retired.length ? { retired: credit.retired } : {}) };
}
