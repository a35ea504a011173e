// The measured result of the coach (issue 5): the offline policy on the practice
// suite, memory on vs off, same tasks, same shuffled orders — through the product's
// own CLI, each condition in a fresh browser profile. Conditions: the coach off, the
// coach with the learned design (auto), and the coach with each fixed design. For each
// order (seed) it reports success rate, steps per task and the learning curve, checks
// that memory on beats off on average and loses on no order, and that the learned
// design does at least as well as the best fixed one on average.
//   npx tsx bench/learning.ts [--tasks FILE] [--orders N] [--repeat N] [--fixed all|none|a,b] [--out DIR]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MEMORY_DESIGNS } from '../shared/memory-designs';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'e2e/sites/tasks/curriculum.jsonl' },
    orders: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '2' },
    fixed: { type: 'string', default: 'all' },
    'max-steps': { type: 'string', default: '12' },
    out: { type: 'string', default: 'out/bench-learning' },
  },
});
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, values.out!);
const orders = Number(values.orders);
const fixed = values.fixed === 'none' ? [] : values.fixed === 'all' ? MEMORY_DESIGNS.map((d) => d.name) : values.fixed!.split(',');
const conditions = [{ name: 'off', coach: 'off', design: 'auto' }, { name: 'learned', coach: 'on', design: 'auto' }, ...fixed.map((d) => ({ name: `fixed:${d}`, coach: 'on', design: d }))];

interface Attempt {
  episode: number | null;
  success: boolean | null;
  steps: number;
  outcome: string;
  design: string | null;
  advice: unknown[];
}

interface ConditionResult {
  condition: string;
  seed: number;
  attempts: number;
  successRate: number;
  meanSteps: number;
  /** Success rate per fifth of the batch, in order. */
  curve: number[];
  designs: Record<string, number>;
  adviceGiven: number;
  errors: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number) => Math.round(x * 1000) / 1000;

// Every condition runs the same build: a snapshot of dist/chrome taken now, so a
// build made while the benchmark runs (it takes a while) changes none of them.
const snapshot = mkdtempSync(join(tmpdir(), 'waymark-bench-ext-'));
cpSync(join(root, 'dist/chrome'), snapshot, { recursive: true });
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));

function runCondition(c: (typeof conditions)[number], seed: number): ConditionResult {
  const dir = join(outDir, `seed-${seed}`, c.name.replace(':', '-'));
  mkdirSync(dir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'waymark-bench-profile-'));
  const args = ['tsx', 'e2e/cli/main.ts', 'run', '--tasks', values.tasks!, '--coach', c.coach, '--design', c.design, '--shuffle', '--seed', String(seed), '--repeat', values.repeat!, '--max-steps', values['max-steps']!, '--profile', profile, '--out', dir];
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WAYMARK_CHROME_EXT: snapshot } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed for ${c.name}, seed ${seed} (exit ${r.status})`);
  const attempts = readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Attempt)
    .filter((a) => a.episode !== null)
    .sort((a, b) => a.episode! - b.episode!);
  const ok = attempts.map((a) => (a.success ? 1 : 0));
  const fifth = Math.max(1, Math.ceil(attempts.length / 5));
  const curve = Array.from({ length: Math.ceil(attempts.length / fifth) }, (_, i) => round(mean(ok.slice(i * fifth, (i + 1) * fifth))));
  const designs: Record<string, number> = {};
  for (const a of attempts) if (a.design) designs[a.design] = (designs[a.design] ?? 0) + 1;
  const result: ConditionResult = {
    condition: c.name,
    seed,
    attempts: attempts.length,
    successRate: round(mean(ok)),
    meanSteps: round(mean(attempts.map((a) => a.steps))),
    curve,
    designs,
    adviceGiven: attempts.filter((a) => a.advice.length > 0).length,
    errors: attempts.filter((a) => a.outcome === 'error').length,
  };
  console.log(`seed ${seed} ${c.name.padEnd(18)} success ${(result.successRate * 100).toFixed(1).padStart(5)}%  steps ${result.meanSteps.toFixed(2)}  curve ${curve.map((x) => x.toFixed(2)).join(' ')}  (${Math.round((Date.now() - started) / 1000)} s)`);
  return result;
}

mkdirSync(outDir, { recursive: true });
const all: ConditionResult[] = [];
for (let seed = 1; seed <= orders; seed++) for (const c of conditions) all.push(runCondition(c, seed));

const byCondition = (name: string) => all.filter((r) => r.condition === name);
const avg = (name: string) => round(mean(byCondition(name).map((r) => r.successRate)));
const off = byCondition('off');
const learned = byCondition('learned');
const fixedAverages = fixed.map((d) => ({ design: d, successRate: avg(`fixed:${d}`), meanSteps: round(mean(byCondition(`fixed:${d}`).map((r) => r.meanSteps))) }));
const bestFixed = [...fixedAverages].sort((a, b) => b.successRate - a.successRate || a.meanSteps - b.meanSteps)[0];
const checks = {
  memoryBeatsOffOnAverage: avg('learned') > avg('off'),
  memoryLosesOnNoOrder: learned.every((r) => r.successRate >= off.find((o) => o.seed === r.seed)!.successRate),
  learnedAtLeastBestFixed: bestFixed ? avg('learned') >= bestFixed.successRate : null,
};
const summary = {
  date: new Date().toISOString(),
  tasks: values.tasks,
  orders,
  repeat: Number(values.repeat),
  policy: 'offline',
  averages: Object.fromEntries(conditions.map((c) => [c.name, { successRate: avg(c.name), meanSteps: round(mean(byCondition(c.name).map((r) => r.meanSteps))) }])),
  bestFixed,
  checks,
  runs: all,
};
writeFileSync(join(outDir, 'learning.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log('\ncondition            success  steps   (average over orders)');
for (const c of conditions) console.log(`${c.name.padEnd(20)} ${(summary.averages[c.name]!.successRate * 100).toFixed(1).padStart(6)}%  ${summary.averages[c.name]!.meanSteps.toFixed(2)}`);
console.log(`\nchecks: ${JSON.stringify(checks)}`);
console.log(`wrote ${join(outDir, 'learning.json')}`);
if (!checks.memoryBeatsOffOnAverage || !checks.memoryLosesOnNoOrder || checks.learnedAtLeastBestFixed === false) process.exitCode = 1;
