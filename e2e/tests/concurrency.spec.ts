// Concurrency (issue 16): two agent runs in two tabs, with the coach on and learning
// from their verdicts, while the inspector (the popup, in a tab of its own) edits every
// memory item and imports memory files. No update is lost (every edit the inspector
// made is in its item's history, and every change after it was made from it) and no
// item is torn (each item's history since it was created here is one chain, each
// change made from the version before it, and ends at the item as stored).
import type { Page } from 'playwright-core';
import type { MemoryExport } from '../../shared/memory-export';
import { widgetSucceeded, widgetTaskText } from '../lib/widget-page';
import { workerCall } from '../lib/worker-calls';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { expect, test } from './fixtures';

let sites: PracticeSites;
test.beforeAll(async () => {
  sites = await startPracticeSites();
});
test.afterAll(async () => {
  await sites?.close();
});

const widgetTask = (page: Page) => page.evaluate(widgetTaskText);
const widgetSuccess = (page: Page) => page.evaluate(widgetSucceeded);

test('two runs learning in two tabs while the inspector edits and imports lose no update and tear no item', async ({ ext }) => {
  test.setTimeout(240_000);
  // The inspector: a popup page of its own (its own link to the worker), driven through the API its views use.
  const inspector = await ext.context.newPage();
  await inspector.goto(ext.controlPage.url());

  /** A run on a widget page, judged by the page, its verdict given to the learner. */
  const learningRun = async (kind: string, seed: number) => {
    const page = await ext.context.newPage();
    await page.goto(sites.url(`/widgets/${kind}.html?seed=${seed}`));
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: await widgetTask(page), tabId: await ext.tabIdOf(page), maxSteps: 8, policy: { kind: 'offline' }, memory: { coach: true, design: 'balanced', externalCheck: true } });
    await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    const success = await widgetSuccess(page);
    await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: `the page's own check ${success ? 'passed' : 'failed'}`, by: 'check' });
    await page.close();
    return runId;
  };

  // Memory to work on: what two runs taught, and a file to import (exported now, given new ids later).
  await learningRun('login', 21);
  await learningRun('text-entry', 22);
  const exported = await workerCall(inspector, 'exportMemory');
  expect(exported.items.length).toBeGreaterThan(0);

  // All at once: two runs in two tabs that retrieve and credit those items, and the inspector.
  const edits = new Map<string, string>();
  let imports = 0;
  let running = true;
  const inspectorWork = async () => {
    for (let round = 0; running || round < 2; round++) {
      for (const item of (await workerCall(inspector, 'exportMemory')).items) {
        const title = `Edited in the inspector, round ${round}`;
        const edited = await workerCall(inspector, 'updateItem', item.id, { title }, 'edited by the user').catch(() => null);
        if (edited) edits.set(item.id, title);
      }
      const file: MemoryExport = { ...exported, items: exported.items.map((i) => ({ ...i, id: `imported-${round}-${i.id}` })), history: [], learner: [] };
      await workerCall(inspector, 'importMemory', file, { mode: 'merge' });
      imports++;
    }
  };
  const runs = Promise.all([learningRun('login', 23), learningRun('text-entry', 24)]).finally(() => (running = false));
  await Promise.all([runs, inspectorWork()]);
  expect(imports).toBeGreaterThanOrEqual(2);

  const memory = await workerCall(inspector, 'exportMemory');
  // Every item the inspector edited or memory holds: its history is one chain (no change
  // written over another), ends where the item is (or at its removal), and has the edit.
  let learnedAfterAnEdit = 0;
  for (const id of new Set([...edits.keys(), ...memory.items.map((i) => i.id)])) {
    const item = memory.items.find((i) => i.id === id);
    const changes = await workerCall(inspector, 'itemHistory', id);
    const born = changes.findLastIndex((h) => h.before === null);
    for (let i = born + 1; i < changes.length; i++) expect(changes[i]!.before, `${id}: change ${i} (${changes[i]!.reason}) made from the version before it`).toEqual(changes[i - 1]!.after);
    expect(changes.at(-1)?.after ?? null, `${id}: its history ends at the item as stored`).toEqual(item ?? null);
    const title = edits.get(id);
    if (title) expect(changes.some((h) => h.reason === 'edited by the user' && h.after?.title === title), `the inspector's last edit of ${id} is kept`).toBe(true);
    const edited = changes.findIndex((h) => h.reason === 'edited by the user');
    if (edited >= 0 && changes.slice(edited + 1).some((h) => /^(credit|blame) from run/.test(h.reason))) learnedAfterAnEdit++;
  }
  // The writers did meet: the runs' learning moved items the inspector had just edited.
  expect(learnedAfterAnEdit).toBeGreaterThan(0);
  expect(memory.items.filter((i) => i.id.startsWith('imported-')).length).toBeGreaterThan(0);
});
