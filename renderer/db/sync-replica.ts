// The sync engine's LocalReplica on Dexie: every method is one IndexedDB transaction, all or nothing.
import { Dexie, type Table, type Transaction } from 'dexie';
import { receiveHlc } from '../../shared/domain';
import { rewriteOperationStamp, type LocalReplica, type PulledPage, type PushOutcome, type SyncPoint } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { systemClock, type Clock } from './clock';
import type { LanternDb } from './database';
import { readMeta, writeMeta } from './meta';
import { conflictsTable, partialStatesTable, syncOutbox, type SyncOutboxRow } from './sync-rows';
import { writePageOps } from './sync-apply';
import { isQuotaError } from './storage';

export const SYNC_STORAGE_FULL_MESSAGE =
  "This computer's storage is full, so Lantern could not save what it received from HQ. Nothing of it was kept and " +
  'nothing was lost; free some disk space and sync again.';

/** A local write of the sync failed because the disk is full; named like the DOM error so every layer recognises it. */
export class SyncStorageFullError extends Error {
  override readonly name = 'QuotaExceededError';
}

const NO_POINT: SyncPoint = { epoch: null, cursor: null };

export function createDexieReplica(db: LanternDb, clock: Clock = systemClock): LocalReplica {
  const outbox = syncOutbox(db);
  return {
    async pendingOps(limit) {
      const rows = await outbox.where('state').equals('pending').limit(Math.max(0, limit)).toArray();
      return rows.sort((a, b) => a.deviceSeq - b.deviceSeq).map(operationOf);
    },

    recordPushResults: (results) =>
      inTransaction(db, [db.outbox, db.incidents, db.timeline], () => recordResults(db, results)),

    async getCursor() {
      return (await readMeta(db, 'syncPoint')) ?? NO_POINT;
    },

    applyPulledPage: (page) =>
      inTransaction(db, [db.incidents, db.timeline, db.meta, conflictsTable(db), partialStatesTable(db)], () => applyPage(db, page, clock)),

    resetForNewEpoch: (epoch) =>
      inTransaction(db, [db.outbox, db.meta], async () => {
        await outbox.where('state').noneOf(['pending']).modify((row) => {
          row.state = 'pending';
        });
        await writeMeta(db, 'syncPoint', { epoch, cursor: null });
      }),

    countPending: () => outbox.where('state').equals('pending').count(),
  };
}

/** The operation as pushed: the outbox row without its local bookkeeping fields. */
function operationOf(row: SyncOutboxRow): Operation {
  const { state: _state, sentAt: _sent, code: _code, reason: _reason, ...op } = row;
  return op;
}

async function recordResults(db: LanternDb, results: readonly PushOutcome[]): Promise<void> {
  const outbox = syncOutbox(db);
  const rows = await outbox.bulkGet(results.map((r) => r.deviceSeq));
  const updates: SyncOutboxRow[] = [];
  const capped: { incidentId: string; from: string; to: string }[] = [];
  for (const [i, result] of results.entries()) {
    const row = rows[i];
    if (!row || row.opId !== result.opId) throw new Error(`recordPushResults: unknown operation ${result.opId}`);
    if (result.status === 'applied' || result.status === 'duplicate') {
      const { code: _code, reason: _reason, ...rest } = row;
      updates.push({ ...rest, state: 'acknowledged' });
      if (result.capped) capped.push({ incidentId: row.incidentId, ...result.capped });
    } else if (result.status === 'rejected') {
      updates.push({ ...row, state: 'rejected', code: result.code, reason: result.reason });
    }
    // retry-later: stays pending, sent again in a later run.
  }
  // One request for the whole batch (a put per row was most of a push's local time).
  await outbox.bulkPut(updates);
  // After the receipts, so a rewrite of a later operation's stamps is never overwritten by its stale receipt row.
  for (const { incidentId, from, to } of capped) await rewriteCapped(db, incidentId, from, to);
}

/** HQ holds an operation under `to`: rewrite what still carries `from` (incident stamps, its event, outbox rows). */
async function rewriteCapped(db: LanternDb, incidentId: string, from: string, to: string): Promise<void> {
  const row = await db.incidents.get(incidentId);
  if (row && Object.values(row.stamps).includes(from)) {
    const stamps = Object.fromEntries(Object.entries(row.stamps).map(([field, stamp]) => [field, stamp === from ? to : stamp]));
    await db.incidents.put({ ...row, stamps });
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
}

async function applyPage(db: LanternDb, page: PulledPage, clock: Clock): Promise<void> {
  await writePageOps(db, page.ops, clock.nowMs());
  if (page.highestStamp !== null) {
    const hlc = await readMeta(db, 'hlc');
    if (!hlc) throw new Error('applyPulledPage: this device has no clock state yet (ensureDevice first)');
    // No forward cap: HQ already capped future-dated stamps; a slow clock must adopt what it saw.
    await writeMeta(db, 'hlc', receiveHlc(hlc, page.highestStamp, clock.nowMs()).state);
  }
  await writeMeta(db, 'syncPoint', { epoch: page.epoch, cursor: page.cursor });
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

/** Marks operations as handed to HQ (the incident badge says "sent" until HQ's receipt arrives); one transaction. */
export async function markOpsSent(db: LanternDb, deviceSeqs: readonly number[], nowMs: number): Promise<void> {
  const outbox = syncOutbox(db);
  await db.transaction('rw', db.outbox, async () => {
    const rows = await outbox.bulkGet([...deviceSeqs]);
    const fresh = rows.filter((row): row is SyncOutboxRow => row !== undefined && row.sentAt === undefined);
    if (fresh.length > 0) await outbox.bulkPut(fresh.map((row) => ({ ...row, sentAt: nowMs })));
  });
}
