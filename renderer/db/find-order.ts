// The list order of a find query as a comparable key per row: pages continue from the last row's key (keyset paging).
export const SORT_KEYS = ['updatedAt', 'createdAt', 'number', 'priority', 'slaDue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface FindSort {
  key: SortKey;
  dir: SortDirection;
}

export const DEFAULT_SORT: FindSort = { key: 'updatedAt', dir: 'desc' };

/** A row's place in the SLA order (the [slaGroup+slaKey] index fields; see sla-order.ts). */
export interface SlaPlace {
  slaGroup?: number;
  slaKey?: number | string;
}

/** The fields a row's place in any list order depends on (stored rows carry their SLA place; see carrySlaPlace). */
export type Sortable = { id: string; updatedAt: string; createdAt: string; number: string; priority: number } & SlaPlace;

/**
 * Incidents handed to the list lose their row's index fields (fromIncidentRow), but a page's bounds are keys of its
 * rows: the SLA place of each listed incident is kept beside it, by object identity, for keyOf.
 */
const carried = new WeakMap<object, SlaPlace>();

export function carrySlaPlace(incident: object, row: SlaPlace): void {
  carried.set(incident, { slaGroup: row.slaGroup, slaKey: row.slaKey });
}

function slaPlaceOf(row: Sortable): SlaPlace | undefined {
  return row.slaGroup !== undefined ? row : carried.get(row);
}

/**
 * A row's position in the list: its sort values, then its id as the tie-break, so no two rows share a key and
 * "strictly after the last row's key" never skips or repeats a row whose sort value equals a page boundary.
 */
export interface ListKey {
  values: (string | number)[];
  id: string;
}

export interface ListOrder {
  keyOf(row: Sortable): ListKey;
  /** Negative when `a` comes before `b` in the list. */
  compare(a: ListKey, b: ListKey): number;
}

/**
 * Each order matches an IndexedDB walk exactly (equal index keys walk in primary-key order, reversed by a reverse
 * walk): a field sort is (field, id) in one direction; priority is (priority in the chosen direction, then newest
 * update first, then id descending) because it walks one [priority+updatedAt] range per priority.
 * slaDue (time left on the resolve clock) needs `nowMs`, the instant the list is judged at: see slaOrder.
 */
export function listOrder(sort: FindSort = DEFAULT_SORT, nowMs: number = Date.now()): ListOrder {
  if (sort.key === 'slaDue') return slaOrder(sort.dir, nowMs);
  if (sort.key === 'priority') {
    const sign = sort.dir === 'asc' ? 1 : -1;
    return {
      keyOf: (row) => ({ values: [row.priority, row.updatedAt], id: row.id }),
      compare: (a, b) => sign * compareValue(a.values[0], b.values[0]) || -compareValue(a.values[1], b.values[1]) || -compareValue(a.id, b.id),
    };
  }
  const field = sort.key;
  const sign = sort.dir === 'desc' ? -1 : 1;
  return {
    keyOf: (row) => ({ values: [row[field]], id: row.id }),
    compare: (a, b) => sign * (compareValue(a.values[0], b.values[0]) || compareValue(a.id, b.id)),
  };
}

/** Band of a running or paused clock in an SLA key (values[0]); stopped clocks are band 1. */
export const SLA_OPEN_BAND = 0;

/**
 * Time left, as the [slaGroup+slaKey] walks give it: running and paused clocks first (band 0), by the instant they
 * breach if nothing changes — a running clock's due instant, `nowMs` plus a paused clock's time left — in the chosen
 * direction, then id; then stopped clocks (band 1), newest update first in either direction, like the default list.
 */
function slaOrder(dir: SortDirection, nowMs: number): ListOrder {
  const sign = dir === 'desc' ? -1 : 1;
  return {
    keyOf: (row) => {
      const place = slaPlaceOf(row);
      if (place?.slaGroup === 0 && typeof place.slaKey === 'number') return { values: [SLA_OPEN_BAND, place.slaKey], id: row.id };
      if (place?.slaGroup === 1 && typeof place.slaKey === 'number') return { values: [SLA_OPEN_BAND, nowMs + place.slaKey], id: row.id };
      return { values: [1, typeof place?.slaKey === 'string' ? place.slaKey : row.updatedAt], id: row.id };
    },
    compare: (a, b) => {
      const band = compareValue(a.values[0], b.values[0]);
      if (band !== 0) return band;
      const s = a.values[0] === SLA_OPEN_BAND ? sign : -1;
      return s * (compareValue(a.values[1], b.values[1]) || compareValue(a.id, b.id));
    },
  };
}

/** The direction a sort walks its index in. */
export function walkDirection(sort: FindSort): SortDirection {
  return sort.dir;
}

export function compareValue(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** A stable string for a key (map keys, React keys, effect deps). */
export function keyString(key: ListKey | null): string {
  return key ? JSON.stringify([key.values, key.id]) : '';
}
