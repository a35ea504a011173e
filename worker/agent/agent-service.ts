// Runs the agent on behalf of the extension: starts runs in the background, keeps a
// short live activity log per run for the UI, and stops runs on request.
import { hasRedactionMark, RunSecrets, secretsInTask } from '../../shared/secrets';
import type { BrowserBridge } from '../../shared/browser-bridge';
import type { KeyValueStore } from '../store/key-value-store';
import type { RunStore } from '../store/run-store';
import { HookSet } from './hooks';
import type { Policy } from './policy';
import type { AgentActivity, AgentRunResult, AgentRunStatus, CoachReport, RunMemoryOptions } from '../../shared/worker-api';
import { runAgent } from './run-agent';

const ACTIVITY_KEPT = 200;
/** Finished runs whose status (activity, result) stays at hand; older ones are let go (the run itself stays stored). */
export const FINISHED_KEPT = 64;
/** Settings key prefix of runs in progress. */
const IN_FLIGHT = 'agent.inFlight.';
const DEFAULT_MAX_STEPS = 25;

export interface AgentRunRequest<P> {
  task: string;
  tabId: number;
  maxSteps?: number;
  policy: P;
  memory?: RunMemoryOptions;
}


interface ActiveRun {
  controller: AbortController;
  activity: AgentActivity[];
  result?: AgentRunResult;
  error?: string;
  finished: Promise<void>;
}

export class AgentService<P> {
  readonly hooks = new HookSet((hook, e) => console.warn(`[waymark] the ${hook} hook failed:`, e));
  private readonly runs = new Map<string, ActiveRun>();

  constructor(
    private readonly deps: {
      store: () => Promise<RunStore>;
      bridge: () => Promise<BrowserBridge>;
      policy: (config: P) => Promise<Policy>;
      /** Where runs in progress are noted, so a restarted worker can pick them up. */
      settings: () => Promise<KeyValueStore>;
      /** A screenshot of the tab kept with the run at a step (its key), or null when none is kept. */
      captureScreen?: (runId: string, tabId: number, stepIndex: number) => Promise<string | null>;
      /** What the coach did in a run, added to its result. */
      coachReport?: (runId: string) => CoachReport | undefined;
      /** The user's sensitive-field patterns, read when a run starts. */
      sensitive?: () => Promise<readonly RegExp[]>;
    },
  ) {}

  /** Starts a run and returns at once; its progress is in `status`. */
  async start(request: AgentRunRequest<P>): Promise<{ runId: string }> {
    // Policy problems (no model, bad endpoint) are the caller's to see right away.
    const policy = await this.deps.policy(request.policy);
    const runId = crypto.randomUUID();
    // Noted in flight before it is launched: a resume pass in between must not take it for a run left behind.
    this.launching.add(runId);
    try {
      // Noted without its secrets: those the browser holds in memory only, for a resume.
      const secrets = new RunSecrets(secretsInTask(request.task));
      if (secrets.size) await (await this.deps.bridge()).holdSecrets(runId, secrets.list());
      await (await this.deps.settings()).put(IN_FLIGHT + runId, { ...request, task: secrets.redact(request.task) });
      await this.launch(runId, request, policy);
    } catch (e) {
      // Not started: release the policy (an in-browser model holds the GPU) and the secrets.
      await policy.dispose().catch(() => undefined);
      await this.letSecretsGo(runId);
      throw e;
    } finally {
      this.launching.delete(runId);
    }
    return { runId };
  }

  /**
   * Picks up the runs a killed worker left unfinished: each continues from its last
   * recorded step, or — when its tab or policy is gone — is marked interrupted.
   * Returns the ids of the runs resumed.
   */
  resumeUnfinished(interruptAll = false): Promise<string[]> {
    // One pass at a time: two callers at once (the host's restart seen from two places)
    // would otherwise both find a run unfinished and start it twice.
    const pass = this.resuming.then(() => this.resumePass(interruptAll));
    this.resuming = pass.catch(() => undefined);
    return pass;
  }

  private resuming: Promise<unknown> = Promise.resolve();
  /** Runs being started in this worker (between noting them in flight and launching them). */
  private readonly launching = new Set<string>();

  private async resumePass(interruptAll: boolean): Promise<string[]> {
    const settings = await this.deps.settings();
    const store = await this.deps.store();
    const resumed: string[] = [];
    for (const { key, value: request } of await settings.entries<AgentRunRequest<P>>(IN_FLIGHT)) {
      const runId = key.slice(IN_FLIGHT.length);
      if (this.runs.has(runId) || this.launching.has(runId)) continue;
      const header = await store.header(runId);
      if (header?.endedAt !== undefined) {
        await settings.delete(key);
        await this.letSecretsGo(runId);
        continue;
      }
      if (interruptAll) {
        await this.markInterrupted(runId, 'the browser was closed, or Waymark reloaded, during the run', request);
        continue;
      }
      try {
        // Only on the page the run was on: a tab id may have been reused since.
        const page = await (await this.deps.bridge()).observe(request.tabId);
        const lastUrl = (await store.get(runId))?.steps.at(-1)?.observation.url;
        const expected = lastUrl ? new URL(lastUrl).origin : header?.origin;
        if (expected && new URL(page.url).origin !== expected) throw new Error(`its tab now shows another site (${new URL(page.url).origin})`);
        const task = await this.withSecrets(runId, request.task);
        const policy = await this.deps.policy(request.policy);
        await this.launch(runId, { ...request, task }, policy).catch(async (e: unknown) => {
          await policy.dispose().catch(() => undefined);
          throw e;
        });
        resumed.push(runId);
      } catch (e) {
        await this.markInterrupted(runId, `the run could not be resumed after the worker restarted: ${e instanceof Error ? e.message : String(e)}`, request);
      }
    }
    return resumed;
  }

  /** The task as given, its secrets put back from where the browser holds them. */
  private async withSecrets(runId: string, noted: string): Promise<string> {
    if (!hasRedactionMark(noted)) return noted;
    const held = await (await this.deps.bridge()).heldSecrets(runId);
    if (!held) throw new Error('the secrets its task gave are held only while the browser runs, and are gone');
    return new RunSecrets(held).reveal(noted);
  }

  /** The run no longer needs its secrets held (it ended, or cannot go on). */
  private async letSecretsGo(runId: string): Promise<void> {
    await (await this.deps.bridge()).holdSecrets(runId, null).catch(() => undefined);
  }

  private async markInterrupted(runId: string, reason: string, request?: AgentRunRequest<P>): Promise<void> {
    const store = await this.deps.store();
    let header = await store.header(runId);
    // Killed before its first observation was kept: the run is recorded all the same (its task without secrets), so it is not lost.
    if (!header && request) header = await store.start({ id: runId, task: new RunSecrets(secretsInTask(request.task)).redact(request.task), origin: '', startedAt: Date.now(), source: 'agent' });
    if (header && header.endedAt === undefined) await store.finish(runId, { status: 'interrupted', judgedBy: 'none', reason });
    await (await this.deps.settings()).delete(IN_FLIGHT + runId);
    await this.letSecretsGo(runId);
  }

  private async launch(runId: string, request: AgentRunRequest<P>, policy: Policy): Promise<void> {
    const [store, bridge, sensitive] = await Promise.all([this.deps.store(), this.deps.bridge(), this.deps.sensitive?.() ?? []]);
    const run: ActiveRun = { controller: new AbortController(), activity: [], finished: Promise.resolve() };
    run.finished = runAgent({
      runId,
      task: request.task,
      tabId: request.tabId,
      maxSteps: request.maxSteps ?? DEFAULT_MAX_STEPS,
      policy,
      bridge,
      runs: store,
      hooks: this.hooks,
      signal: run.controller.signal,
      sensitive,
      ...(request.memory ? { memory: request.memory } : {}),
      ...(this.deps.captureScreen ? { captureScreen: throttled((step) => this.deps.captureScreen!(runId, request.tabId, step)) } : {}),
      onActivity: (a) => {
        run.activity.push(a);
        if (run.activity.length > ACTIVITY_KEPT) run.activity.splice(0, run.activity.length - ACTIVITY_KEPT);
      },
    })
      .then(async (result) => {
        const coach = this.deps.coachReport?.(runId);
        run.result = coach ? { ...result, coach } : result;
        await (await this.deps.settings()).delete(IN_FLIGHT + runId);
        if (secretsInTask(request.task).length) await this.letSecretsGo(runId);
      })
      .catch(async (e: unknown) => {
        // The page or the store failed under the run: what was recorded stays, and says why it ended.
        run.error = e instanceof Error ? e.message : String(e);
        await this.markInterrupted(runId, `the run stopped on an error: ${run.error}`).catch(() => undefined);
      })
      .finally(() => {
        this.forgetOldRuns();
        return policy.dispose().catch(() => undefined);
      });
    this.runs.set(runId, run);
  }

  /** Finished runs' live records beyond the newest FINISHED_KEPT are let go (their runs stay stored). */
  private forgetOldRuns(): void {
    const finished = [...this.runs].filter(([, r]) => r.result || r.error);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.runs.delete(id);
  }

  stop(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.result || run.error) return false;
    run.controller.abort();
    return true;
  }

  status(runId: string): AgentRunStatus | null {
    const run = this.runs.get(runId);
    if (!run) return null;
    return {
      runId,
      running: !run.result && !run.error,
      activity: [...run.activity],
      ...(run.result ? { result: run.result } : {}),
      ...(run.error ? { error: run.error } : {}),
    };
  }

  /** Waits until the run ended (tests and the CLI). */
  async settled(runId: string): Promise<AgentRunStatus | null> {
    await this.runs.get(runId)?.finished;
    return this.status(runId);
  }
}

/**
 * Screenshots spaced out: Chrome refuses more than two captures a second (and the
 * coach's keyframes take some too), and a refused one is retried after a wait that
 * slows the run. Steps that come quicker keep none.
 */
export function throttled(capture: (step: number) => Promise<string | null>, minIntervalMs = 600, now = () => Date.now()): (step: number) => Promise<string | null> {
  let last = -Infinity;
  return async (step) => {
    if (now() - last < minIntervalMs) return null;
    last = now();
    return capture(step);
  };
}
