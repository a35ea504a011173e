// Teaching from a Chrome DevTools Recorder recording in Firefox (issue 15), as a user
// does it with `npm run agent -- teach --browser firefox`: the recording is performed
// under Waymark's record mode in Firefox ESR and learned; a later invocation (a new
// Firefox session on the same profile) does new instances of the task from memory, which
// the agent alone does not manage (the feedback form opens only after answering "Was
// this page helpful?", which no task word says).
//
//   npm run build && node --test e2e/firefox/teach.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDING = join(root, 'e2e/sites/recordings/docs-feedback.json');
// Its own port: the Chromium teach test and the benchmarks use others.
const PORT = '41796';

/** The CLI, as a user runs it; resolves with its exit code and output. */
function agent(...args) {
  return new Promise((done) => {
    execFile(join(root, 'node_modules/.bin/tsx'), ['e2e/cli/main.ts', ...args, '--browser', 'firefox', '--sites-port', PORT], { cwd: root, timeout: 240_000, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const dirs = [];
const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  setTimeout(() => process.exit(), 1_000).unref();
});

const results = (dir) =>
  readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

test('Firefox: a recording taught in one session lets the agent do new instances of the task in the next', { timeout: 600_000 }, async () => {
  const dir = tempDir('waymark-ff-teach-');
  const tasks = join(dir, 'tasks.jsonl');
  const lines = readFileSync(join(root, 'e2e/sites/tasks/practice.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"docs.feedback-')).slice(0, 2);
  writeFileSync(tasks, `${lines.join('\n')}\n`);

  const alone = await agent('run', '--tasks', tasks, '--coach', 'off', '--profile', tempDir('waymark-ff-teach-alone-'), '--out', join(dir, 'alone'));
  assert.equal(alone.code, 0, alone.stderr);
  assert.deepEqual(results(join(dir, 'alone')).map((r) => r.success), [false, false]);

  const profile = tempDir('waymark-ff-teach-profile-');
  const taught = await agent('teach', '--recording', RECORDING, '--task', 'Find the article "Creating an API key" and send the feedback "The examples are hard to follow"', '--profile', profile);
  assert.equal(taught.code, 0, taught.stderr);
  assert.match(taught.stdout, /workflow \(add\)/);

  const run = await agent('run', '--tasks', tasks, '--profile', profile, '--design', 'balanced', '--out', join(dir, 'taught'));
  assert.equal(run.code, 0, run.stderr);
  const after = results(join(dir, 'taught'));
  assert.deepEqual(after.map((r) => r.success), [true, true], JSON.stringify(after.map((r) => r.advice.map((a) => a.text))));
});
