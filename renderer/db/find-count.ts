// The number of incidents a find query matches, when an index can count it without reading rows (for an honest scrollbar).
import { Dexie } from 'dexie';
import { getCurrentUser } from './current-user';
import type { LanternDb } from './database';
import type { FindQuery } from './find-query';

/** Filters an equality index counts alone: the index field and the values it sums over. */
function countedFilter(query: FindQuery, me: string | undefined): { field: string; values: (string | number)[] } | null | undefined {
  const keys = (Object.keys(query) as (keyof FindQuery)[]).filter((key) => key !== 'sort' && key !== 'nowMs' && query[key] !== undefined && query[key] !== false);
  if (keys.length === 0) return null;
  if (keys.length > 1) return undefined;
  const [key] = keys;
  if (key === 'mine' && me !== undefined) return { field: 'assigneeKey', values: [me] };
  if (key === 'assignee' && query.assignee !== undefined) return { field: 'assigneeKey', values: [query.assignee] };
  if (key === 'team' && query.team !== undefined) return { field: 'teamKey', values: [query.team] };
  if (key === 'site' && query.site !== undefined) return { field: 'siteKey', values: [query.site] };
  if (key === 'category' && query.category !== undefined) return { field: 'categoryKey', values: [query.category] };
  if (key === 'major') return { field: 'majorFlag', values: [1] };
  if (key === 'statuses' && query.statuses) return { field: 'status', values: [...new Set(query.statuses)] };
  if (key === 'priorities' && query.priorities) return { field: 'priority', values: [...new Set(query.priorities)] };
  return undefined;
}

/**
 * The exact match count when no filter, one equality filter (counted on its [field+updatedAt] index, keys only) or
 * only the recorded date range is set; undefined for other combinations, whose count would cost a walk of every
 * candidate row — the list then grows its length as pages arrive instead.
 */
export async function countIncidents(db: LanternDb, query: FindQuery): Promise<number | undefined> {
  const me = query.mine ? (await getCurrentUser(db)).name : undefined;
  const rangeOnly = (Object.keys(query) as (keyof FindQuery)[]).every((key) => ['sort', 'nowMs', 'recordedFrom', 'recordedTo'].includes(key) || query[key] === undefined);
  if (rangeOnly && (query.recordedFrom !== undefined || query.recordedTo !== undefined)) {
    return db.incidents.where('createdAt').between(query.recordedFrom ?? Dexie.minKey, query.recordedTo ?? Dexie.maxKey, true, false).count();
  }
  const counted = countedFilter(query, me);
  if (counted === null) return db.incidents.count();
  if (counted === undefined) return undefined;
  const counts = await Promise.all(
    counted.values.map((value) => db.incidents.where(`[${counted.field}+updatedAt]`).between([value, Dexie.minKey], [value, Dexie.maxKey], true, true).count()),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}
