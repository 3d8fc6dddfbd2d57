// One running or paused group of the SLA order, read in chunks (one request each) and filtered in memory.
import type { LanternDb } from './database';
import type { ListKey, ListOrder, SortDirection } from './find-order';
import { walkSegment, type WalkFilter } from './find-walk';
import type { IncidentRow } from './incident-row';

const INDEX = '[slaGroup+slaKey]';
/** Rows per chunk: the first is a few pages' worth, later ones double (a filter that matches little reads further). */
const FIRST_CHUNK = 200;
const MAX_CHUNK = 3200;

/**
 * Up to `limit` rows of group `group` after `after` (its slaKey and id) that pass `filter`, in list order, none past
 * `until`. A cursor with a filter costs a round trip to the storage process per row (300 ms for the first page of
 * "in progress, by SLA" over 100,000 incidents); a chunk is one request. A chunk that cannot move past a run of equal
 * keys (IndexedDB ranges cannot start inside one) hands over to the cursor walk, which can.
 */
export async function walkSlaGroup(
  db: LanternDb,
  group: number,
  dir: SortDirection,
  after: { value: string | number; id: string } | undefined,
  filter: WalkFilter,
  order: ListOrder,
  until: ListKey | undefined,
  limit: number,
): Promise<IncidentRow[]> {
  const hits: IncidentRow[] = [];
  let from = after;
  let size = Math.max(FIRST_CHUNK, limit * 2);
  for (;;) {
    const start = from;
    const chunk = await rangeFrom(db, group, dir, start?.value).limit(size).toArray();
    const fresh = start ? chunk.filter((row) => !atOrBefore(row, start, dir)) : chunk;
    if (chunk.length === size && fresh.length === 0) {
      // A whole chunk of keys equal to the start: only the cursor walk can step past them.
      return [...hits, ...(await walkSegment(db, { index: INDEX, prefix: group, field: 'slaKey', dir, ...(start ? { after: start } : {}) }, filter, order, until, limit - hits.length))];
    }
    const ended = until ? fresh.findIndex((row) => order.compare(order.keyOf(row), until) > 0) : -1;
    const inPage = ended < 0 ? fresh : fresh.slice(0, ended);
    const matching = inPage.filter(filter.matches);
    hits.push(...(filter.check ? await filter.check(matching) : matching));
    if (hits.length >= limit || ended >= 0 || chunk.length < size) return hits.slice(0, limit);
    const last = chunk[chunk.length - 1]!;
    from = { value: last.slaKey ?? 0, id: last.id };
    size = Math.min(MAX_CHUNK, size * 2);
  }
}

/** The group's rows from `value` (inclusive; ties are skipped by id afterwards), in `dir`. */
function rangeFrom(db: LanternDb, group: number, dir: SortDirection, value: string | number | undefined) {
  const where = db.incidents.where(INDEX);
  if (value === undefined) {
    const all = where.between([group, -Infinity], [group, Infinity], true, true);
    return dir === 'desc' ? all.reverse() : all;
  }
  return dir === 'asc' ? where.between([group, value], [group, Infinity], true, true) : where.between([group, -Infinity], [group, value], true, true).reverse();
}

/** Whether the row lies at or before the walk's start (same key: the id decides, as the index orders ties). */
function atOrBefore(row: IncidentRow, start: { value: string | number; id: string }, dir: SortDirection): boolean {
  const key = row.slaKey ?? 0;
  if (key !== start.value) return dir === 'asc' ? key < start.value : key > start.value;
  return dir === 'asc' ? row.id <= start.id : row.id >= start.id;
}
