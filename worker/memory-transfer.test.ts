import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { sendErrorCodes } from '../shared/comlink-errors';
import { checkMemoryExport, type MemoryExport } from '../shared/memory-export';
import type { MemoryItem } from '../shared/model';
import { clearMemory, exportMemory, importMemory, MemoryImportError } from './memory-transfer';
import { useGloveEmbedder } from './models/testdata/glove-suite';
import { memoryProfiles, snapshot } from './testdata/memory-profile';

const glove = useGloveEmbedder();

const profiles = memoryProfiles('transfer-test', () => glove);
afterEach(() => profiles.closeAll());
const { profile, seeded } = profiles;

const byId = (items: MemoryItem[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

describe('memory export and import', () => {
  it('exports items, their history and the learner state, and a fresh profile imports the same items', async () => {
    const source = await seeded();
    const file = await exportMemory(source.deps);
    expect(file.format).toBe('waymark-memory');
    expect(file.version).toBe(1);
    expect(file.items.map((i) => i.id).sort()).toEqual(['coupon', 'returns', 'weather']);
    expect(file.history!.filter((h) => h.itemId === 'weather').map((h) => h.change)).toEqual(['create', 'update']);
    expect(file.learner).toEqual([{ key: 'design.shop:checkout', value: { chosen: 'episodes-first', runs: 4, successes: 3 } }]);
    // The file survives JSON, as it does on disk.
    const onDisk: unknown = JSON.parse(JSON.stringify(file));
    expect(checkMemoryExport(onDisk).ok).toBe(true);

    const target = await profile();
    const summary = await importMemory(target.deps, onDisk);
    expect(summary).toEqual({ mode: 'merge', added: 3, updated: 0, kept: 0, removed: 0, historyEntries: 4, learnerEntries: 1 });
    expect(byId(await target.items.list())).toEqual(byId(await source.items.list()));
    expect(await target.learner.get('design.shop:checkout')).toEqual({ chosen: 'episodes-first', runs: 4, successes: 3 });
    // The item's own history came along, then the import itself, which undo takes back.
    expect((await target.items.history('weather')).map((h) => h.change)).toEqual(['create', 'update', 'create']);
    // Vectors and index are right: items are found by meaning.
    expect((await target.memory.search('use a promo voucher when paying', { k: 1 }))[0]!.item.id).toBe('coupon');
    // Exporting the imported memory gives the same items again.
    expect(byId((await exportMemory(target.deps)).items)).toEqual(byId(file.items));

    await target.memory.undo('coupon');
    expect(await target.items.get('coupon')).toBeUndefined();
  });

  it('refuses malformed, foreign and newer files with a list of problems, and changes nothing', async () => {
    const p = await seeded();
    const good = JSON.parse(JSON.stringify(await exportMemory(p.deps))) as MemoryExport;
    const before = await snapshot(p.db);

    const broken = structuredClone(good) as unknown as { items: Record<string, unknown>[] };
    broken.items[1]!.kind = 'recipe';
    delete broken.items[2]!.title;
    broken.items.push({ ...broken.items[0]! });
    const cases: [string, unknown, { path: string; message: RegExp }[]][] = [
      [
        'malformed items',
        broken,
        [
          { path: 'items[1].kind', message: /^expected one of episode\|workflow\|insight\|keyframe$/ },
          { path: 'items[2].title', message: /expected string, but it is missing/ },
        ],
      ],
      ['duplicate ids', { ...good, items: [...good.items, good.items[0]] }, [{ path: 'items[3].id', message: /duplicate id "coupon" \(first at items\[0\]\.id\)/ }]],
      ['a foreign file', { name: 'my bookmarks', items: [] }, [{ path: 'format', message: /not a Waymark memory export.*no "format" field/ }]],
      ['another format', { ...good, format: 'other-memory' }, [{ path: 'format', message: /found format "other-memory"/ }]],
      ['a newer version', { ...good, version: 2 }, [{ path: 'version', message: /newer Waymark \(export version 2; this one reads up to 1\)/ }]],
      ['not an object', [1, 2, 3], [{ path: '', message: /expected a JSON object.*found an array/ }]],
    ];
    for (const [what, file, expected] of cases) {
      const error = await importMemory(p.deps, file, 'replace').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(MemoryImportError);
      const refused = error as MemoryImportError;
      expect(refused.code).toBe('invalid_import');
      for (const e of expected) {
        expect(refused.problems.some((p) => p.path === e.path && e.message.test(p.message)), `${what}: ${JSON.stringify(refused.problems)}`).toBe(true);
        expect(refused.message).toContain(e.path);
      }
      expect(refused.message).toMatch(/nothing was changed/);
      if (what === 'malformed items') expect(refused.problems.map((p) => p.path)).toEqual(['items[1].kind', 'items[2].title', 'items[3].id']);
      expect(await snapshot(p.db), what).toEqual(before);
    }
  });

  it('changes nothing when a write fails half way (one transaction)', async () => {
    const p = await seeded();
    const file = await exportMemory(p.deps);
    const before = await snapshot(p.db);
    const target = structuredClone(file);
    target.items = target.items.map((i) => ({ ...i, id: `new-${i.id}`, updatedAt: i.updatedAt + 1 }));
    target.history = [];
    // A value IndexedDB cannot store, written after the items: the whole import is rolled back.
    target.learner = [{ key: 'broken', value: () => 1 }];
    await expect(importMemory(p.deps, target, 'replace')).rejects.toMatchObject({ code: 'storage_failed' });
    expect(await snapshot(p.db)).toEqual(before);
  });

  it('merge updates items only from newer versions and adds the rest; replace swaps memory, undoably', async () => {
    const source = await seeded();
    const file = JSON.parse(JSON.stringify(await exportMemory(source.deps))) as MemoryExport;
    const at = (id: string) => file.items.find((i) => i.id === id)!;
    const newerCoupon: MemoryItem = { ...at('coupon'), text: 'The coupon field is under "Have a code?" in the basket.', updatedAt: at('coupon').updatedAt + 60_000 };
    const olderWeather: MemoryItem = { ...at('weather'), text: 'an old text', updatedAt: at('weather').updatedAt - 60_000 };
    const fresh: MemoryItem = { ...at('returns'), id: 'train', title: 'Train times need a station', whenToUse: 'When looking up a train departure', text: 'Pick the station first.' };
    const incoming: MemoryExport = { ...file, items: [newerCoupon, olderWeather, fresh], history: [], learner: [{ key: 'design.shop:checkout', value: 'theirs' }, { key: 'design.mail', value: 'new' }] };

    const merged = await seeded();
    const couponBefore = (await merged.items.get('coupon'))!;
    expect(await importMemory(merged.deps, incoming, 'merge')).toMatchObject({ added: 1, updated: 1, kept: 1, removed: 0, learnerEntries: 1 });
    expect((await merged.items.get('coupon'))!).toMatchObject({ text: newerCoupon.text, version: couponBefore.version + 1 });
    expect((await merged.items.get('weather'))!.text).toBe('Type the city, then pick it from the suggestions list.');
    expect(await merged.items.get('returns')).toBeDefined();
    expect(await merged.items.get('train')).toBeDefined();
    expect(await merged.learner.get('design.shop:checkout')).toMatchObject({ chosen: 'episodes-first' }); // this browser's learning is kept
    expect(await merged.learner.get('design.mail')).toBe('new');
    expect((await merged.memory.search('when does the next train leave', { k: 1 }))[0]!.item.id).toBe('train');
    // Undo takes the merge of an item back.
    await merged.memory.undo('coupon');
    expect((await merged.items.get('coupon'))!.text).toBe(couponBefore.text);

    const replaced = await seeded();
    expect(await importMemory(replaced.deps, incoming, 'replace')).toMatchObject({ added: 3, updated: 0, kept: 0, removed: 3, learnerEntries: 2 });
    expect((await replaced.items.list()).map((i) => i.id).sort()).toEqual(['coupon', 'train', 'weather']);
    expect((await replaced.items.get('weather'))!.text).toBe('an old text'); // replace takes the file as it is
    expect(await replaced.learner.get('design.shop:checkout')).toBe('theirs');
    // The removed item is in its history, and undo brings it back, findable again.
    expect((await replaced.items.history('returns')).at(-1)).toMatchObject({ change: 'delete', reason: 'replaced by an imported memory file' });
    expect((await replaced.memory.search('return a parcel', { k: 3 })).map((h) => h.item.id)).not.toContain('returns');
    await replaced.memory.undo('returns');
    expect((await replaced.memory.search('send a parcel back', { k: 1 }))[0]!.item.id).toBe('returns');
  });

  it('clear removes every item and the learner state, keeps each item in its history, and undo brings one back', async () => {
    const p = await seeded();
    expect(await clearMemory(p.deps)).toMatchObject({ removed: 3, added: 0 });
    expect(await p.items.list()).toEqual([]);
    expect(await p.db.getAll('learner')).toEqual([]);
    expect(await p.memory.search('apply a discount code', { k: 3 })).toEqual([]);
    expect((await p.items.history('coupon')).at(-1)).toMatchObject({ change: 'delete', reason: 'memory cleared by the user' });
    await p.memory.undo('coupon');
    expect((await p.memory.search('apply a discount code', { k: 1 }))[0]!.item.id).toBe('coupon');
  });

  it('sends the problems of a refused import across Comlink', () => {
    sendErrorCodes();
    const handler = Comlink.transferHandlers.get('throw')!;
    const refused = new MemoryImportError([{ path: 'items[0].kind', message: 'expected one of episode|workflow|insight|keyframe' }]);
    const [wire] = handler.serialize({ value: refused } as never) as [unknown, Transferable[]];
    const received = (() => {
      try {
        handler.deserialize(JSON.parse(JSON.stringify(wire)));
      } catch (e) {
        return e as Error & { code?: string; problems?: unknown };
      }
      return undefined;
    })();
    expect(received?.code).toBe('invalid_import');
    expect(received?.problems).toEqual(refused.problems);
    expect(received?.message).toContain('items[0].kind: expected one of episode|workflow|insight|keyframe');
  });
});
