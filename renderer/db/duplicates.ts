// Possible duplicates of an incident being captured: open incidents on the same site + category near the same time.
import { Dexie } from 'dexie';
import { OPEN_STATUSES, type Incident } from '../../shared/domain';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 60 * 1000;
/** At most this many rows of the site are examined: the suggestion must stay instant on a busy site. */
const MAX_SCANNED = 300;

export interface DuplicateQuery {
  /** Site path as stored in siteKey (' › ' joined). */
  siteKey: string;
  /** Category path as stored in categoryKey. */
  categoryKey: string;
  occurredMs: number;
  windowMs?: number;
  limit?: number;
}

/**
 * Reads the `[siteKey+updatedAt]` index from (occurredAt − window − 1 h) on, newest first: an incident
 * that occurred within the window was recorded (and so updated) no earlier than that, give or take clock
 * skew. Only rows of that site in that time range are read, never the whole table.
 */
export async function findPossibleDuplicates(db: LanternDb, query: DuplicateQuery): Promise<Incident[]> {
  const { siteKey, categoryKey, occurredMs } = query;
  const windowMs = query.windowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  const limit = query.limit ?? 5;
  if (siteKey === '' || categoryKey === '' || !Number.isFinite(occurredMs)) return [];
  const from = new Date(Math.max(0, occurredMs - windowMs - 60 * 60 * 1000)).toISOString();
  let scanned = 0;
  const rows = await db.incidents
    .where('[siteKey+updatedAt]')
    .between([siteKey, from], [siteKey, Dexie.maxKey])
    .reverse()
    .until(() => ++scanned > MAX_SCANNED)
    .filter((row) => row.categoryKey === categoryKey && OPEN_STATUSES.includes(row.status) && Math.abs(Date.parse(row.occurredAt.utc) - occurredMs) <= windowMs)
    .limit(limit)
    .toArray();
  return rows.map(fromIncidentRow);
}
