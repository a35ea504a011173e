import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMemoryItem } from '../shared/worker-api';
import { EmbedderService } from './embedder-service';
import { Memory } from './memory';
import type { TextEmbedder } from './models/embedder';
import { createGloveEmbedder } from './models/glove-embedder';
import { loadGloveFiles } from './models/testdata/glove-files';
import { openWaymarkDb, type WaymarkDatabase } from './store/database';
import { ItemStore } from './store/item-store';
import { KeyValueStore } from './store/key-value-store';

let glove: TextEmbedder;
let embedCalls = 0;
/** The real bundled embedder, counting how many texts it was asked to embed. */
const counting: TextEmbedder = {
  get id() {
    return glove.id;
  },
  get dimensions() {
    return glove.dimensions;
  },
  get backend() {
    return glove.backend;
  },
  embed: (texts) => {
    embedCalls += texts.length;
    return glove.embed(texts);
  },
  dispose: async () => undefined,
};

beforeAll(async () => {
  const { model, vocab } = loadGloveFiles();
  glove = await createGloveEmbedder({ model, vocab, preference: 'wasm' });
}, 120_000);
afterAll(() => glove.dispose());

let n = 0;
async function memoryOn(db?: WaymarkDatabase, embedder: TextEmbedder = counting) {
  const database = db ?? (await openWaymarkDb(`memory-test-${++n}`));
  const service = new EmbedderService({ loadDefault: async () => embedder, loadTransformer: () => Promise.reject(new Error('offline')) }, new KeyValueStore(database, 'settings'));
  return { db: database, memory: new Memory(new ItemStore(database), service) };
}

const insight = (title: string, whenToUse: string, text: string, origin = 'https://shop.example'): NewMemoryItem => ({ kind: 'insight', title, whenToUse, text, scope: { origin }, provenance: [] });

const SEEDS = [
  insight('Coupon field hides under the basket', 'When applying a discount code at checkout', 'Open the basket, then "Have a code?" shows the coupon field.'),
  insight('Weather page needs a city', 'When checking tomorrow’s weather forecast', 'Type the city and pick it from the suggestions.'),
  insight('Returns start from the orders list', 'When sending back an item bought online', 'Go to Orders, choose the order, then "Return items".', 'https://other.example'),
];

describe('Memory', () => {
  it('finds items by meaning, within a scope, and keeps edits and undo in the index', async () => {
    const { memory } = await memoryOn();
    const [coupon, weather, returns] = await Promise.all(SEEDS.map((s) => memory.add(s)));
    expect((await memory.search('use a promo voucher when paying', { k: 1 }))[0]!.item.id).toBe(coupon!.id);
    expect((await memory.search('will it rain in Paris tomorrow', { k: 1 }))[0]!.item.id).toBe(weather!.id);
    expect((await memory.search('return a parcel', { k: 3, filter: { origin: 'https://shop.example' } })).map((h) => h.item.id)).not.toContain(returns!.id);

    // After an edit the item is found by its new meaning; after undo, by the old one.
    await memory.update(weather!.id, { title: 'Train times need a station', whenToUse: 'When looking up a train departure', text: 'Pick the station first.' });
    expect((await memory.search('when does the next train leave', { k: 1 }))[0]!.item.id).toBe(weather!.id);
    await memory.undo(weather!.id);
    expect((await memory.search('will it rain in Paris tomorrow', { k: 1 }))[0]!.item.id).toBe(weather!.id);

    await memory.remove(coupon!.id);
    expect((await memory.search('use a promo voucher when paying', { k: 3 })).map((h) => h.item.id)).not.toContain(coupon!.id);
    expect((await memory.search('use a promo voucher when paying', { k: 3, floor: 0.99 }))).toEqual([]);
  });

  it('stores an item without a single known word, and huge texts, without breaking search', async () => {
    const { memory } = await memoryOn();
    const odd = await memory.add(insight('qqqzzx', 'xxyyzz', 'zzqqxx'));
    const huge = await memory.add(insight('Long page notes', 'When reading a long page', 'word '.repeat(200_000) + 'x'.repeat(3_000_000)));
    expect(odd.id).toBeTruthy();
    expect(huge.text.length).toBeGreaterThan(3_000_000);
    expect(await memory.search('qqqzzx')).toEqual([]);
    expect((await memory.search('notes about a long page', { k: 1 }))[0]!.item.id).toBe(huge.id);
    expect((await memory.indexStatus()).size).toBe(1);
  });

  it('rebuilds the index from stored vectors on start, embedding only items that have none', async () => {
    const first = await memoryOn();
    for (const s of SEEDS) await first.memory.add(s);
    const before = embedCalls;
    const again = await memoryOn(first.db);
    expect((await again.memory.search('discount code', { k: 1 }))[0]!.item.title).toBe(SEEDS[0]!.title);
    expect(embedCalls - before).toBe(1); // the query, nothing else
    expect((await again.memory.indexStatus()).size).toBe(SEEDS.length);
  });

  it('gives every item a vector of a newly chosen embedder', async () => {
    const { db, memory } = await memoryOn();
    for (const s of SEEDS) await memory.add(s);
    // Another model: same vectors under another id, so all items must be embedded again.
    const other: TextEmbedder = { ...counting, id: 'other-model', dimensions: glove.dimensions, backend: 'wasm', embed: counting.embed, dispose: async () => undefined };
    const switched = await memoryOn(db, other);
    const before = embedCalls;
    expect((await switched.memory.search('send an item back', { k: 1 }))[0]!.item.title).toBe(SEEDS[2]!.title);
    expect(embedCalls - before).toBe(SEEDS.length + 1);
    expect(await new ItemStore(db).vectorsOf('other-model')).toHaveLength(SEEDS.length);
  });
});
