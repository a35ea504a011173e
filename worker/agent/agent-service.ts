// Runs the agent on behalf of the extension: starts runs in the background, keeps a
// short live activity log per run for the UI, and stops runs on request.
import type { BrowserBridge } from '../../shared/browser-bridge';
import type { RunStore } from '../store/run-store';
import { HookSet } from './hooks';
import type { Policy } from './policy';
import type { AgentActivity, AgentRunResult, AgentRunStatus } from '../../shared/worker-api';
import { runAgent } from './run-agent';

const ACTIVITY_KEPT = 200;
const DEFAULT_MAX_STEPS = 25;

export interface AgentRunRequest<P> {
  task: string;
  tabId: number;
  maxSteps?: number;
  policy: P;
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
    },
  ) {}

  /** Starts a run and returns at once; its progress is in `status`. */
  async start(request: AgentRunRequest<P>): Promise<{ runId: string }> {
    // Policy problems (no model, bad endpoint) are the caller's to see right away.
    const policy = await this.deps.policy(request.policy);
    const [store, bridge] = await Promise.all([this.deps.store(), this.deps.bridge()]);
    const runId = crypto.randomUUID();
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
      onActivity: (a) => {
        run.activity.push(a);
        if (run.activity.length > ACTIVITY_KEPT) run.activity.splice(0, run.activity.length - ACTIVITY_KEPT);
      },
    })
      .then((result) => {
        run.result = result;
      })
      .catch((e: unknown) => {
        run.error = e instanceof Error ? e.message : String(e);
      })
      .finally(() => policy.dispose().catch(() => undefined));
    this.runs.set(runId, run);
    return { runId };
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
