// Reads for the UI: incident pages through indexes (never the whole table), one incident, its timeline, outbox size.
import { Dexie, type Collection } from 'dexie';
import type { Incident, Status, TimelineEvent } from '../../shared/domain';
import type { LanternDb } from './database';
import { fromIncidentRow, type IncidentRow } from './incident-row';
import { countPendingOps } from './sync-state';

/** Where the previous page ended: the last row's sort key (updatedAt, then id as tie-break). */
export interface PageCursor {
  updatedAt: string;
  id: string;
}

export interface IncidentPageQuery {
  status?: Status;
  /** Rows per page, 1..MAX_PAGE_SIZE (default 50). */
  limit?: number;
  /** Return rows strictly after this cursor in list order (i.e. older). */
  before?: PageCursor;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * One page of incidents, newest updatedAt first, ties broken by id (descending). IndexedDB orders
 * equal index keys by primary key, so a reverse walk of [status+updatedAt] (or updatedAt) yields
 * exactly that order and the page costs `limit` index steps plus any rows tied with the cursor.
 */
export async function listIncidentsPage(db: LanternDb, query: IncidentPageQuery = {}): Promise<Incident[]> {
  const limit = clampLimit(query.limit);
  const { status, before } = query;
  let rows: Collection<IncidentRow, string>;
  if (status !== undefined) {
    const upper = before ? [status, before.updatedAt] : [status, Dexie.maxKey];
    rows = db.incidents.where('[status+updatedAt]').between([status, Dexie.minKey], upper, true, true);
  } else {
    rows = before ? db.incidents.where('updatedAt').belowOrEqual(before.updatedAt) : db.incidents.orderBy('updatedAt');
  }
  rows = rows.reverse();
  // The index range includes the cursor's own updatedAt; rows tied with it that sort at or before the
  // cursor (id >= cursor id, as ids descend within a tie) were on earlier pages. They come first in
  // the walk, so skipping them costs only the number of ties.
  if (before) rows = rows.filter((row) => row.updatedAt !== before.updatedAt || row.id < before.id);
  const page = await rows.limit(limit).toArray();
  return page.map(fromIncidentRow);
}

/** The cursor for the page after `page`, or null when `page` was the last (shorter than the limit). */
export function nextPageCursor(page: readonly Incident[], limit: number = DEFAULT_PAGE_SIZE): PageCursor | null {
  const last = page.at(-1);
  return last && page.length >= clampLimit(limit) ? { updatedAt: last.updatedAt, id: last.id } : null;
}

export async function getIncident(db: LanternDb, id: string): Promise<Incident | null> {
  const row = await db.incidents.get(id);
  return row ? fromIncidentRow(row) : null;
}

/** The incident's timeline in HLC order (causal order across devices). */
export function getTimeline(db: LanternDb, incidentId: string): Promise<TimelineEvent[]> {
  return db.timeline.where('[incidentId+hlc]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray();
}

/** Operations recorded on this device that HQ has not received yet (the outbox marks say which; see sync-rows.ts). */
export function countPendingOutbox(db: LanternDb): Promise<number> {
  return countPendingOps(db);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}
