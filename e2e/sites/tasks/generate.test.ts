import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRICULUM_FAMILIES, CURRICULUM_PER_FAMILY, curriculumTasks, DEFAULT_SEED, generateTaskFiles, practiceTasks } from './generate';
import { TaskLine } from './task-format';

const TASKS_DIR = import.meta.dirname;
const SITES_DIR = resolve(TASKS_DIR, '..');
const lines = (text: string) => text.trim().split('\n');

/** Evaluates page JavaScript against an in-memory localStorage (enough for setup and checks). */
function fakePage() {
  const data = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  };
  const window = { dispatchEvent: () => true };
  return (code: string): unknown => new Function('localStorage', 'window', `return (${code});`)(localStorage, window);
}

describe('practice task generator', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    expect(generateTaskFiles(3)).toEqual(generateTaskFiles(3));
    expect(generateTaskFiles(3)['practice.jsonl']).not.toEqual(generateTaskFiles(4)['practice.jsonl']);
  });

  it('makes at least 40 instances of at least 10 templates across six apps', () => {
    const tasks = practiceTasks();
    expect(tasks.length).toBeGreaterThanOrEqual(40);
    expect(new Set(tasks.map((t) => t.task.tags![1])).size).toBeGreaterThanOrEqual(10);
    expect(new Set(tasks.map((t) => t.task.tags![0]))).toEqual(new Set(['shop', 'flights', 'mail', 'admin', 'docs', 'calendar']));
  });

  it('makes the curriculum from its families, interleaved round by round', () => {
    const tasks = curriculumTasks();
    expect(tasks).toHaveLength(CURRICULUM_FAMILIES.length * CURRICULUM_PER_FAMILY);
    expect(tasks.slice(0, CURRICULUM_FAMILIES.length).map((t) => t.template.id)).toEqual(CURRICULUM_FAMILIES);
  });

  for (const file of ['practice.jsonl', 'curriculum.jsonl']) {
    it(`${file}: every line is a valid task on an existing page, with a check that fails right after setup`, () => {
      const text = generateTaskFiles()[file]!;
      const ids = new Set<string>();
      for (const line of lines(text)) {
        const task = TaskLine.parse(JSON.parse(line));
        expect(ids.has(task.id), `duplicate id ${task.id}`).toBe(false);
        ids.add(task.id);
        expect(task.url).toMatch(/^\/[a-z]+\/[a-z-]+\.html$/);
        expect(existsSync(resolve(SITES_DIR, `.${task.url}`)), task.url).toBe(true);
        expect(task.tags).toEqual([task.tags![0], expect.stringMatching(new RegExp(`^${task.tags![0]}\\.`))]);
        const run = fakePage();
        expect(run(task.setup_js!)).toBe(true);
        expect(run(task.success_js!), `${task.id} succeeds without doing anything`).toBe(false);
      }
    });

    it(`${file}: the committed file is the generator's output for the default seed`, () => {
      expect(readFileSync(resolve(TASKS_DIR, file), 'utf8')).toEqual(generateTaskFiles(DEFAULT_SEED)[file]);
    });
  }
});
