// The learner's state (design statistics per task cluster), as plain JSON values by key.
import type { WaymarkDatabase } from './database';
import { writeAtomically } from './store-error';

export class LearnerStore {
  constructor(private readonly db: WaymarkDatabase) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('learner', key))?.value as T | undefined;
  }

  put(key: string, value: unknown): Promise<void> {
    return writeAtomically(`learner state "${key}"`, () => this.db.transaction('learner', 'readwrite'), async (tx) => {
      await tx.store.put({ key, value, updatedAt: Date.now() });
    });
  }
}
