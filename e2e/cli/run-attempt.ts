// One attempt at one task: open its page, set it up, read the task text, let the
// extension's agent do it, check the page with the task's own test and report that
// check to the worker as the run's verdict (the worker learns from the run then).
// Whatever goes wrong becomes the attempt's error result; nothing is thrown.
import { RunSecrets, secretsInTask } from '../../shared/secrets';
import type { AgentRunStatus, PolicyConfig } from '../../shared/worker-api';
import { type BrowserSession, isNavigationDuringEvaluate, pageErrorText, type TaskTab } from './browser-session';
import { type PageValue, pageValueSource } from './page-scripts';
import { taskUrl } from './practice-server';
import type { AttemptResult } from './results';
import type { Attempt } from './schedule';
import type { Task } from './task-file';

export interface AttemptSettings {
  coach: 'on' | 'off';
  design: string;
  policy: PolicyConfig;
  /** For tasks whose line sets no max_steps. */
  maxSteps: number | undefined;
  timeoutMs: number;
  practiceOrigin: string | null;
}

/** A problem that ends the attempt with this message as its error. */
class AttemptFailed extends Error {}

const short = (code: string, max = 120) => (code.length > max ? `${code.slice(0, max)}…` : code).replace(/\s+/g, ' ');

export async function runAttempt(session: BrowserSession, settings: AttemptSettings, { task, attempt, episode }: Attempt<Task>): Promise<AttemptResult> {
  const result: AttemptResult = {
    taskId: task.id,
    attempt,
    episode,
    instruction: task.instruction ?? null,
    success: null,
    outcome: 'error',
    steps: 0,
    durationMs: 0,
    advice: [],
    design: null,
    cluster: null,
    coach: settings.coach,
    tags: task.tags ?? [],
    runId: null,
  };
  let tab: TaskTab | undefined;
  try {
    const url = taskUrl(task.url, settings.practiceOrigin);
    tab = await session.newTab();
    await openPage(tab, url);
    if (task.setup_js) await setUp(tab, task.setup_js);
    const instruction = task.instruction_js ? await instructionFrom(tab, task.instruction_js) : task.instruction!;
    // The results keep the task as the extension kept it: without its secrets.
    result.instruction = new RunSecrets(secretsInTask(instruction)).redact(instruction);

    const { runId } = await session.call('startAgentRun', {
      task: instruction,
      tabId: tab.tabId,
      ...(task.max_steps ?? settings.maxSteps ? { maxSteps: task.max_steps ?? settings.maxSteps } : {}),
      policy: settings.policy,
      // With a check of its own the task's verdict comes from us (recordVerdict below).
      memory: { coach: settings.coach === 'on', design: settings.design, externalCheck: task.success_js !== undefined },
    });
    result.runId = runId;
    const started = Date.now();
    const status = await waitForRun(session, runId, settings.timeoutMs);
    result.durationMs = Date.now() - started;
    const run = status.result;
    if (!run) throw new AttemptFailed(`the run stopped on an error: ${status.error ?? 'no result'}`);
    result.steps = run.steps;
    result.outcome = run.outcome.status;
    const kept = await session.call('getRun', runId).catch(() => undefined);
    if (kept) result.instruction = kept.task;
    if (run.coach) {
      result.advice = run.coach.advice.map((a) => ({ step: a.step, sources: a.sources, text: a.text }));
      result.design = run.coach.design;
      result.cluster = run.coach.cluster;
    }
    if (status.error) result.error = status.error;

    if (task.success_js) {
      const success = await check(tab, task.success_js);
      const judged = await session.call('recordVerdict', runId, {
        success,
        // The task's id names the check; its source stays in the task file, not in every lesson.
        reason: `the task's own check (success_js of ${task.id}) ${success ? 'passed' : 'failed'}`,
        by: 'check',
      });
      result.success = success;
      result.outcome = judged.outcome?.status ?? (success ? 'success' : 'failure');
    } else {
      // No check of its own: the agent's (judged) outcome stands, and unknown stays unknown.
      result.success = run.outcome.status === 'success' ? true : run.outcome.status === 'failure' ? false : null;
    }
  } catch (e) {
    // The outcome stays what the run said (if it got that far); success is not known.
    result.error = e instanceof Error ? e.message : String(e);
    result.success = null;
  } finally {
    await tab?.close().catch(() => undefined);
  }
  return result;
}

async function openPage(tab: TaskTab, url: string): Promise<void> {
  let status: number | null;
  try {
    status = await tab.open(url);
  } catch (e) {
    throw new AttemptFailed(`could not open ${url}: ${pageErrorText(e)}`);
  }
  if (status !== null && status >= 400) throw new AttemptFailed(`${url} answered HTTP ${status}`);
}

async function setUp(tab: TaskTab, code: string): Promise<void> {
  try {
    await tab.evaluate(pageValueSource(code));
  } catch (e) {
    // A setup that navigates (to start a generated episode) ends its own evaluation.
    if (!isNavigationDuringEvaluate(e)) throw new AttemptFailed(`setup_js threw: ${pageErrorText(e)} (in ${short(code)})`);
  }
  await tab.settle().catch(() => undefined);
}

async function instructionFrom(tab: TaskTab, code: string): Promise<string> {
  let value: PageValue;
  try {
    value = (await tab.evaluate(pageValueSource(code))) as PageValue;
  } catch (e) {
    throw new AttemptFailed(`instruction_js threw: ${pageErrorText(e)} (in ${short(code)})`);
  }
  const text = value.text?.trim();
  if (!text) throw new AttemptFailed(`instruction_js gave ${value.text === undefined ? `a ${value.type}` : 'an empty string'}, not the task's text (in ${short(code)})`);
  return text.slice(0, 5_000);
}

async function check(tab: TaskTab, code: string): Promise<boolean> {
  // The agent may have left the page mid-navigation.
  await tab.settle().catch(() => undefined);
  try {
    return ((await tab.evaluate(pageValueSource(code))) as PageValue).truthy;
  } catch (e) {
    // A navigation that began after the settle ends the evaluation: check the page it led to.
    if (isNavigationDuringEvaluate(e)) {
      await tab.settle().catch(() => undefined);
      try {
        return ((await tab.evaluate(pageValueSource(code))) as PageValue).truthy;
      } catch (again) {
        e = again;
      }
    }
    throw new AttemptFailed(`success_js threw: ${pageErrorText(e)} (in ${short(code)}); the run's outcome was not changed`);
  }
}

/** Waits for the run to end; past the time limit it is stopped (and waited for a little longer). */
async function waitForRun(session: BrowserSession, runId: string, timeoutMs: number): Promise<AgentRunStatus> {
  const ended = session.call('agentRunStatus', runId, { wait: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const first = await Promise.race([ended, timedOut]).finally(() => clearTimeout(timer));
  if (first !== 'timeout') {
    if (!first) throw new AttemptFailed(`the worker does not know run ${runId} (was it restarted?)`);
    return first;
  }
  await session.call('stopAgentRun', runId);
  const stopped = await Promise.race([ended, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
  if (!stopped) throw new AttemptFailed(`the run took longer than ${Math.round(timeoutMs / 1000)} s and did not stop when asked`);
  return { ...stopped, error: `stopped after ${Math.round(timeoutMs / 1000)} s (--timeout)` };
}
