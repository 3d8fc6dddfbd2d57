// Extra figures of sync-pull-10k: the rows the app stored, written again by plain IndexedDB in the same pages (the apply's floor).
import type { LanternDb } from '../../../renderer/db';
import { openRawSchema, type RawStoreSpec } from './raw-idb';

/** What one pulled page touched, recorded as the app applied it. */
export interface PulledPageIds {
  incidentIds: readonly string[];
  eventIds: readonly string[];
  cursor: string;
}

interface PageRows {
  incidents: unknown[];
  events: unknown[];
  cursor: string;
}

const STORES = ['incidents', 'timeline', 'meta'];

/** incidents, timeline and meta of the app's schema as raw specs; `withSearch` false drops the *searchKeys index. */
function specsOf(db: LanternDb, withSearch: boolean): RawStoreSpec[] {
  return db.tables
    .filter((table) => STORES.includes(table.name))
    .map((table) => ({
      name: table.name,
      keyPath: table.schema.primKey.keyPath ?? 'id',
      indexes: table.schema.indexes
        .filter((index) => withSearch || index.name !== 'searchKeys')
        .map((index) => ({ name: index.name, keyPath: index.keyPath ?? index.name, unique: Boolean(index.unique), multiEntry: Boolean(index.multi) })),
    }));
}

function writePage(raw: IDBDatabase, page: PageRows, durability: IDBTransactionDurability): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = raw.transaction(STORES, 'readwrite', { durability });
    const timeline = tx.objectStore('timeline');
    for (const event of page.events) timeline.add(event);
    const incidents = tx.objectStore('incidents');
    for (const row of page.incidents) incidents.put(row);
    tx.objectStore('meta').put({ key: 'syncPoint', value: { epoch: 'bench', cursor: page.cursor } });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
  });
}

/**
 * The same incident rows (as stored at the end, once per page that touched them) and timeline rows, page by page, each
 * page one transaction with its cursor, by plain IndexedDB into a copy of the app's stores and indexes: what storing
 * the rows costs without any of the app's work. Also strict (every page flushed) and without the search index.
 */
export async function pullFloor(db: LanternDb, pages: readonly PulledPageIds[]): Promise<Record<string, number>> {
  const incidents = new Map((await db.incidents.toArray()).map((row) => [row.id, row]));
  const events = new Map((await db.timeline.toArray()).map((event) => [event.id, event]));
  const rows: PageRows[] = pages.map((page) => ({
    incidents: [...new Set(page.incidentIds)].flatMap((id) => incidents.get(id) ?? []),
    events: [...new Set(page.eventIds)].flatMap((id) => events.get(id) ?? []),
    cursor: page.cursor,
  }));
  const variants: [string, IDBTransactionDurability, boolean][] = [
    ['raw IndexedDB, the same rows in the same pages, every page flushed (strict, as the app) ms', 'strict', true],
    ['raw IndexedDB, the same rows, not flushed (relaxed) ms', 'relaxed', true],
    ['raw IndexedDB, the same rows without the searchKeys index (strict) ms', 'strict', false],
  ];
  const figures: Record<string, number> = {};
  for (const [label, durability, withSearch] of variants) {
    const name = 'lantern-bench-pull-floor';
    const raw = await openRawSchema(name, specsOf(db, withSearch));
    try {
      const start = performance.now();
      for (const page of rows) await writePage(raw, page, durability);
      figures[label] = performance.now() - start;
    } finally {
      raw.close();
      indexedDB.deleteDatabase(name);
    }
  }
  return figures;
}
