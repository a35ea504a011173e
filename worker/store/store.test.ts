import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryItem } from '../../shared/model';
import { openWaymarkDb, storeSize, type WaymarkDatabase } from './database';
import { ItemStore } from './item-store';
import { RunStore } from './run-store';
import { SCHEMA_VERSION, type VectorRecord } from './schema';
import { StoreError } from './store-error';
import { clickStep } from './testdata/steps';
import { mulberry32 } from '../../shared/mulberry32';

let dbCount = 0;
const opened: WaymarkDatabase[] = [];
const freshName = () => `waymark-test-${++dbCount}`;
async function open(name = freshName()): Promise<WaymarkDatabase> {
  const db = await openWaymarkDb(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function item(id: string, text = `text of ${id}`): MemoryItem {
  return {
    id,
    kind: 'insight',
    title: `title ${id}`,
    text,
    whenToUse: 'when testing',
    scope: { origin: 'https://shop.example' },
    provenance: ['run-1'],
    counters: { retrieved: 0, helped: 0, hurt: 0 },
    utility: 0,
    pinned: false,
    createdAt: 1000,
    updatedAt: 1000,
    version: 1,
  };
}

function vector(itemId: string, values: number[]): VectorRecord {
  return { model: 'test-model', itemId, vector: new Float32Array(values), kind: 'insight', origin: 'https://shop.example' };
}

const step = clickStep;

describe('ItemStore', () => {
  it('writes an item with its vector and a history entry; updates keep the old version', async () => {
    const items = new ItemStore(await open());
    const created = await items.put(item('a'), 'create', 'learned', vector('a', [1, 0]));
    expect(created.version).toBe(1);
    const updated = await items.put({ ...created, text: 'better text' }, 'update', 'refreshed', vector('a', [0, 1]));
    expect(updated.version).toBe(2);
    expect((await items.get('a'))?.text).toBe('better text');
    const vectors = await items.vectorsOf('test-model');
    expect(vectors).toHaveLength(1);
    expect(Array.from(vectors[0]!.vector)).toEqual([0, 1]);
    const history = await items.history('a');
    expect(history.map((h) => h.change)).toEqual(['create', 'update']);
    expect(history[1]!.before?.text).toBe('text of a');
  });

  it('refuses to create an id twice', async () => {
    const items = new ItemStore(await open());
    await items.put(item('a'), 'create', 'learned');
    await expect(items.put(item('a'), 'create', 'again')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('removes an item and its vectors, and undo brings both back', async () => {
    const items = new ItemStore(await open());
    await items.put(item('a'), 'create', 'learned', vector('a', [1, 0]));
    await items.remove('a', 'user deleted it');
    expect(await items.get('a')).toBeUndefined();
    expect(await items.vectorsOf('test-model')).toHaveLength(0);
    expect(await items.undoTarget('a')).toMatchObject({ id: 'a', text: 'text of a' });
    const restored = await items.undo('a', vector('a', [1, 0]));
    expect(restored?.text).toBe('text of a');
    expect(await items.get('a')).toMatchObject({ id: 'a' });
    expect(await items.vectorsOf('test-model')).toHaveLength(1);
    expect((await items.history('a')).map((h) => h.change)).toEqual(['create', 'delete', 'undo']);
  });

  it('undo of an edit restores the text before it; undo of a creation removes the item', async () => {
    const items = new ItemStore(await open());
    const a = await items.put(item('a'), 'create', 'learned');
    await items.put({ ...a, text: 'edited' }, 'update', 'user edit');
    expect((await items.undo('a'))?.text).toBe('text of a');
    await items.put(item('b'), 'create', 'learned');
    expect(await items.undo('b')).toBeNull();
    expect(await items.get('b')).toBeUndefined();
    await expect(items.undo('never')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists newest first and filters by kind', async () => {
    const items = new ItemStore(await open());
    await items.put({ ...item('old'), updatedAt: 1 }, 'create', 'x');
    await items.put({ ...item('new'), updatedAt: 5 }, 'create', 'x');
    await items.put({ ...item('wf'), kind: 'workflow', updatedAt: 3 }, 'create', 'x');
    expect((await items.list()).map((i) => i.id)).toEqual(['new', 'wf', 'old']);
    expect((await items.list({ kind: 'workflow' })).map((i) => i.id)).toEqual(['wf']);
    expect((await items.list({ limit: 1 })).map((i) => i.id)).toEqual(['new']);
  });

  it('a quota error fails the whole write cleanly and keeps what was stored', async () => {
    const db = await open();
    const items = new ItemStore(db);
    await items.put(item('kept'), 'create', 'learned', vector('kept', [1, 0]));
    const realAdd = FakeObjectStore.prototype.add;
    // The disk fills up as the history entry is written, after the item and its vector were put.
    FakeObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if ((value as { after?: { text?: string } }).after?.text === 'huge') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realAdd.call(this, value, key) as IDBRequest<IDBValidKey>;
    } as typeof FakeObjectStore.prototype.add;
    try {
      const error = await items.put({ ...item('kept'), text: 'huge' }, 'update', 'grow', vector('kept', [0, 1])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'quota_exceeded', message: expect.stringContaining('Nothing stored was changed') });
    } finally {
      FakeObjectStore.prototype.add = realAdd;
    }
    expect((await items.get('kept'))?.text).toBe('text of kept');
    expect(Array.from((await items.vectorsOf('test-model'))[0]!.vector)).toEqual([1, 0]);
    expect(await items.history('kept')).toHaveLength(1);
    // And the store still takes writes afterwards.
    await items.put(item('next'), 'create', 'learned');
    expect(await items.count()).toBe(2);
  });
});

describe('RunStore', () => {
  it('appends steps one by one and reads the run back in order', async () => {
    const runs = new RunStore(await open());
    await runs.start({ id: 'r1', task: 'buy socks', origin: 'https://shop.example', startedAt: 1, source: 'agent' });
    expect(await runs.appendStep('r1', step(0))).toBe(0);
    expect(await runs.appendStep('r1', step(1), 'shot-1')).toBe(1);
    // A run cut off here (no finish) still has both steps.
    const partial = await runs.get('r1');
    expect(partial?.steps.map((s) => s.startedAt)).toEqual([2000, 2001]);
    expect(partial?.screenshots).toEqual({ '1': 'shot-1' });
    await runs.finish('r1', { status: 'success', judgedBy: 'check', reason: 'order placed' }, 50);
    const done = await runs.get('r1');
    expect(done).toMatchObject({ endedAt: 50, outcome: { status: 'success' } });
    await expect(runs.appendStep('r1', step(2))).rejects.toMatchObject({ code: 'conflict' });
    await expect(runs.appendStep('nope', step(0))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists runs newest first and removes a run with its steps and screenshots', async () => {
    const db = await open();
    const runs = new RunStore(db);
    await runs.start({ id: 'old', task: 'a', origin: 'o', startedAt: 1, source: 'agent' });
    await runs.start({ id: 'new', task: 'b', origin: 'o', startedAt: 2, source: 'demonstration' });
    await runs.appendStep('old', step(0));
    const image = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    await runs.putScreenshot({ key: 'old-0', trajectoryId: 'old', stepIndex: 0, image, thumbnail: image, width: 1, height: 1, createdAt: 1 });
    expect((await runs.list()).map((r) => r.id)).toEqual(['new', 'old']);
    expect((await runs.screenshot('old-0'))?.image.size).toBe(3);
    await runs.remove('old');
    expect(await runs.get('old')).toBeUndefined();
    expect(await runs.screenshotsOf('old')).toEqual([]);
    expect((await storeSize(db)).counts).toMatchObject({ trajectories: 1, steps: 0, screenshots: 0 });
  });
});

describe('schema', () => {
  it('migrates a version-1 database and keeps every item and run', async () => {
    const name = freshName();
    const v1 = await openWaymarkDb(name, 1);
    const raw = v1 as unknown as Awaited<ReturnType<typeof openDB>>;
    for (let i = 0; i < 25; i++) await raw.put('items', item(`item-${i}`));
    await raw.put('trajectories', { id: 'r1', task: 'old run', origin: 'o', startedAt: 5, screenshots: {}, source: 'agent', steps: [step(0), step(1)] });
    v1.close();

    const db = await open(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    const items = new ItemStore(db);
    expect(await items.count()).toBe(25);
    expect((await items.get('item-7'))?.text).toBe('text of item-7');
    expect((await items.history('item-7')).map((h) => h.change)).toEqual(['create']);
    const run = await new RunStore(db).get('r1');
    expect(run?.steps).toHaveLength(2);
    expect((await new RunStore(db).header('r1'))?.stepCount).toBe(2);
    // Appending after the migration continues the numbering.
    expect(await new RunStore(db).appendStep('r1', step(2))).toBe(2);
  });

  it('migrates generated version-1 stores keeping every item, run and step (property test, 30 stores)', async () => {
    const rand = mulberry32(2026);
    const int = (n: number) => Math.floor(rand() * n);
    const texts = ['', 'plain', 'ünïcödé ✓ 日本', 'line\nbreak', '"quoted" {braces}', 'x'.repeat(5_000)];
    for (let store = 0; store < 30; store++) {
      const name = freshName();
      const v1 = await openWaymarkDb(name, 1);
      const raw = v1 as unknown as Awaited<ReturnType<typeof openDB>>;
      const items = Array.from({ length: int(60) }, (_, i) => ({ ...item(`s${store}-item-${i}`, texts[int(texts.length)]!), kind: (['episode', 'workflow', 'insight', 'keyframe'] as const)[int(4)], pinned: rand() < 0.2, createdAt: 1000 + int(1e6), utility: rand() }));
      for (const it of items) await raw.put('items', it);
      const runs = Array.from({ length: int(8) }, (_, r) => ({ id: `s${store}-run-${r}`, task: texts[int(texts.length)]!, origin: 'https://o.example', startedAt: int(1e9), screenshots: {}, source: rand() < 0.5 ? 'agent' : 'demonstration', steps: Array.from({ length: int(12) }, (_, k) => step(k)), ...(rand() < 0.7 ? { endedAt: 2e9, outcome: { status: 'success', judgedBy: 'check', reason: 'ok' } } : {}) }));
      for (const run of runs) await raw.put('trajectories', run);
      v1.close();

      const db = await open(name);
      expect(db.version).toBe(SCHEMA_VERSION);
      const store2 = new ItemStore(db);
      expect(await store2.count(), `store ${store}`).toBe(items.length);
      for (const it of items) {
        expect(await store2.get(it.id)).toEqual(it);
        expect((await store2.history(it.id)).map((h) => h.change)).toEqual(['create']);
      }
      const runStore = new RunStore(db);
      for (const run of runs) {
        const { steps, ...header } = run;
        const kept = await runStore.get(run.id);
        expect(kept?.steps).toEqual(steps);
        expect(kept).toMatchObject(header);
        expect((await runStore.header(run.id))?.stepCount).toBe(steps.length);
      }
    }
  });

  it('a database from a newer Waymark is refused with a clear error and left alone', async () => {
    const name = freshName();
    const newer = await openDB(name, SCHEMA_VERSION + 1, { upgrade: (db) => void db.createObjectStore('future') });
    newer.close();
    await expect(openWaymarkDb(name)).rejects.toMatchObject({ code: 'newer_schema' });
    const again = await openDB(name);
    expect(again.version).toBe(SCHEMA_VERSION + 1);
    again.close();
  });
});
