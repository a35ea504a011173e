// What the coach keeps of each run it joins: the persisted state (a verdict after a
// worker restart still finds it) and, while the run is live, what only matters in
// this worker (the design object, a pending signal, the screens of past failures,
// the run's model). A run's live part is released once it has been learned from.
import type { MemoryDesign, MemoryItem } from '../../shared/model';
import type { CoachReport } from '../../shared/worker-api';
import type { LlmClient } from '../llm/llm-client';
import type { RunSecrets } from '../../shared/secrets';
import type { KeyValueStore } from '../store/key-value-store';
import type { ConsolidationAction } from './consolidate';
import type { Keyframe } from './memory-writer';

/** What the coach keeps of a run (persisted). */
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
  /** Of `shown`, the workflows tried on another wording of their task (credited to their transfer record only). */
  transferred?: string[];
  keyframes: Keyframe[];
  learned?: LearnSummary;
}

export interface LearnSummary {
  at: number;
  outcome: string;
  written: { kind: string; action: ConsolidationAction['action']; id: string }[];
  credited: number;
  pruned: number;
  /** Workflows retired to their history after failing twice in a row on new instances. */
  retired?: string[];
}

/** The live part of a run's state. */
export interface LiveRun {
  state: CoachRunState;
  design: MemoryDesign;
  /** Why the coach should speak before the next step, if something happened. */
  signal?: string;
  /** Keyframes of past failures of this kind of task on this site. */
  failureScreens?: MemoryItem[];
  policy: string;
  llm?: LlmClient;
  /** The run's secrets (never stored): what the coach keeps of the run is redacted with them. */
  secrets?: RunSecrets;
}

const KEY = 'coach.run.';
/** Retrieve-and-decide times kept for overhead(): the latest ones. */
const OVERHEAD_KEPT = 2_000;
/** Released runs whose live part is still at hand. */
const RELEASED_KEPT = 16;
/**
 * Live parts kept at most: a run whose verdict never comes (a check that was never
 * reported) is not held forever; past this, the oldest is forgotten (its persisted
 * state stays and is learned from when the verdict comes).
 */
export const LIVE_KEPT = 64;

export class RunStates {
  private readonly live = new Map<string, LiveRun>();
  private readonly overheads: number[] = [];
  /** Runs released, oldest first. */
  private readonly released: string[] = [];

  constructor(private readonly settings: () => Promise<KeyValueStore>) {}

  liveRun(runId: string): LiveRun | undefined {
    return this.live.get(runId);
  }

  setLive(runId: string, run: LiveRun): void {
    this.live.delete(runId);
    this.live.set(runId, run);
    // A Map iterates in insertion order: the first keys are the oldest runs.
    for (const old of this.live.keys()) {
      if (this.live.size <= LIVE_KEPT) break;
      this.live.delete(old);
      const at = this.released.indexOf(old);
      if (at >= 0) this.released.splice(at, 1);
    }
  }

  /** Forgets a run altogether (it was deleted): its live part and its persisted state. */
  async forget(runId: string): Promise<void> {
    this.live.delete(runId);
    const at = this.released.indexOf(runId);
    if (at >= 0) this.released.splice(at, 1);
    await (await this.settings()).delete(KEY + runId);
  }

  /** The ids of every run with a persisted state. */
  async runIds(): Promise<string[]> {
    return (await (await this.settings()).entries<CoachRunState>(KEY)).map((e) => e.key.slice(KEY.length));
  }

  /**
   * Marks a run as done with: its live part is forgotten once RELEASED_KEPT later runs
   * were released too (its report may still be asked for just after), its persisted
   * state stays.
   */
  release(runId: string): void {
    if (!this.live.has(runId) || this.released.includes(runId)) return;
    this.released.push(runId);
    while (this.released.length > RELEASED_KEPT) this.live.delete(this.released.shift()!);
  }

  async get(runId: string): Promise<CoachRunState | undefined> {
    return this.live.get(runId)?.state ?? (await (await this.settings()).get<CoachRunState>(KEY + runId));
  }

  async save(state: CoachRunState): Promise<void> {
    await (await this.settings()).put(KEY + state.runId, state);
    const live = this.live.get(state.runId);
    if (live) live.state = state;
  }

  noteOverhead(ms: number): void {
    this.overheads.push(ms);
    if (this.overheads.length > OVERHEAD_KEPT) this.overheads.splice(0, this.overheads.length - OVERHEAD_KEPT);
  }

  overhead(): number[] {
    return [...this.overheads];
  }
}
