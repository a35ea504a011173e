// The coach (WebCoach): joins a run through the agent's public hooks and nothing
// else. This file is the adapter: at the start of a run it asks the learner for the
// cluster's memory design and keeps the run's state (run-state.ts); before each step
// it lets the advisor speak or stay silent (advisor.ts); after each step it notes what
// happened and keeps key screens (keyframes.ts); once the run's outcome is known (at
// its end, or when the caller reports the task's own check) it learns from the run
// (learning.ts). Demonstrations are learned from as stored runs.
import type { TabBridge } from '../../shared/browser-bridge';
import { clusterOf } from '../../shared/condensed-run';
import { DEFAULT_DESIGN, designNamed } from '../../shared/memory-designs';
import type { Trajectory } from '../../shared/model';
import type { CoachReport } from '../../shared/worker-api';
import { abstractTask } from '../../shared/workflow';
import type { AgentHooks, RunInfo } from '../agent/hooks';
import type { Memory } from '../memory';
import type { Screens } from '../screens';
import type { ItemStore } from '../store/item-store';
import type { KeyValueStore } from '../store/key-value-store';
import type { RunStore } from '../store/run-store';
import { adviseStep, failureScreens, noteStep } from './advisor';
import { captureKeyframe } from './keyframes';
import { Learner } from './learner';
import { learnFromRun } from './learning';
import { type CoachRunState, type LearnSummary, type LiveRun, RunStates } from './run-state';

export type { CoachRunState, LearnSummary } from './run-state';

export interface CoachDeps {
  memory: () => Promise<Memory>;
  items: () => Promise<ItemStore>;
  runs: () => Promise<RunStore>;
  learner: () => Promise<KeyValueStore>;
  settings: () => Promise<KeyValueStore>;
  bridge?: () => Promise<TabBridge>;
  screens?: () => Promise<Screens>;
  /** Items memory may hold before pruning. */
  itemBudget?: () => Promise<number>;
  /** Whether nothing may be learned from a run on this origin (the user's "never record" sites). */
  neverRecorded?: (origin: string) => Promise<boolean>;
}

export class Coach {
  private readonly states: RunStates;
  private readonly learning = new Map<string, Promise<LearnSummary | null>>();

  constructor(private readonly deps: CoachDeps) {
    this.states = new RunStates(deps.settings);
  }

  /** The hooks the agent runs with. */
  hooks(): AgentHooks {
    return {
      beforeRun: (run) => this.beforeRun(run),
      beforeStep: async (run, step) => {
        const live = this.states.liveRun(run.runId);
        return live ? adviseStep(await this.deps.memory(), this.states, live, run, step) : undefined;
      },
      afterStep: async (run, step) => {
        const live = this.states.liveRun(run.runId);
        if (!live) return;
        // A secret typed at this step leaves the kept task too.
        const task = run.secrets.redact(live.state.task);
        if (task !== live.state.task) {
          live.state.task = task;
          await this.states.save(live.state);
        }
        const { failed } = noteStep(live, step);
        if (failed && !live.state.keyframes.some((k) => k.moment === 'first-error')) await captureKeyframe(this.deps, this.states, live, 'first-error').catch(() => undefined);
      },
      afterRun: async (run) => {
        const live = this.states.liveRun(run.runId);
        if (!live) return;
        await captureKeyframe(this.deps, this.states, live, 'final').catch(() => undefined);
        if (live.state.externalCheck) return;
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
    const live = this.states.liveRun(runId);
    if (!live || !live.state.coach) return undefined;
    return { design: live.state.design, cluster: live.state.cluster, advice: live.state.advice };
  }

  /** Retrieve-and-decide time of each step the coach looked at recently (ms). */
  overhead(): number[] {
    return this.states.overhead();
  }

  stateOf(runId: string): Promise<CoachRunState | undefined> {
    return this.states.get(runId);
  }

  /** A run was deleted: what the coach kept of it goes too. */
  forget(runId: string): Promise<void> {
    return this.states.forget(runId);
  }

  /** Drops what the coach kept of runs that no longer exist (deleted before this was done on deletion); returns how many. */
  async sweep(): Promise<number> {
    const runs = await this.deps.runs();
    let dropped = 0;
    for (const id of await this.states.runIds()) {
      if (await runs.header(id)) continue;
      await this.states.forget(id);
      dropped++;
    }
    return dropped;
  }

  private async beforeRun(run: RunInfo): Promise<void> {
    const resumed = await this.states.get(run.runId);
    const state = resumed ?? (await this.newState(run));
    const live: LiveRun = { state, design: designNamed(state.design) ?? designNamed(DEFAULT_DESIGN)!, policy: run.policy, secrets: run.secrets, ...(run.llm ? { llm: run.llm } : {}) };
    if (state.coach) live.failureScreens = await failureScreens(await this.deps.items(), state.origin, state.cluster);
    this.states.setLive(run.runId, live);
    if (!resumed) await this.states.save(state);
  }

  private async newState(run: RunInfo): Promise<CoachRunState> {
    // Instances of one kind of task share a cluster, whichever of their words are values.
    const cluster = clusterOf(abstractTask(run.task).task);
    const coach = run.memory?.coach !== false;
    const choice = coach ? await (await this.learner()).choose(cluster, run.memory?.design) : { design: designNamed(run.memory?.design ?? DEFAULT_DESIGN) ?? designNamed(DEFAULT_DESIGN)!, how: 'requested' as const };
    return {
      runId: run.runId,
      task: run.secrets.redact(run.task),
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
  }

  /**
   * Learns from a finished run once its outcome is known. A run is learned from
   * once; a run without a verdict waits for one. Its live state is released then.
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
    const state = await this.states.get(runId);
    if (!state || state.learned) return state?.learned ?? null;
    const live = this.states.liveRun(runId);
    const learned = await learnFromRun({ ...this.deps, learner: () => this.learner() }, state, live?.llm, live?.secrets);
    if (!learned) return null;
    state.learned = learned;
    await this.states.save(state);
    this.states.release(runId);
    return learned;
  }

  /**
   * Learns from a run the agent did not make (a user's demonstration, already stored
   * with its outcome): under the default design, with no advice to credit, and
   * without counting towards any design's record.
   */
  async learnFromStoredRun(run: Pick<Trajectory, 'id' | 'task' | 'origin' | 'steps'>): Promise<LearnSummary | null> {
    if (!(await this.states.get(run.id))) {
      const cluster = clusterOf(abstractTask(run.task).task);
      await this.states.save({ runId: run.id, task: run.task, origin: run.origin, cluster, design: DEFAULT_DESIGN, how: 'requested', coach: false, externalCheck: false, maxSteps: Math.max(1, run.steps.length), tabId: 0, advice: [], shown: [], keyframes: [] });
    }
    return this.learn(run.id);
  }
}
