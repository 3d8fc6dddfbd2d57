// What the sync engine needs from the device's local store; Dexie implements it in the page, tests in memory.
import type { Operation } from '../operation';
import type { PushReasonCode } from '../wire';

/** Where the device stands with HQ: the epoch it last synced with and the opaque pull cursor. */
export interface SyncPoint {
  /** null until the first answer from HQ (or enrollment) was stored. */
  readonly epoch: string | null;
  /** null: pull from the beginning. */
  readonly cursor: string | null;
}

/** HQ's answer for one pushed operation, checked against the batch that was sent. */
export type PushOutcome =
  | {
      readonly opId: string;
      readonly deviceSeq: number;
      readonly status: 'applied' | 'duplicate';
      /**
       * Set when HQ capped a future-dated stamp: HQ holds the operation with `to` instead of `from`.
       * The replica rewrites every local stamp that still carries `from` (field stamps of the incident,
       * the timeline event, the outbox row and the `base` of later pending operations) in the same transaction.
       */
      readonly capped: { readonly from: string; readonly to: string } | null;
    }
  | {
      readonly opId: string;
      readonly deviceSeq: number;
      /** rejected: keep the operation, mark it rejected with the reason, show it, never send it again. */
      readonly status: 'rejected' | 'retry-later';
      readonly code: PushReasonCode | null;
      /** Plain words from HQ (or a default), stored with the operation. */
      readonly reason: string;
    };

/** One page of HQ's log, already validated; apply it and store `cursor` and `epoch` in ONE transaction. */
export interface PulledPage {
  readonly epoch: string;
  readonly cursor: string;
  /** In HQ's order (serverSeq ascending). May include this device's own operations: merge makes them no-ops. */
  readonly ops: readonly Operation[];
  /**
   * The highest HLC stamp in `ops` (null for an empty page). The replica advances the device HLC past it
   * with `receiveHlc` in the same transaction, so every later local edit sorts after what was pulled.
   */
  readonly highestStamp: string | null;
  /** HQ's clock (ms) when it answered. */
  readonly serverTime: number;
}

export interface LocalReplica {
  /** Up to `limit` operations in state pending, in deviceSeq order (oldest first). */
  pendingOps(limit: number): Promise<Operation[]>;
  /**
   * Optional: the same, but only operations after `afterDeviceSeq`. With it the engine reads the next batch
   * while the current one is on its way to HQ (whose receipts are not recorded yet, so they are still pending).
   */
  pendingOpsAfter?(afterDeviceSeq: number, limit: number): Promise<Operation[]>;
  /**
   * ONE local transaction: applied/duplicate → acknowledged (rewriting capped stamps); rejected → rejected
   * with its reason (kept, shown, never retried); retry-later → stays pending.
   */
  recordPushResults(results: readonly PushOutcome[]): Promise<void>;
  getCursor(): Promise<SyncPoint>;
  /**
   * ONE local transaction: merge every op with `mergeOperation` (store the new incident state), insert each
   * timeline event unless its id exists, upsert the conflicts by id, advance the HLC past `highestStamp`,
   * store `cursor` and `epoch`. If anything fails, nothing of the page may remain.
   */
  applyPulledPage(page: PulledPage): Promise<void>;
  /**
   * HQ is in a new epoch (restored from a backup) or this is the first contact: ONE transaction that marks
   * every acknowledged and rejected operation pending again (HQ may have lost it; resending is harmless,
   * and HQ's per-device sequence must not have gaps), stores `epoch` and clears the cursor.
   * Acknowledged operations must therefore be kept, not pruned.
   */
  resetForNewEpoch(epoch: string): Promise<void>;
  /**
   * HQ already holds other operations under this device's numbers (the device was restored from an older copy of its
   * disk): ONE transaction gives every pending operation a new opId and a deviceSeq above both `hqLastSeq` and every
   * number this device holds, in the same order, and moves the device's counter past them. Returns how many moved.
   * Optional: without it such operations stay refused ("seq-reused"), as before.
   */
  renumberPending?(hqLastSeq: number): Promise<number>;
  countPending(): Promise<number>;
  /**
   * Optional: the batch `deviceSeqs` is leaving for HQ (the incident badge says "sent" until its receipt arrives).
   * Only feeds the badge; `withSentMarks` calls it around each push.
   */
  markSent?(deviceSeqs: readonly number[]): Promise<void>;
  /** Optional: the push of that batch failed; HQ holds none of it as far as this device knows ("only on this device"). */
  markNotSent?(deviceSeqs: readonly number[]): Promise<void>;
}
