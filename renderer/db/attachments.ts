// Attachment files: SHA-256 at capture, size check before anything is stored, one row per content hash, a name per attach.
import { checkAttachmentSize, cleanAttachmentName, DEFAULT_ATTACHMENT_LIMIT_BYTES, type AttachmentRef } from '../../shared/domain';
import { attachedNamesOf, incidentFileOf, withAttachedNames, type AttachedName, type IncidentFile } from './attachments-names';
import { attachmentsTable, type LocalAttachment, type StoredAttachment } from './attachments-stored';
import type { LanternDb } from './database';
import { fail, succeed, type RepoResult } from './repo-result';

/** A file checked and hashed at capture, waiting to be saved with its incident. */
export interface PreparedAttachment extends AttachmentRef {
  /** The picked File/Blob itself: stored as is, never copied. */
  blob: Blob;
}

/** What the picker or a drop hands us: a File, or a Blob with a name. */
export interface IncomingFile {
  blob: Blob;
  name: string;
}

/** Lowercase hex SHA-256 of the bytes, reading the Blob exactly once. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Refuses a file over the limit before reading a byte of it; otherwise hashes it. */
export async function prepareAttachment(file: IncomingFile, limitBytes: number = DEFAULT_ATTACHMENT_LIMIT_BYTES): Promise<RepoResult<PreparedAttachment>> {
  const name = cleanAttachmentName(file.name);
  const tooBig = checkAttachmentSize(name, file.blob.size, limitBytes);
  if (tooBig) return fail({ code: 'invalid-value', field: 'attachments', message: tooBig });
  const sha256 = await sha256Hex(file.blob);
  return succeed({ sha256, name, type: file.blob.type.slice(0, 200), size: file.blob.size, blob: file.blob });
}

/** The reference an operation carries for a prepared file (no bytes). */
export function toAttachmentRef({ sha256, name, type, size }: AttachmentRef): AttachmentRef {
  return { sha256, name, type, size };
}

/**
 * Links files to an incident. Must run inside the caller's rw transaction on `attachments`: a file
 * already stored (same hash) only gains the incident id and the name it was attached under here (attachedAs), so the
 * same photo twice is stored once and each incident still shows its own name for it.
 * A row known only from HQ (no bytes) also gains the picked bytes: the hash proves they are the same file. Its
 * upload mark goes: a pulled operation only proves HQ knows of the file, not that its bytes arrived (the device
 * that named it may never have uploaded them), so the uploader asks HQ and sends them if HQ still lacks them.
 */
export async function linkAttachments(db: LanternDb, incidentId: string, files: readonly PreparedAttachment[], createdAt: string): Promise<void> {
  const unique = [...new Map(files.map((file) => [file.sha256, file])).values()];
  if (unique.length === 0) return;
  const table = attachmentsTable(db);
  const existing = await table.bulkGet(unique.map((file) => file.sha256));
  const writes: Promise<unknown>[] = [];
  unique.forEach((file, index) => {
    const row = existing[index];
    const attached: AttachedName = { incidentId, name: file.name, type: file.type, at: createdAt };
    if (row) {
      const changes: Partial<StoredAttachment> = {};
      if (!row.incidentIds.includes(incidentId)) changes.incidentIds = [...row.incidentIds, incidentId];
      const names = withAttachedNames(attachedNamesOf(row), [attached]);
      if (names) changes.attachedAs = names;
      if (row.blob === undefined) {
        changes.blob = file.blob;
        changes.uploadedAt = undefined; // Dexie's update removes a property set to undefined
      }
      if (Object.keys(changes).length > 0) writes.push(table.update(row.sha256, changes));
    } else {
      const fresh: LocalAttachment = { sha256: file.sha256, incidentIds: [incidentId], name: file.name, type: file.type, size: file.size, blob: file.blob, createdAt, attachedAs: [attached] };
      writes.push(db.attachments.add(fresh));
    }
  });
  await Promise.all(writes);
}

/**
 * Links files to an incident together with the change that brings them: the rows, and the change's outbox operation
 * naming them (so HQ learns of them). Inside the caller's rw transaction on attachments and outbox.
 */
export async function attachToChange(db: LanternDb, incidentId: string, deviceSeq: number, files: readonly PreparedAttachment[], at: string): Promise<void> {
  if (files.length === 0) return;
  await Promise.all([linkAttachments(db, incidentId, files, at), db.outbox.update(deviceSeq, { attachments: files.map(toAttachmentRef) })]);
}

/**
 * The files of one incident, in the order they were attached to it, each under the name and type this incident
 * attached it with (attachments-names.ts); a file only HQ holds comes without `blob` (see attachments-stored.ts).
 */
export async function listAttachments(db: LanternDb, incidentId: string): Promise<IncidentFile[]> {
  const rows = await attachmentsTable(db).where('incidentIds').equals(incidentId).toArray();
  const files = rows.map((row) => incidentFileOf(row, incidentId));
  return files.sort((a, b) => a.attachedAt.localeCompare(b.attachedAt) || a.sha256.localeCompare(b.sha256));
}
