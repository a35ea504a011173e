// The practice suite's tasks are doable and their checks mean something: for a sample
// of each family's generated tasks, a scripted person does the task on the real pages
// and its success_js holds; right after setup it does not, nor after a near miss
// (wrong quantity, wrong seat, the distractor). No extension needed: plain Chromium.
import { expect, test } from '@playwright/test';
import type { Page } from 'playwright-core';
import { useSitesBrowser } from '../lib/sites-browser';
import { BY_HAND } from '../sites/by-hand';
import { type GeneratedTask, practiceTasks } from '../sites/tasks/generate';
import { TEMPLATES } from '../sites/tasks/templates/index';

/** Instances per family done by hand (the first ones of practice.jsonl). */
const SAMPLE = 2;

const suite = useSitesBrowser({ width: 1280, height: 800 });

async function start(page: Page, t: GeneratedTask): Promise<void> {
  await page.goto(suite.sites.url(t.task.url));
  expect(await page.evaluate(t.task.setup_js!)).toBe(true);
  expect(await page.evaluate(t.task.success_js!), `${t.task.id} succeeds right after setup`).toBeFalsy();
}

const tasks = practiceTasks();

test('every task family has a scripted person', () => {
  expect(Object.keys(BY_HAND).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
});

for (const template of TEMPLATES) {
  test(`${template.id}: done by hand it succeeds; a near miss does not`, async () => {
    const sample = tasks.filter((t) => t.template.id === template.id).slice(0, SAMPLE);
    const person = BY_HAND[template.id]!;
    const page = await suite.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      for (const t of sample) {
        await start(page, t);
        await person.done(page, t.values);
        expect(await page.evaluate(t.task.success_js!), `${t.task.id}: "${t.task.instruction}" done by hand`).toBeTruthy();
      }
      const t = sample[0]!;
      await start(page, t);
      await person.wrong(page, t.values);
      expect(await page.evaluate(t.task.success_js!), `${t.task.id}: a near miss passes the check`).toBeFalsy();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
}
