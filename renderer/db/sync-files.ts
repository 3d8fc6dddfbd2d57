// The attachments table as the uploader's FileSource: files not yet at HQ, byte ranges of their Blobs, the uploaded mark.
import type { FileSource, PendingFile } from '../../shared/sync/engine/file-upload';
import { fileRefsOf } from '../../shared/sync/wire/file-refs';
import type { StoredAttachment } from './attachments-stored';
import type { LanternDb } from './database';
import { readOutboxMarks } from './sync-outbox';
import { syncOutbox } from './sync-rows';

/**
 * An attachment row with the upload mark (absent: HQ may not have the bytes yet). A row without `blob` is a file
 * learned from HQ (attachments-pulled.ts): it carries the mark, and nothing here ever tries to send it.
 */
export type SyncAttachmentRow = StoredAttachment;

export const SYNC_FILE_MESSAGES = {
  missing: 'An attached file is no longer in Lantern’s local database.',
  outOfRange: 'The requested part lies outside the attached file.',
} as const;

/**
 * One row per SHA-256 however many incidents use the file, so a file attached twice is uploaded once.
 * Used in the page: by the browser host directly, and in Electron by the replica responder for main.
 */
export function createDexieFileSource(db: LanternDb, nowMs: () => number = () => Date.now()): FileSource {
  const table = db.table<SyncAttachmentRow, string>('attachments');
  return {
    async pendingFiles(limit: number, after?: string): Promise<PendingFile[]> {
      // Oldest first, so a file attached weeks ago is not starved by new ones. The index lists equal times in
      // primary-key (hash) order, so (createdAt, sha256) is the order, and the key row says where to go on.
      // A key no longer stored starts the listing over; the uploader skips what it tried already.
      const from = after === undefined ? undefined : await table.get(after);
      const waiting = await filesOfUnacknowledgedOps(db);
      const rows = await (from ? table.where('createdAt').aboveOrEqual(from.createdAt) : table.orderBy('createdAt'))
        // A row without bytes has nothing to send (HQ is where it came from), even if its mark were missing.
        .filter((row) => row.uploadedAt === undefined && row.blob !== undefined && !waiting.has(row.sha256) && (!from || row.createdAt > from.createdAt || row.sha256 > from.sha256))
        .limit(Math.max(0, Math.floor(limit)))
        .toArray();
      return rows.map((row) => ({ sha256: row.sha256, size: row.size }));
    },
    async readChunk(sha256: string, offset: number, length: number): Promise<Uint8Array> {
      const row = await table.get(sha256);
      if (!row?.blob) throw new Error(SYNC_FILE_MESSAGES.missing);
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset > row.size) throw new RangeError(SYNC_FILE_MESSAGES.outOfRange);
      // A Blob shorter than its recorded size yields fewer bytes; the uploader then skips the damaged file.
      return new Uint8Array(await row.blob.slice(offset, offset + length).arrayBuffer());
    },
    async markUploaded(sha256: string): Promise<void> {
      // Only a row that is still there and unmarked: the first upload time stays.
      await table
        .where('sha256')
        .equals(sha256)
        .filter((row) => row.uploadedAt === undefined)
        .modify({ uploadedAt: nowMs() });
    },
  };
}

/**
 * Files named by operations HQ has not acknowledged yet (above the acknowledged mark: pending, on their way, or told to
 * retry later) or has refused for good: HQ takes a file only once an operation naming it has reached it, so these wait
 * for a later run (a photo attached while a sync runs, or behind an operation HQ asked to send again later) or, named
 * only by a refused change, stay on this device with it instead of failing every run. Few rows: those above the mark
 * after a push, and the refused ones (by the state index). A file also named by an acknowledged operation waits too.
 */
async function filesOfUnacknowledgedOps(db: LanternDb): Promise<Set<string>> {
  const marks = await readOutboxMarks(db);
  const outbox = syncOutbox(db);
  const above = await outbox.where(':id').above(marks.acknowledgedThrough).toArray();
  const refused = await outbox.where('state').equals('rejected').toArray();
  const waiting = new Set<string>();
  for (const row of [...above, ...refused]) {
    if (row.state === 'acknowledged') continue;
    for (const ref of fileRefsOf(row)) waiting.add(ref.sha256);
  }
  return waiting;
}

/**
 * Call inside the epoch reset's transaction: every file this device holds counts as not at HQ again (a backup from
 * before the upload lacks the bytes). A file without bytes here keeps its mark: this device could not send it, and
 * counting it as "only on this laptop" would be false. Reads every attachment row (no index on the mark); an epoch
 * change is rare.
 */
export async function markUploadedFilesPending(db: LanternDb): Promise<void> {
  await db
    .table<SyncAttachmentRow, string>('attachments')
    .filter((row) => row.uploadedAt !== undefined && row.blob !== undefined)
    .modify((row) => {
      delete row.uploadedAt;
    });
}
