// Credit and blame move an item's utility by Q ← Q + 0.3(r − Q) and count the use;
// runs without a verdict move nothing. Pruning keeps memory within its budget by
// removing the items least worth keeping, never pinned ones, and keeps them in history.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemoryItem, Outcome } from '../../shared/model';
import { keepScore } from '../../shared/ranking';
import type { NewMemoryItem } from '../../shared/worker-api';
import { useGloveEmbedder } from '../models/testdata/glove-suite';
import { creditItems } from './credit';
import { pruneToBudget } from './prune';
import { coachOn } from './testdata/coach-setup';

const glove = useGloveEmbedder();
afterEach(() => vi.useRealTimers());

const DAY = 86_400_000;
const verdict = (status: Outcome['status']): Outcome => ({ status, judgedBy: 'check', reason: 'the check' });

function lesson(title: string, extra: Partial<NewMemoryItem> = {}): NewMemoryItem {
  return { kind: 'insight', title, whenToUse: `When ${title.toLowerCase()}`, text: `Do this: ${title}.`, scope: { origin: 'http://shop.test', cluster: 'buy {text}' }, provenance: ['run-0'], utility: 0.5, ...extra };
}

describe('creditItems', () => {
  it('moves utility toward 1 for a success and toward 0 for a failure, counting each use', async () => {
    const { memory, items } = await coachOn(glove);
    const item = await memory.add(lesson('Open the basket first'));
    expect((await creditItems(memory, [item.id], verdict('success'), { runId: 'run-1', task: 't' })).moved).toBe(1);
    let now = (await items.get(item.id))!;
    expect(now.utility).toBeCloseTo(0.5 + 0.3 * (1 - 0.5), 10);
    expect(now.counters).toEqual({ retrieved: 1, helped: 1, hurt: 0 });

    await creditItems(memory, [item.id], verdict('failure'), { runId: 'run-2', task: 't' });
    now = (await items.get(item.id))!;
    expect(now.utility).toBeCloseTo(0.65 + 0.3 * (0 - 0.65), 10);
    expect(now.counters).toEqual({ retrieved: 2, helped: 1, hurt: 1 });
    expect((await items.history(item.id)).map((h) => h.reason)).toEqual([expect.any(String), expect.stringMatching(/^credit from run run-1 \(success/), expect.stringMatching(/^blame from run run-2 \(failure/)]);
  });

  it('credits an item shown twice in one run once', async () => {
    const { memory, items } = await coachOn(glove);
    const item = await memory.add(lesson('Open the basket first'));
    expect((await creditItems(memory, [item.id, item.id], verdict('success'), { runId: 'run-1', task: 't' })).moved).toBe(1);
    expect((await items.get(item.id))!.counters.retrieved).toBe(1);
  });

  it('leaves recency alone: crediting is not a confirmation of the text', async () => {
    const { memory, items } = await coachOn(glove);
    const item = await memory.add(lesson('Open the basket first'));
    await new Promise((r) => setTimeout(r, 5));
    await creditItems(memory, [item.id], verdict('success'), { runId: 'run-1', task: 't' });
    expect((await items.get(item.id))!.updatedAt).toBe(item.updatedAt);
  });

  it.each(['unknown', 'interrupted'] as const)('moves nothing for a run whose outcome is %s', async (status) => {
    const { memory, items } = await coachOn(glove);
    const item = await memory.add(lesson('Open the basket first'));
    expect((await creditItems(memory, [item.id], verdict(status), { runId: 'run-1', task: 't' })).moved).toBe(0);
    expect(await items.get(item.id)).toEqual(item);
  });

  it('skips items deleted since they were shown', async () => {
    const { memory, items } = await coachOn(glove);
    const gone = await memory.add(lesson('Open the basket first'));
    const kept = await memory.add(lesson('Pick the size before adding'));
    await memory.remove(gone.id);
    expect((await creditItems(memory, [gone.id, kept.id], verdict('failure'), { runId: 'run-1', task: 't' })).moved).toBe(1);
    expect(await items.get(gone.id)).toBeUndefined();
    expect((await items.get(kept.id))!.counters.hurt).toBe(1);
  });

  it('retires a workflow after two failures in a row on new instances (undoable); a success in between, or the same instance again, does not count', async () => {
    const { memory, items } = await coachOn(glove);
    const wf = await memory.add({ ...lesson('Buy {text}'), kind: 'workflow', data: { workflow: { task: 'Buy {text}', variables: [], steps: [] } } });
    const blame = (task: string, run: string) => creditItems(memory, [wf.id], verdict('failure'), { runId: run, task });
    expect((await blame('Buy "tea"', 'run-1')).retired).toEqual([]);
    expect((await blame('Buy "tea"', 'run-2')).retired).toEqual([]); // the same instance again: no new evidence
    await creditItems(memory, [wf.id], verdict('success'), { runId: 'run-3', task: 'Buy "milk"' });
    expect((await blame('Buy "rice"', 'run-4')).retired).toEqual([]);
    expect((await blame('Buy "oats"', 'run-5')).retired).toEqual([wf.id]);
    expect(await items.get(wf.id)).toBeUndefined();
    expect((await items.history(wf.id)).at(-1)?.reason).toMatch(/^retired: the runs it was shown to failed 2 times in a row on new instances/);
    expect((await memory.undo(wf.id))?.id).toBe(wf.id);
  });

  it('credits a workflow tried on another wording of its task to its transfer record only: its own standing and streak stay', async () => {
    const { memory, items } = await coachOn(glove);
    const wf = await memory.add({ ...lesson('Buy {text}'), kind: 'workflow', data: { workflow: { task: 'Buy {text}', variables: [], steps: [] } } });
    const elsewhere = (status: Outcome['status'], task: string, run: string) => creditItems(memory, [wf.id], verdict(status), { runId: run, task, transferred: [wf.id] });
    expect((await elsewhere('failure', 'Order "tea" for me', 'run-1')).retired).toEqual([]);
    expect((await elsewhere('failure', 'Order "milk" for me', 'run-2')).retired).toEqual([]);
    await elsewhere('success', 'Order "rice" for me', 'run-3');
    const now = (await items.get(wf.id))!;
    expect(now.data?.transfer).toEqual({ tried: 3, worked: 1 });
    expect(now.counters).toEqual(wf.counters);
    expect(now.utility).toBe(wf.utility);
  });
});

describe('pruneToBudget', () => {
  /** Items whose keep scores differ by utility and use; one pinned with the worst record. */
  async function stocked() {
    const setup = await coachOn(glove);
    const add = (title: string, utility: number, counters: MemoryItem['counters'], pinned = false) => setup.memory.add(lesson(title, { utility, counters, pinned }));
    const all = {
      pinned: await add('Never delete this one', 0, { retrieved: 9, helped: 0, hurt: 9 }, true),
      useless: await add('Click the promo banner', 0.1, { retrieved: 6, helped: 0, hurt: 6 }),
      weak: await add('Scroll to the bottom first', 0.3, { retrieved: 2, helped: 0, hurt: 2 }),
      fresh: await add('Open the basket first', 0.5, { retrieved: 0, helped: 0, hurt: 0 }),
      good: await add('Pick the size before adding', 0.9, { retrieved: 5, helped: 5, hurt: 0 }),
    };
    return { ...setup, all };
  }

  it('removes the lowest keep scores first until the budget is kept, never a pinned item', async () => {
    const { memory, items, all } = await stocked();
    const pruned = await pruneToBudget(memory, items, 3);
    expect(pruned).toEqual([all.useless.id, all.weak.id]);
    expect(await items.count()).toBe(3);
    expect((await items.list()).map((i) => i.id).sort()).toEqual([all.pinned.id, all.fresh.id, all.good.id].sort());
  });

  it('keeps pruned items in history with the change "prune", so undo brings them back', async () => {
    const { memory, items, all } = await stocked();
    await pruneToBudget(memory, items, 4);
    const last = (await items.history(all.useless.id)).at(-1)!;
    expect(last).toMatchObject({ change: 'prune', after: null, before: { id: all.useless.id, title: 'Click the promo banner' } });
    expect(last.reason).toContain('within 4 items');
    expect((await memory.undo(all.useless.id))?.title).toBe('Click the promo banner');
    expect(await items.count()).toBe(5);
  });

  it('prunes nothing within the budget, and never pinned items even when only they are over it', async () => {
    const { memory, items, all } = await stocked();
    expect(await pruneToBudget(memory, items, 5)).toEqual([]);
    for (const item of [all.useless, all.weak, all.fresh, all.good]) await memory.update(item.id, { pinned: true });
    expect(await pruneToBudget(memory, items, 1)).toEqual([]);
    expect(await items.count()).toBe(5);
  });

  it('prunes the older of two items with the same record first', async () => {
    const { memory, items } = await coachOn(glove);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 60 * DAY);
    const old = await memory.add(lesson('Open the basket first'));
    vi.useRealTimers();
    const recent = await memory.add(lesson('Pick the size before adding'));
    expect(keepScore(old, Date.now())).toBeLessThan(keepScore(recent, Date.now()));
    expect(await pruneToBudget(memory, items, 1)).toEqual([old.id]);
  });
});
