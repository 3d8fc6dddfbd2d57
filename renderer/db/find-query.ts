// Find: filtered, sorted, searchable incident pages read through indexes, each continuing after the previous page's last key.
import { Dexie, type Collection } from 'dexie';
import { OPEN_STATUSES, PRIORITY_LABELS, SLA_PAUSED, SLA_RUNNING, STATUSES, type Incident, type Priority, type SlaPolicySet, type Status } from '../../shared/domain';
import { getCurrentUser } from './current-user';
import { bareIncidentNumber, incidentNumberPrefix, rowsNumbered } from './find-number';
import { isWithinSite, siteKeysUnder } from './find-sites';
import type { LanternDb } from './database';
import { DEFAULT_SORT, listOrder, type FindSort, type ListKey, type ListOrder, type SortDirection } from './find-order';
import { walkSegment, type Segment, type WalkFilter } from './find-walk';
import { fromIncidentRow, type IncidentRow } from './incident-row';
import { indexedWordsStartingWith } from './search-index';
import { keysHavePrefix, queryWords } from './search-words';
import { isBreachingSoon, loadSlaTimelines, oldEnough, slaClocksOf } from './sla';
import { readSlaPolicySet } from './sla-policies';
import { SLA_STOPPED } from './sla-order';

export { DEFAULT_SORT, SORT_KEYS, type SortDirection, type SortKey } from './find-order';

/** A filter + sort, as stored in saved views. Absent fields do not filter. */
export interface FindQuery {
  statuses?: Status[];
  priorities?: Priority[];
  /** Formatted category path, exact ("Facility › HVAC"). */
  category?: string;
  /** Formatted site path: that site and every place under it. */
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
  /** Open incidents whose resolve clock reached 75 % or breached (judged on the rows a walk meets, a batch at a time). */
  breachingSoon?: boolean;
  /** The instant breachingSoon is judged at; the list passes its minute tick (not saved in views). Default: now. */
  nowMs?: number;
  sort?: FindSort;
}

/** Where a page starts and ends in the list order. */
export interface PageBounds {
  /** Rows strictly after this key (the previous page's last row); absent: from the top. */
  after?: ListKey;
  /** Rows up to and including this key (the page's known last row); absent: as far as `limit`. */
  until?: ListKey;
  limit: number;
}

/** Text searches whose words match at most this many incidents are read whole and sorted in memory. */
export const SEARCH_IN_MEMORY = 2000;
/**
 * A search word that prefix-matches at most this many distinct indexed words is walked as one range per word, newest
 * first, merged (the list's default order). A shorter prefix ("ge") matching more words reads its hits instead.
 */
export const SEARCH_WORD_RANGES = 12;
const PRIORITIES = Object.keys(PRIORITY_LABELS).map(Number) as Priority[];

/** The first `limit` incidents matching `query`, in its sort order. */
export async function findIncidents(db: LanternDb, query: FindQuery, limit: number): Promise<Incident[]> {
  return findIncidentsPage(db, query, { limit });
}

/**
 * One page of the list. Plan: a text search whose words are rare reads its hits and sorts them; otherwise the sort's
 * index is walked from the page's start key — by update time through one [filter+updatedAt] range per value of the
 * most selective equality filter (merged), by priority one [priority+updatedAt] range per priority (in turn), by
 * creation time or number their own index. Every other filter is checked on the rows the walk meets, so a page costs
 * its rows plus the rows skipped by those filters, never the pages before it.
 */
export async function findIncidentsPage(db: LanternDb, query: FindQuery, bounds: PageBounds): Promise<Incident[]> {
  const rows = await findRows(db, query, bounds);
  return rows.map(fromIncidentRow);
}

/** A query with its site filter resolved to the site keys it covers (find-sites.ts). */
type ResolvedQuery = FindQuery & { readonly siteKeys?: readonly string[] | null };

async function findRows(db: LanternDb, rawQuery: FindQuery, bounds: PageBounds): Promise<IncidentRow[]> {
  const limit = Math.max(1, Math.floor(bounds.limit));
  const me = rawQuery.mine ? (await getCurrentUser(db)).name : undefined;
  const words = queryWords(rawQuery.text ?? '');
  const order = listOrder(rawQuery.sort ?? DEFAULT_SORT);
  // Only Dexie promises are awaited before the reads: a live query tracks what its querier reads through Dexie's zone.
  const policies = rawQuery.breachingSoon ? await readSlaPolicySet(db) : undefined;
  // The site filter's places (the site and those under it) drive the index walks, one [siteKey+updatedAt] range each.
  // Too many places (null): no site range drives the walk; every row walked is checked against the site instead.
  const query: ResolvedQuery = rawQuery.site === undefined ? rawQuery : { ...rawQuery, siteKeys: await siteKeysUnder(db, rawQuery.site) };
  const filter = walkFilter(db, query, words, me, policies);
  if (query.breachingSoon && openStatuses(query).length === 0) return [];
  // A number ("K7QM-0042", or "0042" on any device) names incidents by their number; when none has it, its parts are
  // searched as words.
  // Only text that looks like a number is looked up: an async call that reads nothing through Dexie would leave its
  // zone, and the live query would stop following the reads after it (the list froze on its first rows).
  const text = query.text ?? '';
  const numbered = incidentNumberPrefix(text) !== null || bareIncidentNumber(text) !== null ? await rowsNumbered(db, text) : undefined;
  if (numbered) return slice(await allMatching(numbered, walkFilter(db, query, [], me, policies)), order, { ...bounds, limit });
  if (words.length > 0) {
    const byWord = await searchByWordRanges(db, query, words, me, policies, bounds, limit);
    if (byWord) return byWord;
    const hits = await fewSearchHits(db, words);
    if (hits) return slice(await allMatching(hits, filter), order, { ...bounds, limit });
  }
  const sort = query.sort ?? DEFAULT_SORT;
  if (sort.key === 'slaDue') return slaRows(db, query, me, filter, order, sort.dir, bounds, limit);
  if (sort.key === 'priority') {
    // Ranges in turn: a page that ends inside one priority continues there, and later priorities follow.
    const rows: IncidentRow[] = [];
    for (const segment of prioritySegments(query, sort, bounds.after)) {
      rows.push(...(await walkSegment(db, segment, filter, order, bounds.until, limit - rows.length)));
      if (rows.length >= limit) break;
    }
    return rows;
  }
  const segments = mergedSegments(query, sort, me, bounds.after);
  const pages = await Promise.all(segments.map((segment) => walkSegment(db, segment, filter, order, bounds.until, limit)));
  if (pages.length === 1) return pages[0]!;
  // Each range is already in list order; merging keeps the first `limit` of them all.
  return pages.flat().sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b))).slice(0, limit);
}

/**
 * SLA order (find-order.ts): the [slaGroup+slaKey] ranges in turn — running clocks, paused ones, then stopped ones.
 * A selective equality filter (a person, team, site or category; at most SEARCH_IN_MEMORY matches) reads its matches
 * and sorts them instead of walking clocks it would mostly reject. With any equality filter, the stopped incidents come
 * from that filter's own [filter+updatedAt] ranges (their order is this group's), not from every stopped incident.
 */
async function slaRows(
  db: LanternDb, query: ResolvedQuery, me: string | undefined, filter: WalkFilter, order: ListOrder, dir: SortDirection, bounds: PageBounds, limit: number,
): Promise<IncidentRow[]> {
  const driving = drivingFilter(query, me);
  if (driving && SELECTIVE_FIELDS.has(driving.field)) {
    const few = await fewMatchesOf(db, driving);
    if (few) return slice(await allMatching(few, filter), order, { ...bounds, limit });
  }
  const { after, until } = bounds;
  const index = '[slaGroup+slaKey]';
  const startGroup = after ? Number(after.values[0]) : SLA_RUNNING;
  const rows: IncidentRow[] = [];
  for (const group of [SLA_RUNNING, SLA_PAUSED]) {
    if (group < startGroup) continue;
    const from = after && group === startGroup ? { after: { value: after.values[1]!, id: after.id } } : {};
    rows.push(...(await walkSegment(db, { index, prefix: group, field: 'slaKey', dir, ...from }, filter, order, until, limit - rows.length)));
    // A full page, or the page's known end inside this group: nothing further is needed.
    if (rows.length >= limit || (until && Number(until.values[0]) <= group)) return rows;
  }
  const from = after && startGroup === SLA_STOPPED ? { after: { value: after.values[1]!, id: after.id } } : {};
  if (!driving) {
    return [...rows, ...(await walkSegment(db, { index, prefix: SLA_STOPPED, field: 'slaKey', dir: 'desc', ...from }, filter, order, until, limit - rows.length))];
  }
  const stopped: WalkFilter = { ...filter, matches: (row) => row.slaGroup === SLA_STOPPED && filter.matches(row), matchesAll: false };
  const segments = driving.values.map((value): Segment => ({ index: `[${driving.field}+updatedAt]`, prefix: value, field: 'updatedAt', dir: 'desc', ...from }));
  const pages = await Promise.all(segments.map((segment) => walkSegment(db, segment, stopped, order, until, limit - rows.length)));
  return [...rows, ...pages.flat().sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b))).slice(0, limit - rows.length)];
}

/**
 * Filters that usually match few incidents. Status, priority and "major" match large shares, so probing them would
 * cost a page read its time for nothing (an index count or key read validates every entry it passes in Chromium).
 */
const SELECTIVE_FIELDS = new Set(['assigneeKey', 'teamKey', 'siteKey', 'categoryKey']);

/** Every row matching the equality filter, when its index ranges hold at most SEARCH_IN_MEMORY. */
function fewMatchesOf(db: LanternDb, driving: { field: string; values: (string | number)[] }): Promise<IncidentRow[] | undefined> {
  return fewRowsOf(db, driving.values.map((value) => db.incidents.where(`[${driving.field}+updatedAt]`).between([value, Dexie.minKey], [value, Dexie.maxKey], true, true)));
}

/**
 * The rows of these index ranges when they hold at most SEARCH_IN_MEMORY entries together: keys are read first (no
 * rows, at most SEARCH_IN_MEMORY + 1 per range), so a range too large costs a bounded read. A row in two ranges is read once.
 */
async function fewRowsOf(db: LanternDb, ranges: readonly Collection<IncidentRow, string>[]): Promise<IncidentRow[] | undefined> {
  const keys = (await Promise.all(ranges.map((range) => range.limit(SEARCH_IN_MEMORY + 1).primaryKeys()))).flat();
  if (keys.length > SEARCH_IN_MEMORY) return undefined;
  const rows = await db.incidents.bulkGet([...new Set(keys)]);
  return rows.filter((row): row is IncidentRow => row !== undefined);
}

/** The open statuses a breaching-soon query can match (only open incidents run a resolve clock). */
function openStatuses(query: FindQuery): Status[] {
  return query.statuses && query.statuses.length > 0 ? OPEN_STATUSES.filter((s) => query.statuses!.includes(s)) : [...OPEN_STATUSES];
}

/** The equality filter with an index, most selective kind first, as index field + values (each once). */
function drivingFilter(query: ResolvedQuery, me: string | undefined): { field: string; values: (string | number)[] } | undefined {
  const found = drivingFilterOf(query, me);
  return found && { field: found.field, values: [...new Set(found.values)] };
}

function drivingFilterOf(query: ResolvedQuery, me: string | undefined): { field: string; values: (string | number)[] } | undefined {
  const assignee = me ?? query.assignee;
  if (assignee !== undefined) return { field: 'assigneeKey', values: [assignee] };
  if (query.team !== undefined) return { field: 'teamKey', values: [query.team] };
  if (query.site !== undefined && query.siteKeys !== null) return { field: 'siteKey', values: [...(query.siteKeys ?? [query.site])] };
  if (query.category !== undefined) return { field: 'categoryKey', values: [query.category] };
  if (query.unassigned) return { field: 'assigneeKey', values: [''] };
  if (query.breachingSoon) return { field: 'status', values: openStatuses(query) };
  if (query.statuses && query.statuses.length > 0) return { field: 'status', values: query.statuses };
  if (query.priorities && query.priorities.length > 0) return { field: 'priority', values: query.priorities };
  if (query.major) return { field: 'majorFlag', values: [1] };
  return undefined;
}

/** Sorts by one field: one walk, or (by update time) one [filter+updatedAt] walk per driving value. */
function mergedSegments(query: ResolvedQuery, sort: FindSort, me: string | undefined, after: ListKey | undefined): Segment[] {
  const dir = sort.dir;
  const from = after ? { value: after.values[0]!, id: after.id } : undefined;
  const start = from ? { after: from } : {};
  if (sort.key === 'createdAt') {
    // No [filter+createdAt] index exists: the createdAt index (bounded by the date range) plus the predicate.
    const bounds = { ...(query.recordedFrom !== undefined ? { lower: query.recordedFrom } : {}), ...(query.recordedTo !== undefined ? { upper: query.recordedTo } : {}) };
    return [{ index: 'createdAt', field: 'createdAt', dir, ...bounds, ...start }];
  }
  if (sort.key === 'number') return [{ index: 'number', field: 'number', dir, ...start }];
  const driving = drivingFilter(query, me);
  if (!driving) return [{ index: 'updatedAt', field: 'updatedAt', dir, ...start }];
  return driving.values.map((value) => ({ index: `[${driving.field}+updatedAt]`, prefix: value, field: 'updatedAt', dir, ...start }));
}

/** One [priority+updatedAt] range per priority in sort order, newest first inside; those before the page start are skipped. */
function prioritySegments(query: FindQuery, sort: FindSort, after: ListKey | undefined): Segment[] {
  const ordered = sort.dir === 'asc' ? PRIORITIES : [...PRIORITIES].reverse();
  const wanted = ordered.filter((p) => !query.priorities || query.priorities.length === 0 || query.priorities.includes(p));
  // The first priority at or after the page start's priority (in sort order); the walk resumes inside it.
  const sign = sort.dir === 'asc' ? 1 : -1;
  const startPriority = after ? Number(after.values[0]) : undefined;
  const first = startPriority === undefined ? 0 : wanted.findIndex((p) => sign * (p - startPriority) >= 0);
  if (first < 0) return [];
  return wanted.slice(first).map((priority) => ({
    index: '[priority+updatedAt]',
    prefix: priority,
    field: 'updatedAt',
    dir: 'desc',
    ...(after && priority === startPriority ? { after: { value: after.values[1]!, id: after.id } } : {}),
  }));
}

/**
 * Orders by update time (the default list order) walk, for each indexed word the query's longest word prefixes, that
 * word's searchKeys range from the page start: a page reads about its own rows, however many incidents hold the word.
 * Undefined when the sort is not by update time or the prefix matches too many distinct words.
 */
async function searchByWordRanges(
  db: LanternDb, query: FindQuery, words: readonly string[], me: string | undefined, policies: SlaPolicySet | undefined, bounds: PageBounds, limit: number,
): Promise<IncidentRow[] | undefined> {
  const sort = query.sort ?? DEFAULT_SORT;
  if (sort.key !== 'updatedAt') return undefined;
  const longest = longestWord(words);
  const indexed = await indexedWordsStartingWith(db, longest, SEARCH_WORD_RANGES);
  if (!indexed) return undefined;
  const order = listOrder(sort);
  const dir = sort.dir;
  const after = bounds.after ? { after: { value: bounds.after.values[0]!, id: bounds.after.id } } : {};
  // Each range holds only incidents with the longest word; the filter checks the rest of the query.
  const filter = walkFilter(db, query, words.filter((word) => word !== longest), me, policies);
  const pages = await Promise.all(
    indexed.map((word) => walkSegment(db, { index: 'searchKeys', word, field: 'updatedAt', dir, ...after }, filter, order, bounds.until, limit)),
  );
  // An incident holding two of the words is in two ranges: keep it once.
  const seen = new Set<string>();
  return pages
    .flat()
    .sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b)))
    .filter((row) => !seen.has(row.id) && seen.add(row.id) !== undefined)
    .slice(0, limit);
}

function longestWord(words: readonly string[]): string {
  return words.reduce((a, b) => (b.length > a.length ? b : a));
}

/** The rows whose words prefix-match the query's longest word, when there are few enough to sort in memory. */
function fewSearchHits(db: LanternDb, words: readonly string[]): Promise<IncidentRow[] | undefined> {
  // An incident with two matching words appears twice among the keys, so the bound is conservative.
  return fewRowsOf(db, [db.incidents.where('searchKeys').startsWith(longestWord(words))]);
}

async function allMatching(rows: IncidentRow[], filter: WalkFilter): Promise<IncidentRow[]> {
  const matching = rows.filter(filter.matches);
  return filter.check ? filter.check(matching) : matching;
}

/** The page of already-read rows: sorted, after `after`, up to `until`, at most `limit`. */
function slice(rows: IncidentRow[], order: ListOrder, bounds: PageBounds): IncidentRow[] {
  const { after, until } = bounds;
  return rows
    .map((row) => ({ row, key: order.keyOf(row) }))
    .filter(({ key }) => (!after || order.compare(key, after) > 0) && (!until || order.compare(key, until) <= 0))
    .sort((a, b) => order.compare(a.key, b.key))
    .slice(0, bounds.limit)
    .map(({ row }) => row);
}

function walkFilter(db: LanternDb, query: FindQuery, words: readonly string[], me: string | undefined, policies: SlaPolicySet | undefined): WalkFilter {
  const matches = predicate(query, words, me);
  if (!query.breachingSoon || !policies) return { matches, matchesAll: !filtersRows(query, words, me) };
  const nowMs = query.nowMs ?? Date.now();
  const open = new Set<string>(openStatuses(query));
  return {
    // Too young to be at 75 % of the resolve target: decided without reading the timeline.
    matches: (row) => open.has(row.status) && oldEnough(row, nowMs, policies) && matches(row),
    check: async (rows) => {
      const timelines = await loadSlaTimelines(db, rows);
      return rows.filter((row) => {
        const timeline = timelines.get(row.id);
        return timeline !== undefined && isBreachingSoon(slaClocksOf(timeline, row, nowMs));
      });
    },
  };
}

/** Whether the predicate can reject a row (otherwise every row of a walked range matches). */
function filtersRows(query: FindQuery, words: readonly string[], me: string | undefined): boolean {
  return (
    (query.statuses !== undefined && query.statuses.length > 0) ||
    (query.priorities !== undefined && query.priorities.length > 0) ||
    query.category !== undefined || query.site !== undefined || query.team !== undefined ||
    (me ?? query.assignee) !== undefined || query.unassigned === true || query.major === true ||
    query.recordedFrom !== undefined || query.recordedTo !== undefined || words.length > 0
  );
}

function predicate(query: FindQuery, words: readonly string[], me: string | undefined): (row: IncidentRow) => boolean {
  const statuses = query.statuses && query.statuses.length > 0 ? new Set<string>(query.statuses.filter((s) => STATUSES.includes(s))) : undefined;
  const priorities = query.priorities && query.priorities.length > 0 ? new Set<number>(query.priorities) : undefined;
  const assignee = me ?? query.assignee;
  return (row) =>
    (!statuses || statuses.has(row.status)) &&
    (!priorities || priorities.has(row.priority)) &&
    (query.category === undefined || row.categoryKey === query.category) &&
    (query.site === undefined || isWithinSite(row.siteKey, query.site)) &&
    (query.team === undefined || row.teamKey === query.team) &&
    (assignee === undefined || row.assigneeKey === assignee) &&
    (!query.unassigned || (row.assigneeKey === '' && row.teamKey === '')) &&
    (!query.major || row.majorFlag === 1) &&
    (query.recordedFrom === undefined || row.createdAt >= query.recordedFrom) &&
    (query.recordedTo === undefined || row.createdAt < query.recordedTo) &&
    words.every((word) => keysHavePrefix(row.searchKeys, word));
}
