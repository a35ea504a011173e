// results.jsonl: one line per attempt, written as each attempt ends (a batch that is
// stopped half way keeps what it did), and run.json: how the batch was run.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AdviceGiven {
  step: number;
  /** Ids of the memory items the advice came from. */
  sources: string[];
  text: string;
}

export interface AttemptResult {
  taskId: string;
  attempt: number;
  /** Position in the batch (0-based); null for a task-file line that was not a task. */
  episode: number | null;
  instruction: string | null;
  /** The task's own check (success_js); without one, the judged outcome when there is one; null when unknown. */
  success: boolean | null;
  /** The run's outcome (after the check was reported), or `error` when the attempt could not be run through. */
  outcome: 'success' | 'failure' | 'unknown' | 'interrupted' | 'error';
  steps: number;
  durationMs: number;
  advice: AdviceGiven[];
  /** The memory design the coach used, and the task cluster it chose it for (null while there is no coach). */
  design: string | null;
  cluster: string | null;
  coach: 'on' | 'off';
  tags: string[];
  runId: string | null;
  error?: string;
}

export const RESULTS_FILE = 'results.jsonl';
export const RUN_INFO_FILE = 'run.json';
export const REPORT_FILE = 'report.html';

/** What `report` needs to label a results folder. */
export interface RunInfo {
  startedAt: string;
  endedAt?: string;
  tasksFile: string;
  coach: 'on' | 'off';
  design: string;
  policy: string;
  browser: string;
  profile: string | null;
  repeat: number;
  shuffle: boolean;
  seed: string;
  concurrency: number;
}

export class ResultsWriter {
  readonly path: string;
  constructor(dir: string) {
    this.path = join(dir, RESULTS_FILE);
    writeFileSync(this.path, '');
  }

  append(result: AttemptResult): void {
    appendFileSync(this.path, `${JSON.stringify(result)}\n`);
  }
}

export function writeRunInfo(dir: string, info: RunInfo): void {
  writeFileSync(join(dir, RUN_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

export function readRunInfo(dir: string): RunInfo | null {
  const file = join(dir, RUN_INFO_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunInfo;
  } catch {
    return null;
  }
}

/** The results of a folder; lines that cannot be read are skipped (and counted). */
export function readResults(dir: string): { results: AttemptResult[]; unreadable: number } {
  const file = join(dir, RESULTS_FILE);
  if (!existsSync(file)) throw new Error(`no ${RESULTS_FILE} in ${dir}`);
  const results: AttemptResult[] = [];
  let unreadable = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      results.push(JSON.parse(line) as AttemptResult);
    } catch {
      unreadable++;
    }
  }
  return { results, unreadable };
}
