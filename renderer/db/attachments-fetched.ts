// Stores the bytes of a file fetched from HQ in its row, once they prove to be the file (SHA-256 and size).
import { sha256Hex } from './attachments';
import { attachmentsTable } from './attachments-stored';
import type { LanternDb } from './database';

export const FETCHED_FILE_MESSAGES = {
  mismatch: 'The file that came from HQ does not match its fingerprint (SHA-256), so it was not kept. Try again later; tell your administrator if this keeps happening.',
  gone: 'This file is no longer listed on this device, so the download was not kept.',
} as const;

export type StoreFetchedResult = { ok: true } | { ok: false; message: string };

/**
 * Keeps `bytes` as the file named `sha256` only if they hash to that name (HQ or the way there could hand back
 * anything). The stored Blob takes the row's type: HQ sends every file as application/octet-stream. A row that
 * gained its bytes meanwhile (attached here again) is left as it is; the upload mark stays (HQ holds the file).
 */
export async function storeFetchedBytes(db: LanternDb, sha256: string, bytes: Blob): Promise<StoreFetchedResult> {
  if ((await sha256Hex(bytes)) !== sha256) return { ok: false, message: FETCHED_FILE_MESSAGES.mismatch };
  const table = attachmentsTable(db);
  return db.transaction('rw', table, async (): Promise<StoreFetchedResult> => {
    const row = await table.get(sha256);
    if (!row) return { ok: false, message: FETCHED_FILE_MESSAGES.gone };
    if (row.blob) return { ok: true };
    if (bytes.size !== row.size) return { ok: false, message: FETCHED_FILE_MESSAGES.mismatch };
    await table.update(sha256, { blob: new Blob([bytes], { type: row.type }) });
    return { ok: true };
  });
}
