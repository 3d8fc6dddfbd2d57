// Uploads attachment bytes HQ does not hold yet, in resumable chunks, and marks each file uploaded when HQ has all of it.
import { isSyncError, type SyncTransport } from '../../shared/sync/engine';
import { MAX_FILE_CHUNK_BYTES } from '../../shared/sync/wire';
import type { LanternDb } from './database';
import type { AttachmentRow } from './rows';

/** An attachment row with the upload mark (absent: HQ may not have the bytes yet). */
export type SyncAttachmentRow = AttachmentRow & { uploadedAt?: number };

/** Offset corrections HQ may ask for per file before the upload gives up until the next run. */
const MAX_RESYNCS = 3;

/**
 * Sends every file not marked uploaded: asks HQ where to resume (a file HQ has never heard of starts at 0),
 * then PUTs chunks in order. Resolves with the number of files completed; a transport error ends the run
 * (the next sync resumes from HQ's offset).
 */
export async function uploadPendingFiles(db: LanternDb, transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'>, nowMs: () => number): Promise<number> {
  const table = db.table<SyncAttachmentRow, string>('attachments');
  const pending = await table.filter((row) => row.uploadedAt === undefined).primaryKeys();
  let completed = 0;
  for (const sha256 of pending) {
    const row = await table.get(sha256);
    if (!row || row.uploadedAt !== undefined) continue;
    if (await uploadOne(transport, row)) {
      await table.update(sha256, { uploadedAt: nowMs() });
      completed += 1;
    }
  }
  return completed;
}

async function uploadOne(transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'>, row: SyncAttachmentRow): Promise<boolean> {
  let offset = 0;
  try {
    const status = await transport.fileStatus(row.sha256);
    if (status.complete) return true;
    offset = status.received;
  } catch (error) {
    // 404: HQ has not heard of the file yet; start from the beginning.
    if (!(isSyncError(error) && error.details.status === 404)) throw error;
  }
  let resyncs = 0;
  // Each round either sends a chunk (offset grows) or takes HQ's offset (bounded), so this ends.
  for (;;) {
    const end = Math.min(row.size, offset + MAX_FILE_CHUNK_BYTES);
    const bytes = new Uint8Array(await row.blob.slice(offset, end).arrayBuffer());
    try {
      const status = await transport.uploadChunk({ sha256: row.sha256, offset, size: row.size, bytes });
      if (status.complete) return true;
      if (status.received <= offset) return false;
      offset = status.received;
    } catch (error) {
      const received = isSyncError(error) ? error.details.received : undefined;
      if (received === undefined || resyncs >= MAX_RESYNCS) throw error;
      resyncs += 1;
      offset = received;
    }
  }
}
