// The attachments table as stored: a row may lack its bytes (the file is at HQ, not on this device).
import type { Table } from 'dexie';
import type { AttachedName } from './attachments-names';
import type { LanternDb } from './database';
import type { AttachmentRow } from './rows';

/**
 * A row of the attachments table. `blob` is absent for a file another device attached: this device learned of it
 * from a pulled operation and only HQ holds the bytes. `uploadedAt` (ms) says HQ holds the file completely.
 * `name` and `type` are the first sighting's; `attachedAs` (schema v10) holds the name and type of every attach, per
 * incident, which is what an incident shows (attachments-names.ts).
 */
export type StoredAttachment = Omit<AttachmentRow, 'blob'> & { blob?: Blob; uploadedAt?: number; attachedAs?: AttachedName[] };

/** A row whose bytes are on this device (previews, Open, uploads need them). */
export type LocalAttachment = StoredAttachment & { blob: Blob };

export function hasBytes(row: StoredAttachment): row is LocalAttachment {
  return row.blob !== undefined;
}

/** The table typed as it really is (database.ts declares every row with bytes). */
export function attachmentsTable(db: LanternDb): Table<StoredAttachment, string> {
  return db.table<StoredAttachment, string>('attachments');
}
