// Saves a draft while the page is going away: raw IndexedDB with an explicit commit, issued synchronously.
import type { LanternDb } from './database';
import type { JsonObject } from './json';
import type { DraftRow } from './rows';

/**
 * On pagehide the document may be torn down before Dexie's promise chain or IndexedDB's auto-commit
 * runs, and an uncommitted transaction is then aborted. Issuing the put and commit() in the same task
 * hands the write to the browser before the page goes. Returns false when that was not possible
 * (database not open yet); callers then fall back to the normal path.
 */
export function saveDraftOnUnload(db: LanternDb, id: string, values: JsonObject, nowMs: number = Date.now()): boolean {
  if (!db.isOpen()) return false;
  try {
    const row: DraftRow = { id, updatedAt: new Date(nowMs).toISOString(), values };
    const transaction = db.backendDB().transaction('drafts', 'readwrite');
    transaction.objectStore('drafts').put(row);
    transaction.commit?.();
    return true;
  } catch {
    return false;
  }
}
