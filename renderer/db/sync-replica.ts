// The sync engine's LocalReplica on Dexie: every method is one IndexedDB transaction, all or nothing.
import { Dexie, type Table, type Transaction } from 'dexie';
import { receiveHlc } from '../../shared/domain';
import { rewriteOperationStamp, type LocalReplica, type PulledPage, type PushOutcome, type SyncPoint } from '../../shared/sync/engine';
import { conflictIdOf } from '../../shared/sync/merge';
import type { Operation } from '../../shared/sync/operation';
import { systemClock, type Clock } from './clock';
import type { LanternDb } from './database';
import { restampSlaChanges } from './sla-order';
import { readMeta, writeMeta, writeMetas, type MetaRow } from './meta';
import { markUploadedFilesPending } from './sync-files';
import { conflictsTable, partialStatesTable, syncOutbox, type SyncOutboxRow } from './sync-rows';
import { writePageOps } from './sync-apply';
import { countPendingRows, markResolvedRowsPending, pendingRowsAfter, readOutboxMarks } from './sync-outbox';
import { renumberPendingRows } from './sync-renumber';
import { isQuotaError } from './storage';

export const SYNC_STORAGE_FULL_MESSAGE =
  "This computer's storage is full, so Lantern could not save what it received from HQ. Nothing of it was kept and " +
  'nothing was lost; free some disk space and sync again.';

/** A local write of the sync failed because the disk is full; named like the DOM error so every layer recognises it. */
export class SyncStorageFullError extends Error {
  override readonly name = 'QuotaExceededError';
}

const NO_POINT: SyncPoint = { epoch: null, cursor: null };

export function createDexieReplica(db: LanternDb, clock: Clock = systemClock): LocalReplica & Required<Pick<LocalReplica, 'pendingOpsAfter' | 'renumberPending' | 'markSent' | 'markNotSent'>> {
  // opId of every row handed out and not answered yet: a receipt for one of them is checked without a read.
  const handedOut = new Map<number, string>();
  const pendingAfter = async (after: number, limit: number) => {
    const rows = await db.transaction('r', [db.outbox, db.meta], async () => pendingRowsAfter(db, await readOutboxMarks(db), after, Math.max(0, limit)));
    if (handedOut.size > MAX_HANDED_OUT) handedOut.clear();
    for (const row of rows) handedOut.set(row.deviceSeq, row.opId);
    return rows.map(operationOf);
  };
  return {
    pendingOps: (limit) => pendingAfter(0, limit),

    pendingOpsAfter: pendingAfter,

    markSent: (deviceSeqs) => markOpsSent(db, deviceSeqs),

    markNotSent: (deviceSeqs) => markOpsNotSent(db, deviceSeqs),

    recordPushResults: async (results) => {
      await inTransaction(db, [db.outbox, db.incidents, db.timeline, db.meta, conflictsTable(db)], () => recordResults(db, results, handedOut));
      for (const result of results) if (result.status !== 'retry-later') handedOut.delete(result.deviceSeq);
    },

    async getCursor() {
      return (await readMeta(db, 'syncPoint')) ?? NO_POINT;
    },

    applyPulledPage: (page) =>
      inTransaction(db, [db.incidents, db.timeline, db.meta, db.slaPolicies, conflictsTable(db), partialStatesTable(db), db.attachments], () => applyPage(db, page, clock)),

    resetForNewEpoch: (epoch) =>
      inTransaction(db, [db.outbox, db.meta, db.attachments], async () => {
        await markResolvedRowsPending(db);
        // Everything goes again, and nothing of it counts as handed to this HQ yet.
        await writeMeta(db, 'outboxMarks', { acknowledgedThrough: 0, sentThrough: 0 });
        await writeMeta(db, 'syncPoint', { epoch, cursor: null });
        // The files too: HQ restored from a backup may have lost their bytes. An HQ that still holds a file answers
        // "complete" to the uploader's first question, so only what is really missing travels.
        await markUploadedFilesPending(db);
      }),

    countPending: () => countPendingRows(db),

    async renumberPending(hqLastSeq) {
      const moved = await renumberPendingRows(db, hqLastSeq);
      // The rows handed out under their old numbers are gone; their receipts will not come.
      if (moved > 0) handedOut.clear();
      return moved;
    },
  };
}

/** Bounds the opId memory when receipts never come (a failing HQ); a forgotten entry only costs a read. */
const MAX_HANDED_OUT = 20_000;

/** The operation as pushed: the outbox row without its local bookkeeping fields. */
function operationOf(row: SyncOutboxRow): Operation {
  const { state: _state, sentAt: _sent, code: _code, reason: _reason, ...op } = row;
  return op;
}

/**
 * Records HQ's answers for one batch. Acknowledgements move the acknowledged mark over the answered prefix
 * (one small write instead of a rewrite of every row); refusals, and acknowledgements the mark cannot cover
 * (HQ answered past an operation it asked to retry), are written on their rows.
 */
async function recordResults(db: LanternDb, results: readonly PushOutcome[], handedOut: ReadonlyMap<number, string>): Promise<void> {
  const outbox = syncOutbox(db);
  const unchecked = results.filter((r) => handedOut.get(r.deviceSeq) !== r.opId);
  if (unchecked.length > 0) {
    const rows = await outbox.bulkGet(unchecked.map((r) => r.deviceSeq));
    unchecked.forEach((result, i) => {
      if (rows[i]?.opId !== result.opId) throw new Error(`recordPushResults: unknown operation ${result.opId}`);
    });
  }

  const marks = await readOutboxMarks(db);
  const resolved = results.filter((r) => r.status !== 'retry-later').sort((a, b) => a.deviceSeq - b.deviceSeq);
  const through = await acknowledgedPrefixEnd(db, marks.acknowledgedThrough, resolved);
  const onRows = resolved.filter((r) => r.status === 'rejected' || r.deviceSeq > through);
  if (onRows.length > 0) {
    const rows = await outbox.bulkGet(onRows.map((r) => r.deviceSeq));
    const updates = onRows.map((result, i): SyncOutboxRow => {
      const row = rows[i]!;
      if (result.status === 'rejected') return { ...row, state: 'rejected', code: result.code, reason: result.reason };
      const { code: _code, reason: _reason, ...rest } = row;
      return { ...rest, state: 'acknowledged' };
    });
    await outbox.bulkPut(updates);
  }
  if (through > marks.acknowledgedThrough) await writeMeta(db, 'outboxMarks', { ...marks, acknowledgedThrough: through });
  // After the receipts, so a rewrite of a later operation's stamps is never overwritten by its stale receipt row.
  for (const result of resolved) {
    if (result.status !== 'applied' && result.status !== 'duplicate') continue;
    if (!result.capped) continue;
    const row = await outbox.get(result.deviceSeq);
    if (row) await rewriteCapped(db, row.incidentId, result.capped.from, result.capped.to);
  }
}

/**
 * How far the acknowledged mark may move: over the answered operations (sorted by deviceSeq) while no pending
 * row that was not answered lies in between (rows stored as resolved may). One count settles the usual case,
 * a batch of consecutive rows right after the mark.
 */
async function acknowledgedPrefixEnd(db: LanternDb, from: number, resolved: readonly PushOutcome[]): Promise<number> {
  const answered = resolved.filter((r) => r.deviceSeq > from);
  if (answered.length === 0) return from;
  const range = syncOutbox(db).where(':id').between(from, answered[answered.length - 1]!.deviceSeq, false, true);
  if ((await range.count()) === answered.length) return answered[answered.length - 1]!.deviceSeq;
  const seqs = new Set(answered.map((r) => r.deviceSeq));
  let through = from;
  for (const row of await range.toArray()) {
    if (!seqs.has(row.deviceSeq) && row.state === 'pending') break;
    through = row.deviceSeq;
  }
  return through;
}

/** HQ holds an operation under `to`: rewrite what still carries `from` (incident stamps, its event, outbox rows, conflicts). */
async function rewriteCapped(db: LanternDb, incidentId: string, from: string, to: string): Promise<void> {
  const row = await db.incidents.get(incidentId);
  const slaChanges = row ? restampSlaChanges(row.slaChanges, from, to) : undefined;
  if (row && (Object.values(row.stamps).includes(from) || slaChanges)) {
    const stamps = Object.fromEntries(Object.entries(row.stamps).map(([field, stamp]) => [field, stamp === from ? to : stamp]));
    // The SLA key stays: a change's stamp only orders changes at the same instant, and this one keeps its time.
    await db.incidents.put({ ...row, stamps, ...(slaChanges ? { slaChanges } : {}) });
  }
  await db.timeline.where('[incidentId+hlc]').equals([incidentId, from]).modify((event) => {
    event.hlc = to;
  });
  const outbox = syncOutbox(db);
  const rows = await outbox.where('incidentId').equals(incidentId).toArray();
  for (const entry of rows) {
    const op = rewriteOperationStamp(operationOf(entry), from, to);
    if (op.hlc !== entry.hlc || op.event.hlc !== entry.event.hlc || op.base !== entry.base) await outbox.put({ ...entry, ...op });
  }
  await rewriteConflictStamps(db, incidentId, from, to);
}

/**
 * Conflicts recorded while the operation was pending name it by `from`. Renamed to `to`, the winner's author and
 * time are found in the timeline again, and the id is the one HQ and the other devices derive for the same pair.
 */
async function rewriteConflictStamps(db: LanternDb, incidentId: string, from: string, to: string): Promise<void> {
  const conflicts = conflictsTable(db);
  const named = (await conflicts.where('incidentId').equals(incidentId).toArray()).filter((row) => row.winner.hlc === from || row.loser.hlc === from);
  for (const row of named) {
    const winner = row.winner.hlc === from ? { ...row.winner, hlc: to } : row.winner;
    const loser = row.loser.hlc === from ? { ...row.loser, hlc: to } : row.loser;
    const id = conflictIdOf(row.incidentId, row.field, winner.hlc, loser.hlc);
    // Already learned under the new id (pulled back from HQ): keep that row, and a person's decision from either.
    const held = await conflicts.get(id);
    const resolvedAt = held?.resolvedAt ?? row.resolvedAt;
    await conflicts.delete(row.id);
    await conflicts.put({ ...(held ?? { ...row, id, winner, loser }), ...(resolvedAt === undefined ? {} : { resolvedAt }) });
  }
}

async function applyPage(db: LanternDb, page: PulledPage, clock: Clock): Promise<void> {
  // The cursor and clock rows are written as soon as the clock state is read, not after the page's other
  // writes: the commit then follows the last write instead of one more round trip at the end of each page
  // (the page's transaction is on the pull's critical path). The clock read goes first so it is answered
  // with the page's reads, ahead of the page's writes.
  const marking = writeSyncPoint(db, page, clock);
  const writing = writePageOps(db, page.ops, clock.nowMs());
  await Promise.all([marking, writing]);
}

/** The page's cursor, and the device clock advanced past the page's highest stamp, in one request. */
async function writeSyncPoint(db: LanternDb, page: PulledPage, clock: Clock): Promise<void> {
  const rows: MetaRow[] = [{ key: 'syncPoint', value: { epoch: page.epoch, cursor: page.cursor } }];
  if (page.highestStamp !== null) {
    const hlc = await readMeta(db, 'hlc');
    if (!hlc) throw new Error('applyPulledPage: this device has no clock state yet (ensureDevice first)');
    // No forward cap: HQ already capped future-dated stamps; a slow clock must adopt what it saw.
    rows.unshift({ key: 'hlc', value: receiveHlc(hlc, page.highestStamp, clock.nowMs()).state });
  }
  await writeMetas(db, rows);
}

/**
 * Runs `work` in one rw transaction. A full disk (a failed request, or Chromium aborting the commit with
 * QuotaExceededError inside an AbortError) becomes SyncStorageFullError with plain words; nothing was written.
 */
async function inTransaction(db: LanternDb, tables: Table[], work: () => Promise<void>): Promise<void> {
  let transaction: Transaction | undefined;
  try {
    await db.transaction('rw', tables, async () => {
      transaction = Dexie.currentTransaction;
      await work();
    });
  } catch (error) {
    const abortCause: unknown = transaction?.idbtrans?.error;
    if (isQuotaError(error) || isQuotaError(abortCause)) throw new SyncStorageFullError(SYNC_STORAGE_FULL_MESSAGE, { cause: error });
    throw error;
  }
}

/**
 * Marks operations as handed to HQ (the incident badge says "sent" until HQ's receipt arrives) with one small
 * write of the sent mark. `deviceSeqs` is a batch as the engine pushes it: the oldest pending operations.
 * Call it as the batch leaves; if the push then fails, call `markOpsNotSent` for the same batch.
 */
export async function markOpsSent(db: LanternDb, deviceSeqs: readonly number[]): Promise<void> {
  if (deviceSeqs.length === 0) return;
  const highest = Math.max(...deviceSeqs);
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const marks = await readOutboxMarks(db);
    if (highest > marks.sentThrough) await writeMeta(db, 'outboxMarks', { ...marks, sentThrough: highest });
  });
}

/**
 * A push failed without an answer HQ took (unreachable, refused, revoked, any error answer): HQ holds none of these
 * operations as far as this device knows, so the badge must say "only on this device" again. Moves the sent mark back
 * to just below the batch, never below the acknowledged mark. Everything above the batch goes back too: a later batch
 * on its way behind it has its answer dropped by the engine, and is sent again (HQ answers a resend "duplicate").
 */
export async function markOpsNotSent(db: LanternDb, deviceSeqs: readonly number[]): Promise<void> {
  if (deviceSeqs.length === 0) return;
  await lowerSentMark(db, Math.min(...deviceSeqs) - 1);
}

/**
 * Nothing of this page is on its way to HQ yet: a sent mark left behind (the page closed while a push travelled, or an
 * older version kept the mark after failed pushes) is moved back to the acknowledged mark. Unsure means "only on this
 * device"; a resend of what HQ did get is answered "duplicate".
 */
export async function clearSentMark(db: LanternDb): Promise<void> {
  await lowerSentMark(db, 0);
}

async function lowerSentMark(db: LanternDb, below: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const marks = await readOutboxMarks(db);
    // Below the acknowledged mark "sent" never shows (acknowledged wins), so the mark only needs to reach it.
    const sentThrough = Math.max(marks.acknowledgedThrough, Math.min(marks.sentThrough, below));
    if (sentThrough < marks.sentThrough) await writeMeta(db, 'outboxMarks', { ...marks, sentThrough });
  });
}
