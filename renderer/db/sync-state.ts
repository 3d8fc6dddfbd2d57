// What the UI shows about sync from the local tables: per-incident state, the "only on this device" totals, conflicts.
import type { TimelineEvent } from '../../shared/domain';
import type { LanternDb } from './database';
import { isConflictSuperseded } from './conflict-superseded';
import { readMeta } from './meta';
import type { SyncAttachmentRow } from './sync-files';
import { countPendingRows, readOutboxMarks } from './sync-outbox';
import { conflictsTable, outboxStateOf, partialStatesTable, syncOutbox, wasSent, type ConflictRow, type OutboxMarks, type SyncOutboxRow } from './sync-rows';

const NO_MARKS: OutboxMarks = { acknowledgedThrough: 0, sentThrough: 0 };

/**
 * local: changes never handed to HQ; sent: handed over, no receipt yet; confirmed: HQ acknowledged every change;
 * refused: HQ rejected a change for good (kept with its reason).
 */
export type IncidentSyncState = 'local' | 'sent' | 'confirmed' | 'refused';

/**
 * What the incident's badge shows: the outbox state, or files-local when its changes are at HQ (or on their way) but
 * a file attached to it is not (files travel after the operations, and a failed upload leaves them here).
 */
export type IncidentSyncBadgeState = IncidentSyncState | 'files-local';

/** The state of one incident from its outbox rows and the outbox marks (an incident pulled from HQ has no rows: confirmed). */
export function syncStateOf(rows: readonly SyncOutboxRow[], marks: OutboxMarks = NO_MARKS): IncidentSyncState {
  const pending = rows.filter((row) => {
    const state = outboxStateOf(row, marks);
    return state === 'pending' || state === 'sent';
  });
  if (pending.some((row) => !wasSent(row, marks))) return 'local';
  if (pending.length > 0) return 'sent';
  return rows.some((row) => row.state === 'rejected') ? 'refused' : 'confirmed';
}

// The readers below run in live queries without an explicit transaction: Dexie 4 can answer a live query's
// reads from its cache, and a read-only transaction whose reads all came from the cache commits before its
// scope returns (PrematureCommitError, which took the whole Sync dialog down). A live query re-runs after
// every commit that touches what it read, so a momentary mix of marks and rows is corrected at once.
// Live queries over these readers must be async functions (see use-sync.ts): Dexie only follows them across awaits then.
export async function readIncidentSyncState(db: LanternDb, incidentId: string): Promise<IncidentSyncBadgeState> {
  const [rows, marks, filesNotAtHq] = await Promise.all([
    syncOutbox(db).where('incidentId').equals(incidentId).toArray(),
    readOutboxMarks(db),
    countFilesNotAtHq(db, incidentId),
  ]);
  const state = syncStateOf(rows, marks);
  // Changes never sent, or refused, matter more; otherwise "confirmed" must not be claimed while HQ lacks a file.
  return (state === 'confirmed' || state === 'sent') && filesNotAtHq > 0 ? 'files-local' : state;
}

/** Files attached to the incident that HQ does not hold yet (rows of files pulled from HQ carry uploadedAt). */
function countFilesNotAtHq(db: LanternDb, incidentId: string): Promise<number> {
  return db
    .table<SyncAttachmentRow, string>('attachments')
    .where('incidentIds')
    .equals(incidentId)
    .filter((file) => file.uploadedAt === undefined)
    .count();
}

/** Operations recorded on this device that HQ has not acknowledged yet (refused ones are not waiting). */
export function countPendingOps(db: LanternDb): Promise<number> {
  return countPendingRows(db);
}

export interface LocalOnlySummary {
  /** Incidents with changes HQ has not confirmed. */
  incidents: number;
  /** Attachment files not confirmed at HQ (bytes travel separately from operations). */
  files: number;
  bytes: number;
}

export async function readLocalOnlySummary(db: LanternDb): Promise<LocalOnlySummary> {
  const ids = new Set<string>();
  const marks = await readOutboxMarks(db);
  // Above the acknowledged mark only: below it, rows stored as pending are acknowledged.
  await syncOutbox(db)
    .where(':id')
    .above(marks.acknowledgedThrough)
    .each((row) => {
      if (row.state === 'pending' || row.state === 'sent') ids.add(row.incidentId);
    });
  let files = 0;
  let bytes = 0;
  await db.attachments.each((file) => {
    if ((file as { uploadedAt?: unknown }).uploadedAt !== undefined) return;
    files += 1;
    bytes += file.size;
  });
  return { incidents: ids.size, files, bytes };
}

/** A side of a conflict with who made the change and when, from its timeline entry when this device holds it. */
export interface ConflictSideView {
  value: unknown;
  hlc: string;
  deviceId: string;
  author: string | null;
  /** ISO 8601 UTC recorded time, or null when the entry is not here. */
  at: string | null;
  /** The change was made on this device. */
  thisDevice: boolean;
}

export interface ConflictView {
  id: string;
  incidentId: string;
  incidentTitle: string | null;
  /** "K7QM-0042", or null while the incident is not complete on this device. */
  incidentNumber: string | null;
  field: ConflictRow['field'];
  winner: ConflictSideView;
  loser: ConflictSideView;
  detectedAt: string;
}

/**
 * Open conflicts, newest first, with authors and times from the timeline. Open: not looked at here, and not superseded
 * (the field changed after the clash, see conflict-superseded.ts), so a settled conflict is not offered on any device.
 */
export async function readOpenConflicts(db: LanternDb): Promise<ConflictView[]> {
  return db.transaction('r', [conflictsTable(db), partialStatesTable(db), db.timeline, db.incidents, db.meta], async () => {
    const ownId = (await readMeta(db, 'device'))?.deviceId ?? null;
    const rows = (await conflictsTable(db).toArray()).filter((row) => row.resolvedAt === undefined);
    rows.sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : a.detectedAt > b.detectedAt ? -1 : a.id.localeCompare(b.id)));
    const views: ConflictView[] = [];
    for (const row of rows) {
      const incident = await db.incidents.get(row.incidentId);
      // An incident whose creation has not arrived yet keeps its merge state (with the stamps) among the partial ones.
      const stamps = incident ? incident.stamps : (await partialStatesTable(db).get(row.incidentId))?.stamps;
      if (isConflictSuperseded(row, stamps?.[row.field])) continue;
      const [winnerEvent, loserEvent] = await Promise.all([eventAt(db, row.incidentId, row.winner.hlc), eventAt(db, row.incidentId, row.loser.hlc)]);
      views.push({
        id: row.id,
        incidentId: row.incidentId,
        incidentTitle: incident?.title ?? null,
        incidentNumber: incident?.number ?? null,
        field: row.field,
        winner: sideView(row.winner, winnerEvent, ownId),
        loser: sideView(row.loser, loserEvent, ownId),
        detectedAt: row.detectedAt,
      });
    }
    return views;
  });
}

/** Marks a conflict as looked at (the person kept the winner, or picked the other value with a normal edit). */
export async function markConflictResolved(db: LanternDb, conflictId: string, nowMs: number): Promise<void> {
  await conflictsTable(db).update(conflictId, { resolvedAt: new Date(nowMs).toISOString() });
}

/**
 * Marks conflicts as looked at together, in one transaction: a status clash shown as one entry (its companion fields
 * folded in) is kept as a whole, so none of its parts stays behind; and "Keep all" of the other devices' clashes.
 */
export async function markConflictsResolved(db: LanternDb, conflictIds: readonly string[], nowMs: number): Promise<void> {
  if (conflictIds.length === 0) return;
  const resolvedAt = new Date(nowMs).toISOString();
  const table = conflictsTable(db);
  await db.transaction('rw', table, async () => {
    await Promise.all(conflictIds.map((id) => table.update(id, { resolvedAt })));
  });
}

function eventAt(db: LanternDb, incidentId: string, hlc: string): Promise<TimelineEvent | undefined> {
  return db.timeline.where('[incidentId+hlc]').equals([incidentId, hlc]).first();
}

function sideView(side: ConflictRow['winner'], event: TimelineEvent | undefined, ownId: string | null): ConflictSideView {
  return { value: side.value, hlc: side.hlc, deviceId: side.deviceId, author: event?.author.name ?? null, at: event?.at.utc ?? null, thisDevice: side.deviceId === ownId };
}

export interface RefusedChangeView {
  deviceSeq: number;
  incidentId: string;
  incidentTitle: string | null;
  reason: string;
}

/** Changes HQ refused for good: kept here with HQ's reason, never sent again (oldest first). */
export async function readRefusedChanges(db: LanternDb): Promise<RefusedChangeView[]> {
  return db.transaction('r', [db.outbox, db.incidents], async () => {
    const rows = await syncOutbox(db).where('state').equals('rejected').sortBy('deviceSeq');
    const incidents = await db.incidents.bulkGet([...new Set(rows.map((row) => row.incidentId))]);
    const titles = new Map(incidents.filter((i) => i !== undefined).map((i) => [i.id, i.title]));
    return rows.map((row) => ({ deviceSeq: row.deviceSeq, incidentId: row.incidentId, incidentTitle: titles.get(row.incidentId) ?? null, reason: row.reason ?? 'HQ refused this change.' }));
  });
}
