// Record mode ("learn from my demonstration"): what the user did, as recorded by the
// content script, becomes a Trajectory like an agent's run — one Step per recorded
// action, with the element it was aimed at as the step's target — judged a success by
// the user who did it. The coach then learns from it as from any judged success, so
// a workflow with the task's values as variables comes out of it.
import { RunSecrets, secretsInTask } from '../../shared/secrets';
import type { Action } from '../../shared/actions';
import type { RecordedStep, Step, Trajectory } from '../../shared/model';
import type { DemonstrationRequest, DemonstrationResult } from '../../shared/worker-api';
import type { RunStore } from '../store/run-store';
import type { LearnSummary } from './coach';

/** What a demonstration's steps say the agent "thought": the user did it, there was nothing to evaluate. */
const DEMONSTRATED = 'Demonstrated by the user';

export function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    // file: URLs have an opaque origin; the scheme is the most a file page shares with another.
    return origin === 'null' ? `${new URL(url).protocol}//` : origin;
  } catch {
    return url;
  }
}

/** Where the tab was after `step`: the next step's page, or a navigation's target. */
function urlAfter(steps: readonly RecordedStep[], i: number): string {
  const step = steps[i]!;
  if (step.action.kind === 'navigate') return step.action.url;
  return steps[i + 1]?.url ?? step.url;
}

function toStep(steps: readonly RecordedStep[], i: number): Step {
  const recorded = steps[i]!;
  const action: Action = recorded.action;
  const after = urlAfter(steps, i);
  const navigated = after !== recorded.url;
  return {
    index: i,
    observation: { url: recorded.url, title: '', elementCount: 0 },
    output: { evaluation: DEMONSTRATED, nextGoal: DEMONSTRATED, actions: [action] },
    results: [
      {
        ok: true,
        navigated,
        // A recording keeps only what the user did on purpose; whether the page reacted
        // was not observed, so each action counts as one that did something (the condenser
        // leaves clicks that changed nothing out of a workflow).
        pageChanged: true,
        ...(navigated ? { url: after } : {}),
        tookMs: Math.max(0, (steps[i + 1]?.timestamp ?? recorded.timestamp) - recorded.timestamp),
      },
    ],
    targets: [recorded.target ?? null],
    adviceIds: [],
    startedAt: recorded.timestamp,
    tookMs: 0,
  };
}

/**
 * The demonstration as a finished, successful run (`source: 'demonstration'`, judged by
 * the user). Steps keep the recording's order; the run's origin is where it began.
 */
export function demonstrationToTrajectory(demo: DemonstrationRequest, id: string, now = Date.now()): Trajectory {
  // What the task gives as a password or a card number is kept as a mark, like the value
  // record mode read back from its field (a variable of the workflow learned).
  const secrets = new RunSecrets(secretsInTask(demo.task));
  const steps = demo.steps.map((_, i) => secrets.redactDeep(toStep(demo.steps, i)));
  const first = demo.steps[0];
  const startedAt = first?.timestamp ?? now;
  return {
    id,
    task: secrets.redact(demo.task.trim()),
    origin: originOf(first?.url ?? ''),
    startedAt,
    endedAt: Math.max(startedAt, demo.steps.at(-1)?.timestamp ?? now),
    steps,
    outcome: { status: 'success', judgedBy: 'user', reason: 'the user demonstrated the task themselves (record mode)' },
    screenshots: {},
    source: 'demonstration',
  };
}

export interface DemonstrationDeps {
  runs: () => Promise<Pick<RunStore, 'start' | 'appendStep' | 'finish'>>;
  learn: (run: Trajectory) => Promise<LearnSummary | null>;
  neverRecorded: (origin: string) => Promise<boolean>;
}

/** Stores a demonstration as a run and learns from it; refused on a site the user never records. */
export async function learnFromDemonstration(deps: DemonstrationDeps, demo: DemonstrationRequest, id: string = crypto.randomUUID()): Promise<DemonstrationResult> {
  const run = demonstrationToTrajectory(demo, id);
  // Every page it went through counts: a demonstration that wandered onto an excluded site is refused whole.
  for (const origin of new Set(run.steps.map((s) => originOf(s.observation.url)))) {
    if (await deps.neverRecorded(origin)) throw new DemonstrationRefused(origin);
  }
  const runs = await deps.runs();
  await runs.start({ id: run.id, task: run.task, origin: run.origin, startedAt: run.startedAt, source: run.source });
  for (const step of run.steps) await runs.appendStep(run.id, step);
  await runs.finish(run.id, run.outcome!, run.endedAt);
  const learned = await deps.learn(run);
  return { runId: run.id, written: learned?.written ?? [] };
}

/** A demonstration on a site where nothing is ever recorded (Settings). */
export class DemonstrationRefused extends Error {
  readonly code = 'unavailable';
  constructor(readonly origin: string) {
    super(`Nothing is recorded on ${origin}: it is one of the sites never recorded (Settings).`);
    this.name = 'DemonstrationRefused';
  }
}
