// Teaching from a Chrome DevTools Recorder recording (issue 15), as a user does it:
// `npm run agent -- teach` performs the recording in the browser under record mode and
// learns it; a later invocation (a fresh browser session on the same profile) does a
// new instance of the task from memory, which the agent alone cannot do. A file that is
// not a recording, and one whose step cannot be performed, are refused with the step
// and the reason, and nothing is stored.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { MemoryExport } from '../../shared/memory-export';
import type { AttemptResult } from '../cli/results';

const ROOT = resolve(import.meta.dirname, '../..');
const RECORDING = resolve(ROOT, 'e2e/sites/recordings/docs-feedback.json');
// Its own port, so a benchmark or another run on the default one does not move the suite's origin.
const PORT = '41795';

function agent(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['e2e/cli/main.ts', ...args], { cwd: ROOT, timeout: 170_000, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
test.afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Two instances of the family the recording shows, other values than the recording's. */
function taskFile(dir: string): string {
  const file = join(dir, 'profile-tasks.jsonl');
  const tasks = readFileSync(resolve(ROOT, 'e2e/sites/tasks/practice.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"docs.feedback-')).slice(0, 2);
  writeFileSync(file, `${tasks.join('\n')}\n`);
  return file;
}

const exported = async (profile: string, dir: string) => {
  const out = join(dir, `memory-${Date.now()}.json`);
  expect((await agent('export', '--profile', profile, '--out', out)).code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as MemoryExport;
};

test('a recording taught in one session lets the agent do new instances of the task in the next', async () => {
  test.setTimeout(300_000);
  const dir = tempDir('waymark-teach-');
  const tasks = taskFile(dir);
  // The agent alone, in its own profile: it does not manage the family (the feedback form opens only after
  // answering "Was this page helpful?", which nothing in the task says).
  const alone = await agent('run', '--tasks', tasks, '--coach', 'off', '--profile', tempDir('waymark-teach-alone-'), '--sites-port', PORT, '--out', join(dir, 'alone'));
  expect(alone.code, alone.stderr).toBe(0);
  const aloneResults = readFileSync(join(dir, 'alone', 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AttemptResult);
  expect(aloneResults.map((r) => r.success)).toEqual([false, false]);

  const profile = tempDir('waymark-teach-profile-');
  const taught = await agent('teach', '--recording', RECORDING, '--task', 'Find the article "Creating an API key" and send the feedback "The examples are hard to follow"', '--profile', profile, '--sites-port', PORT);
  expect(taught.code, taught.stderr).toBe(0);
  expect(taught.stdout).toMatch(/workflow \(add\)/);
  const memory = await exported(profile, dir);
  const workflow = memory.items.find((i) => i.kind === 'workflow');
  expect(workflow?.title).toBe('Find the article "{text}" and send the feedback "{text2}"');

  const run = await agent('run', '--tasks', tasks, '--profile', profile, '--design', 'balanced', '--sites-port', PORT, '--out', join(dir, 'taught'));
  expect(run.code, run.stderr).toBe(0);
  const results = readFileSync(join(dir, 'taught', 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AttemptResult);
  expect(results.map((r) => r.success), JSON.stringify(results.map((r) => r.advice.map((a) => a.text)))).toEqual([true, true]);
  expect(results[0]!.advice[0]?.sources).toContain(workflow!.id);
});

test('a file that is not a recording, and a step that cannot be performed, are refused; nothing is stored', async () => {
  test.setTimeout(180_000);
  const dir = tempDir('waymark-teach-bad-');
  const profile = tempDir('waymark-teach-bad-profile-');
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{"title": "x", "steps": [');
  const bad = await agent('teach', '--recording', notJson, '--task', 'anything', '--profile', profile, '--sites-port', PORT);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('cannot be learned from; nothing was stored');
  expect(bad.stderr).toContain('not JSON');

  const wrongShape = join(dir, 'wrong.json');
  writeFileSync(wrongShape, JSON.stringify({ title: 'x', steps: [{ type: 'navigate', url: '/admin/settings.html' }, { type: 'click' }, { type: 'teleport' }] }));
  const shape = await agent('teach', '--recording', wrongShape, '--task', 'anything', '--profile', profile, '--sites-port', PORT);
  expect(shape.code).toBe(1);
  expect(shape.stderr).toMatch(/step 2 \(click\): selectors: /);
  expect(shape.stderr).toMatch(/step 3 \(teleport\): /);

  // Valid, but its second click finds nothing on the page: the step and the reason, nothing stored.
  const recording = JSON.parse(readFileSync(RECORDING, 'utf8')) as { steps: { type: string; selectors?: unknown }[] };
  recording.steps[2] = { type: 'click', selectors: [['aria/No such tab[role="tab"]'], ['#nowhere']] };
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify(recording));
  const failed = await agent('teach', '--recording', broken, '--task', 'Find the article "API rate limits" and send the feedback "Too short"', '--profile', profile, '--sites-port', PORT);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/step 3 \(click on aria\/No such tab\[role="tab"\]\) could not be performed: no element matches any of its selectors .*; nothing was stored/);
  const memory = await exported(profile, dir);
  expect(memory.items).toEqual([]);
});
