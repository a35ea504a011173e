// Generates the held-out suite's task file from a seed, deterministically: every
// family, HELDOUT_PER_FAMILY instances each, interleaved round by round (A1 B1 C1 … A2 B2 …).
// Run: npx tsx e2e/sites/heldout/generate.ts [--seed N] [--out FILE]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../tasks/rng';
import { TaskLine } from '../tasks/task-format';
import { HELDOUT_TEMPLATES, type HeldoutTemplate } from './families';

export const HELDOUT_SEED = 11;
export const HELDOUT_PER_FAMILY = 6;
export const HELDOUT_FILE = resolve(import.meta.dirname, 'heldout.jsonl');

export interface HeldoutTask {
  task: TaskLine;
  template: HeldoutTemplate;
  /** The values the instance was made from (the scripted people in tests use them). */
  values: Record<string, unknown>;
}

/** `count` different instances of one family (different instructions, or different seeds for page-drawn ones). */
export function heldoutInstances(template: HeldoutTemplate, seed: number, count = HELDOUT_PER_FAMILY): HeldoutTask[] {
  const rng = createRng(seed, `heldout:${template.id}`);
  const out: HeldoutTask[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count; tries++) {
    if (tries > count * 50) throw new Error(`${template.id}: cannot make ${count} different instances`);
    const made = template.make(rng);
    const url = made.url ?? template.url;
    const key = made.instructionJs ? url : made.instruction;
    if (seen.has(key)) continue;
    seen.add(key);
    const task: TaskLine = {
      id: `heldout.${template.id}-${out.length + 1}`,
      url,
      ...(made.instructionJs ? { instruction_js: made.instructionJs } : { instruction: made.instruction }),
      setup_js: made.setup_js,
      success_js: made.success_js,
      max_steps: template.maxSteps,
      tags: ['heldout', template.app, template.id],
    };
    out.push({ task: TaskLine.parse(task), template, values: made.values });
  }
  return out;
}

/** Every family's instances, interleaved by round so no two of a family run back to back. */
export function heldoutTasks(seed = HELDOUT_SEED): HeldoutTask[] {
  const families = HELDOUT_TEMPLATES.map((t) => heldoutInstances(t, seed));
  const rounds: HeldoutTask[] = [];
  for (let r = 0; r < HELDOUT_PER_FAMILY; r++) for (const family of families) rounds.push(family[r]!);
  return rounds;
}

export const heldoutJsonl = (seed = HELDOUT_SEED) =>
  heldoutTasks(seed)
    .map((t) => JSON.stringify(t.task))
    .join('\n') + '\n';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? HELDOUT_SEED);
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  const out = resolve(arg('--out') ?? HELDOUT_FILE);
  const text = heldoutJsonl(seed);
  for (const line of text.trim().split('\n')) TaskLine.parse(JSON.parse(line));
  writeFileSync(out, text);
  console.log(`${out}: ${text.trim().split('\n').length} tasks`);
}
