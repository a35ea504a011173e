// The popup's inspector in Chromium with the extension and a seeded store: the memory
// list (10k items, virtualized), search by meaning, edit / delete / undo, bulk delete,
// runs with replay and a verdict, the learning chart, settings, export → import into
// a fresh profile, a malformed import that changes nothing, record mode, and clearing
// memory. Every view is saved as a screenshot in the test output for a person to see.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { MemoryItem } from '../../shared/model';
import { type ExtensionSession, launchExtension } from '../lib/browser';
import { workerCall } from '../lib/worker-calls';
import { expect, test } from './fixtures';

const SHOP = 'https://shop.example';
const DINER = 'https://diner.example';

const SEEDED = [
  { kind: 'insight', title: 'Checkout needs the shipping form first', whenToUse: 'When buying something in the web shop', text: 'Fill in the shipping address before pressing Pay, or the Pay button stays disabled.', scope: { origin: SHOP } },
  { kind: 'insight', title: 'Flight search wants airport codes', whenToUse: 'When searching for a flight between two cities', text: 'Type the three-letter airport code (e.g. LHR) and pick it from the dropdown.', scope: { origin: 'https://fly.example' } },
  { kind: 'insight', title: 'Restaurant booking asks for party size', whenToUse: 'When reserving a table at a restaurant for dinner', text: 'Choose the number of guests before the time slots appear.', scope: { origin: DINER } },
  { kind: 'workflow', title: 'Add to basket and pay', whenToUse: 'When the task is to buy an item', text: 'Search the item, add it to the basket, open the basket, pay.', scope: { origin: SHOP } },
  { kind: 'workflow', title: 'Reset a password', whenToUse: 'When a user forgot their password', text: 'Open Settings, Security, then Reset password.', scope: { origin: 'https://admin.example' } },
] as const;

/** Filler: notes about archive shelves, far in meaning from the seeded items. */
function fillerExport(count: number) {
  const now = Date.now();
  const items: MemoryItem[] = Array.from({ length: count }, (_, i) => ({
    id: `filler-${i}`,
    kind: 'episode',
    title: `Archive shelf ${i} inventory`,
    text: `Shelf ${i} of the archive holds ${(i * 7) % 90} boxes of old invoices, catalogued in volume ${i % 40}.`,
    whenToUse: 'When counting boxes in the archive',
    scope: { origin: `https://archive${i % 5}.example` },
    provenance: [],
    counters: { retrieved: i % 3, helped: 0, hurt: 0 },
    utility: (i % 10) / 10,
    pinned: false,
    createdAt: now - i * 60_000,
    updatedAt: now - i * 60_000,
    version: 1,
  }));
  return { format: 'waymark-memory', version: 1, exportedAt: new Date().toISOString(), items };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function openInspector(ext: ExtensionSession, view: string, tabId?: number, size = { width: 440, height: 600 }): Promise<Page> {
  const ui = await ext.context.newPage();
  await ui.setViewportSize(size);
  await ui.goto(`chrome-extension://${ext.extensionId}/popup/popup.html?tab=${tabId ?? 1}#${view}`);
  await expect(ui.getByRole('tab', { name: view === 'run' ? 'Run' : view[0]!.toUpperCase() + view.slice(1), exact: true })).toHaveAttribute('aria-selected', 'true');
  return ui;
}

const titles = async (ext: ExtensionSession, kind?: MemoryItem['kind']) => (await workerCall(ext.controlPage, 'listItems', kind ? { kind } : undefined)).map((i) => i.title).sort();

test.describe.configure({ mode: 'serial' });

test('memory: 10k items virtualized, search by meaning, edit, delete and undo, bulk delete', async ({ ext }) => {
  test.setTimeout(180_000);
  const summary = await workerCall(ext.controlPage, 'importMemory', fillerExport(10_000), { mode: 'merge' });
  expect(summary.added).toBe(10_000);
  for (const seed of SEEDED) await workerCall(ext.controlPage, 'addItem', { ...seed, scope: { ...seed.scope }, provenance: [] });

  const ui = await openInspector(ext, 'memory');
  await expect(ui.locator('#memory-count')).toHaveText('10,005 of 10,005 items');
  // Virtualized: a screenful of rows in the DOM, not ten thousand; the end is reachable by keyboard.
  expect(await ui.locator('#memory-list [role="option"]').count()).toBeLessThan(40);
  await ui.locator('#memory-list').focus();
  await ui.keyboard.press('End');
  await expect(ui.locator('#memory-list [role="option"][aria-posinset="10005"]')).toBeVisible();
  expect(await ui.locator('#memory-list [role="option"]').count()).toBeLessThan(40);
  await ui.keyboard.press('Home');
  await shoot(ui, 'inspector-memory');

  // A paraphrase that shares no word with the item finds it by meaning, first.
  await ui.getByLabel('Search memory').fill('reserve seats for an evening meal');
  await expect(ui.locator('#search-status')).toHaveText(/close in meaning/);
  await expect(ui.locator('#memory-list [role="option"]').first()).toContainText('Restaurant booking asks for party size');
  await expect(ui.locator('#memory-list [role="option"]').first()).toContainText('close in meaning');
  await shoot(ui, 'inspector-memory-search');

  // Open it, edit it, and see the new text and the change in its history.
  await ui.locator('#memory-list [role="option"]').first().click();
  await expect(ui.locator('#item-detail h2')).toHaveText('Restaurant booking asks for party size');
  await ui.locator('#item-detail').getByRole('button', { name: 'Edit' }).click();
  await ui.locator('#item-detail textarea').first().fill('Pick the number of guests first; the time slots appear after.');
  await ui.locator('#item-detail').getByRole('button', { name: 'Save' }).click();
  await expect(ui.locator('#item-detail .item-text')).toHaveText('Pick the number of guests first; the time slots appear after.');
  await expect(ui.locator('#item-detail .history li')).toHaveCount(2);
  await shoot(ui, 'inspector-item-detail');
  const edited = (await workerCall(ext.controlPage, 'listItems', { kind: 'insight' })).find((i) => i.title.startsWith('Restaurant'))!;
  expect(edited).toMatchObject({ text: 'Pick the number of guests first; the time slots appear after.', version: 2 });

  // Delete, then Undo from the notice: back as it was.
  await ui.locator('#item-detail').getByRole('button', { name: 'Delete' }).click();
  await expect(ui.locator('#notices')).toContainText('Deleted');
  expect(await workerCall(ext.controlPage, 'getItem', edited.id)).toBeNull();
  await ui.locator('#notices').getByRole('button', { name: 'Undo' }).click();
  await expect(ui.locator('#notices')).toContainText(/Restored|Undone/);
  expect(await workerCall(ext.controlPage, 'getItem', edited.id)).toMatchObject({ text: edited.text });

  // Bulk: every workflow, selected and deleted at once; the insights stay.
  await ui.getByLabel('Search memory').fill('');
  await ui.getByText('Filters and order').click();
  await ui.getByLabel('Kind').selectOption('workflow');
  await expect(ui.locator('#memory-count')).toHaveText('2 of 10,005 items');
  await ui.getByRole('button', { name: 'Select all shown' }).click();
  await expect(ui.locator('#memory-list [aria-selected="true"]')).toHaveCount(2);
  await ui.getByRole('button', { name: 'Delete selected (2)' }).click();
  await expect(ui.locator('#notices')).toContainText('Deleted 2 items');
  await expect(ui.locator('#memory-count')).toHaveText('0 of 10,003 items');
  expect(await titles(ext, 'workflow')).toEqual([]);
  expect(await titles(ext, 'insight')).toHaveLength(3);
  await ui.close();
});

test('settings: export, then import into a fresh profile gives the same items; a malformed file changes nothing', async ({ ext }) => {
  test.setTimeout(180_000);
  const ui = await openInspector(ext, 'settings');
  const [download] = await Promise.all([ui.waitForEvent('download'), ui.getByRole('button', { name: 'Export memory…' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^waymark-memory-\d{4}-\d{2}-\d{2}\.json$/);
  const file = test.info().outputPath('export.json');
  await download.saveAs(file);
  await expect(ui.locator('#notices')).toContainText('Exported 10,003 items');

  const before = await workerCall(ext.controlPage, 'listItems');
  // Broken files: not JSON, and a foreign one. Each lists its problems; memory stays as it was.
  await ui.getByLabel('Memory file to import (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "waymark-memory", "items": [') });
  await ui.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(ui.locator('#import-report')).toContainText('Nothing was imported: the file is not JSON.');
  const foreign = { format: 'waymark-memory', version: 1, exportedAt: 'yesterday', items: [{ id: 'x', kind: 'gossip', title: 42 }] };
  await ui.getByLabel('Memory file to import (JSON)').setInputFiles({ name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
  await ui.getByLabel('Replace: memory becomes the file’s').check();
  await ui.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(ui.locator('#import-report')).toContainText(/Nothing was imported: foreign\.json has \d+ problems?\./);
  await expect(ui.locator('#import-report li').filter({ hasText: 'exportedAt' })).toHaveCount(1);
  await expect(ui.locator('#import-report li').filter({ hasText: 'items[0].kind' })).toHaveCount(1);
  await shoot(ui, 'inspector-import-problems');
  const after = await workerCall(ext.controlPage, 'listItems');
  expect(after.map((i) => [i.id, i.version])).toEqual(before.map((i) => [i.id, i.version]));

  // The exported file, imported into a browser with a fresh profile: the same items.
  const fresh = await launchExtension();
  try {
    const other = await openInspector(fresh, 'settings');
    await other.getByLabel('Memory file to import (JSON)').setInputFiles(file);
    await other.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(other.locator('#import-report')).toContainText('Merged: 10003 added', { timeout: 120_000 });
    const imported = await workerCall(fresh.controlPage, 'listItems');
    const key = (items: MemoryItem[]) => items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, text: i.text, version: i.version, utility: i.utility })).sort((a, b) => a.id.localeCompare(b.id));
    expect(key(imported)).toEqual(key(before));
    // Search by meaning works there too: the vectors were made on import.
    const hits = await workerCall(fresh.controlPage, 'searchMemory', 'reserve seats for an evening meal', { k: 1 });
    expect(hits[0]!.item.title).toBe('Restaurant booking asks for party size');
  } finally {
    await fresh.close();
  }
  await ui.close();
});

test('settings: the item budget, a site never recorded and sensitive fields are kept, and record mode refuses that site', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  const tabId = await ext.tabIdOf(page);
  const ui = await openInspector(ext, 'settings', tabId);
  await expect(ui.getByLabel('Most items memory keeps')).toHaveValue(/\d+/);
  await ui.getByLabel('Most items memory keeps').fill('20000');
  await ui.getByLabel('Sites where nothing is ever recorded (one per line)').fill('not a site!');
  await ui.getByRole('button', { name: 'Save settings' }).click();
  await expect(ui.locator('#settings-problems')).toContainText('is not a site');
  expect((await workerCall(ext.controlPage, 'getSettings')).neverRecord).toEqual([]);
  const host = new URL(server.url('/')).host;
  await ui.getByLabel('Sites where nothing is ever recorded (one per line)').fill(`bank.example\n${host}`);
  // A sensitive-field pattern that does not read is named, and nothing is saved.
  const secrets = ui.getByLabel('Other fields whose values are secrets (one per line)');
  await secrets.fill('member number\n/([/');
  await ui.getByRole('button', { name: 'Save settings' }).click();
  await expect(ui.locator('#settings-problems')).toContainText('"/([/" is not a valid pattern');
  await secrets.fill('member number\n/^acct-\\d+$/i');
  await ui.getByRole('button', { name: 'Save settings' }).click();
  await expect(ui.locator('#notices')).toContainText('Settings saved');
  expect(await workerCall(ext.controlPage, 'getSettings')).toEqual({ itemBudget: 20_000, neverRecord: ['bank.example', host], sensitiveFields: ['member number', '/^acct-\\d+$/i'] });
  await shoot(ui, 'inspector-settings');

  await ui.getByRole('tab', { name: 'Run', exact: true }).click();
  await ui.getByLabel('What you are about to do').fill('Create an account');
  await ui.getByRole('button', { name: 'Record my demonstration' }).click();
  await expect(ui.locator('#record-status')).toContainText('recording is switched off on');
  expect((await ext.send('bg.recordStatus', { tabId })).recording).toBe(false);
  await workerCall(ext.controlPage, 'updateSettings', { neverRecord: [], sensitiveFields: [] });
  await ui.close();
  await page.close();
});

test('record mode: a demonstration done through Playwright becomes a stored successful run and a workflow', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  const ui = await openInspector(ext, 'run', tabId);
  const task = 'Subscribe Grace Hopper (grace@example.com) to the newsletter';
  await ui.getByLabel('What you are about to do').fill(task);
  await ui.getByRole('button', { name: 'Record my demonstration' }).click();
  await expect(ui.locator('#record-status')).toHaveAttribute('data-state', 'recording');

  await page.getByLabel('Your name').click();
  await page.keyboard.type('Grace Hopper');
  await page.getByLabel('Email').click();
  await page.keyboard.type('grace@example.com');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.waitForURL(/thanks/);
  // The popup closes while the user works; reopened, it still shows the recording.
  await ui.reload();
  await expect(ui.locator('#record-status')).toContainText('Recording: 3 steps so far');
  await expect(ui.getByLabel('What you are about to do')).toHaveValue(task);
  await shoot(ui, 'inspector-record');
  await ui.getByRole('button', { name: 'Finish and learn' }).click();
  await expect(ui.locator('#record-status')).toHaveAttribute('data-state', 'learned');
  await expect(ui.locator('#record-status')).toContainText('a workflow (added)');
  const runId = (await ui.locator('#record-status').getAttribute('data-run'))!;

  const run = await workerCall(ext.controlPage, 'getRun', runId);
  expect(run).toMatchObject({ task, source: 'demonstration', outcome: { status: 'success' } });
  expect(run!.steps.length).toBeGreaterThanOrEqual(1);
  const workflow = (await workerCall(ext.controlPage, 'listItems', { kind: 'workflow' })).find((i) => i.provenance.includes(runId));
  expect(workflow).toBeDefined();
  expect(JSON.stringify(workflow!.data)).toContain('Grace Hopper');

  // The new workflow is in Memory; its provenance replays the demonstration.
  await ui.getByRole('tab', { name: 'Memory', exact: true }).click();
  await ui.getByText('Filters and order').click();
  await ui.getByLabel('Kind').selectOption('workflow');
  await expect(ui.locator('#memory-list [role="option"]')).toHaveCount(1);
  await ui.locator('#memory-list [role="option"]').first().click();
  await expect(ui.locator('#item-detail .workflow-steps li')).toHaveCount(3);
  await ui.locator('#item-detail').getByRole('button', { name: /^Replay:/ }).click();
  await expect(ui.locator('#replay')).toContainText(`Run: ${task}`);
  await ui.locator('#replay').getByRole('button', { name: 'Close' }).click();
  await ui.close();
  await page.close();
});

test('learn from a recording: a Recorder export is performed on the tab and learned; a broken one lists its problems and stores nothing', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  const ui = await openInspector(ext, 'run', tabId);
  const before = (await workerCall(ext.controlPage, 'listItems', {})).length;
  const task = 'Subscribe Ada Lovelace (ada@example.com) to the newsletter';
  await ui.getByLabel('What you are about to do').fill(task);

  // Not a recording: its problems, and nothing stored.
  await ui.getByLabel('Recording (JSON)').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"title": "x", "steps": [{"type": "click"}]}') });
  await expect(ui.locator('#record-status')).toContainText('notes.json cannot be learned from; nothing was stored.');
  await expect(ui.locator('#recording-problems li').first()).toContainText('step 1 (click): selectors');
  // A step the page cannot do: which one, why, and nothing stored.
  const flow = (button: string[][]) => ({
    title: 'Subscribe',
    steps: [
      { type: 'setViewport', width: 1280, height: 720, deviceScaleFactor: 1, isMobile: false, hasTouch: false, isLandscape: false },
      { type: 'navigate', url: server.url('/newsletter.html') },
      { type: 'change', value: 'Ada Lovelace', selectors: [['aria/Your name'], ['#name']] },
      { type: 'change', value: 'ada@example.com', selectors: [['aria/Email'], ['input[type=email]']] },
      { type: 'click', selectors: button, offsetX: 10, offsetY: 5 },
    ],
  });
  const broken = flow([['aria/Join us[role="button"]'], ['#no-such-button']]);
  await ui.getByLabel('Recording (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(ui.locator('#record-status')).toContainText('Step 5 (click) could not be performed: no element matches any of its selectors', { timeout: 20_000 });
  expect((await workerCall(ext.controlPage, 'listItems', {})).length).toBe(before);

  // A good one: performed on the tab, learned as a demonstration with a workflow.
  await page.goto(server.url('/newsletter.html'));
  await ui.getByLabel('Recording (JSON)').setInputFiles({ name: 'subscribe.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flow([['aria/Subscribe[role="button"]'], ['text/Subscribe']]))) });
  await expect(ui.locator('#record-status')).toHaveAttribute('data-state', 'learned', { timeout: 20_000 });
  await expect(ui.locator('#record-status')).toContainText('workflow');
  const runId = (await ui.locator('#record-status').getAttribute('data-run'))!;
  expect(await workerCall(ext.controlPage, 'getRun', runId)).toMatchObject({ task, source: 'demonstration', outcome: { status: 'success' } });
  await expect(page).toHaveURL(/thanks/);
  await ui.close();
  await page.close();
});

test('runs and learning: an agent run is listed, replayed step by step, judged by the user, and charted', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  const task = `Subscribe Ada Lovelace (ada@example.com) to the newsletter ${randomUUID().slice(0, 4)}`;
  const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task, tabId, maxSteps: 6, policy: { kind: 'offline' } });
  await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });

  const ui = await openInspector(ext, 'runs', tabId, { width: 1000, height: 700 });
  const row = ui.locator(`tr[data-run="${runId}"]`);
  await expect(row).toContainText('unknown');
  // The demonstrations earlier tests in this browser taught are listed as such.
  await expect(ui.locator('tr').filter({ hasText: '(demonstrated)' }).first()).toBeVisible();
  await shoot(ui, 'inspector-runs');

  await row.getByRole('button', { name: task }).click();
  const replay = ui.locator('#replay');
  await expect(replay).toContainText(`Run: ${task}`);
  await expect(replay.locator('.replay-step')).toHaveAttribute('aria-label', 'Step 1');
  await expect(replay.locator('.actions li')).toHaveCount(3);
  await expect(replay.locator('img.thumb')).toHaveAttribute('src', /^data:image\//);
  await ui.keyboard.press('ArrowRight');
  await expect(replay.locator('.replay-step')).toHaveAttribute('aria-label', 'Step 2');
  await shoot(ui, 'inspector-replay');
  await ui.keyboard.press('Escape');
  await expect(replay).not.toBeVisible();

  // "Did it work?" — the user's answer is the verdict, and the coach learns from it.
  await row.getByRole('button', { name: 'Yes' }).click();
  // The coach learns from the run before the answer returns (the first time after a 10k import takes seconds).
  await expect(ui.locator(`tr[data-run="${runId}"]`)).toContainText('success', { timeout: 30_000 });
  expect((await workerCall(ext.controlPage, 'getRun', runId))!.outcome).toMatchObject({ status: 'success', judgedBy: 'user' });

  await ui.getByRole('tab', { name: 'Learning', exact: true }).click();
  await expect(ui.locator('#learning-status')).toContainText('Memory on: 100 % (1 of 1)');
  await expect(ui.locator('#success-table-body tr')).toHaveCount(2);
  await expect(ui.locator('#clusters .cluster').first()).toContainText('Design in use');
  await shoot(ui, 'inspector-learning');
  await ui.emulateMedia({ colorScheme: 'dark' });
  await ui.getByRole('button', { name: 'Reload' }).click();
  await shoot(ui, 'inspector-learning-dark');
  await ui.close();
  await page.close();
});

test('keyboard: the views are tabs that arrow keys move through', async ({ ext }) => {
  const ui = await openInspector(ext, 'run');
  await ui.getByRole('tab', { name: 'Run', exact: true }).focus();
  await ui.keyboard.press('ArrowRight');
  await expect(ui.getByRole('tab', { name: 'Memory', exact: true })).toBeFocused();
  await expect(ui.locator('#view-memory')).toBeVisible();
  await expect(ui.locator('#view-run')).toBeHidden();
  await ui.keyboard.press('End');
  await expect(ui.getByRole('tab', { name: 'Settings', exact: true })).toHaveAttribute('aria-selected', 'true');
  expect(new URL(ui.url()).hash).toBe('#settings');
  await ui.keyboard.press('ArrowRight');
  await expect(ui.getByRole('tab', { name: 'Run', exact: true })).toHaveAttribute('aria-selected', 'true');
  await ui.close();
});

test('clear all memory: a confirmation that offers an export first, then every item is gone and runs stay', async ({ ext }) => {
  test.setTimeout(180_000);
  const runsBefore = (await workerCall(ext.controlPage, 'listRuns')).length;
  expect((await workerCall(ext.controlPage, 'listItems')).length).toBeGreaterThan(0);
  const ui = await openInspector(ext, 'settings');
  await ui.getByRole('button', { name: 'Clear all memory…' }).click();
  const dialog = ui.getByRole('dialog', { name: 'Clear all memory?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Export first' })).toBeFocused();
  await shoot(ui, 'inspector-clear-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await workerCall(ext.controlPage, 'listItems')).length).toBeGreaterThan(0);

  await ui.getByRole('button', { name: 'Clear all memory…' }).click();
  await dialog.getByRole('button', { name: 'Clear all memory' }).click();
  // Ten thousand removals, each kept in its item's history, take a while.
  await expect(ui.locator('#notices')).toContainText(/Memory cleared: 10,0\d\d items removed/, { timeout: 120_000 });
  expect(await workerCall(ext.controlPage, 'listItems')).toEqual([]);
  expect((await workerCall(ext.controlPage, 'listRuns')).length).toBe(runsBefore);
  await ui.getByRole('tab', { name: 'Memory', exact: true }).click();
  await expect(ui.locator('#memory-count')).toHaveText('0 of 0 items');
  await ui.close();
});
