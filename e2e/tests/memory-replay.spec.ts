// Memory that keeps to the task (issue 14), on practice pages: with a design that writes
// and replays workflows, the next instances of a kind of task are done from memory as
// well as alone —
//  - a date form (widgets/date-input): the run typed the task's "8 June 2027" into a date
//    field as 2027-06-08; the workflow keeps that as the task's date in that form, so the
//    next task's date is typed, not the old one;
//  - a rota (widgets/row-fields): a value goes into a control repeated in every row; the
//    row the run filled depended on its task, so replay never picks a row by position.
import type { Page } from 'playwright-core';
import { widgetSucceeded, widgetTaskText } from '../lib/widget-page';
import { workerCall } from '../lib/worker-calls';
import type { ExtensionSession } from '../lib/browser';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { expect, test } from './fixtures';

let sites: PracticeSites;
test.beforeAll(async () => {
  sites = await startPracticeSites();
});
test.afterAll(async () => {
  await sites?.close();
});

const widgetTask = (page: Page) => page.evaluate(widgetTaskText);
const widgetSuccess = (page: Page) => page.evaluate(widgetSucceeded);

/** One instance with the coach on (workflows written and replayed), judged by the page; what memory showed it. */
async function instance(ext: ExtensionSession, kind: string, seed: number) {
  const page = await ext.context.newPage();
  await page.goto(sites.url(`/widgets/${kind}.html?seed=${seed}`));
  const task = await widgetTask(page);
  const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task, tabId: await ext.tabIdOf(page), maxSteps: 10, policy: { kind: 'offline' }, memory: { coach: true, design: 'procedural', externalCheck: true } });
  await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
  const success = await widgetSuccess(page);
  await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: `the page's own check ${success ? 'passed' : 'failed'}`, by: 'check' });
  const coach = await workerCall(ext.controlPage, 'coachRun', runId);
  const run = await workerCall(ext.controlPage, 'getRun', runId);
  await page.close();
  return { task, success, advised: (coach?.advice ?? []).length > 0, steps: JSON.stringify(run?.steps.map((s) => s.output.actions)) };
}

test('a workflow learned on a date form types the next task’s date', async ({ ext }) => {
  test.setTimeout(120_000);
  const first = await instance(ext, 'date-input', 1);
  expect(first.success, first.task).toBe(true);
  const workflows = (await workerCall(ext.controlPage, 'exportMemory')).items.filter((i) => i.kind === 'workflow');
  expect(JSON.stringify(workflows)).toMatch(/\{date\d*:yyyy-mm-dd\}/);
  for (const seed of [2, 3, 4]) {
    const next = await instance(ext, 'date-input', seed);
    expect(next.success, `${next.task}\n${next.steps}`).toBe(true);
  }
});

test('a workflow learned on a rota never fills a row picked by its position', async ({ ext }) => {
  test.setTimeout(120_000);
  for (const seed of [1, 2, 3, 4]) {
    const run = await instance(ext, 'row-fields', seed);
    expect(run.success, `${run.task}\n${run.steps}`).toBe(true);
  }
});
