// Opening Waymark's one IndexedDB database (migrating it as needed) and measuring it.
import { type IDBPDatabase, openDB } from 'idb';
import { DB_NAME, migrate, SCHEMA_VERSION, type WaymarkDB } from './schema';
import { StoreError } from './store-error';

export type WaymarkDatabase = IDBPDatabase<WaymarkDB>;

export async function openWaymarkDb(name = DB_NAME, version = SCHEMA_VERSION): Promise<WaymarkDatabase> {
  try {
    return await openDB<WaymarkDB>(name, version, {
      upgrade: (db, oldVersion, newVersion, tx) => migrate(db, oldVersion, newVersion ?? version, tx),
      // A newer Waymark (after an update) wants to upgrade: step aside for it.
      blocking: (_current, _blocked, event) => (event.target as IDBDatabase).close(),
    });
  } catch (e) {
    if ((e as Error)?.name === 'VersionError') {
      throw new StoreError('newer_schema', `The memory database was written by a newer Waymark (schema newer than ${version}); update the extension. Nothing was changed.`);
    }
    throw e;
  }
}

export interface StoreSize {
  /** What the browser says this extension's storage uses and may use, where it says. */
  usageBytes: number | null;
  quotaBytes: number | null;
  counts: Record<'trajectories' | 'steps' | 'screenshots' | 'items' | 'vectors' | 'history', number>;
}

export async function storeSize(db: WaymarkDatabase): Promise<StoreSize> {
  const names = ['trajectories', 'steps', 'screenshots', 'items', 'vectors', 'history'] as const;
  const tx = db.transaction([...names]);
  const counts = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await tx.objectStore(n).count()] as const))) as StoreSize['counts'];
  let usageBytes: number | null = null;
  let quotaBytes: number | null = null;
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (storage?.estimate) {
    const estimate = await storage.estimate();
    usageBytes = estimate.usage ?? null;
    quotaBytes = estimate.quota ?? null;
  }
  return { usageBytes, quotaBytes, counts };
}
