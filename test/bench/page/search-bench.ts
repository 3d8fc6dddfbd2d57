// Benchmark "search-100k": findIncidents({ text }) over the app database's 100,000 incidents vs a raw getAll on the word's search-index range.
import { DEFAULT_DB_NAME, findIncidents, openLanternDb } from '../../../renderer/db';
import type { PairedRuns, SearchOptions } from '../lib/bench-protocol';
import { meanMs, pairedRuns } from './timing';
import { SEARCH_WORD } from './ui-seed';

/** The word's entries in the searchKeys index (`word + U+0001 + update time`; renderer/db/search-words.ts), first `limit`. */
function rawSearch(idb: IDBDatabase, word: string, limit: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const range = IDBKeyRange.bound(`${word}\u0001`, `${word}\u0002`);
    const request = idb.transaction('incidents', 'readonly').objectStore('incidents').index('searchKeys').getAll(range, limit);
    request.onsuccess = () => resolve(request.result as unknown[]);
    request.onerror = () => reject(request.error ?? new Error('getAll failed'));
  });
}

/** Run after seedUi. Both sides must return `limit` rows that contain the word. */
export async function searchFirstHits({ runs, queriesPerRun, limit }: SearchOptions): Promise<PairedRuns> {
  const db = openLanternDb(DEFAULT_DB_NAME);
  try {
    await db.open();
    const idb = db.backendDB();
    const hits = await findIncidents(db, { text: SEARCH_WORD }, limit);
    const raw = await rawSearch(idb, SEARCH_WORD, limit);
    if (hits.length !== limit || raw.length !== limit) throw new Error(`search returned ${hits.length} hits (raw ${raw.length}), expected ${limit}`);
    if (!hits.every((hit) => `${hit.title} ${hit.description}`.includes(SEARCH_WORD))) throw new Error('a search hit does not contain the word');
    return await pairedRuns(
      runs,
      () => meanMs(queriesPerRun, () => findIncidents(db, { text: SEARCH_WORD }, limit)),
      () => meanMs(queriesPerRun, () => rawSearch(idb, SEARCH_WORD, limit)),
    );
  } finally {
    db.close();
  }
}
