// The held-out suite's tasks are doable and their checks mean something: for two
// instances of each family a scripted person does the task on the real pages and its
// success_js holds; right after setup it does not, nor after a near miss. Page-drawn
// families also give their task text through instruction_js. No extension: plain Chromium.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import { useSitesBrowser } from '../lib/sites-browser';
import { HELDOUT_BY_HAND } from '../sites/heldout/by-hand';
import { HELDOUT_TEMPLATES } from '../sites/heldout/families';
import { HELDOUT_FILE, HELDOUT_PER_FAMILY, type HeldoutTask, heldoutJsonl, heldoutTasks } from '../sites/heldout/generate';
import { TaskLine } from '../sites/tasks/task-format';

/** Instances per family done by hand (the first ones of heldout.jsonl); HELDOUT_SAMPLE=6 does them all. */
const SAMPLE = Number(process.env.HELDOUT_SAMPLE ?? 2);

const suite = useSitesBrowser({ width: 1280, height: 800 });

/** Opens the task's start page, runs its setup, and checks the task is not already done; returns its text. */
async function start(page: Page, t: HeldoutTask): Promise<string> {
  await page.goto(suite.sites.url(t.task.url));
  expect(await page.evaluate(t.task.setup_js!)).toBe(true);
  const text = t.task.instruction_js ? await page.evaluate(t.task.instruction_js) : t.task.instruction;
  expect(typeof text === 'string' && text.length > 20, `${t.task.id} has a task text`).toBe(true);
  expect(await page.evaluate(t.task.success_js!), `${t.task.id} succeeds right after setup`).toBeFalsy();
  return text as string;
}

const tasks = heldoutTasks();

test('every held-out family has a scripted person', () => {
  expect(Object.keys(HELDOUT_BY_HAND).sort()).toEqual(HELDOUT_TEMPLATES.map((t) => t.id).sort());
});

test('heldout.jsonl is the generator output: valid lines, six per family, interleaved by round', () => {
  const text = readFileSync(HELDOUT_FILE, 'utf8');
  expect(text).toEqual(heldoutJsonl());
  const lines = text.trim().split('\n').map((l) => TaskLine.parse(JSON.parse(l)));
  expect(lines).toHaveLength(HELDOUT_TEMPLATES.length * HELDOUT_PER_FAMILY);
  expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  expect(lines.slice(0, HELDOUT_TEMPLATES.length).map((l) => l.tags![2])).toEqual(HELDOUT_TEMPLATES.map((t) => t.id));
  for (const l of lines) {
    expect(l.tags).toEqual(['heldout', l.tags![1], expect.stringMatching(new RegExp(`^${l.tags![1]}\\.`))]);
    expect(l.max_steps).toBeGreaterThanOrEqual(6);
    expect(l.max_steps).toBeLessThanOrEqual(15);
  }
});

for (const template of HELDOUT_TEMPLATES) {
  test(`${template.id}: done by hand it succeeds; a near miss does not`, async () => {
    const sample = tasks.filter((t) => t.template.id === template.id).slice(0, SAMPLE);
    const person = HELDOUT_BY_HAND[template.id]!;
    const page = await suite.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      for (const t of sample) {
        const text = await start(page, t);
        await person.done(page, t.values);
        expect(await page.evaluate(t.task.success_js!), `${t.task.id}: "${text}" done by hand`).toBeTruthy();
      }
      for (const t of sample.slice(0, SAMPLE > 2 ? SAMPLE : 1)) {
        const text = await start(page, t);
        await person.wrong(page, t.values);
        expect(await page.evaluate(t.task.success_js!), `${t.task.id}: a near miss of "${text}" passes the check`).toBeFalsy();
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
}

test('page-drawn tasks: the seed decides the task, and the page shows the same text after a reset', async () => {
  const page = await suite.context.newPage();
  try {
    for (const template of HELDOUT_TEMPLATES) {
      const drawn = tasks.filter((t) => t.template.id === template.id && t.task.instruction_js);
      if (!drawn.length) continue;
      const texts = new Set<string>();
      for (const t of drawn) {
        const text = await start(page, t);
        expect(await page.evaluate(t.task.setup_js!)).toBe(true);
        expect(await page.evaluate(t.task.instruction_js!), `${t.task.id}: same text after another reset`).toBe(text);
        texts.add(text);
      }
      expect(texts.size, `${template.id}: different seeds, different tasks`).toBe(drawn.length);
    }
  } finally {
    await page.close();
  }
});
