// Find: filtered, sorted, searchable incident pages read through indexes; a page costs about `limit` index steps for indexed filters.
import { Dexie, type Collection } from 'dexie';
import { PRIORITY_LABELS, STATUSES, type Incident, type Priority, type Status } from '../../shared/domain';
import { getCurrentUser } from './current-user';
import type { LanternDb } from './database';
import { fromIncidentRow, type IncidentRow } from './incident-row';
import { queryWords } from './search-words';
import { findBreachingSoon } from './sla';

/** slaDue: no index can hold it (it depends on the timeline); the list sorts its loaded page, read here by updatedAt. */
export const SORT_KEYS = ['updatedAt', 'createdAt', 'number', 'priority', 'slaDue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** A filter + sort, as stored in saved views. Absent fields do not filter. */
export interface FindQuery {
  statuses?: Status[];
  priorities?: Priority[];
  /** Formatted category path, exact ("Facility › HVAC"). */
  category?: string;
  /** Formatted site path, exact. */
  site?: string;
  team?: string;
  assignee?: string;
  /** Assigned to the person using this device (resolved when the query runs). */
  mine?: boolean;
  /** Neither a team nor a person. */
  unassigned?: boolean;
  major?: boolean;
  /** Recorded (createdAt) at or after this ISO instant. */
  recordedFrom?: string;
  /** Recorded strictly before this ISO instant. */
  recordedTo?: string;
  /** Words that must each prefix-match a word of the title, description or notes. */
  text?: string;
  /** Open incidents whose resolve clock reached 75 % or breached (see findBreachingSoon for the bounded plan). */
  breachingSoon?: boolean;
  /** The instant breachingSoon is judged at; the list passes its minute tick (not saved in views). Default: now. */
  nowMs?: number;
  sort?: { key: SortKey; dir: SortDirection };
}

export const DEFAULT_SORT: NonNullable<FindQuery['sort']> = { key: 'updatedAt', dir: 'desc' };
const PRIORITIES = Object.keys(PRIORITY_LABELS).map(Number) as Priority[];

type Rows = Collection<IncidentRow, string>;

/**
 * The first `limit` incidents matching `query`. Plan: full-text search walks the `searchWords` index for the
 * longest word; otherwise, sorted by update time, the most selective equality filter picks a compound
 * [field+updatedAt] index (one range per value, merged); other sorts walk their own index. Every other
 * filter is checked on the rows the walk meets, and the walk stops at `limit` hits.
 */
export async function findIncidents(db: LanternDb, query: FindQuery, limit: number): Promise<Incident[]> {
  const me = query.mine ? (await getCurrentUser(db)).name : undefined;
  const words = queryWords(query.text ?? '');
  const matches = predicate(query, words, me);
  const sort = query.sort ?? DEFAULT_SORT;
  const take = Math.max(1, Math.min(5000, Math.floor(limit)));
  let rows: IncidentRow[];
  if (query.breachingSoon) {
    rows = await findBreachingSoon(db, query.statuses, matches, take, query.nowMs ?? Date.now());
    if (sort.key !== 'updatedAt' || sort.dir !== 'desc') rows.sort(comparator(sort));
  } else if (words.length > 0) {
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const hits = await db.incidents.where('searchWords').startsWith(longest).distinct().filter(matches).limit(take).toArray();
    rows = hits.sort(comparator(sort));
  } else if (sort.key === 'updatedAt' || sort.key === 'slaDue') {
    rows = await byUpdated(db, query, me, sort.key === 'slaDue' ? 'desc' : sort.dir, matches, take);
  } else if (sort.key === 'priority') {
    rows = [];
    for (const priority of sort.dir === 'asc' ? PRIORITIES : [...PRIORITIES].reverse()) {
      if (query.priorities && !query.priorities.includes(priority)) continue;
      const range = compound(db, 'priority', priority).reverse();
      rows.push(...(await range.filter(matches).limit(take - rows.length).toArray()));
      if (rows.length >= take) break;
    }
  } else {
    let walk: Rows =
      sort.key === 'createdAt'
        ? db.incidents.where('createdAt').between(query.recordedFrom ?? Dexie.minKey, query.recordedTo ?? Dexie.maxKey, true, false)
        : db.incidents.orderBy('number');
    if (sort.dir === 'desc') walk = walk.reverse();
    rows = await walk.filter(matches).limit(take).toArray();
  }
  return rows.map(fromIncidentRow);
}

/** The equality filter with an index, most selective kind first, as index field + values. */
function drivingFilter(query: FindQuery, me: string | undefined): { field: string; values: (string | number)[] } | undefined {
  const assignee = me ?? query.assignee;
  if (assignee !== undefined) return { field: 'assigneeKey', values: [assignee] };
  if (query.team !== undefined) return { field: 'teamKey', values: [query.team] };
  if (query.site !== undefined) return { field: 'siteKey', values: [query.site] };
  if (query.category !== undefined) return { field: 'categoryKey', values: [query.category] };
  if (query.unassigned) return { field: 'assigneeKey', values: [''] };
  if (query.statuses && query.statuses.length > 0) return { field: 'status', values: query.statuses };
  if (query.priorities && query.priorities.length > 0) return { field: 'priority', values: query.priorities };
  if (query.major) return { field: 'majorFlag', values: [1] };
  return undefined;
}

async function byUpdated(db: LanternDb, query: FindQuery, me: string | undefined, dir: SortDirection, matches: (row: IncidentRow) => boolean, take: number): Promise<IncidentRow[]> {
  const driving = drivingFilter(query, me);
  if (!driving) {
    const walk = dir === 'desc' ? db.incidents.orderBy('updatedAt').reverse() : db.incidents.orderBy('updatedAt');
    return walk.filter(matches).limit(take).toArray();
  }
  // One walk per value (e.g. each open status), each already in order; the merge keeps the first `take`.
  const pages = await Promise.all(
    driving.values.map((value) => {
      const range = compound(db, driving.field, value);
      return (dir === 'desc' ? range.reverse() : range).filter(matches).limit(take).toArray();
    }),
  );
  return pages.flat().sort(comparator({ key: 'updatedAt', dir })).slice(0, take);
}

function compound(db: LanternDb, field: string, value: string | number): Rows {
  return db.incidents.where(`[${field}+updatedAt]`).between([value, Dexie.minKey], [value, Dexie.maxKey], true, true);
}

function predicate(query: FindQuery, words: readonly string[], me: string | undefined): (row: IncidentRow) => boolean {
  const statuses = query.statuses && query.statuses.length > 0 ? new Set<string>(query.statuses.filter((s) => STATUSES.includes(s))) : undefined;
  const priorities = query.priorities && query.priorities.length > 0 ? new Set<number>(query.priorities) : undefined;
  const assignee = me ?? query.assignee;
  return (row) =>
    (!statuses || statuses.has(row.status)) &&
    (!priorities || priorities.has(row.priority)) &&
    (query.category === undefined || row.categoryKey === query.category) &&
    (query.site === undefined || row.siteKey === query.site) &&
    (query.team === undefined || row.teamKey === query.team) &&
    (assignee === undefined || row.assigneeKey === assignee) &&
    (!query.unassigned || (row.assigneeKey === '' && row.teamKey === '')) &&
    (!query.major || row.majorFlag === 1) &&
    (query.recordedFrom === undefined || row.createdAt >= query.recordedFrom) &&
    (query.recordedTo === undefined || row.createdAt < query.recordedTo) &&
    words.every((word) => (row.searchWords ?? []).some((candidate) => candidate.startsWith(word)));
}

function comparator(sort: NonNullable<FindQuery['sort']>): (a: IncidentRow, b: IncidentRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const key = sort.key === 'slaDue' ? 'updatedAt' : sort.key;
    const primary = key === 'priority' ? a.priority - b.priority : compareText(a[key], b[key]);
    return sign * (primary !== 0 ? primary : compareText(a.id, b.id));
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
