// The coach in Chromium, across browser sessions with one profile: a task family the
// offline agent fails without memory (a promo button outscores the real one) is
// solved once memory holds the lesson of that failure, and the success that follows
// becomes a workflow that a second browser session, started later on the same
// profile, retrieves and follows — while the same task without the coach still fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExtensionSession, launchExtension } from '../lib/browser';
import type { FixtureServer } from '../lib/server';
import { workerCall } from '../lib/worker-calls';
import { expect, test } from './fixtures';

const task = (name: string, email: string) => `Subscribe ${name} (${email}) to the newsletter`;

/** One run as the CLI does it: the agent runs, the page is checked, the check is the verdict. */
async function attempt(ext: ExtensionSession, server: FixtureServer, name: string, email: string, coach: boolean) {
  const page = await ext.context.newPage();
  await page.goto(server.url('/club/index.html'));
  const tabId = await ext.tabIdOf(page);
  const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: task(name, email), tabId, maxSteps: 6, policy: { kind: 'offline' }, memory: { coach, externalCheck: true } });
  const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
  expect(status?.error).toBeUndefined();
  const members: string[] = await page.evaluate(() => JSON.parse(localStorage.getItem('club.members') ?? '[]'));
  const success = members.includes(`${name} <${email}>`);
  await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: success ? 'joined the club' : 'not on the member list' });
  const record = await workerCall(ext.controlPage, 'coachRun', runId);
  await page.close();
  return { runId, success, coach: status?.result?.coach, record };
}

test('a failure teaches a lesson, the lesson a success, and a later session follows the workflow', async ({ server }) => {
  // Two browser sessions and four learned runs: about a minute alone, twice that beside a benchmark on two cores.
  test.setTimeout(240_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'waymark-coach-profile-'));

  const first = await launchExtension({ profileDir });
  let sources: string[];
  try {
    const fell = await attempt(first, server, 'Ada Lovelace', 'ada@example.com', true);
    expect(fell.success).toBe(false);
    expect(fell.coach?.advice).toEqual([]); // nothing to say yet
    expect(fell.record?.learned?.written.map((w) => w.kind)).toEqual(expect.arrayContaining(['episode', 'insight']));

    const taught = await attempt(first, server, 'Grace Hopper', 'grace@navy.mil', true);
    expect(taught.coach?.advice[0]?.text).toMatch(/do not click .*Subscribe to special offers/);
    expect(taught.success).toBe(true);
    expect(taught.record?.learned?.written.map((w) => w.kind)).toContain('workflow');
    sources = (await workerCall(first.controlPage, 'listItems', { kind: 'workflow' })).map((i) => i.id);
    expect(sources).toHaveLength(1);
  } finally {
    await first.close();
  }

  // A new browser session on the same profile: memory is still there.
  const second = await launchExtension({ profileDir });
  try {
    const followed = await attempt(second, server, 'Alan Turing', 'alan@bletchley.uk', true);
    expect(followed.success).toBe(true);
    const advice = followed.coach?.advice[0];
    expect(advice?.workflow).toBe('Subscribe {name} ({email}) to the newsletter');
    expect(advice?.sources).toContain(sources[0]);
    const workflow = await workerCall(second.controlPage, 'getItem', sources[0]!);
    expect(workflow?.counters.helped).toBe(1);
    expect(workflow?.provenance).toHaveLength(2); // the success that taught it, and this one, merged

    const alone = await attempt(second, server, 'Edsger Dijkstra', 'ewd@utexas.edu', false);
    expect(alone.success).toBe(false);
    expect(alone.coach).toBeUndefined();

    const designs = await workerCall(second.controlPage, 'memoryDesigns');
    const cluster = designs.clusters.find((c) => c.cluster === 'subscribe {name} ({email}) to the newsletter');
    expect(Object.values(cluster?.designs ?? {}).reduce((n, d) => n + d.runs, 0)).toBe(3); // the coach-off run does not count
  } finally {
    await second.close();
  }
});
