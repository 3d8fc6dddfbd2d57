// Row shapes the sync code stores: conflicts (schema v3), outbox rows with receipt details and marks, the browser connection.
import type { Table } from 'dexie';
import type { Conflict, IncidentState } from '../../shared/sync/merge';
import type { LanternDb } from './database';
import type { OutboxRow, OutboxState } from './rows';

/** A conflict HQ's merge resolved automatically; kept until a person has looked at it. */
export interface ConflictRow extends Conflict {
  /** ISO 8601 UTC when this device first learned of it. */
  detectedAt: string;
  /** ISO 8601 UTC when a person kept the winner or picked the losing value; absent while open. */
  resolvedAt?: string;
}

/** An outbox row with what sync learned about it (all optional: rows written before v3 lack them). */
export type SyncOutboxRow = OutboxRow & {
  /** ms since 1970 when it was first handed to the transport (the incident shows "sent"). */
  sentAt?: number;
  /** Rejected: HQ's code and plain-words reason. */
  code?: string | null;
  reason?: string;
};

/**
 * HQ's receipts as two marks instead of a rewrite of every outbox row: rewriting 10,000 rows (to change one
 * field, IndexedDB stores whole rows) took seconds, most of a large push. HQ takes a device's operations in
 * deviceSeq order, so what it acknowledged is a prefix of the outbox; only refusals are written per row.
 */
export interface OutboxMarks {
  /** Every row with deviceSeq ≤ this that is stored as pending is acknowledged by HQ (rejected rows say so themselves). */
  acknowledgedThrough: number;
  /** Every row with deviceSeq ≤ this was handed to HQ at least once (the incident shows "sent" until acknowledged). */
  sentThrough: number;
}

/** The state of a row with the marks applied. */
export function outboxStateOf(row: SyncOutboxRow, marks: OutboxMarks): OutboxState {
  return row.state === 'pending' && row.deviceSeq <= marks.acknowledgedThrough ? 'acknowledged' : row.state;
}

/** Whether the row was handed to HQ (marked, or stamped by a version that wrote sentAt on each row). */
export function wasSent(row: SyncOutboxRow, marks: OutboxMarks): boolean {
  return row.sentAt !== undefined || row.deviceSeq <= marks.sentThrough;
}

/** Browser mode keeps the device token in IndexedDB: a browser has no OS keychain (safeStorage). */
export interface StoredSyncConnection {
  hqUrl: string;
  deviceName: string;
  /** ms since 1970. */
  connectedAt: number;
  token: string;
}

/** The conflicts table (schema v3), typed; LanternDb does not declare it so the sync files stay separate. */
export function conflictsTable(db: LanternDb): Table<ConflictRow, string> {
  return db.table<ConflictRow, string>('conflicts');
}

/** The outbox with the optional sync fields. */
export function syncOutbox(db: LanternDb): Table<SyncOutboxRow, number> {
  return db.outbox as Table<SyncOutboxRow, number>;
}

/** Merge state of an incident not complete yet (its creation has not arrived). */
export function partialStatesTable(db: LanternDb): Table<IncidentState, string> {
  return db.table<IncidentState, string>('syncPartial');
}
