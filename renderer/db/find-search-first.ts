// The first page of a search whose word is common: walk the sort's index by primary keys only and read just the hits.
import { Dexie } from 'dexie';
import type { LanternDb } from './database';
import type { Segment, WalkFilter } from './find-walk';
import type { IncidentRow } from './incident-row';

/** Keys read per step of the walk (one getAllKeys request each). */
const KEY_CHUNK = 2000;
/** Past this many keys the hits are sparse in this order; reading every hit and sorting is cheaper then. */
const MAX_KEYS_WALKED = 20_000;

/**
 * The first `limit` rows of `segment` (no start key) whose id is in `hits` and that pass `filter`, or undefined when
 * the walk would cost more than reading all hits. Reading 1,000+ whole rows to sort them costs ~70 µs each; keys cost
 * ~1 µs, so for a word on 1 % of 100,000 incidents this reads ~4,000 keys and ~50 rows instead of 1,000+ rows.
 * Ties on the sort value at a chunk boundary are re-read (the range is inclusive) and skipped by id.
 */
export async function firstSearchPage(db: LanternDb, segment: Segment, hits: ReadonlySet<string>, filter: WalkFilter, limit: number): Promise<IncidentRow[] | undefined> {
  const out: IncidentRow[] = [];
  const seen = new Set<string>();
  let bound: string | number | undefined;
  for (let walked = 0; walked < MAX_KEYS_WALKED; walked += KEY_CHUNK) {
    const keys = await range(db, segment, bound).limit(KEY_CHUNK).primaryKeys();
    const fresh = keys.filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    const wanted = fresh.filter((id) => hits.has(id));
    const rows = wanted.length > 0 ? await db.incidents.bulkGet(wanted) : [];
    for (const row of rows) if (row && filter.matches(row)) out.push(row);
    if (out.length >= limit || keys.length < KEY_CHUNK) return out.slice(0, limit);
    const last = await db.incidents.get(keys[keys.length - 1]!);
    if (!last) return undefined; // deleted under us: let the plain path answer
    bound = last[segment.field];
  }
  return undefined;
}

function range(db: LanternDb, segment: Segment, bound: string | number | undefined) {
  const desc = segment.dir === 'desc';
  const lower = !desc && bound !== undefined ? bound : (segment.lower ?? Dexie.minKey);
  const upper = desc && bound !== undefined ? bound : (segment.upper ?? Dexie.maxKey);
  const where = db.incidents.where(segment.index);
  const walk = segment.prefix === undefined ? where.between(lower, upper, true, true) : where.between([segment.prefix, lower], [segment.prefix, upper], true, true);
  return desc ? walk.reverse() : walk;
}
