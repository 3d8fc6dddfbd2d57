// Reads incidents a page at a time with their timelines, so 100k incidents never sit in memory at once.
import { Dexie } from 'dexie';
import { fromIncidentRow, type IncidentRow, type LanternDb } from '../../db';
import { OPEN_STATUSES, SEED_SLA_POLICIES, type Incident, type SlaPolicy, type TimelineEvent } from '../../../shared/domain';

export const DEFAULT_BATCH_SIZE = 500;
/**
 * Background walks (the feeder's start-up pass, escalation passes) read this many rows per slice: decoding 500 rows
 * with their timelines took 6–200 ms on the main thread with 100k incidents; ~100 keep each slice short.
 */
export const WALK_SLICE_SIZE = 100;

/** Awaited between pages: a walk gives the thread back to input and rendering (see idle-slices.ts). */
export type Pause = () => Promise<void>;
const noPause: Pause = () => Promise.resolve();

/** The fallback policy when no resolver is passed (tests); start-notifications resolves each incident against the stored set. */
export const DEFAULT_POLICY: SlaPolicy = SEED_SLA_POLICIES[0]!;

export interface IncidentWithEvents {
  readonly incident: Incident;
  readonly events: readonly TimelineEvent[];
}

/** All incidents in primary-key order, `size` rows per page (the callback may write; each page is read afresh). */
export async function forEachIncidentPage(db: LanternDb, size: number, visit: (rows: readonly IncidentRow[]) => Promise<void>, pause: Pause = noPause): Promise<void> {
  let after = '';
  for (;;) {
    if (after !== '') await pause();
    const rows = await db.incidents.where('id').above(after).limit(size).toArray();
    if (rows.length === 0) return;
    await visit(rows);
    after = rows[rows.length - 1]!.id;
    if (rows.length < size) return;
  }
}

/**
 * Open incidents only, through the [status+updatedAt] index (closed ones pile up and are never due). The keys are
 * taken once at the start and the rows read in slices by key: a row a visit writes moves within the index (its
 * updatedAt changes), which shifted offset pages so that rows were skipped; with the snapshot each open incident is
 * visited once. Rows deleted or no longer open by the time their slice is read are left out.
 */
export async function forEachOpenIncidentPage(db: LanternDb, size: number, visit: (rows: readonly IncidentRow[]) => Promise<void>, pause: Pause = noPause): Promise<void> {
  const ids: string[] = [];
  for (const status of OPEN_STATUSES) {
    ids.push(...(await db.incidents.where('[status+updatedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).primaryKeys()));
  }
  const open = new Set<string>(OPEN_STATUSES);
  for (let start = 0; start < ids.length; start += size) {
    await pause();
    const rows = (await db.incidents.bulkGet(ids.slice(start, start + size))).filter((row): row is IncidentRow => row !== undefined && open.has(row.status));
    if (rows.length > 0) await visit(rows);
  }
}

/** The timelines of these incidents, in one read. */
export async function withEvents(db: LanternDb, rows: readonly IncidentRow[]): Promise<IncidentWithEvents[]> {
  if (rows.length === 0) return [];
  const events = await db.timeline.where('incidentId').anyOf(rows.map((row) => row.id)).toArray();
  const byIncident = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const list = byIncident.get(event.incidentId);
    if (list) list.push(event);
    else byIncident.set(event.incidentId, [event]);
  }
  return rows.map((row) => ({ incident: fromIncidentRow(row), events: byIncident.get(row.id) ?? [] }));
}
