// The list order of a find query as a comparable key per row: pages continue from the last row's key (keyset paging).
import { rowSlaOf } from './row-sla';
import { SLA_STOPPED } from './sla-order';
export const SORT_KEYS = ['updatedAt', 'createdAt', 'number', 'priority', 'slaDue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface FindSort {
  key: SortKey;
  dir: SortDirection;
}

export const DEFAULT_SORT: FindSort = { key: 'updatedAt', dir: 'desc' };

/** The fields a row's place in any list order depends on (a plain incident's SLA place is found through rowSlaOf). */
export type Sortable = { id: string; updatedAt: string; createdAt: string; number: string; priority: number };

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
 * update first, then id descending) because it walks one [priority+updatedAt] range per priority; slaDue is the
 * [slaGroup+slaKey] index (see slaOrder).
 */
export function listOrder(sort: FindSort = DEFAULT_SORT): ListOrder {
  if (sort.key === 'slaDue') return slaOrder(sort.dir);
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

/**
 * Time left on the resolve clock: running clocks first, by due instant (the ones burning time), then paused ones by the
 * time they have left, each in the chosen direction with the id breaking ties; then stopped ones, newest update first.
 * Nothing here depends on the time of day, so the list's pages stay put while clocks run (the SLA column ticks instead).
 */
function slaOrder(dir: SortDirection): ListOrder {
  const sign = dir === 'desc' ? -1 : 1;
  return {
    keyOf: (row) => {
      const place = rowSlaOf(row);
      const group = place?.slaGroup ?? SLA_STOPPED;
      return { values: [group, place?.slaKey ?? row.updatedAt], id: row.id };
    },
    compare: (a, b) => {
      const group = compareValue(a.values[0], b.values[0]);
      if (group !== 0) return group;
      const s = a.values[0] === SLA_STOPPED ? -1 : sign;
      return s * (compareValue(a.values[1], b.values[1]) || compareValue(a.id, b.id));
    },
  };
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
