// Schema versions of the local database: append-only. Never edit a shipped entry; add version N+1 with an upgrade.
import type { Dexie, Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; only indexed fields are listed (rows may hold more). null deletes a table. */
  stores: Record<string, string | null>;
  /** Rewrites existing rows when a version changes their shape; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Every list filter is "<field> newest first", so each filter field is paired with updatedAt.
      // Null and booleans are not valid keys, hence assigneeKey/teamKey/majorFlag (see incident-row.ts).
      // number is indexed but not unique: two devices may draw the same 4-character prefix, and a
      // synced incident must never fail to store because of it (HQ reports such clashes instead).
      incidents:
        'id, number, updatedAt, createdAt, [status+updatedAt], [priority+updatedAt], [categoryKey+updatedAt], ' +
        '[siteKey+updatedAt], [assigneeKey+updatedAt], [teamKey+updatedAt], [majorFlag+updatedAt]',
      // The compound index also answers where('incidentId') (Dexie uses its first part), so no separate index.
      timeline: 'id, [incidentId+hlc]',
      // Multi-entry: one stored file (named by its hash) may belong to several incidents.
      attachments: 'sha256, *incidentIds, createdAt',
      // deviceSeq is assigned from meta inside the write transaction, not auto-incremented, so it is
      // never reused even after acknowledged rows are pruned.
      outbox: 'deviceSeq, &opId, incidentId, state',
      meta: 'key',
      drafts: 'id, updatedAt',
    },
  },
];

export function applySchema(db: Dexie, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): void {
  for (const entry of versions) {
    const version = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) version.upgrade(entry.upgrade);
  }
}
