// Memory items with their vectors and their history. Every change of an item is a
// history entry written in the same transaction, so nothing is ever lost silently
// and any change can be undone.
import type { IDBPObjectStore } from 'idb';
import type { MemoryItem } from '../../shared/model';
import type { WaymarkDatabase } from './database';
import type { HistoryChange, HistoryRecord, VectorRecord, WaymarkDB } from './schema';
import { StoreError, writeAtomically } from './store-error';

type ItemTxStores = ('items' | 'vectors' | 'history')[];
type VectorStore = IDBPObjectStore<WaymarkDB, ItemTxStores, 'vectors', 'readwrite'>;

export interface ItemListQuery {
  kind?: string;
  limit?: number;
}

async function replaceVectors(store: VectorStore, itemId: string, vector?: VectorRecord): Promise<void> {
  for (const key of await store.index('byItem').getAllKeys(itemId)) await store.delete(key);
  if (vector) await store.put({ ...vector, itemId });
}

/** A change made from a version of an item that is no longer the stored one: make it again from the stored one. */
export class StaleWriteError extends StoreError {
  constructor(id: string, basedOn: number, stored: number) {
    super('conflict', `Memory item ${id} changed meanwhile (version ${stored}; the change was made from version ${basedOn}).`);
  }
}

export class ItemStore {
  constructor(private readonly db: WaymarkDatabase) {}

  get(id: string): Promise<MemoryItem | undefined> {
    return this.db.get('items', id);
  }

  count(): Promise<number> {
    return this.db.count('items');
  }

  /** Items, most recently changed first. */
  async list(query: ItemListQuery = {}): Promise<MemoryItem[]> {
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const out: MemoryItem[] = [];
    const tx = this.db.transaction('items');
    for (let c = await tx.store.index('byUpdated').openCursor(null, 'prev'); c && out.length < limit; c = await c.continue()) {
      if (query.kind === undefined || c.value.kind === query.kind) out.push(c.value);
    }
    return out;
  }

  /**
   * Writes an item, its vector and a history entry together. The store sets
   * `version`; an update keeps the previous version in history. With `basedOn` (the
   * version the change was made from), a write that finds another version stored —
   * someone changed the item meanwhile — is refused with a `StaleWriteError`, so no
   * change is ever lost by being written over.
   */
  put(item: MemoryItem, change: Exclude<HistoryChange, 'delete' | 'prune' | 'undo'>, reason: string, vector?: VectorRecord, basedOn?: number): Promise<MemoryItem> {
    return writeAtomically(`memory item "${item.title}"`, () => this.db.transaction(['items', 'vectors', 'history'], 'readwrite'), async (tx) => {
      const before = (await tx.objectStore('items').get(item.id)) ?? null;
      if (change === 'create' && before) throw new StoreError('conflict', `A memory item with id ${item.id} already exists.`);
      if (basedOn !== undefined) {
        if (!before) throw new StoreError('not_found', `No memory item with id ${item.id} (deleted meanwhile).`);
        if (before.version !== basedOn) throw new StaleWriteError(item.id, basedOn, before.version);
      }
      const after: MemoryItem = { ...item, version: (before?.version ?? 0) + 1, updatedAt: Math.max(item.updatedAt, before?.updatedAt ?? 0) };
      await tx.objectStore('items').put(after);
      if (vector) await replaceVectors(tx.objectStore('vectors'), item.id, vector);
      await tx.objectStore('history').add({ itemId: item.id, at: Date.now(), change, before, after, reason });
      return after;
    });
  }

  /**
   * Removes an item and its vectors; the item stays in its history, and undo brings it
   * back. With `forgetPast` (storage is full) its earlier versions go too: only the
   * removal stays, and with it the item as it was.
   */
  remove(id: string, reason: string, change: 'delete' | 'prune' = 'delete', { forgetPast = false } = {}): Promise<MemoryItem> {
    return writeAtomically(`the removal of memory item ${id}`, () => this.db.transaction(['items', 'vectors', 'history'], 'readwrite'), async (tx) => {
      const before = await tx.objectStore('items').get(id);
      if (!before) throw new StoreError('not_found', `No memory item with id ${id}.`);
      await tx.objectStore('items').delete(id);
      await replaceVectors(tx.objectStore('vectors'), id);
      if (forgetPast) for (const key of await tx.objectStore('history').index('byItem').getAllKeys(id)) await tx.objectStore('history').delete(key);
      await tx.objectStore('history').add({ itemId: id, at: Date.now(), change, before, after: null, reason });
      return before;
    });
  }

  /** Every change of an item, oldest first. */
  async history(id: string): Promise<HistoryRecord[]> {
    const entries = await this.db.getAllFromIndex('history', 'byItem', id);
    return entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  /** What undoing the item's last change brings back: an item, or null when the undo removes it. */
  async undoTarget(id: string): Promise<MemoryItem | null> {
    const last = (await this.history(id)).at(-1);
    if (!last) throw new StoreError('not_found', `Memory item ${id} has no history to undo.`);
    return last.before;
  }

  /**
   * Undoes the item's last change: restores the version before it (with `vector`, the
   * embedding of its text) or removes an item its last change created. Kept in history.
   */
  undo(id: string, vector?: VectorRecord): Promise<MemoryItem | null> {
    return writeAtomically(`the undo for memory item ${id}`, () => this.db.transaction(['items', 'vectors', 'history'], 'readwrite'), async (tx) => {
      const entries = await tx.objectStore('history').index('byItem').getAll(id);
      const last = entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).at(-1);
      if (!last) throw new StoreError('not_found', `Memory item ${id} has no history to undo.`);
      const current = (await tx.objectStore('items').get(id)) ?? null;
      let restored: MemoryItem | null = null;
      if (last.before) {
        restored = { ...last.before, version: (current?.version ?? last.after?.version ?? last.before.version) + 1 };
        await tx.objectStore('items').put(restored);
        await replaceVectors(tx.objectStore('vectors'), id, vector);
      } else {
        await tx.objectStore('items').delete(id);
        await replaceVectors(tx.objectStore('vectors'), id);
      }
      await tx.objectStore('history').add({ itemId: id, at: Date.now(), change: 'undo', before: current, after: restored, reason: `undo of ${last.change}` });
      return restored;
    });
  }

  /** All vectors of one embedder, to build the index on start. */
  vectorsOf(model: string): Promise<VectorRecord[]> {
    return this.db.getAll('vectors', IDBKeyRange.bound([model, ''], [model, '\uffff']));
  }

  /** Vectors from another embedder (after a model switch), in one transaction. */
  putVectors(records: VectorRecord[]): Promise<void> {
    return writeAtomically(`${records.length} vectors`, () => this.db.transaction('vectors', 'readwrite'), async (tx) => {
      for (const r of records) await tx.store.put(r);
    });
  }
}
