// The automated-run CLI (e2e/cli), run as a user runs it: `tsx e2e/cli/main.ts`, in
// headless Chromium with the built extension, on fixture pages served here.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromium } from 'playwright-core';
import type { MemoryExport } from '../../shared/memory-export';
import type { NewMemoryItem } from '../../shared/worker-api';
import { parseCli, UsageError } from '../cli/args';
import type { AttemptResult } from '../cli/results';
import { schedule } from '../cli/schedule';
import { learningCurve } from '../cli/stats';
import { parseTaskFile } from '../cli/task-file';
import { CHROMIUM, launchExtension } from '../lib/browser';
import { type FixtureServer, startServer } from '../lib/server';
import { workerCall } from '../lib/worker-calls';
import { FIXTURE_DIR } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const TESTDATA = resolve(ROOT, 'e2e/cli/testdata');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run agent -- ...args` (without npm, to keep its banner out of stdout). */
function agent(...args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['e2e/cli/main.ts', ...args], { cwd: ROOT, timeout: 170_000, maxBuffer: 20 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const readResults = (dir: string): AttemptResult[] =>
  readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AttemptResult);

const readExport = (file: string): MemoryExport => JSON.parse(readFileSync(file, 'utf8')) as MemoryExport;
const itemsById = (e: MemoryExport) => [...e.items].sort((a, b) => a.id.localeCompare(b.id));

/** An address where nothing listens: a port that was free a moment ago. */
async function deadOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

let server: FixtureServer;
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

/** A task file from testdata with this run's addresses filled in. */
async function taskFile(name: string): Promise<string> {
  const text = readFileSync(join(TESTDATA, name), 'utf8').replaceAll('{{ORIGIN}}', server.origin).replaceAll('{{DEAD_ORIGIN}}', await deadOrigin());
  const file = test.info().outputPath(name);
  writeFileSync(file, text);
  return file;
}

test.beforeAll(async () => {
  server = await startServer(FIXTURE_DIR);
});
test.afterAll(async () => {
  await server.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

test.describe('the CLI\'s pieces', () => {
  test('the task file: every bad line is a problem naming its line, the good ones are tasks', () => {
    const file = parseTaskFile(
      [
        '// a comment',
        '{"id": "a", "url": "/shop/index.html", "instruction": "Buy a lamp", "tags": ["shop"]}',
        '',
        '{"id": "b", "url": "/x", "instruction_js": "document.title", "success_js": "true", "max_steps": 5}',
        '{"id": "c", "url": "/x"',
        '{"id": "d", "url": "/x", "instruction": "one", "instruction_js": "two"}',
        '{"id": "a", "url": "/y", "instruction": "again"}',
        '{"id": "e", "url": 3, "instruction": "Do it", "max_steps": 0}',
        '[1, 2]',
      ].join('\n'),
    );
    expect(file.tasks.map((t) => [t.id, t.line])).toEqual([
      ['a', 2],
      ['b', 4],
    ]);
    expect(file.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^line 5: not valid JSON/),
      'line 6: not a valid task (needs exactly one of "instruction" and "instruction_js")',
      'line 7: task id "a" is already used on line 2',
      expect.stringMatching(/^line 8: not a valid task \(url: .*; max_steps: .*\)$/),
      expect.stringMatching(/^line 9: not a valid task/),
    ]);
    expect(file.problems.map((p) => p.id)).toEqual([undefined, 'd', 'a', 'e', undefined]);
  });

  test('the schedule: passes over every task, shuffled the same way for the same seed', () => {
    const tasks = parseTaskFile(Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `t${i}`, url: '/', instruction: 'x' })).join('\n')).tasks;
    const plain = schedule(tasks, { repeat: 2, shuffle: false, seed: '1' });
    expect(plain.map((a) => `${a.task.id}#${a.attempt}@${a.episode}`).slice(7, 10)).toEqual(['t7#1@7', 't0#2@8', 't1#2@9']);
    const order = (seed: string) => schedule(tasks, { repeat: 3, shuffle: true, seed }).map((a) => a.task.id);
    expect(order('42')).toEqual(order('42'));
    expect(order('42')).not.toEqual(order('43'));
    for (let pass = 0; pass < 3; pass++) expect(order('42').slice(pass * 8, pass * 8 + 8).sort()).toEqual(tasks.map((t) => t.id));
  });

  test('the options: what each verb needs, and clear errors', () => {
    expect(parseCli(['run', '--tasks', 'f.jsonl'])).toMatchObject({ coach: 'on', design: 'auto', policy: { kind: 'offline' }, repeat: 1, concurrency: 1, browser: 'chromium' });
    expect(parseCli(['run', '--tasks', 'f.jsonl', '--policy', 'openai', '--base-url', 'http://localhost:11434/v1', '--model', 'qwen'])).toMatchObject({ policy: { kind: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'qwen' } });
    expect(parseCli(['import', '--profile', 'p', 'm.json', '--replace'])).toMatchObject({ verb: 'import', file: 'm.json', mode: 'replace' });
    const refused = (argv: string[]) => {
      try {
        parseCli(argv);
      } catch (e) {
        if (e instanceof UsageError) return e.message;
        throw e;
      }
      return 'accepted';
    };
    expect(refused(['run'])).toBe('run needs --tasks FILE.jsonl');
    expect(refused(['run', '--tasks', 'f', '--coach', 'maybe'])).toBe('--coach expects one of on|off, got "maybe"');
    expect(refused(['run', '--tasks', 'f', '--repeat', '0'])).toBe('--repeat expects a whole number of at least 1, got "0"');
    expect(refused(['run', '--tasks', 'f', '--policy', 'openai'])).toMatch(/needs --base-url/);
    expect(refused(['run', '--tasks', 'f', '--colour'])).toMatch(/Unknown option '--colour'/);
    expect(refused(['export'])).toMatch(/needs --profile/);
    expect(refused(['fly'])).toMatch(/unknown verb "fly"/);
  });

  test('the learning curve: cumulative and moving success rates, unknown outcomes left out', () => {
    const r = (episode: number, success: boolean | null) => ({ episode, success }) as AttemptResult;
    const curve = learningCurve([r(0, false), r(1, true), r(2, null), r(3, true), { ...r(0, null), episode: null }], 2);
    expect(curve).toEqual([
      { episode: 1, cumulative: 0, moving: 0 },
      { episode: 2, cumulative: 0.5, moving: 0.5 },
      { episode: 3, cumulative: 0.5, moving: 1 },
      { episode: 4, cumulative: 2 / 3, moving: 1 },
    ]);
  });
});

test.describe('the agent CLI', () => {
  test.describe.configure({ timeout: 240_000 });

  test('runs a task file end to end in headless Chromium and writes results and a report', async () => {
    const out = test.info().outputPath('run');
    const run = await agent('run', '--tasks', await taskFile('basic.jsonl'), '--out', out, '--max-steps', '10');
    expect(run.code, run.stderr).toBe(0);

    const results = readResults(out);
    expect(results.map((r) => [r.taskId, r.attempt, r.episode])).toEqual([
      ['newsletter-ada', 1, 0],
      ['library-dune', 1, 1],
      ['newsletter-generated', 1, 2],
    ]);
    for (const r of results) {
      expect(r, JSON.stringify(r)).toMatchObject({ success: true, outcome: 'success', coach: 'on' });
      expect(r.error).toBeUndefined();
      expect(r.steps).toBeGreaterThan(0);
      expect(r.durationMs).toBeGreaterThan(0);
      expect(r.runId).toBeTruthy();
      expect(Array.isArray(r.advice)).toBe(true);
    }
    // The task text came from the page (instruction_js after setup_js).
    expect(results[2]!.instruction).toBe('Subscribe Grace Hopper (grace@example.com) to the newsletter');

    expect(run.stdout).toContain('success rate 100%');
    const reportPath = join(out, 'report.html');
    expect(run.stdout).toContain(reportPath);
    expect(run.stdout).toMatch(/form\s+2\s+2\/2\s+100%/); // the per-tag table

    // The report is self-contained and its charts draw (Chart.js is inlined, no network).
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${reportPath}`);
      const charts = await page.evaluate(() => Object.keys((globalThis as unknown as { Chart: { instances: object } }).Chart.instances).length);
      expect(errors).toEqual([]);
      expect(charts).toBeGreaterThanOrEqual(3); // learning curve, steps per task, steps over time (+ designs with a coach)
      await expect(page.getByRole('heading', { name: 'Learning curve' })).toBeVisible();
      await expect(page.locator('table').filter({ hasText: 'library-dune' })).toContainText('100%');
      await page.screenshot({ path: test.info().outputPath('report.png'), fullPage: true });
    } finally {
      await browser.close();
    }

    // `report` renders it again, and compares several results folders.
    const again = await agent('report', out, out, '--out', test.info().outputPath('compare.html'));
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(test.info().outputPath('compare.html'), 'utf8')).toContain('memory on (run) vs memory on (run)');
  });

  test('bad task lines, unreachable pages and throwing scripts each give an error result; the others complete', async () => {
    const out = test.info().outputPath('run');
    const run = await agent('run', '--tasks', await taskFile('bad-input.jsonl'), '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const results = readResults(out);
    const byId = new Map(results.map((r) => [r.taskId, r]));
    expect(results).toHaveLength(8);

    expect(byId.get('line-3')).toMatchObject({ outcome: 'error', episode: null, error: expect.stringMatching(/^line 3: not valid JSON/) });
    expect(byId.get('no-instruction')).toMatchObject({ outcome: 'error', error: expect.stringMatching(/^line 4: not a valid task \(needs exactly one of "instruction" and "instruction_js"\)/) });
    expect(byId.get('unreachable')).toMatchObject({ outcome: 'error', success: null, runId: null, error: expect.stringMatching(/^could not open http:\/\/127\.0\.0\.1:\d+\/nothing\.html: net::ERR_CONNECTION_REFUSED/) });
    expect(byId.get('missing-page')).toMatchObject({ outcome: 'error', error: expect.stringMatching(/no-such-page\.html answered HTTP 404$/) });
    expect(byId.get('setup-throws')).toMatchObject({ outcome: 'error', runId: null, error: expect.stringMatching(/^setup_js threw: ReferenceError: startTheEpisode is not defined/) });
    // The run happened; its check could not say, so success is unknown and the error says why.
    const checkThrows = byId.get('check-throws')!;
    expect(checkThrows.runId).toBeTruthy();
    expect(checkThrows.success).toBeNull();
    expect(checkThrows.error).toMatch(/^success_js threw: Error: the check exploded/);

    expect(byId.get('first-good')).toMatchObject({ success: true, outcome: 'success' });
    expect(byId.get('last-good')).toMatchObject({ success: true, outcome: 'success' });
    expect(run.stdout).toContain('6 with errors');
    expect(run.stdout).toMatch(/line-3: line 3: not valid JSON/);
  });

  test('export, import into a fresh profile: the same items; a bad file changes nothing', async () => {
    const source = tempDir('waymark-cli-source-');
    const seeds: NewMemoryItem[] = [
      { kind: 'insight', title: 'Coupon field hides under the basket', whenToUse: 'When applying a discount code', text: 'Open the basket first.', scope: { origin: server.origin }, provenance: [] },
      { kind: 'workflow', title: 'Subscribe to a newsletter', whenToUse: 'When asked to subscribe someone', text: 'Type the name, the email, click Subscribe.', scope: {}, provenance: ['run-x'], data: { steps: 3 } },
      { kind: 'episode', title: 'A run that failed', whenToUse: 'When searching the catalogue', text: 'The search box needs Enter.', scope: { cluster: 'library' }, provenance: [] },
    ];
    const ext = await launchExtension({ profileDir: source });
    try {
      for (const seed of seeds) await workerCall(ext.controlPage, 'addItem', seed);
      await workerCall(ext.controlPage, 'updateItem', (await workerCall(ext.controlPage, 'listItems'))[0]!.id, { pinned: true });
    } finally {
      await ext.close();
    }

    const exported = test.info().outputPath('memory.json');
    const out = await agent('export', '--profile', source, '--out', exported);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(exported);
    const file = readExport(exported);
    expect(file).toMatchObject({ format: 'waymark-memory', version: 1 });
    expect(file.items).toHaveLength(3);

    const target = tempDir('waymark-cli-target-');
    const imported = await agent('import', '--profile', target, exported);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('3 added, 0 updated');

    const back = test.info().outputPath('memory-again.json');
    expect((await agent('export', '--profile', target, '--out', back)).code).toBe(0);
    expect(itemsById(readExport(back))).toEqual(itemsById(file));

    // A malformed file: every problem listed, exit 1, and the profile as it was.
    const broken = structuredClone(file) as unknown as { items: Record<string, unknown>[] };
    broken.items[0]!.kind = 'recipe';
    delete broken.items[1]!.text;
    const brokenFile = test.info().outputPath('broken.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const refused = await agent('import', '--profile', target, brokenFile, '--replace');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was changed');
    expect(refused.stderr).toContain('items[0].kind: expected one of episode|workflow|insight|keyframe');
    expect(refused.stderr).toContain('items[1].text: expected string, but it is missing');
    const foreign = test.info().outputPath('foreign.json');
    writeFileSync(foreign, JSON.stringify({ bookmarks: [] }));
    const foreignRun = await agent('import', '--profile', target, foreign);
    expect(foreignRun.code).toBe(1);
    expect(foreignRun.stderr).toContain('not a Waymark memory export');
    const after = test.info().outputPath('memory-after.json');
    expect((await agent('export', '--profile', target, '--out', after)).code).toBe(0);
    expect(itemsById(readExport(after))).toEqual(itemsById(file));
  });

  test('a second invocation on the same profile finds the memory the first one wrote', async () => {
    const profile = tempDir('waymark-cli-sessions-');
    const tasks = await taskFile('basic.jsonl');
    const first = await agent('run', '--tasks', tasks, '--profile', profile, '--out', test.info().outputPath('first'));
    expect(first.code, first.stderr).toBe(0);
    const afterFirst = test.info().outputPath('after-first.json');
    expect((await agent('export', '--profile', profile, '--out', afterFirst)).code).toBe(0);
    const firstItems = readExport(afterFirst).items;
    // The runs were learned from (their checks were reported as verdicts).
    expect(firstItems.length).toBeGreaterThan(0);

    // A design that speaks (the learner may choose silence where the agent did well alone).
    const second = await agent('run', '--tasks', tasks, '--profile', profile, '--design', 'balanced', '--out', test.info().outputPath('second'));
    expect(second.code, second.stderr).toBe(0);
    const afterSecond = test.info().outputPath('after-second.json');
    expect((await agent('export', '--profile', profile, '--out', afterSecond)).code).toBe(0);
    expect(readExport(afterSecond).items.length).toBeGreaterThan(0);

    // With a coach in the build, the second invocation's first attempt is advised from
    // what the first invocation wrote (nothing else was in memory yet).
    const opening = readResults(test.info().outputPath('second'))[0]!;
    if (opening.design !== null) {
      const firstIds = new Set(firstItems.map((i) => i.id));
      expect(opening.advice.length, JSON.stringify(opening)).toBeGreaterThan(0);
      for (const advice of opening.advice) for (const source of advice.sources) expect(firstIds.has(source), source).toBe(true);
    }
  });

  test('drives the agent in Firefox too, with memory kept in its profile across invocations', async () => {
    const firefox = process.env.WAYMARK_FIREFOX ?? '/usr/bin/firefox-esr';
    test.skip(!existsSync(firefox), `Firefox is not installed at ${firefox}`);
    test.skip(!existsSync(join(ROOT, 'dist/firefox/manifest.json')), 'no Firefox build (npm run build)');
    const profile = tempDir('waymark-cli-firefox-');
    const out = test.info().outputPath('run');
    const run = await agent('run', '--browser', 'firefox', '--tasks', await taskFile('basic.jsonl'), '--profile', profile, '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('in firefox (firefox-background)');
    const results = readResults(out);
    expect(results.map((r) => [r.taskId, r.success]), JSON.stringify(results.map((r) => ({ id: r.taskId, outcome: r.outcome, error: r.error })))).toEqual([
      ['newsletter-ada', true],
      ['library-dune', true],
      ['newsletter-generated', true],
    ]);
    const exported = test.info().outputPath('memory.json');
    const again = await agent('export', '--browser', 'firefox', '--profile', profile, '--out', exported);
    expect(again.code, again.stderr).toBe(0);
    expect(readExport(exported).items.length).toBeGreaterThan(0);
    // A profile is only opened by the browser that made it.
    const wrong = await agent('export', '--profile', profile);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('belongs to firefox, not chromium');
  });
});
