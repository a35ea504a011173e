// The worker in Chromium: embedder, memory store and index through the Comlink API,
// WebGPU and WASM giving the same vectors, persistence, migration, OCR, screen
// signatures, and bad input that gets clear errors while stored data stays.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../lib/browser';
import { launchExtension } from '../lib/browser';
import { startServer } from '../lib/server';
import { workerCall, workerCallError } from '../lib/worker-calls';
import { expectedEmbedding, TINY_TOKENIZER_JSON, tinyTransformerModel } from '../../worker/models/testdata/tiny-transformer';
import { expect, FIXTURE_DIR, test } from './fixtures';

/** Serves a tiny but real sentence-transformer export and a corrupt one. */
function modelServer() {
  return startServer(FIXTURE_DIR, [
    (_req, url) => (url.pathname === '/models/tiny/model.onnx' ? { type: 'application/octet-stream', body: Buffer.from(tinyTransformerModel()) } : undefined),
    (_req, url) => (url.pathname === '/models/tiny/tokenizer.json' ? { type: 'application/json', body: TINY_TOKENIZER_JSON } : undefined),
    (_req, url) => (url.pathname === '/models/corrupt.onnx' ? { type: 'application/octet-stream', body: Buffer.from('this is not an ONNX model at all'.repeat(20)) } : undefined),
  ]);
}

const SITE = 'https://shop.example';

const MEMORIES = [
  { title: 'Checkout needs the shipping form first', whenToUse: 'When buying something in the web shop', text: 'Fill in the shipping address before pressing Pay, or the Pay button stays disabled.' },
  { title: 'Flight search wants airport codes', whenToUse: 'When searching for a flight between two cities', text: 'Type the three-letter airport code (e.g. LHR) and pick it from the dropdown.' },
  { title: 'Password reset is under account settings', whenToUse: 'When the user forgot their password and wants to reset it', text: 'Open Settings, then Security, then "Reset password"; the link is not on the login page.' },
  { title: 'Restaurant booking asks for party size', whenToUse: 'When reserving a table at a restaurant for dinner', text: 'Choose the number of guests before the time slots appear.' },
];

async function addMemories(page: Page) {
  const ids: string[] = [];
  for (const m of MEMORIES) {
    const item = await workerCall(page, 'addItem', { kind: 'insight', ...m, scope: { origin: SITE }, provenance: ['run-1'] });
    ids.push(item.id);
  }
  return ids;
}

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

test('embed, store and search memory through the Comlink API', async ({ ext }) => {
  const page = ext.controlPage;
  const ids = await addMemories(page);
  const hits = await workerCall(page, 'searchMemory', 'book a table for four people at an italian place tonight', { k: 2 });
  expect(hits[0]!.item.id).toBe(ids[3]);
  expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  const flight = await workerCall(page, 'searchMemory', 'find plane tickets from London to Paris', { k: 1 });
  expect(flight[0]!.item.title).toBe(MEMORIES[1]!.title);
  // Filters: nothing of another kind or site.
  expect(await workerCall(page, 'searchMemory', 'book a table', { filter: { kind: 'workflow' } })).toEqual([]);
  expect(await workerCall(page, 'searchMemory', 'book a table', { filter: { origin: 'https://other.example' } })).toEqual([]);

  // Edit, delete and undo, with history kept.
  const edited = await workerCall(page, 'updateItem', ids[0]!, { text: 'Shipping address first, then Pay.' }, 'user edit');
  expect(edited.version).toBe(2);
  await workerCall(page, 'deleteItem', ids[0]!);
  expect(await workerCall(page, 'getItem', ids[0]!)).toBeNull();
  const restored = await workerCall(page, 'undoItem', ids[0]!);
  expect(restored?.text).toBe('Shipping address first, then Pay.');
  expect((await workerCall(page, 'itemHistory', ids[0]!)).map((h) => h.change)).toEqual(['create', 'update', 'delete', 'undo']);
  const again = await workerCall(page, 'searchMemory', 'buy a pair of shoes in the online store and pay', { k: 1 });
  expect(again[0]!.item.id).toBe(ids[0]);

  const status = await workerCall(page, 'status');
  expect(status.embedder).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringContaining('no WebGPU adapter') });
  expect(status.index.size).toBe(MEMORIES.length);
  const size = await workerCall(page, 'storeSize');
  expect(size.counts.items).toBe(MEMORIES.length);
  expect(size.usageBytes).toBeGreaterThan(0);
});

test('WebGPU (software adapter) and WASM give the same embeddings; OCR stays on WASM there', async ({ ext, server }) => {
  const texts = ['Book a table for two at an Italian restaurant', 'Reset my password', 'github.com/login'];
  const wasm = await workerCall(ext.controlPage, 'embed', texts);
  const gpu = await launchExtension({ webgpu: true });
  try {
    // OCR on SwiftShader takes minutes per screenshot, on WASM seconds: it must pick WASM.
    const page = await gpu.context.newPage();
    await page.goto(server.url('/article.html'));
    await workerCall(gpu.controlPage, 'startRun', { id: 'run-gpu', task: 'read', origin: server.origin, startedAt: Date.now(), source: 'agent' });
    const shot = await screenshotOf(gpu, page, 'run-gpu', 0);
    const read = await workerCall(gpu.controlPage, 'screenFeatures', shot.key, { ocr: true });
    expect(read.ocr!.map((l) => l.text)).toContain('Quarterly Garden Report');
    expect((await workerCall(gpu.controlPage, 'status')).ocr).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringContaining('software fallback') });

    const vectors = await workerCall(gpu.controlPage, 'embed', texts);
    const status = await workerCall(gpu.controlPage, 'status');
    expect(status.embedder.backend).toBe('webgpu');
    for (let i = 0; i < texts.length; i++) {
      expect(cosine(vectors[i]!, wasm[i]!)).toBeGreaterThan(0.999);
      expect(Math.max(...vectors[i]!.map((v, j) => Math.abs(v - wasm[i]![j]!)))).toBeLessThan(1e-3);
    }
  } finally {
    await gpu.close();
  }
});

test('memory and runs persist across a browser restart with the same profile', async () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'waymark-persist-'));
  let first: ExtensionSession | undefined = await launchExtension({ profileDir });
  let ids: string[];
  try {
    ids = await addMemories(first.controlPage);
    await workerCall(first.controlPage, 'startRun', { id: 'run-p', task: 'reserve a table', origin: SITE, startedAt: Date.now(), source: 'agent' });
    await workerCall(first.controlPage, 'appendStep', 'run-p', {
      index: 0,
      observation: { url: `${SITE}/`, title: 'Shop', elementCount: 12 },
      output: { evaluation: 'start', nextGoal: 'open bookings', actions: [{ kind: 'click', index: 3 }] },
      results: [{ ok: true, navigated: true, pageChanged: true, tookMs: 40 }],
      adviceIds: [],
      startedAt: Date.now(),
      tookMs: 120,
    });
  } finally {
    await first.close();
    first = undefined;
  }
  const second = await launchExtension({ profileDir });
  try {
    const items = await workerCall(second.controlPage, 'listItems');
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
    const run = await workerCall(second.controlPage, 'getRun', 'run-p');
    expect(run?.steps).toHaveLength(1);
    const hits = await workerCall(second.controlPage, 'searchMemory', 'I forgot my password, how do I reset it', { k: 1 });
    expect(hits[0]!.item.id).toBe(ids[2]);
  } finally {
    await second.close();
  }
});

test('a database of the previous schema version is migrated with every item kept', async () => {
  const ext = await launchExtension();
  try {
    // Write version 1 directly, before the worker first opens the database.
    const written = await ext.controlPage.evaluate(async (memories) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('waymark', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('trajectories', { keyPath: 'id' });
          req.result.createObjectStore('items', { keyPath: 'id' }).createIndex('byKind', 'kind');
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['items', 'trajectories'], 'readwrite');
      memories.forEach((m, i) =>
        tx.objectStore('items').put({ id: `old-${i}`, kind: 'insight', ...m, scope: {}, provenance: [], counters: { retrieved: 2, helped: 1, hurt: 0 }, utility: 0.3, pinned: i === 0, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, version: 1 }),
      );
      tx.objectStore('trajectories').put({ id: 'old-run', task: 'old task', origin: 'https://shop.example', startedAt: 1, screenshots: {}, source: 'agent', steps: [] });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return memories.length;
    }, MEMORIES);
    const items = await workerCall(ext.controlPage, 'listItems');
    expect(items).toHaveLength(written);
    expect(items.find((i) => i.id === 'old-0')).toMatchObject({ pinned: true, utility: 0.3, counters: { retrieved: 2, helped: 1, hurt: 0 } });
    expect((await workerCall(ext.controlPage, 'itemHistory', 'old-1')).map((h) => h.change)).toEqual(['create']);
    expect((await workerCall(ext.controlPage, 'getRun', 'old-run'))?.steps).toEqual([]);
    // Migrated items get vectors and are found by meaning.
    const hits = await workerCall(ext.controlPage, 'searchMemory', 'flights from Berlin to Rome', { k: 1 });
    expect(hits[0]!.item.id).toBe('old-1');
  } finally {
    await ext.close();
  }
});

async function screenshotOf(ext: ExtensionSession, page: Page, runId: string, stepIndex: number) {
  await page.bringToFront();
  const tabId = await ext.tabIdOf(page);
  const shot = await ext.send('bg.screenshot', { tabId, scale: 1, quality: 0.85 });
  return workerCall(ext.controlPage, 'saveScreenshot', { trajectoryId: runId, stepIndex, dataUrl: shot.dataUrl });
}

test('OCR reads the heading of a real screenshot, and screen signatures tell states apart', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/article.html'));
  await workerCall(ext.controlPage, 'startRun', { id: 'run-ocr', task: 'read the garden report', origin: server.origin, startedAt: Date.now(), source: 'agent' });
  const first = await screenshotOf(ext, page, 'run-ocr', 0);
  expect(first).toMatchObject({ key: 'run-ocr/0', width: 1280, height: 720 });
  const features = await workerCall(ext.controlPage, 'screenFeatures', first.key, { ocr: true, signature: true });
  const lines = features.ocr!.map((l) => l.text);
  test.info().annotations.push({ type: 'ocr', description: JSON.stringify(lines) });
  expect(lines).toContain('Quarterly Garden Report');
  expect(lines.join(' ')).toContain('Tomatoes ripened early');

  // Same state: the caret moved and the field scrolled, nothing else.
  await page.locator('#search').click();
  await page.keyboard.press('End');
  const same = await screenshotOf(ext, page, 'run-ocr', 1);
  // Different state: a modal dialog over the page.
  await page.locator('#open').click();
  const dialog = await screenshotOf(ext, page, 'run-ocr', 2);
  const sig = async (key: string) => (await workerCall(ext.controlPage, 'screenFeatures', key, { signature: true })).signature!;
  const [a, b, c] = [features.signature!, await sig(same.key), await sig(dialog.key)];
  expect((await workerCall(ext.controlPage, 'compareScreens', a, b)).same).toBe(true);
  expect((await workerCall(ext.controlPage, 'compareScreens', a, c)).same).toBe(false);
  // OCR runs in a thread of its own: the worker answers other calls meanwhile.
  const order = await ext.controlPage.evaluate(async (key) => {
    const worker = await (globalThis as unknown as { waymarkWorker: Promise<Record<string, (...a: unknown[]) => Promise<unknown>>> }).waymarkWorker;
    const events: string[] = [];
    const ocr = worker.screenFeatures!(key, { ocr: true }).then(() => events.push('ocr'));
    await new Promise((r) => setTimeout(r, 50));
    await worker.embed!(['a quick question while OCR runs']).then(() => events.push('embed'));
    await ocr;
    return events;
  }, dialog.key);
  expect(order).toEqual(['embed', 'ocr']);
  const thumb = await workerCall(ext.controlPage, 'getScreenshot', first.key, 'thumbnail');
  expect(thumb?.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  await page.close();
});

test('bad calls and broken models get clear errors; the default embedder stays and nothing stored is lost', async ({ ext }) => {
  const page = ext.controlPage;
  const before = await workerCall(page, 'listItems');
  // Malformed calls.
  const notArray = await workerCallError(page, 'embed', 'just a string');
  expect(notArray).toMatchObject({ code: 'invalid_call', message: expect.stringContaining('embed: invalid arguments') });
  const badItem = await workerCallError(page, 'addItem', { kind: 'gossip', title: 1 });
  expect(badItem.code).toBe('invalid_call');
  const badImage = await workerCallError(page, 'saveScreenshot', { trajectoryId: 'x', stepIndex: 0, dataUrl: 'data:image/png;base64,AAAAAAAA' });
  expect(badImage.message).toMatch(/could not be decoded/);
  expect(await workerCallError(page, 'getItem')).toMatchObject({ code: 'invalid_call' });

  // Model files: missing, corrupt, and a host that cannot be reached (no network here).
  const server = await modelServer();
  try {
    await workerCall(page, 'embed', ['load the default embedder']);
    const defaultId = (await workerCall(page, 'status')).embedder.id;
    expect(defaultId).toMatch(/^glove-sif-100d/);
    const cases = [
      { modelUrl: server.url('/models/missing.onnx'), expect: /Could not download .*HTTP 404/ },
      { modelUrl: server.url('/models/corrupt.onnx'), expect: /could not be loaded/ },
      { modelUrl: 'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx', expect: /Could not download/ },
    ];
    for (const c of cases) {
      const status = await workerCall(page, 'configureEmbedder', { kind: 'transformer', modelUrl: c.modelUrl, tokenizerUrl: server.url('/models/tiny/tokenizer.json') });
      test.info().annotations.push({ type: 'embedder error', description: status.error ?? '' });
      expect(status.error, c.modelUrl).toMatch(c.expect);
      expect(status.id).toBe(defaultId);
      expect((await workerCall(page, 'embed', ['still works']))[0]).toHaveLength(status.dimensions!);
    }
  } finally {
    await server.close();
  }
  expect(await workerCall(page, 'listItems')).toEqual(before);
});

test('a transformer embedder by URL is downloaded, used for memory, and the default can come back', async ({ ext }) => {
  const page = ext.controlPage;
  await addMemories(page);
  const server = await modelServer();
  try {
    const status = await workerCall(page, 'configureEmbedder', { kind: 'transformer', modelUrl: server.url('/models/tiny/model.onnx'), tokenizerUrl: server.url('/models/tiny/tokenizer.json') });
    expect(status).toMatchObject({ id: expect.stringMatching(/^transformer:127\.0\.0\.1/), dimensions: 4, backend: 'wasm' });
    expect(status.error).toBeUndefined();
    // [CLS] hello world [SEP], mean-pooled and normalised.
    const [vector] = await workerCall(page, 'embed', ['Hello world']);
    expectedEmbedding([2, 4, 5, 3]).forEach((v, i) => expect(vector![i]).toBeCloseTo(v, 5));
    // Memory written under the default model gets vectors of the new one.
    const hits = await workerCall(page, 'searchMemory', 'hello', { k: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect((await workerCall(page, 'status')).index.size).toBe((await workerCall(page, 'storeSize')).counts.items);
  } finally {
    await server.close();
  }
  const back = await workerCall(page, 'configureEmbedder', { kind: 'default' });
  expect(back.id).toMatch(/^glove-sif-100d/);
  expect((await workerCall(page, 'searchMemory', 'reserve a restaurant table for dinner', { k: 1 }))[0]!.item.title).toBe(MEMORIES[3]!.title);
});

test('an extension page keeps its worker API when the browser closes the worker host', async ({ ext }) => {
  const page = ext.controlPage;
  const item = await workerCall(page, 'addItem', { kind: 'insight', ...MEMORIES[2]!, scope: {}, provenance: [] });
  await ext.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  expect(await ext.serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length)).toBe(0);
  // The next call starts a new host and reconnects; what was stored is still there.
  expect(await workerCall(page, 'getItem', item.id)).toMatchObject({ id: item.id });
  expect((await workerCall(page, 'searchMemory', 'forgot my password', { k: 1 }))[0]!.item.title).toBe(MEMORIES[2]!.title);
});
