// Benchmark "statistics-90d-100k": the Statistics view's read + summary over the app database vs raw getAll of the same rows.
import { DEFAULT_DB_NAME, openLanternDb } from '../../../renderer/db';
import { readStatsSubjects } from '../../../renderer/db/stats-read';
import { OPEN_STATUSES, summarizeIncidents } from '../../../shared/domain';
import type { PairedRuns, StatsBenchOptions } from '../lib/bench-protocol';
import { pairedRuns } from './timing';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

function getAll(idb: IDBDatabase, index: string, range: IDBKeyRange): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = idb.transaction('incidents', 'readonly').objectStore('incidents').index(index).getAll(range);
    request.onsuccess = () => resolve(request.result as unknown[]);
    request.onerror = () => reject(request.error ?? new Error('getAll failed'));
  });
}

/**
 * The rows the view reads, fetched the plainest way IndexedDB offers: one getAll per index range (recorded since the
 * period began; resolved and closed ones updated since; every open one, for the backlog), with nothing summarised.
 * A row in two ranges is read twice here, once by the view.
 */
async function rawRead(idb: IDBDatabase, fromMs: number): Promise<number> {
  const from = new Date(fromMs - MINUTE).toISOString();
  const parts = await Promise.all([
    getAll(idb, 'createdAt', IDBKeyRange.lowerBound(from)),
    ...['resolved', 'closed'].map((status) => getAll(idb, '[status+updatedAt]', IDBKeyRange.bound([status, from], [status, []]))),
    ...OPEN_STATUSES.map((status) => getAll(idb, '[status+updatedAt]', IDBKeyRange.bound([status], [status, []]))),
  ]);
  return parts.reduce((sum, part) => sum + part.length, 0);
}

/** Run after seedUi. Each run is one whole read of the period (ms); the summary is checked against the seeded data. */
export async function statsPeriod({ runs, days }: StatsBenchOptions): Promise<PairedRuns> {
  const db = openLanternDb(DEFAULT_DB_NAME);
  try {
    await db.open();
    const idb = db.backendDB();
    const toMs = Date.now() + DAY;
    const fromMs = toMs - days * DAY;
    let candidates = 0;
    let recorded = 0;
    const subject = async () => {
      const started = performance.now();
      const subjects = await readStatsSubjects(db, fromMs, { onProgress: (_, total) => (candidates = total) });
      recorded = summarizeIncidents(subjects, { fromMs, toMs, bucketStarts: [fromMs] }, toMs).recorded;
      return performance.now() - started;
    };
    const baseline = async () => {
      const started = performance.now();
      if ((await rawRead(idb, fromMs)) === 0) throw new Error('the raw read found no rows: seed the app database first');
      return performance.now() - started;
    };
    const result = await pairedRuns(runs, subject, baseline);
    const inPeriod = await db.incidents.where('createdAt').between(new Date(fromMs).toISOString(), new Date(toMs).toISOString(), true, false).count();
    // The seeded rows hold no exercises, so every row created in the period is counted as recorded.
    if (recorded !== inPeriod) throw new Error(`the summary counted ${recorded} recorded incidents; ${inPeriod} rows were created in the period`);
    return { ...result, breakdown: { 'rows read': candidates, 'recorded in the period': recorded } };
  } finally {
    db.close();
  }
}
