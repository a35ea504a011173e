// Plain JSON values by key: the learner's state and the worker's settings.
import type { WaymarkDatabase } from './database';
import { writeAtomically } from './store-error';

export class KeyValueStore {
  constructor(
    private readonly db: WaymarkDatabase,
    private readonly storeName: 'learner' | 'settings',
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.get(this.storeName, key))?.value as T | undefined;
  }

  /** Every entry whose key starts with `prefix`. */
  async entries<T>(prefix: string): Promise<{ key: string; value: T }[]> {
    const records = await this.db.getAll(this.storeName, IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    return records.map((r) => ({ key: r.key, value: r.value as T }));
  }

  delete(key: string): Promise<void> {
    return writeAtomically(`the removal of ${this.storeName} "${key}"`, () => this.db.transaction(this.storeName, 'readwrite'), async (tx) => {
      await tx.store.delete(key);
    });
  }

  put(key: string, value: unknown): Promise<void> {
    return writeAtomically(`${this.storeName} "${key}"`, () => this.db.transaction(this.storeName, 'readwrite'), async (tx) => {
      await tx.store.put({ key, value, updatedAt: Date.now() });
    });
  }

  /**
   * Reads a value and writes what `change` makes of it in one transaction, so two
   * writers of one key (two runs ending at once) each see the other's change.
   * `change` must be synchronous: the transaction closes when it awaits anything else.
   */
  update<T>(key: string, change: (current: T | undefined) => T): Promise<T> {
    return writeAtomically(`${this.storeName} "${key}"`, () => this.db.transaction(this.storeName, 'readwrite'), async (tx) => {
      const next = change((await tx.store.get(key))?.value as T | undefined);
      await tx.store.put({ key, value: next, updatedAt: Date.now() });
      return next;
    });
  }
}
