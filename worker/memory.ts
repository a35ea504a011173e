// Memory items as the rest of the worker uses them: stored with their history, embedded
// by the current text embedder, and found again through the vector index.
import type { MemoryItem } from '../shared/model';
import type { ItemPatch, NewMemoryItem, SearchHit, SearchOptions } from '../shared/worker-api';
import { VectorIndex } from './index/vector-index';
import type { EmbedderService } from './embedder-service';
import type { TextEmbedder } from './models/embedder';
import { type ItemStore, StaleWriteError } from './store/item-store';
import type { VectorRecord } from './store/schema';
import { StoreError } from './store/store-error';

/** A change, or how to make it from the item as stored. */
export type PatchFrom<P> = P | ((current: MemoryItem) => P);
const patchFor = <P>(patch: PatchFrom<P>, current: MemoryItem): P => (typeof patch === 'function' ? (patch as (current: MemoryItem) => P)(current) : patch);
/** Writers racing for one item each get this many tries; beyond, the change fails with `conflict`. */
const STALE_RETRIES = 8;

/** The text an item is found by: what it is, when it applies, and what it says. */
export function itemEmbeddingText(item: Pick<MemoryItem, 'title' | 'whenToUse' | 'text'>): string {
  return [item.title, item.whenToUse, item.text].filter((s) => s.trim() !== '').join('\n');
}

const EMBED_BATCH = 64;

interface ReadyIndex {
  embedder: TextEmbedder;
  index: VectorIndex;
}

export class Memory {
  private ready: Promise<ReadyIndex> | null = null;
  private readyFor: string | null = null;

  constructor(
    private readonly items: ItemStore,
    private readonly embedders: EmbedderService,
  ) {}

  /** The index of the current embedder: built from stored vectors, embedding items that have none for it. */
  private async indexed(): Promise<ReadyIndex> {
    const embedder = await this.embedders.get();
    if (this.ready && this.readyFor === embedder.id) return this.ready;
    this.readyFor = embedder.id;
    this.ready = this.buildIndex(embedder);
    this.ready.catch(() => {
      // A failed build is retried on the next call.
      if (this.readyFor === embedder.id) this.ready = null;
    });
    return this.ready;
  }

  private async buildIndex(embedder: TextEmbedder): Promise<ReadyIndex> {
    const stored = await this.items.vectorsOf(embedder.id);
    const have = new Set(stored.map((v) => v.itemId));
    const missing = (await this.items.list()).filter((item) => !have.has(item.id));
    // Items written under another embedder (or before vectors existed) get vectors of this one.
    for (let i = 0; i < missing.length; i += EMBED_BATCH) {
      const batch = missing.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map(itemEmbeddingText));
      const records = batch.map((item, j) => vectorRecord(embedder.id, item, vectors[j]!));
      await this.items.putVectors(records);
      stored.push(...records);
    }
    const index = VectorIndex.build(
      embedder.dimensions,
      stored.filter((v) => !isZeroVector(v.vector)).map((v) => ({ id: v.itemId, vector: v.vector, scope: { origin: v.origin, kind: v.kind, cluster: v.cluster } })),
    );
    return { embedder, index };
  }

  private async embedItem(item: MemoryItem): Promise<{ record: VectorRecord; ready: ReadyIndex }> {
    const ready = await this.indexed();
    const [vector] = await ready.embedder.embed([itemEmbeddingText(item)]);
    return { record: vectorRecord(ready.embedder.id, item, vector!), ready };
  }

  /** Indexes an item's vector; a text with no known word has none worth searching by. */
  private static upsert(ready: ReadyIndex, record: VectorRecord): void {
    if (isZeroVector(record.vector)) {
      ready.index.remove(record.itemId);
      return;
    }
    ready.index.upsert({ id: record.itemId, vector: record.vector, scope: { origin: record.origin, kind: record.kind, cluster: record.cluster } });
  }

  async add(input: NewMemoryItem, reason = 'added'): Promise<MemoryItem> {
    const now = Date.now();
    const item: MemoryItem = {
      ...input,
      id: input.id ?? crypto.randomUUID(),
      counters: input.counters ?? { retrieved: 0, helped: 0, hurt: 0 },
      utility: input.utility ?? 0,
      pinned: input.pinned ?? false,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const { record, ready } = await this.embedItem(item);
    const stored = await this.items.put(item, 'create', reason, record);
    Memory.upsert(ready, record);
    return stored;
  }

  /**
   * Changes an item. Only a change to what it is found by (title, when to use, text,
   * scope) embeds it again; counters and utility move without the embedder. `patch`
   * may be a function of the stored item: it is made from the version written over,
   * and made again when another writer (a run's learning, the inspector, an import)
   * changed the item meanwhile, so neither change is lost.
   */
  async update(id: string, patch: PatchFrom<ItemPatch & { provenance?: string[] }>, reason = 'edited', change: 'update' | 'merge' = 'update'): Promise<MemoryItem> {
    return this.changeFromStored(id, async (current) => {
      const next: MemoryItem = { ...current, ...patchFor(patch, current), updatedAt: Date.now() };
      const found = (i: MemoryItem) => JSON.stringify([itemEmbeddingText(i), i.scope, i.kind]);
      if (found(next) === found(current)) return this.items.put(next, change, reason, undefined, current.version);
      const { record, ready } = await this.embedItem(next);
      const stored = await this.items.put(next, change, reason, record, current.version);
      Memory.upsert(ready, record);
      return stored;
    });
  }

  /** Counters, utility and bookkeeping in data only: the item is not touched otherwise (recency stays as it was). */
  credit(id: string, patch: PatchFrom<Pick<ItemPatch, 'counters' | 'utility' | 'data'>>, reason: string): Promise<MemoryItem> {
    return this.changeFromStored(id, (current) => this.items.put({ ...current, ...patchFor(patch, current) }, 'update', reason, undefined, current.version));
  }

  /** Reads the item and writes a change made from it, again from the newer one while another writer got there first. */
  private async changeFromStored(id: string, write: (current: MemoryItem) => Promise<MemoryItem>): Promise<MemoryItem> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.items.get(id);
      if (!current) throw new StoreError('not_found', `No memory item with id ${id}.`);
      try {
        return await write(current);
      } catch (e) {
        if (!(e instanceof StaleWriteError) || attempt >= STALE_RETRIES) throw e;
      }
    }
  }

  async remove(id: string, reason = 'deleted by the user', change: 'delete' | 'prune' = 'delete', options: { forgetPast?: boolean } = {}): Promise<MemoryItem> {
    const ready = await this.indexed();
    const removed = await this.items.remove(id, reason, change, options);
    ready.index.remove(id);
    return removed;
  }

  async undo(id: string): Promise<MemoryItem | null> {
    const target = await this.items.undoTarget(id);
    const ready = await this.indexed();
    const record = target ? (await this.embedItem(target)).record : undefined;
    const restored = await this.items.undo(id, record);
    if (restored && record) Memory.upsert(ready, record);
    else ready.index.remove(id);
    return restored;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const ready = await this.indexed();
    const [vector] = await ready.embedder.embed([query]);
    // A query without a single known word is similar to nothing.
    if (isZeroVector(vector!)) return [];
    const floor = options.floor ?? -1;
    const hits = ready.index.search(vector!, options.k ?? 10, options.filter).filter((h) => h.score >= floor);
    const out: SearchHit[] = [];
    for (const hit of hits) {
      const item = await this.items.get(hit.id);
      if (item) out.push({ item, score: hit.score });
    }
    return out;
  }

  /**
   * Forgets the built index, so the next use rebuilds it from the stored vectors: for
   * writes that bypass `add`/`update` (an import writes many items in one transaction).
   */
  reloadIndex(): void {
    this.ready = null;
    this.readyFor = null;
  }

  async indexStatus(): Promise<{ size: number; mode: 'exact' | 'approximate' }> {
    if (!this.ready) return { size: 0, mode: 'exact' };
    const { index } = await this.ready;
    return { size: index.size, mode: index.mode };
  }
}

/** The embedders give the zero vector for a text without a single known word. */
function isZeroVector(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

export function vectorRecord(model: string, item: MemoryItem, vector: Float32Array): VectorRecord {
  const record: VectorRecord = { model, itemId: item.id, vector, kind: item.kind };
  if (item.scope.origin !== undefined) record.origin = item.scope.origin;
  if (item.scope.cluster !== undefined) record.cluster = item.scope.cluster;
  return record;
}
