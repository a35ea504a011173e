// No secret stored (issue 16): sign-in tasks given as text, with the coach on and
// learning from each verdict, leave no password anywhere Waymark keeps things — not in
// the runs (task, steps, outcome), the coach's record of each run, or the exported
// memory (episodes, insights, workflows) — and memory still helps: a workflow learned
// from those runs signs in on a new instance with the new task's own password.
import { widgetSucceeded } from '../lib/widget-page';
import { workerCall } from '../lib/worker-calls';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { expect, test } from './fixtures';

let sites: PracticeSites;
test.beforeAll(async () => {
  sites = await startPracticeSites();
});
test.afterAll(async () => {
  await sites?.close();
});

test('four sign-ins with the coach on keep no password, and a fifth signs in from memory', async ({ ext }) => {
  test.setTimeout(180_000);
  const passwords: string[] = [];
  const runIds: string[] = [];
  let last: { success: boolean; advice: string[] } | undefined;
  for (const seed of [11, 12, 13, 14, 15]) {
    const page = await ext.context.newPage();
    await page.goto(sites.url(`/widgets/login.html?seed=${seed}`));
    const { text, password } = await page.evaluate(() => (window as unknown as { __widgetTask: { text: string; password: string } }).__widgetTask);
    passwords.push(password);
    const tabId = await ext.tabIdOf(page);
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: text, tabId, maxSteps: 5, policy: { kind: 'offline' }, memory: { coach: true, design: 'balanced', externalCheck: true } });
    runIds.push(runId);
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.error).toBeUndefined();
    const success = await page.evaluate(widgetSucceeded);
    await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: `the page's own check ${success ? 'passed' : 'failed'}`, by: 'check' });
    const coach = await workerCall(ext.controlPage, 'coachRun', runId);
    last = { success, advice: coach?.advice.map((a) => a.text) ?? [] };
    await page.close();
  }
  // The fifth instance, with a password never seen before, signed in with memory's advice.
  expect(last?.success).toBe(true);
  expect(last?.advice.join('\n')).toMatch(/password/i);

  const kept: string[] = [JSON.stringify(await workerCall(ext.controlPage, 'exportMemory')), JSON.stringify(await workerCall(ext.controlPage, 'listRuns'))];
  for (const id of runIds) kept.push(JSON.stringify(await workerCall(ext.controlPage, 'getRun', id)), JSON.stringify(await workerCall(ext.controlPage, 'coachRun', id)));
  const all = kept.join('\n');
  for (const p of passwords) expect(all.includes(p), `password ${p} is kept somewhere`).toBe(false);
  // What is kept says where a secret was, and memory learned from the runs.
  expect(all).toContain('[redacted]');
  const memory = await workerCall(ext.controlPage, 'exportMemory');
  expect(memory.items.some((i) => i.kind === 'workflow')).toBe(true);
});
