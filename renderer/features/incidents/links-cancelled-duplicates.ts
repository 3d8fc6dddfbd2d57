// The Links section's duplicates: the incident a cancelled one duplicates, and those cancelled as duplicates of this one, read when shown.
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLanternDb } from '../../db';
import type { LanternDb } from '../../db/database';
import type { IncidentRow } from '../../db/incident-row';

/** One incident named by a cancellation as a duplicate: its number and title when it is on this computer. */
export interface DuplicateView {
  readonly id: string;
  /** null: not on this computer (a cancellation synced here without the incident it names). */
  readonly number: string | null;
  readonly title: string | null;
  readonly exercise: boolean;
}

export interface CancelledDuplicates {
  /** The incident this one was cancelled as a duplicate of; null when it was not. */
  readonly duplicateOf: DuplicateView | null;
  /** The incidents cancelled as duplicates of this one, by number. */
  readonly duplicates: readonly DuplicateView[];
}

const NONE: CancelledDuplicates = { duplicateOf: null, duplicates: [] };

/**
 * How far before the survivor's recording a duplicate's cancellation may be stamped: it was cancelled on a laptop that
 * had the survivor, so after it, but that laptop's clock may have been days off (a flat battery, no network time).
 */
const CLOCK_MARGIN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The incidents cancelled as duplicates of `row`. Nothing indexes duplicateOf (schema.ts; adding it is a schema
 * version), so this reads the cancelled incidents through [status+updatedAt] from the survivor's recording on: a
 * cancellation naming it was stamped after it existed, and a later edit only moves updatedAt forward. One range read,
 * as small as the cancellations since (not the whole table), filtered here.
 */
async function readDuplicatesOf(db: LanternDb, row: IncidentRow): Promise<IncidentRow[]> {
  const fromMs = Date.parse(row.createdAt) - CLOCK_MARGIN_MS;
  const from = Number.isFinite(fromMs) && fromMs > 0 ? new Date(fromMs).toISOString() : Dexie.minKey;
  const cancelled = await db.incidents.where('[status+updatedAt]').between(['cancelled', from], ['cancelled', Dexie.maxKey], true, true).toArray();
  return cancelled.filter((other) => other.duplicateOf === row.id && other.id !== row.id);
}

function viewOf(id: string, row: IncidentRow | undefined): DuplicateView {
  return { id, number: row?.number ?? null, title: row?.title ?? null, exercise: row?.exercise === true };
}

export async function readCancelledDuplicates(db: LanternDb, incidentId: string): Promise<CancelledDuplicates> {
  const row = await db.incidents.get(incidentId);
  if (!row) return NONE;
  const [survivor, duplicates] = await Promise.all([row.duplicateOf ? db.incidents.get(row.duplicateOf) : Promise.resolve(undefined), readDuplicatesOf(db, row)]);
  if (!row.duplicateOf && duplicates.length === 0) return NONE;
  return {
    duplicateOf: row.duplicateOf ? viewOf(row.duplicateOf, survivor) : null,
    duplicates: duplicates.map((other) => viewOf(other.id, other)).sort((a, b) => (a.number ?? '').localeCompare(b.number ?? '')),
  };
}

/** Live: follows a cancellation made here or pulled by a sync, on either incident; undefined until first read. */
export function useCancelledDuplicates(incidentId: string): CancelledDuplicates | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readCancelledDuplicates(db, incidentId), [db, incidentId]);
}
