// Storage full (issue 16): on a database with a quota, a write that does not fit makes
// room — old runs' screenshots first, then the least useful memory items — and goes
// through; when no room can be made it fails with a clear message and nothing stored
// changes.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MemoryItem } from '../../shared/model';
import { pruneLeastUseful } from '../coach/prune';
import { openWaymarkDb, type WaymarkDatabase } from './database';
import { ItemStore } from './item-store';
import { makeRoomWhenFull } from './room';
import { RunStore } from './run-store';
import { StoreError } from './store-error';
import { clickStep } from './testdata/steps';
import { storageQuota } from './testdata/storage-quota';

const quota = storageQuota();
afterAll(() => quota.restore());
let n = 0;
const opened: WaymarkDatabase[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const SHOT_BYTES = 20_000;
const DAY = 86_400_000;

const step = clickStep;

function item(id: string, utility: number, extra: Partial<MemoryItem> = {}): MemoryItem {
  const now = Date.now();
  return { id, kind: 'insight', title: `lesson ${id}`, text: `what ${id} says`, whenToUse: 'when testing', scope: { origin: 'https://shop.example' }, provenance: ['run-0'], counters: { retrieved: 4, helped: Math.round(utility * 4), hurt: 4 - Math.round(utility * 4) }, utility, pinned: false, createdAt: now - DAY, updatedAt: now - DAY, version: 1, ...extra };
}

/** A profile with `runs` finished runs of 3 steps and 3 screenshots each, and the items given. */
async function profile(runCount: number, items: MemoryItem[]) {
  const name = `room-test-${++n}`;
  const db = await openWaymarkDb(name);
  opened.push(db);
  const runs = new RunStore(db);
  const store = new ItemStore(db);
  makeRoomWhenFull(db, async (count) => (await pruneLeastUseful({ remove: (id, reason, change, options) => store.remove(id, reason ?? '', change, options) }, store, () => count, 'to make room: storage is full', { forgetPast: true })).length);
  for (let r = 0; r < runCount; r++) {
    await runs.start({ id: `run-${r}`, task: `task ${r}`, origin: 'https://shop.example', startedAt: 1000 + r, source: 'agent' });
    for (let s = 0; s < 3; s++) {
      const image = new Blob([new Uint8Array(SHOT_BYTES)], { type: 'image/jpeg' });
      await runs.putScreenshot({ key: `shot-${r}-${s}`, trajectoryId: `run-${r}`, stepIndex: s, image, thumbnail: image, width: 1, height: 1, createdAt: 1 });
      await runs.appendStep(`run-${r}`, step(s), `shot-${r}-${s}`);
    }
    await runs.finish(`run-${r}`, { status: 'success', judgedBy: 'check', reason: 'ok' });
  }
  for (const i of items) await store.put(i, 'create', 'learned');
  return { name, db, runs, store };
}

const bigShot = (key: string, trajectoryId: string) => {
  const image = new Blob([new Uint8Array(3 * SHOT_BYTES)], { type: 'image/jpeg' });
  return { key, trajectoryId, stepIndex: 0, image, thumbnail: image, width: 1, height: 1, createdAt: 2 };
};

describe('storage full', () => {
  it("makes room from the oldest runs' screenshots, keeping their steps and the screens memory keeps", async () => {
    const keyframe = item('keyframe', 0.9, { kind: 'keyframe', data: { screenshotKey: 'shot-0-1' } });
    const p = await profile(6, [keyframe]);
    const limit = quota.usage(p.name) + SHOT_BYTES;
    quota.limit(p.name, limit);
    await p.runs.start({ id: 'now', task: 'a new run', origin: 'https://shop.example', startedAt: 5000, source: 'agent' });
    await p.runs.putScreenshot(bigShot('shot-now', 'now'));
    expect(await p.runs.appendStep('now', step(0), 'shot-now')).toBe(0);

    // The three oldest runs lost their screenshots (but the keyframe's); the newer ones kept theirs.
    for (let r = 0; r < 6; r++) {
      const keys = (await p.runs.screenshotsOf(`run-${r}`)).map((s) => s.key).sort();
      expect(keys, `run-${r}`).toEqual(r < 3 ? (r === 0 ? ['shot-0-1'] : []) : [`shot-${r}-0`, `shot-${r}-1`, `shot-${r}-2`]);
      const run = (await p.runs.get(`run-${r}`))!;
      expect(run.steps.map((s) => s.index)).toEqual([0, 1, 2]);
      expect(Object.values(run.screenshots).sort()).toEqual(keys);
    }
    expect((await p.store.get('keyframe'))?.version).toBe(1);
    expect(quota.usage(p.name)).toBeLessThanOrEqual(limit);
  });

  it('prunes the least useful memory items (never pinned ones) when no screenshot is left to remove', async () => {
    const items = [item('poor', 0.1), item('poorer', 0.05), item('pinned-poor', 0, { pinned: true }), ...Array.from({ length: 8 }, (_, i) => item(`good-${i}`, 0.8))];
    const p = await profile(0, items);
    quota.limit(p.name, quota.usage(p.name) + 400);
    // The new item and its history entry need more room than one pruned item leaves: a tenth at a time, twice.
    const written = await p.store.put(item('new', 0.5), 'create', 'learned');
    expect(written.id).toBe('new');
    expect(await p.store.get('poorer')).toBeUndefined();
    expect(await p.store.get('poor')).toBeUndefined();
    expect(await p.store.get('pinned-poor')).toBeDefined();
    // Only its removal stays in its history, and undo brings it back.
    expect(await p.store.history('poor')).toEqual([expect.objectContaining({ change: 'prune', before: expect.objectContaining({ id: 'poor' }), reason: expect.stringMatching(/^pruned to make room: storage is full/) })]);
    for (let i = 0; i < 8; i++) expect(await p.store.get(`good-${i}`)).toBeDefined();
  });

  it('says clearly that storage is full when no room can be made, and changes nothing stored', async () => {
    const p = await profile(1, [item('only', 0.5, { pinned: true })]);
    quota.limit(p.name, quota.usage(p.name) + 10);
    const before = { runs: await p.runs.get('run-0'), shots: (await p.runs.screenshotsOf('run-0')).length };
    // The run's screenshots go, and that is still not room enough for a much bigger one.
    const failure = await p.runs.putScreenshot({ ...bigShot('huge', 'run-0'), image: new Blob([new Uint8Array(10 * SHOT_BYTES)]) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ code: 'quota_exceeded', message: expect.stringMatching(/^Not enough storage space to save screenshot huge \(even after removing 3 screenshots of old runs and 0 of the least useful memory items\)\. Nothing stored was changed/) });
    expect(before.shots).toBe(3);
    expect((await p.runs.get('run-0'))!.steps).toEqual(before.runs!.steps);
    expect(await p.runs.screenshot('huge')).toBeUndefined();
    expect((await p.store.get('only'))?.version).toBe(1);
    // Nothing left to remove: it says so.
    const again = await p.runs.putScreenshot({ ...bigShot('huge', 'run-0'), image: new Blob([new Uint8Array(10 * SHOT_BYTES)]) }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'quota_exceeded', message: expect.stringMatching(/^Not enough storage space to save screenshot huge \(and nothing could be removed to make room\)\./) });
    // Once room is there again (a bigger quota), writes go through.
    quota.limit(p.name, null);
    await p.runs.putScreenshot(bigShot('huge', 'run-0'));
    expect(await p.runs.screenshot('huge')).toBeDefined();
  });
});
