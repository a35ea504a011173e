// Errors of the memory store: each says what failed and that nothing stored was changed.

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

interface AbortableTransaction {
  abort(): void;
  done: Promise<void>;
}

/**
 * Runs one write transaction and maps its failures to StoreErrors. On any failure the
 * transaction is aborted — also for errors thrown synchronously, which IndexedDB would
 * otherwise let commit half-done — so what was stored before stays as it was.
 */
export async function writeAtomically<Tx extends AbortableTransaction, T>(what: string, openTx: () => Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  let tx: Tx;
  try {
    tx = openTx();
  } catch (e) {
    throw toStoreError(what, e);
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
    throw toStoreError(what, e);
  }
}

function toStoreError(what: string, e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  if (isQuotaError(e)) {
    return new StoreError('quota_exceeded', `Not enough storage space to save ${what}. Nothing stored was changed; free space by removing old runs or memory items.`);
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new StoreError('storage_failed', `Could not save ${what} (${detail}). Nothing stored was changed.`);
}
