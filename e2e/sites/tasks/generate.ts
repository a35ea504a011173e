// Generates the practice suite's task files from a seed, deterministically:
//   practice.jsonl   — every template, PRACTICE_PER_TEMPLATE instances each;
//   curriculum.jsonl — a short demo curriculum: a few families, instances interleaved
//                      (A1 B1 C1 D1 A2 …) so memory from one round can help the next.
// Run: npx tsx e2e/sites/tasks/generate.ts [--seed N] [--out DIR]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from './rng';
import { TaskLine } from './task-format';
import type { Template } from './template';
import { TEMPLATES, templateById } from './templates/index';

export const DEFAULT_SEED = 6;
export const PRACTICE_PER_TEMPLATE = 4;
/** The demo curriculum's families: two the generic policy solves, two that need site knowledge. */
export const CURRICULUM_FAMILIES = ['mail.compose', 'shop.checkout-basket', 'admin.profile', 'docs.find-article'];
export const CURRICULUM_PER_FAMILY = 3;

export interface GeneratedTask {
  task: TaskLine;
  template: Template;
  /** The values the instruction was made from (scripted runs in tests use them). */
  values: Record<string, unknown>;
}

/** `count` instances of a template with different instructions, from the named random stream. */
export function instancesOf(template: Template, seed: number, stream: string, count: number, idOf: (n: number) => string): GeneratedTask[] {
  const rng = createRng(seed, `${stream}:${template.id}`);
  const out: GeneratedTask[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count; tries++) {
    if (tries > count * 50) throw new Error(`${template.id}: cannot make ${count} different instances`);
    const made = template.make(rng);
    if (seen.has(made.instruction)) continue;
    seen.add(made.instruction);
    const task: TaskLine = {
      id: idOf(out.length + 1),
      url: template.url,
      instruction: made.instruction,
      setup_js: made.setup_js,
      success_js: made.success_js,
      max_steps: template.maxSteps,
      tags: [template.app, template.id],
    };
    out.push({ task: TaskLine.parse(task), template, values: made.values });
  }
  return out;
}

export function practiceTasks(seed = DEFAULT_SEED): GeneratedTask[] {
  return TEMPLATES.flatMap((t) => instancesOf(t, seed, 'practice', PRACTICE_PER_TEMPLATE, (n) => `${t.id}-${n}`));
}

export function curriculumTasks(seed = DEFAULT_SEED): GeneratedTask[] {
  const families = CURRICULUM_FAMILIES.map((id) => instancesOf(templateById(id), seed, 'curriculum', CURRICULUM_PER_FAMILY, (n) => `curriculum.${id}-${n}`));
  const rounds: GeneratedTask[] = [];
  for (let r = 0; r < CURRICULUM_PER_FAMILY; r++) for (const family of families) rounds.push(family[r]!);
  return rounds;
}

export const toJsonl = (tasks: readonly GeneratedTask[]) => tasks.map((t) => JSON.stringify(t.task)).join('\n') + '\n';

/** The task files' contents by file name. */
export function generateTaskFiles(seed = DEFAULT_SEED): Record<string, string> {
  return { 'practice.jsonl': toJsonl(practiceTasks(seed)), 'curriculum.jsonl': toJsonl(curriculumTasks(seed)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? DEFAULT_SEED);
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  const outDir = resolve(arg('--out') ?? import.meta.dirname);
  for (const [name, content] of Object.entries(generateTaskFiles(seed))) {
    writeFileSync(resolve(outDir, name), content);
    console.log(`${resolve(outDir, name)}: ${content.trim().split('\n').length} tasks`);
  }
}
