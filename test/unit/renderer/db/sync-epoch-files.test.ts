// A new HQ epoch sends the attachments again too: HQ restored from an older backup lost the bytes as well as the operations.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareAttachment } from '../../../../renderer/db/attachments';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import type { LanternDb } from '../../../../renderer/db/database';
import { writeMeta } from '../../../../renderer/db/meta';
import { createDexieFileSource } from '../../../../renderer/db/sync-files';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { readLocalOnlySummary } from '../../../../renderer/db/sync-state';
import { uploadPendingFiles, type SyncTransport, type UploadChunkInput } from '../../../../shared/sync/engine';
import type { FileStatus } from '../../../../shared/sync/wire';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { fileBytes } from '../../shared/sync/support/memory-files';
import { START_MS } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

let db: LanternDb | undefined;
afterEach(() => db?.close());

/** HQ's file store: whole files by hash; `restore` forgets them, as a backup from before the uploads would. */
function fileHq() {
  const stored = new Map<string, Uint8Array>();
  const status = (sha256: string, received: number, size: number | null): FileStatus => ({ sha256, size, received, complete: size !== null && received === size });
  const transport: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'> = {
    fileStatus: async (sha256) => {
      const bytes = stored.get(sha256);
      return bytes ? status(sha256, bytes.byteLength, bytes.byteLength) : status(sha256, 0, null);
    },
    uploadChunk: async ({ sha256, offset, size, bytes }: UploadChunkInput) => {
      const held = stored.get(sha256) ?? new Uint8Array(0);
      if (offset !== held.byteLength) throw new Error(`unexpected offset ${offset}`);
      const next = new Uint8Array(held.byteLength + bytes.byteLength);
      next.set(held);
      next.set(bytes, held.byteLength);
      stored.set(sha256, next);
      return status(sha256, next.byteLength, size);
    },
  };
  return { transport, stored, restore: () => stored.clear() };
}

/** A device at HQ with one incident whose photo HQ holds (operations pushed, bytes uploaded and marked). */
async function deviceWithUploadedPhoto() {
  const hq = new FakeHq({ now: () => START_MS });
  const files = fileHq();
  const device = await syncedDexieDevice(hq, 'epoch-files');
  db = device.db;
  const photo = fileBytes(3000, 7);
  const prepared = await prepareAttachment({ blob: new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), name: 'pump.jpg' });
  if (!prepared.ok) throw new Error(prepared.error.message);
  const recorded = await recordCapture(device.db, device.clock, { title: 'Pump 3 leaking' }, { attachments: [prepared.value] });
  expect(recorded.ok).toBe(true);
  const source = createDexieFileSource(device.db, device.clock.nowMs);
  await device.engine.syncOnce();
  expect(await uploadPendingFiles({ source, transport: files.transport })).toMatchObject({ uploaded: 1 });
  expect(await readLocalOnlySummary(device.db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
  return { ...device, hq, files, source, sha256: prepared.value.sha256, photo };
}

describe('files wait for their operation', () => {
  it('lists a photo for upload only once HQ has acknowledged an operation naming it (HQ refuses files nothing names)', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const device = await syncedDexieDevice(hq, 'held-files');
    db = device.db;
    const photo = fileBytes(2000, 3);
    const prepared = await prepareAttachment({ blob: new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), name: 'valve.jpg' });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect((await recordCapture(device.db, device.clock, { title: 'Valve 7 stuck' }, { attachments: [prepared.value] })).ok).toBe(true);
    const source = createDexieFileSource(device.db, device.clock.nowMs);
    // Attached while a sync runs, or behind a retry-later: not sent yet, and still counted as only on this device.
    expect(await source.pendingFiles(10)).toEqual([]);
    expect(await readLocalOnlySummary(device.db)).toMatchObject({ files: 1 });
    await device.engine.syncOnce();
    expect(await source.pendingFiles(10)).toEqual([{ sha256: prepared.value.sha256, size: photo.byteLength }]);
  });

  it('keeps a photo named only by a change HQ refused on this device, instead of failing every upload run', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const device = await syncedDexieDevice(hq, 'refused-files');
    db = device.db;
    const photo = fileBytes(1500, 5);
    const prepared = await prepareAttachment({ blob: new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), name: 'gauge.jpg' });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect((await recordCapture(device.db, device.clock, { title: 'Gauge 2 cracked' }, { attachments: [prepared.value] })).ok).toBe(true);
    await device.engine.syncOnce();
    const source = createDexieFileSource(device.db, device.clock.nowMs);
    expect(await source.pendingFiles(10)).toHaveLength(1);
    // HQ refused the change for good (as a newer schema or a failed check would be).
    await device.db.outbox.toCollection().modify((row) => {
      row.state = 'rejected';
    });
    expect(await source.pendingFiles(10)).toEqual([]);
    expect(await readLocalOnlySummary(device.db)).toMatchObject({ files: 1 });
  });
});

describe('a new HQ epoch', () => {
  it('after HQ is restored from a backup older than the upload, the photo counts as only on this device and is sent again', async () => {
    const d = await deviceWithUploadedPhoto();
    d.hq.restoreFromBackup(10);
    d.files.restore();

    const report = await d.engine.syncOnce();
    expect(report.epochResets).toBe(1);
    expect(await readLocalOnlySummary(d.db)).toEqual({ incidents: 0, files: 1, bytes: d.photo.byteLength });
    expect(await d.source.pendingFiles(10)).toEqual([{ sha256: d.sha256, size: d.photo.byteLength }]);

    expect(await uploadPendingFiles({ source: d.source, transport: d.files.transport })).toMatchObject({ uploaded: 1, bytesSent: d.photo.byteLength });
    expect(d.files.stored.get(d.sha256)).toEqual(d.photo);
    expect(await readLocalOnlySummary(d.db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
  });

  it('a cursor HQ refuses as not its own also sends the files again (the same reset)', async () => {
    const d = await deviceWithUploadedPhoto();
    await writeMeta(d.db, 'syncPoint', { epoch: d.hq.epoch, cursor: 'not-a-cursor-of-this-hq' });

    const report = await d.engine.syncOnce();
    expect(report.epochResets).toBe(1);
    expect(await d.source.pendingFiles(10)).toEqual([{ sha256: d.sha256, size: d.photo.byteLength }]);
    // HQ still holds the bytes: the upload only asks, sends nothing, and marks the file again.
    expect(await uploadPendingFiles({ source: d.source, transport: d.files.transport })).toEqual({ uploaded: 1, bytesSent: 0 });
    expect(await readLocalOnlySummary(d.db)).toMatchObject({ files: 0 });
  });

  it('resets the outbox, the cursor and the upload marks in one transaction: a failure keeps all of them', async () => {
    const d = await deviceWithUploadedPhoto();
    const replica = createDexieReplica(d.db, d.clock);
    const before = await replica.getCursor();
    const refuse = () => {
      throw new Error('disk trouble');
    };
    d.db.attachments.hook('updating', refuse);
    await expect(replica.resetForNewEpoch('epoch-9')).rejects.toThrow('disk trouble');
    d.db.attachments.hook('updating').unsubscribe(refuse);

    expect(await replica.getCursor()).toEqual(before);
    expect(await replica.countPending()).toBe(0);
    expect(await d.source.pendingFiles(10)).toEqual([]);
  });
});
