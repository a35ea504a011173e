// A storage quota for fake-indexeddb, which has none: records are counted by size as
// their transactions commit, and a put or add that would take a database past its limit
// fails with a QuotaExceededError, as a browser with a full disk or quota fails it.
// Tests of what Waymark does when storage is full (`room.ts`) run against it.

type Key = IDBValidKey;
interface Op {
  db: string;
  store: string;
  /** A record written (with its size), removed (size null), or every record removed (key null). */
  key: Key | null;
  size: number | null;
}

/** The bytes a value takes: its strings and blobs, and a little per number and field. */
export function sizeOf(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (value instanceof Blob) return value.size;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 8);
  if (typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + k.length * 2 + sizeOf(v), 8);
  return 8;
}

function keyOf(store: IDBObjectStore, value: unknown, key?: Key): Key | null {
  if (key !== undefined) return key;
  const path = store.keyPath;
  if (path === null) return null;
  const read = (p: string) => p.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], value) as Key | undefined;
  if (Array.isArray(path)) return path.map((p) => read(p)!) as Key;
  return read(path) ?? null;
}

export interface StorageQuota {
  /** Bytes committed in the database named `db`. */
  usage(db: string): number;
  /** Sets the database's limit in bytes (null: none). */
  limit(db: string, bytes: number | null): void;
  /** Puts IndexedDB back as it was. */
  restore(): void;
}

export function storageQuota(): StorageQuota {
  const proto = IDBObjectStore.prototype;
  const original = { put: proto.put, add: proto.add, delete: proto.delete, clear: proto.clear };
  /** db → store → records (a key and its size). */
  const committed = new Map<string, Map<string, { key: Key; size: number }[]>>();
  const limits = new Map<string, number>();
  const pending = new Map<IDBTransaction, Op[]>();
  let unkeyed = 0;

  const recordsOf = (db: string, store: string) => {
    let stores = committed.get(db);
    if (!stores) committed.set(db, (stores = new Map()));
    let records = stores.get(store);
    if (!records) stores.set(store, (records = []));
    return records;
  };
  const matches = (a: Key, b: Key | IDBKeyRange) => (b instanceof IDBKeyRange ? b.includes(a) : indexedDB.cmp(a, b) === 0);
  const apply = (records: { key: Key; size: number }[], op: Op) => {
    if (op.key === null) return void records.splice(0);
    for (let i = records.length - 1; i >= 0; i--) if (matches(records[i]!.key, op.key)) records.splice(i, 1);
    if (op.size !== null) records.push({ key: op.key, size: op.size });
  };
  const usage = (db: string) => [...(committed.get(db)?.values() ?? [])].flat().reduce((n, r) => n + r.size, 0);
  /** Usage once this transaction's writes so far commit. */
  const usageWith = (tx: IDBTransaction, db: string) => {
    const copy = new Map([...(committed.get(db) ?? new Map<string, { key: Key; size: number }[]>())].map(([s, r]) => [s, [...r]]));
    for (const op of pending.get(tx) ?? []) {
      if (!copy.has(op.store)) copy.set(op.store, []);
      apply(copy.get(op.store)!, op);
    }
    return [...copy.values()].flat().reduce((n, r) => n + r.size, 0);
  };
  const note = (store: IDBObjectStore, op: Op) => {
    const tx = store.transaction;
    if (!pending.has(tx)) {
      pending.set(tx, []);
      tx.addEventListener('complete', () => {
        for (const o of pending.get(tx) ?? []) apply(recordsOf(o.db, o.store), o);
        pending.delete(tx);
      });
      tx.addEventListener('abort', () => pending.delete(tx));
    }
    pending.get(tx)!.push(op);
  };
  const write = (kind: 'put' | 'add') =>
    function (this: IDBObjectStore, value: unknown, key?: Key) {
      const db = this.transaction.db.name;
      const at = keyOf(this, value, key) ?? `not yet generated ${++unkeyed}`;
      const op: Op = { db, store: this.name, key: at, size: sizeOf(value) };
      const limit = limits.get(db);
      if (limit !== undefined) {
        const before = usageWith(this.transaction, db);
        const records = [...(committed.get(db)?.get(this.name) ?? [])];
        const replaced = records.filter((r) => matches(r.key, at)).reduce((n, r) => n + r.size, 0);
        if (before - replaced + op.size! > limit) throw new DOMException(`Quota exceeded (${limit} bytes)`, 'QuotaExceededError');
      }
      const request = (kind === 'put' ? original.put : original.add).call(this, value, key);
      // A generated key (autoIncrement) is known once the write is done.
      request.addEventListener('success', () => (op.key = request.result));
      note(this, op);
      return request;
    };
  proto.put = write('put');
  proto.add = write('add');
  proto.delete = function (this: IDBObjectStore, key: Key | IDBKeyRange) {
    const request = original.delete.call(this, key);
    note(this, { db: this.transaction.db.name, store: this.name, key: key as Key, size: null });
    return request;
  };
  proto.clear = function (this: IDBObjectStore) {
    const request = original.clear.call(this);
    note(this, { db: this.transaction.db.name, store: this.name, key: null, size: null });
    return request;
  };
  return {
    usage,
    limit: (db, bytes) => (bytes === null ? limits.delete(db) : limits.set(db, bytes)),
    restore: () => Object.assign(proto, original),
  };
}
