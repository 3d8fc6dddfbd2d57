// Plain IndexedDB (no Dexie) for the baselines: open a one-store database, strict put, reverse index read.

export function openRawDb(name: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}`));
  });
}

/** One readwrite transaction, flushed to disk before it reports complete (like the app's writes). */
export function strictPut(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
    tx.onabort = () => reject(tx.error ?? new Error('put aborted'));
  });
}

/** The first `limit` values under `index` for key prefix `first`, walking the index backwards. */
export function readNewestByPrefix(db: IDBDatabase, store: string, index: string, first: string, limit: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const range = IDBKeyRange.bound([first, ''], [first, '\uffff']);
    const request = db.transaction(store, 'readonly').objectStore(store).index(index).openCursor(range, 'prev');
    const values: unknown[] = [];
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(values);
      values.push(cursor.value);
      if (values.length >= limit) resolve(values);
      else cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('cursor failed'));
  });
}

/** One object store of a raw database: key path and indexes as IndexedDB takes them. */
export interface RawStoreSpec {
  name: string;
  keyPath: string | string[];
  indexes: readonly { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

/** A fresh raw database (any old one of that name deleted first) with exactly these stores and indexes. */
export async function openRawSchema(name: string, stores: readonly RawStoreSpec[]): Promise<IDBDatabase> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
  });
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const spec of stores) {
        const store = request.result.createObjectStore(spec.name, { keyPath: spec.keyPath });
        for (const index of spec.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}`));
  });
}

/** A row to put into a store of a raw multi-store transaction. */
export interface RawWrite {
  store: string;
  value: unknown;
}

export interface RawTxOptions {
  /** Reads issued (all at once) before any write; the writes start when the last read succeeded. */
  reads?: readonly { store: string; key: IDBValidKey }[];
  /** Each put waits for the previous one's success (like `await` between Dexie calls) instead of all at once. */
  sequential?: boolean;
  /** 'relaxed' separates the flush to disk from the rest of the cost; the app always uses 'strict'. */
  durability?: IDBTransactionDurability;
}

/** One readwrite transaction (strict unless told) over several stores: optional reads first, then the puts. */
export function strictWriteRows(db: IDBDatabase, writes: readonly RawWrite[], options: RawTxOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const stores = [...new Set([...writes.map((w) => w.store), ...(options.reads ?? []).map((r) => r.store)])];
    const tx = db.transaction(stores, 'readwrite', { durability: options.durability ?? 'strict' });
    const putFrom = (at: number): void => {
      const write = writes[at];
      if (!write) return;
      const request = tx.objectStore(write.store).put(write.value);
      if (options.sequential) request.onsuccess = () => putFrom(at + 1);
      else putFrom(at + 1);
    };
    const reads = options.reads ?? [];
    let pending = reads.length;
    for (const read of reads) {
      tx.objectStore(read.store).get(read.key).onsuccess = () => {
        pending -= 1;
        if (pending === 0) putFrom(0);
      };
    }
    if (reads.length === 0) putFrom(0);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
  });
}
