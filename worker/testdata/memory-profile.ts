// A fresh profile's memory as the worker wires it (database, embedders, items, learner),
// seeded with a few items and some learner state: for the export/import tests, the
// import fuzz test and `npm run stress`.
import type { MemoryItem } from '../../shared/model';
import type { NewMemoryItem } from '../../shared/worker-api';
import { EmbedderService } from '../embedder-service';
import { Memory } from '../memory';
import type { MemoryTransferDeps } from '../memory-transfer';
import type { TextEmbedder } from '../models/embedder';
import { openWaymarkDb, type WaymarkDatabase } from '../store/database';
import { ItemStore } from '../store/item-store';
import { KeyValueStore } from '../store/key-value-store';

const insight = (title: string, whenToUse: string, text: string, id?: string): NewMemoryItem => ({
  ...(id ? { id } : {}),
  kind: 'insight',
  title,
  whenToUse,
  text,
  scope: { origin: 'https://shop.example', cluster: 'shop:checkout' },
  provenance: ['run-1'],
});

export const SEEDS = [
  insight('Coupon field hides under the basket', 'When applying a discount code at checkout', 'Open the basket, then "Have a code?" shows the coupon field.', 'coupon'),
  insight('Weather page needs a city', 'When checking tomorrow’s weather forecast', 'Type the city and pick it from the suggestions.', 'weather'),
  insight('Returns start from the orders list', 'When sending back an item bought online', 'Go to Orders, choose the order, then "Return items".', 'returns'),
];

export { insight };

/** Profiles on fresh databases named `prefix-N`, each closed by `closeAll`. */
export function memoryProfiles(prefix: string, embedder: () => TextEmbedder) {
  const opened: WaymarkDatabase[] = [];
  let n = 0;
  async function profile() {
    const db = await openWaymarkDb(`${prefix}-${++n}`);
    opened.push(db);
    const embedders = new EmbedderService({ loadDefault: async () => embedder(), loadTransformer: () => Promise.reject(new Error('offline')) }, new KeyValueStore(db, 'settings'));
    const items = new ItemStore(db);
    const memory = new Memory(items, embedders);
    const deps: MemoryTransferDeps = { db: async () => db, embedders: async () => embedders, memory: async () => memory };
    return { db, items, memory, learner: new KeyValueStore(db, 'learner'), deps };
  }
  async function seeded() {
    const p = await profile();
    for (const s of SEEDS) await p.memory.add(s);
    await p.memory.update('weather', { text: 'Type the city, then pick it from the suggestions list.' });
    await p.learner.put('design.shop:checkout', { chosen: 'episodes-first', runs: 4, successes: 3 });
    return p;
  }
  return { profile, seeded, closeAll: () => void opened.splice(0).forEach((db) => db.close()) };
}

const byId = (items: MemoryItem[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

/** Everything an import could touch, to show that a refused one touched nothing. */
export async function snapshot(db: WaymarkDatabase) {
  const [items, history, vectors, learner] = await Promise.all([db.getAll('items'), db.count('history'), db.count('vectors'), db.getAll('learner')]);
  return { items: byId(items), history, vectors, learner };
}
