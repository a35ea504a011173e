// The everyday vocabulary of web tasks (issue 15), end to end: the offline agent alone
// (no model, no memory) does one generated instance of every kind of widget page in
// e2e/sites/widgets — pressing a named button or link, ticking a named set of boxes,
// switching tabs, dates in three forms, an autocomplete, the n-th result across pages,
// acting on the message from someone, a booking by price, a file tree, a disclosure,
// content that comes late, a hover menu, a key combination, a slider — and each page's
// own check says it was done right.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { workerCall } from '../lib/worker-calls';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { expect, test } from './fixtures';

interface TaskLine {
  id: string;
  url: string;
  instruction_js: string;
  success_js: string;
  max_steps?: number;
  tags: string[];
}

const tasks = readFileSync(resolve(import.meta.dirname, '../sites/widgets/widgets.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as TaskLine);
// One instance of each kind (its second seed: the first is the one the pages' own test does by hand).
const kinds = [...new Set(tasks.map((t) => t.tags.at(-1)!))];
const pick = (kind: string) => tasks.filter((t) => t.tags.at(-1) === kind)[1]!;

let sites: PracticeSites;
test.beforeAll(async () => {
  sites = await startPracticeSites();
});
test.afterAll(async () => {
  await sites?.close();
});

for (const kind of kinds) {
  test(`the agent alone does ${kind}`, async ({ ext }) => {
    const task = pick(kind);
    const page = await ext.context.newPage();
    await page.goto(sites.url(task.url));
    const instruction = String(await page.evaluate(task.instruction_js)).trim();
    const tabId = await ext.tabIdOf(page);
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: instruction, tabId, maxSteps: task.max_steps ?? 15, policy: { kind: 'offline' }, memory: { coach: false } });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.error).toBeUndefined();
    const run = await workerCall(ext.controlPage, 'getRun', runId);
    const trace = JSON.stringify(run?.steps.map((s) => [s.output.nextGoal.slice(0, 120), s.results.map((r) => r.error?.message ?? 'ok')]));
    expect(await page.evaluate(task.success_js), `${instruction}\n${trace}`).toBeTruthy();
    // Finished on evidence, and said so.
    expect(run?.steps.at(-1)?.output.actions.at(-1)).toMatchObject({ kind: 'done', success: true });
    await page.close();
  });
}
