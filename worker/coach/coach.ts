// The coach (WebCoach): joins a run through the agent's public hooks. At the start
// of a run it asks the learner for the cluster's memory design, retrieves, and
// speaks only when something relevant is there; during the run it speaks as the
// design says — on every step, or on a signal: the agent repeating itself, acting
// without effect, failing an action, or standing on the screen of a past failure.
// When the run's outcome is known (at its end, or when the caller reports the task's
// own check) the run is condensed and learned from: items written per the design and
// consolidated, the advice shown credited or blamed, the design's record updated,
// memory pruned to its budget.
import type { BrowserBridge } from '../../shared/browser-bridge';
import { clusterOf } from '../../shared/condensed-run';
import { DEFAULT_DESIGN, designNamed, kindsWritten } from '../../shared/memory-designs';
import type { MemoryDesign, MemoryItem, Step, Trajectory } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import type { CoachReport } from '../../shared/worker-api';
import { abstractTask } from '../../shared/workflow';
import type { AgentHooks, RunInfo } from '../agent/hooks';
import type { HookContext } from '../agent/policy';
import type { Memory } from '../memory';
import type { Screens } from '../screens';
import type { ItemStore } from '../store/item-store';
import type { KeyValueStore } from '../store/key-value-store';
import type { RunStore } from '../store/run-store';
import { ADVICE_KINDS, composeAdvice } from './advice';
import { condense, isToggle } from './condenser';
import { consolidate, type ConsolidationAction } from './consolidate';
import { creditItems } from './credit';
import { Learner } from './learner';
import type { Keyframe } from './memory-writer';
import { itemsFor } from './memory-writer';
import { DEFAULT_ITEM_BUDGET, pruneToBudget } from './prune';
import { retrieve } from './retrieval';
import { screenFingerprint } from './screen-fingerprint';
import type { LlmClient } from '../llm/llm-client';
import { rewriteCondensed, writeAdvice } from './llm-writer';

/** What the coach keeps of a run (persisted, so a verdict after a worker restart still finds it). */
export interface CoachRunState {
  runId: string;
  task: string;
  origin: string;
  cluster: string;
  design: string;
  how: 'sampled' | 'pinned' | 'requested';
  coach: boolean;
  externalCheck: boolean;
  maxSteps: number;
  tabId: number;
  advice: CoachReport['advice'];
  shown: string[];
  keyframes: Keyframe[];
  learned?: LearnSummary;
}

export interface LearnSummary {
  at: number;
  outcome: string;
  written: { kind: string; action: ConsolidationAction['action']; id: string }[];
  credited: number;
  pruned: number;
}

export interface CoachDeps {
  memory: () => Promise<Memory>;
  items: () => Promise<ItemStore>;
  runs: () => Promise<RunStore>;
  learner: () => Promise<KeyValueStore>;
  settings: () => Promise<KeyValueStore>;
  bridge?: () => Promise<BrowserBridge>;
  screens?: () => Promise<Screens>;
  /** Items memory may hold before pruning. */
  itemBudget?: () => Promise<number>;
  /** Whether nothing may be learned from a run on this origin (the user's "never record" sites). */
  neverRecorded?: (origin: string) => Promise<boolean>;
}

const STATE = 'coach.run.';

interface Live {
  state: CoachRunState;
  design: MemoryDesign;
  signal?: string;
  failureScreens?: MemoryItem[];
  policy: string;
  llm?: LlmClient;
  /** Retrieve-and-decide time of each step the coach looked at, ms. */
  overheadMs: number[];
}

export class Coach {
  private readonly live = new Map<string, Live>();
  private readonly learning = new Map<string, Promise<LearnSummary | null>>();

  constructor(private readonly deps: CoachDeps) {}

  /** The hooks the agent runs with. */
  hooks(): AgentHooks {
    return {
      beforeRun: (run) => this.beforeRun(run),
      beforeStep: (run, step) => this.beforeStep(run, step),
      afterStep: (run, step) => this.afterStep(run, step),
      afterRun: async (run) => {
        await this.captureKeyframe(run.runId, 'final').catch(() => undefined);
        const live = this.live.get(run.runId);
        if (!live || live.state.externalCheck) return;
        const learning = this.learn(run.runId).catch((e: unknown) => {
          console.warn(`[waymark] learning from run ${run.runId} failed:`, e);
          return null;
        });
        // The run's model is released when the run ends: with one, the lessons are written first.
        // Without, the run's result is not held up by reading screens and writing memory.
        if (live.llm) await learning;
      },
    };
  }

  async learner(): Promise<Learner> {
    return new Learner(await this.deps.learner());
  }

  report(runId: string): CoachReport | undefined {
    const live = this.live.get(runId);
    if (!live || !live.state.coach) return undefined;
    return { design: live.state.design, cluster: live.state.cluster, advice: live.state.advice };
  }

  /** Median retrieve-and-decide time per step over the runs this coach saw (ms). */
  overhead(): number[] {
    return [...this.live.values()].flatMap((l) => l.overheadMs);
  }

  async stateOf(runId: string): Promise<CoachRunState | undefined> {
    return this.live.get(runId)?.state ?? (await (await this.deps.settings()).get<CoachRunState>(STATE + runId));
  }

  private async save(state: CoachRunState): Promise<void> {
    await (await this.deps.settings()).put(STATE + state.runId, state);
  }

  private async beforeRun(run: RunInfo): Promise<void> {
    const resumed = await this.stateOf(run.runId);
    if (resumed) {
      this.live.set(run.runId, { state: resumed, design: designNamed(resumed.design) ?? designNamed(DEFAULT_DESIGN)!, policy: run.policy, ...(run.llm ? { llm: run.llm } : {}), overheadMs: [] });
      if (resumed.coach) this.live.get(run.runId)!.failureScreens = await this.failureScreens(resumed.origin);
      return;
    }
    const cluster = clusterOf(abstractTask(run.task).task);
    const coach = run.memory?.coach !== false;
    const choice = coach ? await (await this.learner()).choose(cluster, run.memory?.design) : { design: designNamed(run.memory?.design ?? DEFAULT_DESIGN) ?? designNamed(DEFAULT_DESIGN)!, how: 'requested' as const };
    const state: CoachRunState = {
      runId: run.runId,
      task: run.task,
      origin: run.origin,
      cluster,
      design: choice.design.name,
      how: choice.how,
      coach,
      externalCheck: run.memory?.externalCheck === true,
      maxSteps: run.maxSteps,
      tabId: run.tabId,
      advice: [],
      shown: [],
      keyframes: [],
    };
    this.live.set(run.runId, { state, design: choice.design, policy: run.policy, ...(run.llm ? { llm: run.llm } : {}), overheadMs: [] });
    if (coach) this.live.get(run.runId)!.failureScreens = await this.failureScreens(run.origin);
    await this.save(state);
  }

  /** Screens where past runs of this site failed, to recognise them during this one. */
  private async failureScreens(origin: string): Promise<MemoryItem[]> {
    const keyframes = await (await this.deps.items()).list({ kind: 'keyframe' });
    return keyframes.filter((k) => k.scope.origin === origin && k.data?.outcome === 'failure' && k.utility >= 0.2);
  }

  private async beforeStep(run: RunInfo, step: { index: number; observation: Observation; history: readonly Step[] }): Promise<HookContext | void> {
    const live = this.live.get(run.runId);
    if (!live?.state.coach) return;
    const started = performance.now();
    const { design, state } = live;
    const first = state.advice.length === 0 && step.history.length === step.index && live.overheadMs.length === 0;
    const fingerprint = screenFingerprint(step.observation);
    const onFailureScreen = (live.failureScreens ?? []).filter((k) => k.data?.fingerprint === fingerprint);
    const signal = live.signal ?? (onFailureScreen.length ? 'the page looks like a screen where a past run failed' : undefined);
    live.signal = undefined;
    const speak = first || design.speak === 'every-step' || (design.speak === 'on-signal' && signal !== undefined);
    if (!speak) return;
    const query = first ? run.task : `${run.task}\n${step.observation.title}${signal ? `\n${signal}` : ''}`;
    const ranked = await retrieve(await this.deps.memory(), { text: query, origin: state.origin, cluster: state.cluster, kinds: ADVICE_KINDS }, design);
    const advice = composeAdvice(ranked, { task: run.task, ...(first ? {} : signal ? { signal } : {}), failureScreens: onFailureScreen });
    live.overheadMs.push(performance.now() - started);
    if (!advice) return; // nothing relevant: silence
    if (live.llm) {
      const written = await writeAdvice(live.llm, { task: run.task, ...(signal && !first ? { signal } : {}), memory: advice.text }).catch(() => null);
      if (written) advice.text = written;
    }
    state.advice.push({ step: step.index, text: advice.text, sources: advice.sources, confidence: advice.confidence, ...(advice.workflow ? { workflow: advice.workflow.workflow.task } : {}) });
    state.shown = [...new Set([...state.shown, ...advice.sources])];
    await this.save(state);
    return { source: 'coach', text: advice.text, memoryIds: advice.sources, ...(advice.workflow ? { workflow: advice.workflow } : {}), ...(advice.avoid.length ? { avoid: advice.avoid } : {}) };
  }

  private async afterStep(run: RunInfo, step: { record: Step; loop?: { repeats: number; action: string } }): Promise<void> {
    const live = this.live.get(run.runId);
    if (!live) return;
    const results = step.record.results;
    const failed = results.find((r) => !r.ok);
    // Ticking a checkbox or a radio button changes no page and still did something.
    const idle = results.some((r, i) => step.record.output.actions[i]?.kind === 'click' && r.ok && !r.pageChanged && !r.navigated && !isToggle(step.record.targets?.[i] ?? null));
    if (step.loop) live.signal = `the agent took the same action (${step.loop.action}) ${step.loop.repeats} times on the same screen`;
    else if (failed) live.signal = `the last action failed: ${failed.error?.message ?? 'no reason given'}`;
    else if (idle) live.signal = 'the last click changed nothing on the page';
    if (failed && !live.state.keyframes.some((k) => k.moment === 'first-error')) await this.captureKeyframe(run.runId, 'first-error').catch(() => undefined);
  }

  /** A screenshot of the tab now, kept with the run for a keyframe (when the design writes them). */
  private async captureKeyframe(runId: string, moment: 'first-error' | 'final'): Promise<void> {
    const live = this.live.get(runId);
    if (!live || !kindsWritten(live.design, live.state.how).includes('keyframe') || !this.deps.bridge || !this.deps.screens) return;
    const bridge = await this.deps.bridge();
    const observation = await bridge.observe(live.state.tabId);
    const shot = await bridge.screenshot(live.state.tabId, { scale: 0.5, quality: 0.7 });
    const stepIndex = (await (await this.deps.runs()).header(runId))?.stepCount ?? 0;
    const saved = await (await this.deps.screens()).save({ trajectoryId: runId, stepIndex, dataUrl: shot.dataUrl });
    // 'final' becomes 'success' or 'failure' once the outcome is known.
    live.state.keyframes.push({ moment: moment === 'final' ? 'failure' : moment, step: stepIndex, url: observation.url, title: observation.title, fingerprint: screenFingerprint(observation), screenshotKey: saved.key, ...(moment === 'final' ? { final: true } : {}) });
    await this.save(live.state);
  }

  /**
   * Learns from a finished run once its outcome is known: condense, write and
   * consolidate items, credit or blame the advice shown, update the design's record,
   * prune. A run is learned from once; a run without a verdict waits for one.
   */
  async learn(runId: string): Promise<LearnSummary | null> {
    // One learning per run at a time: a verdict arriving during a background learn waits for it.
    const running = this.learning.get(runId);
    if (running) return running;
    const learning = this.learnOnce(runId).finally(() => this.learning.delete(runId));
    this.learning.set(runId, learning);
    return learning;
  }

  private async learnOnce(runId: string): Promise<LearnSummary | null> {
    const state = await this.stateOf(runId);
    if (!state || state.learned) return state?.learned ?? null;
    const run = await (await this.deps.runs()).get(runId);
    if (!run?.outcome || run.outcome.status === 'unknown') return null;
    // A site the user excluded: nothing is learned, checked again at every attempt.
    if (await this.deps.neverRecorded?.(run.origin)) return null;
    if (run.steps.length === 0) {
      // Nothing happened on the page (the policy could not start): nothing to learn.
      state.learned = { at: Date.now(), outcome: run.outcome.status, written: [], credited: 0, pruned: 0 };
      await this.save(state);
      return state.learned;
    }
    const design = designNamed(state.design) ?? designNamed(DEFAULT_DESIGN)!;
    let condensed = condense(run);
    const llm = this.live.get(runId)?.llm;
    if (llm) condensed = await rewriteCondensed(llm, condensed).catch(() => condensed);
    const keyframes = await this.finishKeyframes(state.keyframes, run.outcome.status === 'success');
    const memory = await this.deps.memory();
    const written: LearnSummary['written'] = [];
    for (const item of itemsFor(condensed, { writes: kindsWritten(design, state.how) }, keyframes)) {
      const done = await consolidate(memory, item);
      written.push({ kind: item.kind, action: done.action, id: done.item.id });
    }
    const items = await this.deps.items();
    const credited = await creditItems(memory, items, state.shown, run.outcome, runId);
    if (state.coach) await (await this.learner()).update(state.cluster, state.design, run.outcome, run.steps.length, state.maxSteps);
    const budget = (await this.deps.itemBudget?.()) ?? DEFAULT_ITEM_BUDGET;
    const pruned = await pruneToBudget(memory, items, budget);
    state.learned = { at: Date.now(), outcome: run.outcome.status, written, credited, pruned: pruned.length };
    await this.save(state);
    const live = this.live.get(runId);
    if (live) live.state = state;
    return state.learned;
  }

  /**
   * Learns from a run the agent did not make (a user's demonstration, already stored
   * with its outcome): under the default design, with no advice to credit, and
   * without counting towards any design's record.
   */
  async learnFromStoredRun(run: Pick<Trajectory, 'id' | 'task' | 'origin' | 'steps'>): Promise<LearnSummary | null> {
    if (!(await this.stateOf(run.id))) {
      const cluster = clusterOf(abstractTask(run.task).task);
      await this.save({ runId: run.id, task: run.task, origin: run.origin, cluster, design: DEFAULT_DESIGN, how: 'requested', coach: false, externalCheck: false, maxSteps: Math.max(1, run.steps.length), tabId: 0, advice: [], shown: [], keyframes: [] });
    }
    return this.learn(run.id);
  }

  /** Keyframes with their final moment, visual signature and screen text. */
  private async finishKeyframes(keyframes: readonly Keyframe[], success: boolean): Promise<Keyframe[]> {
    const out: Keyframe[] = [];
    for (const k of keyframes) {
      const moment = k.final ? (success ? 'success' : 'failure') : k.moment;
      const done: Keyframe = { moment, step: k.step, url: k.url, title: k.title, fingerprint: k.fingerprint, ...(k.screenshotKey ? { screenshotKey: k.screenshotKey } : {}) };
      if (k.screenshotKey && this.deps.screens) {
        const features = await (await this.deps.screens()).features(k.screenshotKey, { ocr: true, signature: true }).catch(() => null);
        if (features?.signature) done.signature = features.signature;
        if (features?.ocr) done.ocrText = features.ocr.map((l) => l.text).join(' ').slice(0, 1_000);
      }
      out.push(done);
    }
    return out;
  }
}
