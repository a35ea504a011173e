// Errors of the memory store: each says what failed and that nothing stored was changed.
import { makeRoomFor, type RoomMade } from './room';

export type StoreErrorCode = 'quota_exceeded' | 'not_found' | 'conflict' | 'storage_failed' | 'newer_schema';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  // Chrome and Firefox call it QuotaExceededError; old Firefox used NS_ERROR_DOM_QUOTA_REACHED.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(String((e as Error)?.message ?? ''));
}

/** Times room is made for one write that finds storage full before it gives up. */
const ROOM_PASSES = 3;

interface AbortableTransaction {
  abort(): void;
  done: Promise<void>;
  /** The database written to: where room is made when it is full. */
  readonly db?: unknown;
}

/**
 * Runs one write transaction and maps its failures to StoreErrors. On any failure the
 * transaction is aborted — also for errors thrown synchronously, which IndexedDB would
 * otherwise let commit half-done — so what was stored before stays as it was. When
 * storage is full and room can be made (`room.ts`), the write is tried again.
 */
export async function writeAtomically<Tx extends AbortableTransaction, T>(what: string, openTx: () => Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const made: RoomMade = { screenshots: 0, items: 0 };
  for (let pass = 0; ; pass++) {
    let tx: Tx;
    try {
      tx = openTx();
    } catch (e) {
      throw toStoreError(what, e, pass > 0 ? made : null);
    }
    try {
      const result = await work(tx);
      await tx.done;
      return result;
    } catch (e) {
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by the browser itself.
      }
      const room: Promise<RoomMade> | null = pass < ROOM_PASSES && isQuotaError(e) ? makeRoomFor(tx.db) : null;
      if (!room) throw toStoreError(what, e, pass > 0 ? made : null);
      const freed: RoomMade = await room.catch(() => ({ screenshots: 0, items: 0 }));
      made.screenshots += freed.screenshots;
      made.items += freed.items;
      if (freed.screenshots === 0 && freed.items === 0) throw toStoreError(what, e, made);
    }
  }
}

function toStoreError(what: string, e: unknown, made: RoomMade | null): StoreError {
  if (e instanceof StoreError) return e;
  if (isQuotaError(e)) {
    const tried = !made ? '' : made.screenshots + made.items === 0 ? ' (and nothing could be removed to make room)' : ` (even after removing ${made.screenshots} screenshots of old runs and ${made.items} of the least useful memory items)`;
    return new StoreError('quota_exceeded', `Not enough storage space to save ${what}${tried}. Nothing stored was changed; free disk space, or remove old runs or memory items.`);
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new StoreError('storage_failed', `Could not save ${what} (${detail}). Nothing stored was changed.`);
}
