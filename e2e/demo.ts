// The main job: Waymark getting better with every run. Its agent (the offline policy
// by default: no model needed) does the practice suite's curriculum — twelve tasks
// on six local apps, given as text only — twice over, in a fresh browser profile,
// with the coach on. Each task's own check on the page is the verdict; the coach
// learns from every attempt, so the second pass has the first one's memory.
// Prints each attempt, then success per pass, and writes report.html.
//   --base-url URL --model NAME [--api-key KEY]   an OpenAI-compatible endpoint instead
//   --headed                                      show the browser
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out/demo');
const profile = join(outDir, 'profile');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const baseUrl = flag('--base-url');
const model = flag('--model');
const policy = baseUrl && model ? ['--policy', 'openai', '--base-url', baseUrl, '--model', model, ...(flag('--api-key') ? ['--api-key', flag('--api-key')!] : [])] : [];

// A fresh profile each time: the demo shows learning from nothing.
rmSync(outDir, { recursive: true, force: true });
const cli = ['tsx', 'e2e/cli/main.ts', 'run', '--tasks', 'e2e/sites/tasks/curriculum.jsonl', '--repeat', '2', '--max-steps', '12', '--profile', profile, '--out', outDir, ...policy, ...(args.includes('--headed') ? ['--headed'] : [])];
console.log(`Waymark demo: the curriculum twice, memory on, policy ${baseUrl && model ? `${model} at ${baseUrl}` : 'offline (no model)'}.\n`);
const run = spawnSync('npx', cli, { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

interface Attempt {
  attempt: number;
  success: boolean | null;
  steps: number;
  advice: unknown[];
}
const attempts = readFileSync(join(outDir, 'results.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Attempt);
console.log('\npass  tasks  done  advised  mean steps');
for (const pass of [1, 2]) {
  const of = attempts.filter((a) => a.attempt === pass);
  const done = of.filter((a) => a.success).length;
  const steps = of.reduce((n, a) => n + a.steps, 0) / Math.max(1, of.length);
  console.log(`${String(pass).padStart(4)}  ${String(of.length).padStart(5)}  ${String(done).padStart(4)}  ${String(of.filter((a) => a.advice.length).length).padStart(7)}  ${steps.toFixed(2).padStart(10)}`);
}
console.log(`\nMemory is kept in ${profile}: \`npm run agent -- run --tasks FILE --profile ${profile}\` goes on from it.`);
