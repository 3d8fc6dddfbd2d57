// Attachment upload in browser mode: chunked, resumed from HQ's offset after an interruption, marked uploaded once complete.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError, type SyncTransport, type UploadChunkInput } from '../../../../shared/sync/engine';
import type { FileStatus } from '../../../../shared/sync/wire';
import type { LanternDb } from '../../../../renderer/db/database';
import { uploadPendingFiles } from '../../../../renderer/db/sync-files';
import { readLocalOnlySummary } from '../../../../renderer/db/sync-state';
import { freshDb } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const MIB = 1024 * 1024;
const SHA = 'a'.repeat(64);

/** HQ's side of one file: bytes received so far; `failAfterChunks` cuts the connection once after that many chunks. */
function fakeFileHq(size: number, failAfterChunks: number | null) {
  let received = 0;
  let chunks = 0;
  let failed = false;
  const offsets: number[] = [];
  const status = (): FileStatus => ({ sha256: SHA, size, received, complete: received === size });
  const transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'> = {
    fileStatus: async () => {
      if (received === 0) throw new SyncError('bad-response', undefined, { status: 404, code: 'not-found' });
      return status();
    },
    uploadChunk: async (input: UploadChunkInput) => {
      if (!failed && failAfterChunks !== null && chunks === failAfterChunks) {
        failed = true;
        throw new SyncError('offline');
      }
      if (input.offset !== received) throw new SyncError('bad-response', undefined, { status: 409, code: 'offset-mismatch', received });
      offsets.push(input.offset);
      chunks += 1;
      received += input.bytes.byteLength;
      return status();
    },
  };
  return { transport, offsets };
}

describe('uploadPendingFiles', () => {
  it('resumes an interrupted upload from HQ’s offset and marks the file uploaded; local-only totals follow', async () => {
    db = freshDb('sync-files');
    const size = 2 * MIB + 512;
    await db.attachments.put({ sha256: SHA, incidentIds: ['x'], name: 'photo.jpg', type: 'image/jpeg', size, blob: new Blob([new Uint8Array(size)]), createdAt: new Date().toISOString() });
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 1, bytes: size });

    const hq = fakeFileHq(size, 1);
    await expect(uploadPendingFiles(db, hq.transport, () => 1)).rejects.toMatchObject({ kind: 'offline' });
    expect((await readLocalOnlySummary(db)).files).toBe(1);

    expect(await uploadPendingFiles(db, hq.transport, () => 2)).toBe(1);
    expect(hq.offsets).toEqual([0, MIB, 2 * MIB]);
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
    expect(await uploadPendingFiles(db, hq.transport, () => 3)).toBe(0);
  });
});
