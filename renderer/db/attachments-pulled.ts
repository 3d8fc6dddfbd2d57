// Files named by pulled operations: rows without bytes ("at HQ, not on this device") linked to their incidents.
import { cleanAttachmentName, type AttachmentRef } from '../../shared/domain';
import type { Operation } from '../../shared/sync/operation';
import { fileRefsOf } from '../../shared/sync/wire';
import type { LanternDb } from './database';
import { attachedNamesOf, withAttachedNames, type AttachedName } from './attachments-names';
import { attachmentsTable, type StoredAttachment } from './attachments-stored';

/** One file a page names, with every incident of the page that links it and the names they attached it under. */
interface PulledFile {
  ref: AttachmentRef;
  incidentIds: Set<string>;
  createdAt: string;
  /** Attaches whose operation carried the file's ref (its name and type). */
  named: AttachedName[];
  /** Mentions without a ref (fileRefsOf found the hash elsewhere): they name the file only for an incident with no name for it. */
  unnamed: AttachedName[];
}

/**
 * Call inside the page's rw transaction on `attachments`. Every file the page's operations reference gets a row:
 * a file this device holds (bytes or not) only gains the incident ids and the names they attached it under; an
 * unknown one is stored without bytes and with `uploadedAt`, because HQ handed out the operation and tracks the file
 * there: such a row never counts as "not at HQ yet" and the uploader never lists it (it has nothing to send).
 * Returns the hashes of the new rows.
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
    const known = row ? attachedNamesOf(row) : [];
    const withNamed = withAttachedNames(known, file.named) ?? known;
    const attachedAs = withAttachedNames(withNamed, file.unnamed, true) ?? withNamed;
    if (row) {
      const missing = [...file.incidentIds].filter((id) => !row.incidentIds.includes(id));
      if (missing.length > 0 || attachedAs !== known) puts.push({ ...row, incidentIds: [...row.incidentIds, ...missing], attachedAs });
      return;
    }
    const { name, type, size } = file.ref;
    puts.push({ sha256, incidentIds: [...file.incidentIds], name, type, size, createdAt: file.createdAt, uploadedAt: nowMs, attachedAs });
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
      const carried = named.get(sha256);
      const ref = carried ?? { sha256, size, name: cleanAttachmentName(''), type: '' };
      const file = files.get(sha256) ?? { ref, incidentIds: new Set<string>(), createdAt: op.event.at.utc, named: [], unnamed: [] };
      // A new row takes its first name from the first operation that carries the ref, not from a bare mention.
      if (carried && file.named.length === 0) file.ref = carried;
      files.set(sha256, file);
      file.incidentIds.add(op.incidentId);
      const attached: AttachedName = { incidentId: op.incidentId, name: ref.name, type: ref.type, at: op.event.at.utc };
      (carried ? file.named : file.unnamed).push(attached);
    }
  }
  return files;
}
