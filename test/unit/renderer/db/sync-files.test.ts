// The attachments table as the uploader's FileSource: one row per hash, byte ranges, the uploaded mark, the local-only totals.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDexieFileSource, SYNC_FILE_MESSAGES } from '../../../../renderer/db/sync-files';
import { linkAttachments, prepareAttachment } from '../../../../renderer/db/attachments';
import type { LanternDb } from '../../../../renderer/db/database';
import { readLocalOnlySummary } from '../../../../renderer/db/sync-state';
import { FileUploadError, MAX_PENDING_FILES_PER_CALL, SyncError, uploadPendingFiles, type SyncTransport, type UploadChunkInput } from '../../../../shared/sync/engine';
import type { FileStatus } from '../../../../shared/sync/wire';
import { fileBytes, sameBytes } from '../../shared/sync/support/memory-files';
import { freshDb } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const KIB = 1024;

/** Stores bytes as the capture form does, linked to each incident in turn; returns the hash. */
async function attach(bytes: Uint8Array, incidentIds: readonly string[], createdAt = '2026-11-26T12:00:00.000Z'): Promise<string> {
  const prepared = await prepareAttachment({ blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name: 'photo.jpg' });
  if (!prepared.ok) throw new Error('not prepared');
  for (const incidentId of incidentIds) await db.transaction('rw', db.attachments, () => linkAttachments(db, incidentId, [prepared.value], createdAt));
  return prepared.value.sha256;
}

/** HQ's side of files: bytes received per hash; `cutAfterChunks` drops the connection once after that many chunks. */
function fakeFileHq(cutAfterChunks: number | null) {
  const received = new Map<string, number>();
  const offsets: number[] = [];
  let cut = false;
  const status = (sha256: string, size: number): FileStatus => ({ sha256, size, received: received.get(sha256) ?? 0, complete: received.get(sha256) === size });
  const transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'> = {
    fileStatus: async (sha256) => ({ sha256, size: null, received: received.get(sha256) ?? 0, complete: false }),
    uploadChunk: async (input: UploadChunkInput) => {
      if (!cut && cutAfterChunks !== null && offsets.length === cutAfterChunks) {
        cut = true;
        throw new SyncError('offline');
      }
      const got = received.get(input.sha256) ?? 0;
      if (input.offset !== got) throw new SyncError('bad-response', undefined, { status: 409, code: 'offset-mismatch', received: got });
      offsets.push(input.offset);
      received.set(input.sha256, got + input.bytes.byteLength);
      return status(input.sha256, input.size);
    },
  };
  return { transport, offsets };
}

describe('createDexieFileSource', () => {
  it('lists each file once however many incidents use it, oldest first, and reads exact byte ranges', async () => {
    db = freshDb('sync-files');
    const older = fileBytes(3 * KIB, 1);
    const newer = fileBytes(2 * KIB, 2);
    const newerSha = await attach(newer, ['b', 'c'], '2026-11-26T13:00:00.000Z');
    const olderSha = await attach(older, ['a'], '2026-11-26T12:00:00.000Z');
    const source = createDexieFileSource(db, () => 1);

    expect(await source.pendingFiles(10)).toEqual([
      { sha256: olderSha, size: 3 * KIB },
      { sha256: newerSha, size: 2 * KIB },
    ]);
    expect(await source.pendingFiles(1)).toHaveLength(1);
    expect(sameBytes(await source.readChunk(olderSha, KIB, KIB), older.subarray(KIB, 2 * KIB))).toBe(true);
    // The last chunk is shorter when the file ends first.
    expect((await source.readChunk(newerSha, KIB, 4 * KIB)).byteLength).toBe(KIB);
  });

  it('lists past a file: oldest first, equal times in hash order, the mark honoured, an unknown key from the start', async () => {
    db = freshDb('sync-files');
    const sameTime = '2026-11-26T12:00:00.000Z';
    const shas = [await attach(fileBytes(KIB, 21), ['a'], sameTime), await attach(fileBytes(KIB, 22), ['b'], sameTime), await attach(fileBytes(KIB, 23), ['c'], sameTime)].sort();
    const newest = await attach(fileBytes(KIB, 24), ['d'], '2026-11-26T13:00:00.000Z');
    const source = createDexieFileSource(db, () => 1);
    const names = async (limit: number, after?: string) => (await source.pendingFiles(limit, after)).map((file) => file.sha256);

    expect(await names(10)).toEqual([...shas, newest]);
    expect(await names(1, shas[0])).toEqual([shas[1]]);
    expect(await names(10, shas[1])).toEqual([shas[2], newest]);
    await source.markUploaded(shas[2]!);
    expect(await names(10, shas[1])).toEqual([newest]);
    // The key itself may be uploaded by now; the listing still goes on after it.
    expect(await names(10, shas[2])).toEqual([newest]);
    expect(await names(10, newest)).toEqual([]);
    expect(await names(10, 'f'.repeat(64))).toEqual([shas[0], shas[1], newest]);
  });

  it('refuses reads of unknown files and outside the file, in words', async () => {
    db = freshDb('sync-files');
    const sha = await attach(fileBytes(KIB), ['a']);
    const source = createDexieFileSource(db);
    await expect(source.readChunk('f'.repeat(64), 0, 10)).rejects.toThrow(SYNC_FILE_MESSAGES.missing);
    await expect(source.readChunk(sha, -1, 10)).rejects.toThrow(SYNC_FILE_MESSAGES.outOfRange);
    await expect(source.readChunk(sha, 2 * KIB, 10)).rejects.toThrow(SYNC_FILE_MESSAGES.outOfRange);
  });

  it('marks a file uploaded once (the first time stays) and the local-only totals drop it', async () => {
    db = freshDb('sync-files');
    const sha = await attach(fileBytes(5 * KIB), ['a', 'b']);
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 1, bytes: 5 * KIB });
    let now = 100;
    const source = createDexieFileSource(db, () => now);
    await source.markUploaded(sha);
    now = 200;
    await source.markUploaded(sha);
    await source.markUploaded('e'.repeat(64));
    expect(await db.attachments.get(sha)).toMatchObject({ uploadedAt: 100 });
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
    expect(await source.pendingFiles(10)).toEqual([]);
  });
});

describe('uploading from Dexie with the shared uploader', () => {
  it('more damaged files than one listing holds (equal times) do not hold back a newer good one', async () => {
    db = freshDb('sync-files');
    const damaged = MAX_PENDING_FILES_PER_CALL + 3;
    const sameTime = '2026-11-26T12:00:00.000Z';
    // Rows whose stored Blob is shorter than recorded, as a damaged disk leaves them: the uploader refuses each one.
    await db.attachments.bulkPut(
      Array.from({ length: damaged }, (_, i) => ({
        sha256: i.toString(16).padStart(64, '0'),
        incidentIds: [`inc-${i}`],
        name: `photo-${i}.jpg`,
        type: 'image/jpeg',
        size: 2 * KIB,
        blob: new Blob([new Uint8Array(KIB)]),
        createdAt: sameTime,
      })),
    );
    const good = await attach(fileBytes(3 * KIB, 31), ['newest'], '2026-11-26T13:00:00.000Z');
    const hq = fakeFileHq(null);
    const source = createDexieFileSource(db, () => 1);

    const failure = await uploadPendingFiles({ source, transport: hq.transport }).catch((error: unknown) => error);
    expect((failure as FileUploadError).failed).toHaveLength(damaged);
    expect(await db.attachments.get(good)).toMatchObject({ uploadedAt: 1 });
    expect(await readLocalOnlySummary(db)).toMatchObject({ files: damaged });
  });

  it('resumes an interrupted upload from HQ’s offset; a file on two incidents travels once', async () => {
    db = freshDb('sync-files');
    const size = 2 * 512 * KIB + 512;
    const sha = await attach(fileBytes(size, 9), ['x', 'y']);
    const hq = fakeFileHq(1);
    const source = createDexieFileSource(db, () => 1);

    await expect(uploadPendingFiles({ source, transport: hq.transport })).rejects.toMatchObject({ kind: 'offline' });
    expect((await readLocalOnlySummary(db)).files).toBe(1);

    expect(await uploadPendingFiles({ source, transport: hq.transport })).toEqual({ uploaded: 1, bytesSent: size - 512 * KIB });
    expect(hq.offsets).toEqual([0, 512 * KIB, 1024 * KIB]);
    expect(await db.attachments.get(sha)).toMatchObject({ uploadedAt: 1 });
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
    expect(await uploadPendingFiles({ source, transport: hq.transport })).toEqual({ uploaded: 0, bytesSent: 0 });
  });
});
