// Consolidation against a real Memory (fake IndexedDB, the bundled GloVe embedder):
// duplicates merge into one item, the same run learned twice changes nothing, a
// success supersedes the older lesson that said to avoid what it clicked — with the
// reason in history and undo bringing it back — and a pinned item is never superseded.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { NewMemoryItem } from '../../shared/worker-api';
import { useGloveEmbedder } from '../models/testdata/glove-suite';
import { condense } from './condenser';
import { consolidate } from './consolidate';
import { itemsFor } from './memory-writer';
import { coachOn } from './testdata/coach-setup';
import { link, moved, page } from '../agent/testdata/pages';
import { click, HOME, judged, ORIGIN, step, subscribeRun, trajectory } from './testdata/runs';

const glove = useGloveEmbedder();

const ALL = { writes: ['episode', 'workflow', 'insight', 'keyframe'] as const };

/** The items a run writes, of one kind. */
function written(run: ReturnType<typeof subscribeRun>, kind: NewMemoryItem['kind']): NewMemoryItem {
  const item = itemsFor(condense(run), { writes: [...ALL.writes] }).find((i) => i.kind === kind);
  if (!item) throw new Error(`the run wrote no ${kind}`);
  return item;
}

const joined = (id: string, name = 'Ada Lovelace', email = 'ada@example.com') => subscribeRun(id, name, email, HOME.join, judged('success'));
/** A failure after clicking Join (the site was down that day): its lesson says to avoid Join. */
const joinFailed = (id: string) => subscribeRun(id, 'Ada Lovelace', 'ada@example.com', HOME.join, judged('failure'), 'Nothing happened');

/** Follows a named link on a small menu page: the link's name is not typed, so it stays a constant at first. */
function followed(id: string, name: string) {
  const menu = page(`${ORIGIN}/`, 'Menu', ['Pricing', 'Features', 'Careers'].map((n) => link(n, `/${n.toLowerCase()}`)));
  const at = menu.elements.findIndex((e) => e.name === name);
  return trajectory(`Follow the link ${name}`, [step(0, menu, [click(at)], [moved(`${ORIGIN}/${name.toLowerCase()}`)])], judged('success'), id);
}

describe('consolidate', () => {
  it('generalises the workflow of a second instance that differs in a control’s name, instead of keeping two', async () => {
    const { memory, items } = await coachOn(glove);
    const first = await consolidate(memory, written(followed('run-1', 'Pricing'), 'workflow'));
    expect(first.item.data?.workflow).toMatchObject({ task: 'Follow the link Pricing', variables: [] });
    const second = await consolidate(memory, written(followed('run-2', 'Features'), 'workflow'));
    expect(second).toMatchObject({ action: 'update', item: { id: first.item.id } });
    expect(second.item.data?.workflow).toMatchObject({ task: 'Follow the link {name}', steps: [{ kind: 'click', target: { name: '{name}' } }] });
    expect(await items.list({ kind: 'workflow' })).toHaveLength(1);
    expect((await items.history(first.item.id)).at(-1)?.reason).toContain('{name} now a variable');
  });

  it('merges an identical item into the one already there: provenance grows, seen adds up', async () => {
    const { memory, items } = await coachOn(glove);
    const first = await consolidate(memory, written(joined('run-1'), 'episode'));
    expect(first.action).toBe('add');
    const again = await consolidate(memory, written(joined('run-2'), 'episode'));
    expect(again.action).toBe('update');
    expect(again.item.id).toBe(first.item.id);
    expect(again.item.provenance).toEqual(['run-1', 'run-2']);
    expect(again.item.data?.seen).toBe(2);
    expect(await items.list({ kind: 'episode' })).toHaveLength(1);
    expect((await items.history(first.item.id)).map((h) => h.change)).toEqual(['create', 'merge']);
  });

  it('merges the workflows of two runs with other values, counting both successes', async () => {
    const { memory, items } = await coachOn(glove);
    await consolidate(memory, written(joined('run-1'), 'workflow'));
    const merged = await consolidate(memory, written(joined('run-2', 'Grace Hopper', 'grace@navy.mil'), 'workflow'));
    expect(merged.action).toBe('update');
    expect(merged.item.data?.succeeded).toBe(2);
    expect(await items.list({ kind: 'workflow' })).toHaveLength(1);
  });

  it('merges the success lessons of two runs that differ only in the task values', async () => {
    const { memory, items } = await coachOn(glove);
    await consolidate(memory, written(joined('run-1'), 'insight'));
    const second = await consolidate(memory, written(joined('run-2', 'Grace Hopper', 'grace@navy.mil'), 'insight'));
    expect(second.action).toBe('update');
    expect(await items.list({ kind: 'insight' })).toHaveLength(1);
  });

  it('keeps a success episode apart from a failure episode on the same path, however alike their text', async () => {
    const { memory, items } = await coachOn(glove);
    const failure = await consolidate(memory, written(joinFailed('run-1'), 'episode'));
    const success = await consolidate(memory, written(joined('run-2'), 'episode'));
    expect(success.action).toBe('add');
    expect((await items.get(failure.item.id))?.data?.outcome).toMatchObject({ status: 'failure' });
    expect(await items.list({ kind: 'episode' })).toHaveLength(2);
  });

  it('keeps two failure lessons apart when they avoid different controls, even in the same words', async () => {
    const { memory, items } = await coachOn(glove);
    const deals = written(subscribeRun('run-1', 'Ada Lovelace', 'ada@example.com', HOME.deals, judged('failure')), 'insight');
    const join = written(joinFailed('run-2'), 'insight');
    // As an LLM writer might word both: the same text, different controls to avoid.
    const words = { title: 'Pitfall: the wrong button', text: 'That button led to a page that did not subscribe anyone. Use another control.' };
    await consolidate(memory, { ...deals, ...words });
    const second = await consolidate(memory, { ...join, ...words });
    expect(second.action).toBe('add');
    const avoided = (await items.list({ kind: 'insight' })).map((i) => (i.data?.avoid as { target: { name: string } }[]).map((a) => a.target.name).join()).sort();
    expect(avoided).toEqual(['Join', 'Subscribe to deals']);
  });

  it('does nothing when the same run is learned from twice', async () => {
    const { memory, items } = await coachOn(glove);
    const item = written(joined('run-1'), 'episode');
    const first = await consolidate(memory, item);
    const again = await consolidate(memory, item);
    expect(again).toEqual({ action: 'no-op', item: first.item });
    expect((await items.get(first.item.id))!.version).toBe(1);
    expect((await items.get(first.item.id))!.data?.seen).toBe(1);
  });

  it('lets a success that clicked X supersede the older lesson to avoid X, kept in history and undoable', async () => {
    const { memory, items } = await coachOn(glove);
    const lesson = written(joinFailed('run-1'), 'insight');
    expect(lesson.data?.avoid).toEqual([expect.objectContaining({ target: expect.objectContaining({ name: 'Join' }) })]);
    const old = (await consolidate(memory, lesson)).item;

    const fresh = await consolidate(memory, written(joined('run-2'), 'insight'));
    expect(fresh).toMatchObject({ action: 'supersede', superseded: [old.id] });
    expect(await items.get(old.id)).toBeUndefined();
    expect((await items.list({ kind: 'insight' })).map((i) => i.id)).toEqual([fresh.item.id]);
    const last = (await items.history(old.id)).at(-1)!;
    expect(last.change).toBe('delete');
    expect(last.reason).toContain(`superseded by "${fresh.item.title}" (${fresh.item.id}) from run run-2`);
    expect(last.before?.id).toBe(old.id);

    const restored = await memory.undo(old.id);
    expect(restored?.data?.avoid).toEqual(lesson.data?.avoid);
    expect((await items.get(old.id))?.text).toBe(old.text);
    // Back in the index too: found again by search.
    expect((await memory.search(old.text, { k: 3 })).map((h) => h.item.id)).toContain(old.id);
  });

  it('supersedes the lesson to avoid X also when the success that clicked X merges into a lesson already there', async () => {
    const { memory, items } = await coachOn(glove);
    const trusted = await memory.add({ ...written(joined('run-1'), 'insight'), counters: { retrieved: 3, helped: 3, hurt: 0 } });
    const pitfall = await consolidate(memory, written(joinFailed('run-2'), 'insight'));
    expect(pitfall.action).toBe('add'); // a failure does not overrule a lesson that helped
    const fresh = await consolidate(memory, written(joined('run-3', 'Grace Hopper', 'grace@navy.mil'), 'insight'));
    expect(fresh).toMatchObject({ action: 'supersede', item: { id: trusted.id }, superseded: [pitfall.item.id] });
    expect((await items.list({ kind: 'insight' })).map((i) => i.id)).toEqual([trusted.id]);
  });

  it('never supersedes a pinned lesson', async () => {
    const { memory, items } = await coachOn(glove);
    const old = await memory.add({ ...written(joinFailed('run-1'), 'insight'), pinned: true });
    const fresh = await consolidate(memory, written(joined('run-2'), 'insight'));
    expect(fresh.action).toBe('add');
    expect(await items.get(old.id)).toMatchObject({ id: old.id, pinned: true });
    expect(await items.list({ kind: 'insight' })).toHaveLength(2);
  });

  it('does not let a failure overrule a success lesson that has helped more than it hurt', async () => {
    const { memory, items } = await coachOn(glove);
    const trusted = await memory.add({ ...written(joined('run-1'), 'insight'), counters: { retrieved: 3, helped: 3, hurt: 0 } });
    const untried = await memory.add({ ...written(joined('run-2', 'Grace Hopper', 'grace@navy.mil'), 'insight'), provenance: ['run-2'] });
    const fresh = await consolidate(memory, written(joinFailed('run-3'), 'insight'));
    expect(fresh.action).toBe('supersede');
    expect(fresh.action === 'supersede' && fresh.superseded).toEqual([untried.id]);
    expect(await items.get(trusted.id)).toBeDefined();
  });
});
