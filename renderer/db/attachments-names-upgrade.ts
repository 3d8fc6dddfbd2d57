// Schema v12: stored files gain the name and type each incident attached it under (attachedAs), from this device's operations.
import type { Transaction } from 'dexie';
import type { ReportUpgradeStep } from './upgrade-progress';
import { withAttachedNames, type AttachedName } from './attachments-names';
import type { StoredAttachment } from './attachments-stored';
import type { OutboxRow } from './rows';

/** Outbox rows read per request (one request per chunk, as the timeline upgrades read). */
const CHUNK = 5_000;

/**
 * The outbox keeps every operation this device made (acknowledged ones too), and each attaching operation carries
 * its files' refs: that gives the exact name per incident for files attached here. Files this device only learned
 * of from pulled operations have no copy of those refs here, so they keep their one stored name (what they showed
 * before); operations pulled from now on record their names (attachments-pulled.ts).
 */
export async function fillAttachedNames(tx: Transaction, report: ReportUpgradeStep): Promise<void> {
  const bySha = new Map<string, AttachedName[]>();
  const outbox = tx.table<OutboxRow, number>('outbox');
  for (let after: number | undefined; ; ) {
    const chunk = await (after === undefined ? outbox.orderBy(':id') : outbox.where(':id').above(after)).limit(CHUNK).toArray();
    for (const op of chunk) {
      for (const ref of op.attachments ?? []) {
        const list = bySha.get(ref.sha256) ?? [];
        list.push({ incidentId: op.incidentId, name: ref.name, type: ref.type, at: op.event.at.utc });
        bySha.set(ref.sha256, list);
      }
    }
    if (chunk.length < CHUNK) break;
    after = chunk[chunk.length - 1]!.deviceSeq;
  }
  // Only rows whose names differ from what they showed (one stored name) are written: a row holds its file's bytes,
  // and rewriting every photo would cost time and, for a moment, as much free disk again.
  const attachments = tx.table<StoredAttachment, string>('attachments');
  const keys = (await attachments.toCollection().primaryKeys()).filter((sha256) => bySha.has(sha256));
  report(V12_NAMES, 0, keys.length);
  for (let from = 0; from < keys.length; from += ROW_CHUNK) {
    const rows = await attachments.bulkGet(keys.slice(from, from + ROW_CHUNK));
    const changed: StoredAttachment[] = [];
    for (const row of rows) {
      if (!row) continue;
      const names = namesOf(row, bySha.get(row.sha256) ?? []);
      if (names.some((entry) => entry.name !== row.name || entry.type !== row.type) || names.length !== row.incidentIds.length) changed.push({ ...row, attachedAs: names });
    }
    if (changed.length > 0) await attachments.bulkPut(changed);
    report(V12_NAMES, Math.min(keys.length, from + ROW_CHUNK), keys.length);
  }
}

/** The words of v12's one step on the upgrade screen. */
export const V12_NAMES = 'Naming attached files per incident';
/** Attachment rows (each with its Blob) read per request. */
const ROW_CHUNK = 200;

function namesOf(row: StoredAttachment, made: readonly AttachedName[]): AttachedName[] {
  const names: AttachedName[] = [];
  for (const incidentId of row.incidentIds) {
    const own = made.filter((entry) => entry.incidentId === incidentId);
    // No operation of this device attached it there: the stored name, as the incident showed it until now.
    const entries = own.length > 0 ? own : [{ incidentId, name: row.name, type: row.type, at: row.createdAt }];
    names.push(...(withAttachedNames([], entries) ?? []));
  }
  return names;
}
