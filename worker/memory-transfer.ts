// Memory out to a file and back: the export is a consistent snapshot of the items,
// their history and the learner's state; an import is checked whole first and then
// written in one transaction, so it either happens completely or not at all.
import {
  checkMemoryExport,
  formatProblems,
  type ImportMode,
  type ImportProblem,
  type ImportSummary,
  MEMORY_EXPORT_FORMAT,
  MEMORY_EXPORT_VERSION,
  type MemoryExport,
} from '../shared/memory-export';
import type { MemoryItem } from '../shared/model';
import type { EmbedderService } from './embedder-service';
import { itemEmbeddingText, type Memory, vectorRecord } from './memory';
import type { WaymarkDatabase } from './store/database';
import type { HistoryRecord, VectorRecord } from './store/schema';
import { writeAtomically } from './store/store-error';

/** An import refused because the file has problems; nothing was changed. */
export class MemoryImportError extends Error {
  readonly code = 'invalid_import';
  constructor(readonly problems: ImportProblem[]) {
    super(`The memory file was not imported (nothing was changed); ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}:\n${formatProblems(problems)}`);
    this.name = 'MemoryImportError';
  }
}

export interface MemoryTransferDeps {
  db: () => Promise<WaymarkDatabase>;
  embedders: () => Promise<EmbedderService>;
  memory: () => Promise<Memory>;
}

const EMBED_BATCH = 64;

export async function exportMemory(deps: Pick<MemoryTransferDeps, 'db'>): Promise<MemoryExport> {
  const db = await deps.db();
  // One read transaction: items, history and learner state as of the same moment.
  const tx = db.transaction(['items', 'history', 'learner']);
  const [items, history, learner] = await Promise.all([tx.objectStore('items').getAll(), tx.objectStore('history').getAll(), tx.objectStore('learner').getAll()]);
  const exported = new Set(items.map((item) => item.id));
  return {
    format: MEMORY_EXPORT_FORMAT,
    version: MEMORY_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    items: items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    history: history
      .filter((h) => exported.has(h.itemId))
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      .map(({ seq: _seq, ...entry }) => entry),
    learner: learner.map((r) => ({ key: r.key, value: r.value })),
  };
}

/**
 * Imports a memory export. Replace: every item in memory is removed (its history keeps
 * it, so it can be undone) and the file's items are added. Merge: the file's items are
 * added; one already in memory is updated only when the file's version is newer (later
 * `updatedAt`, then higher `version`). An imported item's own history comes along when
 * memory has none for its id, so the two histories never interleave; every write is
 * also a history entry of its own, so undoing it undoes the import of that item.
 * Learner state: replace takes the file's (when it has any); merge adds the keys
 * memory does not have yet, keeping what this browser learned.
 */
export async function importMemory(deps: MemoryTransferDeps, data: unknown, mode: ImportMode = 'merge'): Promise<ImportSummary> {
  const checked = checkMemoryExport(data);
  if (!checked.ok) throw new MemoryImportError(checked.problems);
  return writeImport(deps, checked.data, mode, 'replaced by an imported memory file');
}

/**
 * Clears memory: every item is removed (each removal is a history entry, so an item
 * can still be undone one by one) and the learner starts over. Runs are kept.
 */
export async function clearMemory(deps: MemoryTransferDeps): Promise<ImportSummary> {
  const empty: MemoryExport = { format: MEMORY_EXPORT_FORMAT, version: MEMORY_EXPORT_VERSION, exportedAt: new Date().toISOString(), items: [], history: [], learner: [] };
  return writeImport(deps, empty, 'replace', 'memory cleared by the user');
}

async function writeImport(deps: MemoryTransferDeps, file: MemoryExport, mode: ImportMode, removedBecause: string): Promise<ImportSummary> {

  // Embedding is not IndexedDB work, so it cannot happen inside the write transaction.
  const embedder = await (await deps.embedders()).get();
  const vectors = new Map<string, VectorRecord>();
  for (let i = 0; i < file.items.length; i += EMBED_BATCH) {
    const batch = file.items.slice(i, i + EMBED_BATCH);
    const embedded = await embedder.embed(batch.map(itemEmbeddingText));
    batch.forEach((item, j) => vectors.set(item.id, vectorRecord(embedder.id, item, embedded[j]!)));
  }
  const historyOf = groupHistory(file);
  const reason = `imported (${mode}) from a memory file exported at ${file.exportedAt}`;

  const db = await deps.db();
  const summary = await writeAtomically(
    `the import of ${file.items.length} memory items`,
    () => db.transaction(['items', 'vectors', 'history', 'learner'], 'readwrite'),
    async (tx) => {
      const items = tx.objectStore('items');
      const vectorStore = tx.objectStore('vectors');
      const history = tx.objectStore('history');
      const learner = tx.objectStore('learner');
      const now = Date.now();
      const result: ImportSummary = { mode, added: 0, updated: 0, kept: 0, removed: 0, historyEntries: 0, learnerEntries: 0 };

      const dropVectors = async (itemId: string) => {
        for (const key of await vectorStore.index('byItem').getAllKeys(itemId)) await vectorStore.delete(key);
      };

      if (mode === 'replace') {
        for (const current of await items.getAll()) {
          await items.delete(current.id);
          await dropVectors(current.id);
          await history.add({ itemId: current.id, at: now, change: 'delete', before: current, after: null, reason: removedBecause });
          result.removed++;
        }
      }

      for (const incoming of file.items) {
        const current = (await items.get(incoming.id)) ?? null;
        let written: MemoryItem;
        if (current) {
          if (!isNewer(incoming, current)) {
            result.kept++;
            continue;
          }
          written = { ...incoming, version: current.version + 1 };
          await history.add({ itemId: incoming.id, at: now, change: 'update', before: current, after: written, reason });
          result.updated++;
        } else {
          written = incoming;
          // Its own history only where this memory has none for the id: one story per item.
          if ((await history.index('byItem').count(incoming.id)) === 0) {
            for (const entry of historyOf.get(incoming.id) ?? []) {
              await history.add(entry);
              result.historyEntries++;
            }
          }
          await history.add({ itemId: incoming.id, at: now, change: 'create', before: null, after: written, reason });
          result.added++;
        }
        await items.put(written);
        await dropVectors(incoming.id);
        await vectorStore.put(vectors.get(incoming.id)!);
      }

      if (file.learner) {
        if (mode === 'replace') await learner.clear();
        for (const entry of file.learner) {
          if (mode === 'merge' && (await learner.getKey(entry.key)) !== undefined) continue;
          await learner.put({ key: entry.key, value: entry.value, updatedAt: now });
          result.learnerEntries++;
        }
      }
      return result;
    },
  );
  // The items and vectors changed underneath the index: it is rebuilt from them.
  (await deps.memory()).reloadIndex();
  return summary;
}

function isNewer(incoming: MemoryItem, current: MemoryItem): boolean {
  return incoming.updatedAt > current.updatedAt || (incoming.updatedAt === current.updatedAt && incoming.version > current.version);
}

function groupHistory(file: MemoryExport): Map<string, HistoryRecord[]> {
  const byItem = new Map<string, HistoryRecord[]>();
  for (const entry of file.history ?? []) {
    const list = byItem.get(entry.itemId) ?? [];
    list.push({ ...entry });
    byItem.set(entry.itemId, list);
  }
  return byItem;
}
