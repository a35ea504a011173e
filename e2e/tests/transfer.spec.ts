// Learning that carries over to a page we did not write (issue 14): a held-out family
// (a help desk's reply to a ticket: an unlabeled reply box, a button named "Submit")
// is shown once by a person in record mode in one browser session; a second session
// on the same profile gets a new instance (another ticket, other words) and the agent
// does it from memory: the workflow finds the unlabeled box again, checks each step's
// effect, and the page's own check passes. (The agent alone now does this family too;
// the run from memory must do at least as well, in no more steps.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type ExtensionSession, launchExtension } from '../lib/browser';
import { workerCall } from '../lib/worker-calls';
import { HELDOUT_BY_HAND } from '../sites/heldout/by-hand';
import { heldoutTasks } from '../sites/heldout/generate';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { expect, test } from './fixtures';

let sites: PracticeSites;
test.beforeAll(async () => {
  sites = await startPracticeSites();
});
test.afterAll(async () => {
  await sites?.close();
});

// Two instances of one phrasing: another ticket, another reply.
const [shown, fresh] = heldoutTasks().filter((t) => t.template.id === 'desk.reply' && t.task.instruction?.startsWith('Type '));

async function open(ext: ExtensionSession, url: string, setup: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(sites.url(url));
  expect(await page.evaluate(setup)).toBe(true);
  return { page, tabId: await ext.tabIdOf(page) };
}

async function agentRun(ext: ExtensionSession, coach: boolean) {
  const { page, tabId } = await open(ext, fresh!.task.url, fresh!.task.setup_js!);
  const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: fresh!.task.instruction!, tabId, maxSteps: fresh!.task.max_steps ?? 10, policy: { kind: 'offline' }, memory: { coach, design: 'balanced', externalCheck: true } });
  const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
  const success = Boolean(await page.evaluate(fresh!.task.success_js!));
  await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: `the task's own check ${success ? 'passed' : 'failed'}`, by: 'check' });
  const run = await workerCall(ext.controlPage, 'getRun', runId);
  await page.close();
  return { success, status, run };
}

test('a held-out family demonstrated in one session is done from memory in the next, on a new instance', async () => {
  test.setTimeout(180_000);
  expect(shown && fresh, 'two desk.reply instances with the same phrasing').toBeTruthy();
  const profileDir = mkdtempSync(join(tmpdir(), 'waymark-transfer-profile-'));
  let alone: Awaited<ReturnType<typeof agentRun>> | undefined;

  const first = await launchExtension({ profileDir });
  try {
    // Without memory, for comparison: the run from memory must not do worse.
    alone = await agentRun(first, false);

    const { page, tabId } = await open(first, shown!.task.url, shown!.task.setup_js!);
    await first.send('bg.recordStart', { tabId });
    await HELDOUT_BY_HAND['desk.reply']!.done(page, shown!.values);
    const { steps } = await first.send('bg.recordStop', { tabId });
    expect(await page.evaluate(shown!.task.success_js!)).toBe(true);
    const learned = await workerCall(first.controlPage, 'learnFromDemonstration', { task: shown!.task.instruction!, steps });
    expect(learned.written.map((w) => w.kind)).toContain('workflow');
    const [workflow] = await workerCall(first.controlPage, 'listItems', { kind: 'workflow' });
    // The reply is a variable, "Submit" a constant; the reply box is known by where it sits.
    expect(workflow?.title).toMatch(/^Type "\{text\}" in the reply box of ticket #\{number\} and press Submit$/);
    await page.close();
  } finally {
    await first.close();
  }

  const second = await launchExtension({ profileDir });
  try {
    const done = await agentRun(second, true);
    expect(done.status?.result?.coach?.advice[0]?.workflow).toMatch(/reply box of ticket/);
    expect(done.run?.steps.flatMap((s) => s.purposes ?? []), JSON.stringify(done.run?.steps.map((s) => [s.output.nextGoal, s.results.map((r) => r.error?.message ?? 'ok')]))).toContain('workflow');
    expect(done.success, JSON.stringify(done.run?.steps.map((s) => [s.output.nextGoal, s.results.map((r) => r.error?.message ?? 'ok')]))).toBe(true);
    if (alone?.success) expect(done.run!.steps.length).toBeLessThanOrEqual(alone.run!.steps.length);
  } finally {
    await second.close();
  }
});
