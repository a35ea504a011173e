// The learning benchmark (issues 5 and 14): the offline policy through the product's
// own CLI, each condition in a fresh browser profile, on the practice suites and on the
// held-out suite (families no rule was tuned on). Conditions: the coach off, the coach
// with the learned design (auto), and with each fixed design, silence included. For
// each suite, family, condition and order (seed): success rate and steps. It reports
// the families where memory lost (learned below off on some order) and checks the
// targets: no family loses on any order; the learned design is at least as good as
// the best fixed design on average; on the held-out suite memory beats off by ≥ 10
// points after one pass. The `taught` condition (issue 15) is the learned design after
// one demonstration per family that has a recording (e2e/sites/recordings/recordings.json,
// made on values of its own): ≥ 90% of those families' instances should then succeed.
//   npx tsx bench/learning.ts [--suites practice,heldout] (also: curriculum, widgets) [--orders N] [--repeat N]
//        [--conditions off,learned,fixed:all,taught] [--ext DIR] [--concurrency N] [--out DIR] [--only ID_REGEX] [--keep-profiles]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MEMORY_DESIGNS } from '../shared/memory-designs';
import { familyTable, type Row, summarize } from './learning-report';

const SUITES: Record<string, { file: string; heldOut: boolean }> = {
  curriculum: { file: 'e2e/sites/tasks/curriculum.jsonl', heldOut: false },
  practice: { file: 'e2e/sites/tasks/practice.jsonl', heldOut: false },
  widgets: { file: 'e2e/sites/widgets/widgets.jsonl', heldOut: false },
  heldout: { file: 'e2e/sites/heldout/heldout.jsonl', heldOut: true },
};

const { values } = parseArgs({
  options: {
    suites: { type: 'string', default: 'practice,heldout' },
    orders: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '1' },
    conditions: { type: 'string', default: 'off,learned,fixed:all' },
    'max-steps': { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '1' },
    /** An extension build to measure instead of a snapshot of dist/chrome (e.g. an older build, for a before/after). */
    ext: { type: 'string' },
    out: { type: 'string', default: 'out/bench-learning' },
    /** Only the tasks whose id matches this regular expression (e.g. a few families, for a quick look). */
    only: { type: 'string' },
    /** Keep each condition's browser profile (in its results folder, as `profile/`) and the build (`ext/`) to look into runs and memory afterwards. */
    'keep-profiles': { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, values.out!);
const orders = Number(values.orders);

interface Condition {
  name: string;
  coach: 'on' | 'off';
  design: string;
  /** Teach each family's recording before the first attempt. */
  taught?: boolean;
}
const conditions: Condition[] = values.conditions!.split(',').flatMap((c): Condition[] => {
  if (c === 'off') return [{ name: 'off', coach: 'off', design: 'auto' }];
  if (c === 'learned') return [{ name: 'learned', coach: 'on', design: 'auto' }];
  if (c === 'taught') return [{ name: 'taught', coach: 'on', design: 'auto', taught: true }];
  if (c === 'fixed:all') return MEMORY_DESIGNS.map((d) => ({ name: `fixed:${d.name}`, coach: 'on', design: d.name }));
  const fixed = /^fixed:(.+)$/.exec(c)?.[1];
  if (fixed) return [{ name: `fixed:${fixed}`, coach: 'on', design: fixed }];
  throw new Error(`unknown condition ${c} (off, learned, taught, fixed:all, fixed:NAME)`);
});
const suites = values.suites!.split(',').map((name) => {
  const s = SUITES[name];
  if (!s) throw new Error(`unknown suite ${name} (${Object.keys(SUITES).join(', ')})`);
  return { name, ...s };
});

interface Attempt {
  episode: number | null;
  success: boolean | null;
  steps: number;
  outcome: string;
  tags: string[];
  advice: unknown[];
}

// Every condition runs the same build: a snapshot taken now, so a build made while the
// benchmark runs (it takes a while) changes none of them.
// A kept profile's memory belongs to the extension at that path (Chrome names an unpacked
// extension by where it lies), so with --keep-profiles the snapshot stays too, as `ext/`:
// open a kept profile with WAYMARK_CHROME_EXT=<out>/ext.
const keep = values['keep-profiles']!;
mkdirSync(outDir, { recursive: true });
const snapshot = keep ? join(outDir, 'ext') : mkdtempSync(join(tmpdir(), 'waymark-bench-ext-'));
rmSync(snapshot, { recursive: true, force: true });
cpSync(resolve(root, values.ext ?? 'dist/chrome'), snapshot, { recursive: true });
if (!keep) process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));

/** A task's family: its most specific tag (`desk.reply`, `widget.tabs`). */
const familyOf = (a: Attempt) => a.tags.at(-1) ?? 'untagged';

const RECORDINGS = resolve(root, 'e2e/sites/recordings');
const demonstrations = (JSON.parse(readFileSync(join(RECORDINGS, 'recordings.json'), 'utf8')) as { families: Record<string, { recording: string; task: string }> }).families;

const only = values.only ? new RegExp(values.only) : undefined;

/** The suite's task lines (those --only keeps). */
const taskLines = (file: string) =>
  readFileSync(resolve(root, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .filter((line) => !only || only.test((JSON.parse(line) as { id: string }).id));

/** The suite's task file as run: each recorded family's first line carrying its demonstration when `taught` (taught before any attempt). */
function taskFileFor(file: string, dir: string, taught: boolean): string {
  if (!taught && !only) return file;
  const demonstrated = new Set<string>();
  const lines = taskLines(file).map((line) => {
    if (!taught) return line;
    const task = JSON.parse(line) as { tags?: string[]; demonstration?: unknown };
    const family = task.tags?.at(-1) ?? '';
    const demo = demonstrations[family];
    if (!demo || demonstrated.has(family)) return line;
    demonstrated.add(family);
    return JSON.stringify({ ...task, demonstration: { recording: join(RECORDINGS, demo.recording), task: demo.task } });
  });
  const out = join(dir, 'tasks.jsonl');
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

function runCondition(suite: (typeof suites)[number], c: Condition, seed: number): Row[] {
  const dir = join(outDir, suite.name, `seed-${seed}`, c.name.replace(':', '-'));
  mkdirSync(dir, { recursive: true });
  const profile = keep ? join(dir, 'profile') : mkdtempSync(join(tmpdir(), 'waymark-bench-profile-'));
  if (keep) rmSync(profile, { recursive: true, force: true }); // a kept one from an earlier run
  const tasks = taskFileFor(suite.file, dir, !!c.taught);
  const args = ['tsx', 'e2e/cli/main.ts', 'run', '--tasks', tasks, '--coach', c.coach, '--design', c.design, '--shuffle', '--seed', String(seed), '--repeat', values.repeat!, '--max-steps', values['max-steps']!, '--concurrency', values.concurrency!, '--profile', profile, '--out', dir];
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WAYMARK_CHROME_EXT: snapshot } });
  if (!keep) rmSync(profile, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed for ${suite.name} ${c.name}, seed ${seed} (exit ${r.status})`);
  const attempts = readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Attempt)
    .filter((a) => a.episode !== null);
  const byFamily = new Map<string, Attempt[]>();
  for (const a of attempts) byFamily.set(familyOf(a), [...(byFamily.get(familyOf(a)) ?? []), a]);
  const rows = [...byFamily].map(([family, as]): Row => ({
    suite: suite.name,
    heldOut: suite.heldOut,
    family,
    condition: c.name,
    seed,
    attempts: as.length,
    successes: as.filter((a) => a.success).length,
    steps: as.reduce((n, a) => n + a.steps, 0),
    advised: as.filter((a) => a.advice.length > 0).length,
    errors: as.filter((a) => a.outcome === 'error').length,
    ...(c.taught && demonstrations[family] ? { demonstrated: true } : {}),
  }));
  const ok = rows.reduce((n, x) => n + x.successes, 0);
  console.log(`${suite.name.padEnd(9)} seed ${seed} ${c.name.padEnd(18)} ${ok}/${attempts.length} succeeded  (${Math.round((Date.now() - started) / 1000)} s)`);
  return rows;
}

mkdirSync(outDir, { recursive: true });
const rows: Row[] = [];
for (const suite of suites) for (let seed = 1; seed <= orders; seed++) for (const c of conditions) rows.push(...runCondition(suite, c, seed));

const summary = summarize(rows, conditions.map((c) => c.name));
writeFileSync(join(outDir, 'learning.json'), `${JSON.stringify({ date: new Date().toISOString(), ext: values.ext ?? 'dist/chrome', orders, repeat: Number(values.repeat), policy: 'offline', ...summary, rows }, null, 2)}\n`);
const table = familyTable(rows, conditions.map((c) => c.name));
writeFileSync(join(outDir, 'learning.md'), `${table}\n\nchecks: ${JSON.stringify(summary.checks)}\n`);
console.log(`\n${table}`);
console.log(`\nfamilies where memory lost: ${summary.losses.length ? summary.losses.map((l) => `${l.suite}/${l.family} (seed ${l.seed}: ${l.learned} < ${l.off})`).join(', ') : 'none'}`);
console.log(`checks: ${JSON.stringify(summary.checks)}`);
console.log(`wrote ${join(outDir, 'learning.json')} and learning.md`);
if (Object.values(summary.checks).some((v) => v === false)) process.exitCode = 1;
