// The memory store's IndexedDB schema, one migration per version. A database of any
// earlier version is brought forward step by step, inside the upgrade transaction,
// so an upgrade either completes or leaves the old database untouched.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { MemoryItem, Step, Trajectory } from '../../shared/model';
import type { OcrLine, VisualSignature } from '../../shared/worker-api';

export const DB_NAME = 'waymark';
export const SCHEMA_VERSION = 2;

/** A trajectory without its steps: steps are separate records, appended one by one. */
export type TrajectoryRecord = Omit<Trajectory, 'steps'> & { stepCount: number; updatedAt: number };

export interface StepRecord {
  trajectoryId: string;
  index: number;
  step: Step;
}

export interface ScreenshotRecord {
  key: string;
  trajectoryId: string;
  stepIndex: number;
  image: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  createdAt: number;
  /** Screen features, kept once computed (they are computed only when asked for). */
  signature?: VisualSignature;
  ocr?: OcrLine[];
}

export interface VectorRecord {
  /** The embedder that produced it: vectors of different models never mix. */
  model: string;
  itemId: string;
  vector: Float32Array;
  origin?: string;
  kind: string;
  cluster?: string;
}

export type HistoryChange = 'create' | 'update' | 'delete' | 'undo' | 'merge' | 'prune';

export interface HistoryRecord {
  seq?: number;
  itemId: string;
  at: number;
  change: HistoryChange;
  /** The item before and after the change (null where it did not exist). */
  before: MemoryItem | null;
  after: MemoryItem | null;
  reason: string;
}

/** A plain JSON value by key (learner state, settings). */
export interface KeyValueRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

export interface WaymarkDB extends DBSchema {
  trajectories: { key: string; value: TrajectoryRecord; indexes: { byStarted: number; byOrigin: string } };
  steps: { key: [string, number]; value: StepRecord };
  screenshots: { key: string; value: ScreenshotRecord; indexes: { byTrajectory: string } };
  items: { key: string; value: MemoryItem; indexes: { byKind: string; byUpdated: number } };
  vectors: { key: [string, string]; value: VectorRecord; indexes: { byItem: string } };
  history: { key: number; value: HistoryRecord; indexes: { byItem: string; byAt: number } };
  learner: { key: string; value: KeyValueRecord };
  settings: { key: string; value: KeyValueRecord };
}

type UpgradeTx = IDBPTransaction<WaymarkDB, StoreNames<WaymarkDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<WaymarkDB>, tx: UpgradeTx) => Promise<void> | void;

/**
 * Version 1 was the first release: whole trajectories (steps inline) and memory items.
 * Version 2 splits steps out (append without rewriting the run), and adds screenshots,
 * vectors, item history, learner state and settings; existing items get a 'create' history entry.
 */
export const MIGRATIONS: Record<number, Migration> = {
  1: (db) => {
    const v1 = db as unknown as IDBPDatabase;
    v1.createObjectStore('trajectories', { keyPath: 'id' });
    const items = v1.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('byKind', 'kind');
  },
  2: async (db, tx) => {
    db.createObjectStore('steps', { keyPath: ['trajectoryId', 'index'] });
    db.createObjectStore('screenshots', { keyPath: 'key' }).createIndex('byTrajectory', 'trajectoryId');
    db.createObjectStore('vectors', { keyPath: ['model', 'itemId'] }).createIndex('byItem', 'itemId');
    const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
    history.createIndex('byItem', 'itemId');
    history.createIndex('byAt', 'at');
    db.createObjectStore('learner', { keyPath: 'key' });
    db.createObjectStore('settings', { keyPath: 'key' });
    tx.objectStore('items').createIndex('byUpdated', 'updatedAt');
    const trajectories = tx.objectStore('trajectories');
    trajectories.createIndex('byStarted', 'startedAt');
    trajectories.createIndex('byOrigin', 'origin');

    // Steps move out of their trajectory into their own records.
    const steps = tx.objectStore('steps');
    for (let cursor = await trajectories.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as TrajectoryRecord & { steps?: Step[] };
      const inline = old.steps ?? [];
      for (const [index, step] of inline.entries()) await steps.put({ trajectoryId: old.id, index, step });
      const { steps: _moved, ...rest } = old;
      await cursor.update({ ...rest, stepCount: inline.length, updatedAt: old.endedAt ?? old.startedAt });
    }
    // Every existing item starts its history, so undo and provenance work for it too.
    for (let cursor = await tx.objectStore('items').openCursor(); cursor; cursor = await cursor.continue()) {
      await history.put({ itemId: cursor.value.id, at: cursor.value.createdAt, change: 'create', before: null, after: cursor.value, reason: 'existing item (schema upgrade)' });
    }
  },
};

/** Runs the migrations after `oldVersion` up to `newVersion`, in order, in the upgrade transaction. */
export async function migrate(db: IDBPDatabase<WaymarkDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): Promise<void> {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration to schema version ${v}`);
    await step(db, tx);
  }
}
