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
