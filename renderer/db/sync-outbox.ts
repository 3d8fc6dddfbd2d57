// The outbox as sync sees it through its marks: the marks, the pending rows after a point, and their count.
import type { LanternDb } from './database';
import { readMeta } from './meta';
import { syncOutbox, type OutboxMarks, type SyncOutboxRow } from './sync-rows';

/** Stored states that are not pending, looked up above the acknowledged mark (refusals; rows of older versions). */
const RESOLVED_STATES = ['acknowledged', 'rejected', 'sent'] as const;

/**
 * The stored marks. A database from before the marks has its receipts on the rows (HQ acknowledges a prefix),
 * so its acknowledged part ends just before its first pending row and nothing is marked sent.
 */
export async function readOutboxMarks(db: LanternDb): Promise<OutboxMarks> {
  const stored = await readMeta(db, 'outboxMarks');
  if (stored) return stored;
  const outbox = syncOutbox(db);
  const [firstPending] = await outbox.where('state').equals('pending').limit(1).primaryKeys();
  const last = firstPending === undefined ? await outbox.orderBy(':id').lastKey() : firstPending - 1;
  return { acknowledgedThrough: typeof last === 'number' ? last : 0, sentThrough: 0 };
}

/**
 * Up to `limit` rows stored as pending with deviceSeq above `after` (never below the acknowledged mark), oldest
 * first. Reads primary-key ranges, cheaper than the state index (which also holds every row acknowledged by mark).
 */
export async function pendingRowsAfter(db: LanternDb, marks: OutboxMarks, after: number, limit: number): Promise<SyncOutboxRow[]> {
  const outbox = syncOutbox(db);
  const out: SyncOutboxRow[] = [];
  let from = Math.max(after, marks.acknowledgedThrough);
  while (out.length < limit) {
    const want = limit - out.length;
    const rows = await outbox.where(':id').above(from).limit(want).toArray();
    for (const row of rows) if (row.state === 'pending') out.push(row);
    if (rows.length < want) break;
    from = rows[rows.length - 1]!.deviceSeq;
  }
  return out;
}

/**
 * Turns every row stored as resolved (acknowledged, rejected, sent) back into pending: a new HQ epoch sends everything
 * again. Looks the states up by name, so the pending rows (nearly all of a fresh device's outbox) are not visited:
 * `noneOf(['pending'])` steps through every pending key one by one (Dexie only jumps between ranges whose bound is
 * not a key), which cost a fresh device ~10 ms per 1,000 queued operations before its first push.
 * Call inside a rw transaction on the outbox (with the marks reset in the same transaction).
 */
export async function markResolvedRowsPending(db: LanternDb): Promise<void> {
  await syncOutbox(db)
    .where('state')
    .anyOf([...RESOLVED_STATES])
    .modify((row) => {
      row.state = 'pending';
    });
}

/**
 * Operations HQ has not acknowledged yet: rows above the mark, less those stored as refused (or resolved by older
 * versions). No explicit transaction: it runs in live queries (see sync-state.ts for why that matters).
 */
export async function countPendingRows(db: LanternDb): Promise<number> {
  const marks = await readOutboxMarks(db);
  const outbox = syncOutbox(db);
  const above = await outbox.where(':id').above(marks.acknowledgedThrough).count();
  let resolved = 0;
  // Newest first per state, stopping at the mark: only the few rows above it are visited.
  for (const state of RESOLVED_STATES) {
    resolved += await outbox
      .where('state')
      .equals(state)
      .reverse()
      .until((row) => row.deviceSeq <= marks.acknowledgedThrough)
      .count();
  }
  return above - resolved;
}
