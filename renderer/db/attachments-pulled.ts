// Files named by pulled operations: rows without bytes ("at HQ, not on this device") linked to their incidents.
import { cleanAttachmentName, type AttachmentRef } from '../../shared/domain';
import type { Operation } from '../../shared/sync/operation';
import { fileRefsOf } from '../../shared/sync/wire';
import type { LanternDb } from './database';
import { attachmentsTable, type StoredAttachment } from './attachments-stored';

/** One file a page names, with every incident of the page that links it. */
interface PulledFile {
  ref: AttachmentRef;
  incidentIds: Set<string>;
  createdAt: string;
}

/**
 * Call inside the page's rw transaction on `attachments`. Every file the page's operations reference gets a row:
 * a file this device holds (bytes or not) only gains the incident ids; an unknown one is stored without bytes and
 * with `uploadedAt`, because HQ handed out the operation and tracks the file there: such a row never counts as
 * "not at HQ yet" and the uploader never lists it (it has nothing to send). Returns the hashes of the new rows.
 */
export async function linkPulledFiles(db: LanternDb, ops: readonly Operation[], nowMs: number): Promise<string[]> {
  const files = filesOf(ops);
  if (files.size === 0) return [];
  const table = attachmentsTable(db);
  const hashes = [...files.keys()];
  const held = await table.bulkGet(hashes);
  const puts: StoredAttachment[] = [];
  const added: string[] = [];
  hashes.forEach((sha256, i) => {
    const file = files.get(sha256)!;
    const row = held[i];
    if (row) {
      const missing = [...file.incidentIds].filter((id) => !row.incidentIds.includes(id));
      if (missing.length > 0) puts.push({ ...row, incidentIds: [...row.incidentIds, ...missing] });
      return;
    }
    const { name, type, size } = file.ref;
    puts.push({ sha256, incidentIds: [...file.incidentIds], name, type, size, createdAt: file.createdAt, uploadedAt: nowMs });
    added.push(sha256);
  });
  if (puts.length > 0) await table.bulkPut(puts);
  return added;
}

/**
 * The page's files by hash. Names and types come from the operations' `attachments`; a file found only elsewhere
 * in an operation (fileRefsOf also looks in the set and the event, for attachment kinds added later) gets the plain
 * name "file" and no type (so no preview is attempted).
 */
function filesOf(ops: readonly Operation[]): Map<string, PulledFile> {
  const files = new Map<string, PulledFile>();
  for (const op of ops) {
    const named = new Map((op.attachments ?? []).map((ref) => [ref.sha256, ref]));
    for (const { sha256, size } of fileRefsOf(op)) {
      const ref = named.get(sha256) ?? { sha256, size, name: cleanAttachmentName(''), type: '' };
      const file = files.get(sha256);
      if (file) file.incidentIds.add(op.incidentId);
      else files.set(sha256, { ref, incidentIds: new Set([op.incidentId]), createdAt: op.event.at.utc });
    }
  }
  return files;
}
