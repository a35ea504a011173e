// The agent's public hook API. Hooks see what happened and may add context to the
// next step's prompt; they never reach into the loop's private state. A hook that
// throws is reported and skipped: it cannot break a run.
import type { Outcome, Step } from '../../shared/model';
import type { RunMemoryOptions } from '../../shared/worker-api';
import type { LlmClient } from '../llm/llm-client';
import type { Observation } from '../../shared/observation';
import type { HookContext } from './policy';
import type { RunSecrets } from '../../shared/secrets';

export interface RunInfo {
  runId: string;
  /** The task as given (secrets included: the live run needs them). */
  task: string;
  /** The run's secrets: whatever a hook keeps of the run goes through `secrets.redact` first. */
  secrets: RunSecrets;
  tabId: number;
  origin: string;
  maxSteps: number;
  /** The policy deciding the steps (e.g. `offline`). */
  policy: string;
  /** How the run uses memory, as requested. */
  memory?: RunMemoryOptions;
  /** The policy's language model, when it has one. */
  llm?: LlmClient;
}

export interface LoopSignal {
  /** How many times in a row the same action was taken on the same screen. */
  repeats: number;
  action: string;
}

export interface AgentHooks {
  beforeRun?(run: RunInfo): Promise<void> | void;
  /** May return context for this step's prompt. */
  beforeStep?(run: RunInfo, step: { index: number; observation: Observation; history: readonly Step[] }): Promise<HookContext | HookContext[] | void> | HookContext | HookContext[] | void;
  afterStep?(run: RunInfo, step: { record: Step; loop?: LoopSignal }): Promise<void> | void;
  afterRun?(run: RunInfo, result: { outcome: Outcome; steps: number }): Promise<void> | void;
}

export type HookName = keyof AgentHooks;

export class HookSet {
  private readonly hooks = new Set<AgentHooks>();

  constructor(private readonly onError: (hook: HookName, error: unknown) => void) {}

  /** Adds hooks; returns a function that removes them again. */
  add(hooks: AgentHooks): () => void {
    this.hooks.add(hooks);
    return () => this.hooks.delete(hooks);
  }

  async beforeRun(run: RunInfo): Promise<void> {
    for (const h of this.hooks) await this.guard('beforeRun', () => h.beforeRun?.(run));
  }

  async beforeStep(run: RunInfo, step: Parameters<NonNullable<AgentHooks['beforeStep']>>[1]): Promise<HookContext[]> {
    const out: HookContext[] = [];
    for (const h of this.hooks) {
      const added = await this.guard('beforeStep', () => h.beforeStep?.(run, step));
      if (added) out.push(...(Array.isArray(added) ? added : [added]));
    }
    return out;
  }

  async afterStep(run: RunInfo, step: Parameters<NonNullable<AgentHooks['afterStep']>>[1]): Promise<void> {
    for (const h of this.hooks) await this.guard('afterStep', () => h.afterStep?.(run, step));
  }

  async afterRun(run: RunInfo, result: Parameters<NonNullable<AgentHooks['afterRun']>>[1]): Promise<void> {
    for (const h of this.hooks) await this.guard('afterRun', () => h.afterRun?.(run, result));
  }

  private async guard<T>(name: HookName, call: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await call();
    } catch (e) {
      this.onError(name, e);
      return undefined;
    }
  }
}
