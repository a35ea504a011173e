// When storage is full (the disk, or the browser's quota): room is made the way a user
// would want it — the screenshots of the oldest finished runs go first (the bulk of what
// is stored; the runs themselves stay, and screens memory keeps as keyframes stay), then
// the memory items least worth keeping (by utility and age, pinned ones never) — and the
// write that did not fit is tried again (`writeAtomically` asks for it).
import type { WaymarkDatabase } from './database';

export interface RoomMade {
  screenshots: number;
  items: number;
}

/** Memory items pruned to make room: removes up to `count` by keep score and says how many went. */
export type PruneMemory = (count: number) => Promise<number>;

/** Of the finished runs with screenshots, the oldest this fraction lose theirs in one pass. */
const RUNS_CLEARED = 0.5;
/** Failing that, this fraction of memory items (at least one) is pruned. */
const ITEMS_PRUNED = 0.1;

const makers = new WeakMap<object, () => Promise<RoomMade> | null>();

/**
 * Makes room in `db` when a write finds storage full. One pass at a time; a write that
 * fails while a pass is under way (the pass's own deletions among them) is not tried
 * again, so a pass never waits on itself.
 */
export function makeRoomWhenFull(db: WaymarkDatabase, pruneMemory: PruneMemory): void {
  let pass: Promise<RoomMade> | null = null;
  makers.set(db, () => {
    if (pass) return null;
    pass = makeRoom(db, pruneMemory).finally(() => {
      pass = null;
    });
    return pass;
  });
}

/** Room made for a write that found `db` full, or null when no room can be made now (none set up, or a pass under way). */
export function makeRoomFor(db: unknown): Promise<RoomMade> | null {
  return (typeof db === 'object' && db !== null && makers.get(db)?.()) || null;
}

export async function makeRoom(db: WaymarkDatabase, pruneMemory: PruneMemory): Promise<RoomMade> {
  const screenshots = await clearOldScreenshots(db);
  if (screenshots > 0) return { screenshots, items: 0 };
  const count = await db.count('items');
  const items = count > 0 ? await pruneMemory(Math.max(1, Math.floor(count * ITEMS_PRUNED))) : 0;
  return { screenshots: 0, items };
}

/** Deletes the screenshots of the oldest half of finished runs that have any; returns how many went. */
async function clearOldScreenshots(db: WaymarkDatabase): Promise<number> {
  // Screens a keyframe in memory points at are memory, not a run's record: they stay.
  const kept = new Set((await db.getAll('items')).map((i) => i.data?.screenshotKey).filter((k): k is string => typeof k === 'string'));
  const runs = (await db.getAll('trajectories')).filter((r) => r.endedAt !== undefined).sort((a, b) => a.startedAt - b.startedAt);
  const tx = db.transaction(['trajectories', 'screenshots'], 'readwrite');
  const shots = tx.objectStore('screenshots');
  const withShots: string[] = [];
  for (const run of runs) if ((await shots.index('byTrajectory').count(run.id)) > 0) withShots.push(run.id);
  let deleted = 0;
  for (const runId of withShots.slice(0, Math.ceil(withShots.length * RUNS_CLEARED))) {
    for (const key of await shots.index('byTrajectory').getAllKeys(runId)) {
      if (kept.has(key)) continue;
      await shots.delete(key);
      deleted++;
    }
    const run = await tx.objectStore('trajectories').get(runId);
    if (run) await tx.objectStore('trajectories').put({ ...run, screenshots: Object.fromEntries(Object.entries(run.screenshots).filter(([, key]) => kept.has(key))) });
  }
  await tx.done;
  return deleted;
}
