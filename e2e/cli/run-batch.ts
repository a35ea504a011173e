// The `run` verb: read the task file, start the practice server and the browser, run
// every attempt (N at a time, as tabs of one browser on one profile: the worker runs
// concurrent runs side by side), write each result as it comes, then the report and
// a summary. Bad tasks become error results; only setup problems stop the batch.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunOptions } from './args';
import type { BrowserSession } from './browser-session';
import { runInLanes, siteKey } from './lanes';
import { createProgress } from './progress';
import { type PracticeServer, startPracticeServer } from './practice-server';
import { writeReport, timestamp } from './report/write-report';
import { type AttemptResult, ResultsWriter, writeRunInfo, type RunInfo } from './results';
import { type AttemptSettings, runAttempt } from './run-attempt';
import { schedule } from './schedule';
import { SetupError } from './errors';
import { openSession } from './session';
import { teachDemonstrations } from './teach';
import { summaryText } from './summary';
import { parseTaskFile } from './task-file';

export const RUNS_DIR = resolve(import.meta.dirname, '../../out/runs');

export async function runBatch(options: RunOptions): Promise<void> {
  const tasksFile = resolve(options.tasksFile);
  if (!existsSync(tasksFile)) throw new SetupError(`no task file at ${tasksFile}`);
  const taskFile = parseTaskFile(readFileSync(tasksFile, 'utf8'));
  const attempts = schedule(taskFile.tasks, options);
  const outDir = resolve(options.outDir ?? join(RUNS_DIR, timestamp()));
  mkdirSync(outDir, { recursive: true });
  const progress = createProgress();
  const writer = new ResultsWriter(outDir);
  const results: AttemptResult[] = [];
  const record = (r: AttemptResult) => {
    results.push(r);
    writer.append(r);
    progress.finished(r);
  };

  const needsPractice = taskFile.tasks.some((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t.url));
  let practice: PracticeServer | null = null;
  let session: BrowserSession | null = null;
  const info: RunInfo = {
    startedAt: new Date().toISOString(),
    tasksFile,
    coach: options.coach,
    design: options.design,
    policy: 'model' in options.policy ? `${options.policy.kind} ${options.policy.model}` : options.policy.kind,
    browser: options.browser,
    profile: options.profileDir ? resolve(options.profileDir) : null,
    repeat: options.repeat,
    shuffle: options.shuffle,
    seed: options.seed,
    concurrency: options.concurrency,
  };
  writeRunInfo(outDir, info);

  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(130);
    stopping = true;
    progress.note('Stopping: no new tasks start; the ones running finish (Ctrl-C again to quit at once).');
  };
  process.on('SIGINT', onSigint);
  try {
    if (needsPractice) practice = await startPracticeServer(options.sitesPort, (w) => console.log(w));
    const opened = await openSession({ browser: options.browser, profileDir: options.profileDir, headed: options.headed, onWarning: (w) => console.log(w) });
    session = opened.session;
    const worker = await session.call('ping');
    console.log(
      `Waymark ${worker.version} in ${options.browser} (${worker.host}), profile ${opened.profileDir}; ${attempts.length} attempts of ${taskFile.tasks.length} tasks` +
        `${taskFile.problems.length ? ` (${taskFile.problems.length} bad task lines)` : ''}, policy ${info.policy}, coach ${options.coach}, design ${options.design}, concurrency ${options.concurrency}`,
    );
    progress.started(attempts.length + taskFile.problems.length);
    for (const problem of taskFile.problems) {
      record({ taskId: problem.id ?? `line-${problem.line}`, attempt: 1, episode: null, instruction: null, success: null, outcome: 'error', steps: 0, durationMs: 0, advice: [], design: null, cluster: null, coach: options.coach, tags: [], runId: null, error: problem.message });
    }

    await teachDemonstrations(session, taskFile.tasks, options.tasksFile, practice?.origin ?? null, (text) => progress.note(text));
    const settings: AttemptSettings = { coach: options.coach, design: options.design, policy: options.policy, maxSteps: options.maxSteps, timeoutMs: options.timeoutSec * 1000, practiceOrigin: practice?.origin ?? null };
    await runInLanes(attempts, { concurrency: options.concurrency, keyOf: (a) => siteKey(a.task.url), stopping: () => stopping }, async (attempt) => {
      record(await runAttempt(session!, settings, attempt));
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.end();
    await session?.close().catch(() => undefined);
    await practice?.close().catch(() => undefined);
    writeRunInfo(outDir, { ...info, endedAt: new Date().toISOString() });
  }
  const report = writeReport([outDir]);
  console.log(`\n${summaryText(results, { results: writer.path, report })}`);
}
