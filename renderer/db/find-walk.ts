// One ordered index walk of the find plan, continued after a key: the unit that keyset pages are read from.
import { Dexie, type Collection } from 'dexie';
import type { LanternDb } from './database';
import type { ListKey, ListOrder, SortDirection } from './find-order';
import type { IncidentRow } from './incident-row';
import { afterWordKey, searchKey, searchKeyTime } from './search-words';

/** Rows read per step when an async check (breaching soon) decides after the read. */
const CHECKED_BATCH = 500;

/**
 * One index range walked in list order: `field` is the index's last part, `prefix` the equality value of a compound
 * [prefix+field] index. Walking a range yields (field, id) in `dir`, which is the list order inside the segment.
 */
export interface Segment {
  index: string;
  prefix?: string | number;
  /** A search word: the segment is the word's entries in the searchKeys index, ordered by update time (field updatedAt). */
  word?: string;
  field: 'updatedAt' | 'createdAt' | 'number' | 'slaKey';
  dir: SortDirection;
  /** Bounds on the walked field (inclusive; the predicate re-checks exclusive bounds). */
  lower?: string;
  upper?: string;
  /** Continue strictly after this (field value, id); absent: from the start of the range. */
  after?: { value: string | number; id: string };
}

export interface WalkFilter {
  /** Checked on every row the walk meets (cheap, synchronous). */
  matches: (row: IncidentRow) => boolean;
  /** Every row of the segment matches: read a page in one request instead of a cursor step per row. */
  matchesAll?: boolean;
  /** Decides on a batch of matching rows after reading them (e.g. needs their timelines); keeps their order. */
  check?: (rows: IncidentRow[]) => Promise<IncidentRow[]>;
}

/** Up to `limit` rows of the segment in order, each after `segment.after` and not after `until`. */
export async function walkSegment(db: LanternDb, segment: Segment, filter: WalkFilter, order: ListOrder, until: ListKey | undefined, limit: number): Promise<IncidentRow[]> {
  const hits: IncidentRow[] = [];
  let after = segment.after;
  for (;;) {
    const batch = filter.check ? CHECKED_BATCH : limit - hits.length;
    let walk = range(db, segment, after);
    // until() stops the cursor at the first row past the page end, whether or not it matches.
    if (until) walk = walk.until((row) => order.compare(order.keyOf(row), until) > 0, false);
    const from = after;
    // Rows tied with the cursor's value on or before its id were on the previous page; they come first in the walk.
    if (from) walk = walk.filter((row) => row[segment.field] !== from.value || (segment.dir === 'desc' ? row.id < from.id : row.id > from.id));
    const rows = await (filter.matchesAll ? walk : walk.filter(filter.matches)).limit(batch).toArray();
    if (!filter.check) return rows;
    hits.push(...(await filter.check(rows)));
    if (hits.length >= limit || rows.length < batch) return hits.slice(0, limit);
    const last = rows[rows.length - 1]!;
    after = { value: last[segment.field] ?? '', id: last.id };
  }
}

function range(db: LanternDb, segment: Segment, after: Segment['after']): Collection<IncidentRow, string> {
  if (segment.word !== undefined) return wordRange(db, segment, segment.word, after);
  let lower: string | number = segment.lower ?? Dexie.minKey;
  let upper: string | number | typeof Dexie.maxKey = segment.upper ?? Dexie.maxKey;
  // The cursor's own value stays inside the range (ties are skipped by id), so the walk resumes in one index step.
  if (after && segment.dir === 'asc') lower = after.value;
  if (after && segment.dir === 'desc') upper = after.value;
  const where = db.incidents.where(segment.index);
  const walk =
    segment.prefix === undefined ? where.between(lower, upper, true, true) : where.between([segment.prefix, lower], [segment.prefix, upper], true, true);
  return segment.dir === 'desc' ? walk.reverse() : walk;
}

/** A word's entries in searchKeys (`word + separator + update time`), from or to the page start's update time. */
function wordRange(db: LanternDb, segment: Segment, word: string, after: Segment['after']): Collection<IncidentRow, string> {
  const at = (value: string | number) => searchKey(word, searchKeyTime(String(value)));
  const lower = after && segment.dir === 'asc' ? at(after.value) : searchKey(word, '');
  const upper = after && segment.dir === 'desc' ? at(after.value) : afterWordKey(word);
  const walk = db.incidents.where('searchKeys').between(lower, upper, true, true);
  return segment.dir === 'desc' ? walk.reverse() : walk;
}
