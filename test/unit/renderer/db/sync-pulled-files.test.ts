// Files named by pulled operations: stored without bytes as "at HQ", linked to their incidents, never counted or uploaded as local-only.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { recordIncident } from '../../../../shared/domain';
import type { PulledPage } from '../../../../shared/sync/engine';
import { highestStamp, uploadPendingFiles, type SyncTransport } from '../../../../shared/sync/engine';
import type { Operation } from '../../../../shared/sync/operation';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import { linkAttachments, listAttachments, prepareAttachment, sha256Hex } from '../../../../renderer/db/attachments';
import { storeFetchedBytes, FETCHED_FILE_MESSAGES } from '../../../../renderer/db/attachments-fetched';
import { attachmentsTable } from '../../../../renderer/db/attachments-stored';
import type { LanternDb } from '../../../../renderer/db/database';
import { createDexieFileSource, markUploadedFilesPending } from '../../../../renderer/db/sync-files';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { readLocalOnlySummary } from '../../../../renderer/db/sync-state';
import { MemoryReplica } from '../../shared/sync/support/memory-replica';
import { freshDb, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const PHOTO_BYTES = 'jpeg bytes of the flooded basement';

async function setup() {
  db = freshDb('sync-pulled-files');
  const clock = testClock();
  await ensureDevice(db);
  return { clock, replica: createDexieReplica(db, clock), repo: createIncidentRepository(db, clock) };
}

function page(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: START_MS };
}

/** Laptop 1 (in memory): records an incident whose operation names photo.jpg, as the capture form does. */
async function laptopOneRecords(title: string) {
  const remote = new MemoryReplica('0190a000-0000-7000-8000-00000000000b', () => START_MS);
  const sha256 = await sha256Hex(new Blob([PHOTO_BYTES]));
  const created = remote.commit((ctx) => recordIncident({ title }, 1, 'ZZZZ', ctx))!;
  const ref = { sha256, name: 'photo.jpg', type: 'image/jpeg', size: PHOTO_BYTES.length };
  return { op: { ...created, attachments: [ref] } as Operation, ref };
}

/** A transport that fails the test if the uploader asks anything: nothing may be sent. */
const silentHq: Pick<SyncTransport, 'fileStatus' | 'uploadChunk'> = {
  fileStatus: () => Promise.reject(new Error('the uploader asked HQ about a file it has no bytes for')),
  uploadChunk: () => Promise.reject(new Error('the uploader sent a file it has no bytes for')),
};

describe('files referenced by pulled operations', () => {
  it('stores each as a row without bytes, marked as at HQ, linked to its incident: nothing local-only, nothing to upload', async () => {
    const { replica, clock } = await setup();
    const { op, ref } = await laptopOneRecords('Flooded basement');
    await replica.applyPulledPage(page([op], 'c:1'));

    const rows = await listAttachments(db, op.incidentId);
    expect(rows).toEqual([{ ...ref, incidentIds: [op.incidentId], createdAt: op.event.at.utc, uploadedAt: clock.nowMs(), names: ['photo.jpg'], attachedAt: op.event.at.utc }]);
    expect(rows[0]).not.toHaveProperty('blob');
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 0, files: 0, bytes: 0 });
    const source = createDexieFileSource(db);
    expect(await source.pendingFiles(10)).toEqual([]);
    expect(await uploadPendingFiles({ source, transport: silentHq })).toEqual({ uploaded: 0, bytesSent: 0 });
    await expect(source.readChunk(ref.sha256, 0, 1)).rejects.toThrow(/no longer in Lantern/);

    // A new HQ epoch puts this device's own files back in the queue, never one it has no bytes for.
    await db.transaction('rw', db.attachments, () => markUploadedFilesPending(db));
    expect(await source.pendingFiles(10)).toEqual([]);
    expect(await readLocalOnlySummary(db)).toMatchObject({ files: 0, bytes: 0 });
  });

  it('links a file this device already holds to the pulled incident and keeps its bytes and upload state', async () => {
    const { replica } = await setup();
    const prepared = await prepareAttachment({ blob: new Blob([PHOTO_BYTES], { type: 'image/jpeg' }), name: 'photo.jpg' });
    if (!prepared.ok) throw new Error('not prepared');
    await db.transaction('rw', db.attachments, () => linkAttachments(db, 'local-incident', [prepared.value], '2026-11-26T11:00:00.000Z'));
    const { op } = await laptopOneRecords('Same photo, other incident');
    await replica.applyPulledPage(page([op], 'c:1'));

    const row = await attachmentsTable(db).get(prepared.value.sha256);
    expect(row?.incidentIds).toEqual(['local-incident', op.incidentId]);
    expect(await row?.blob?.text()).toBe(PHOTO_BYTES);
    // Still this device's to send: HQ may not have it from here yet.
    expect(row).not.toHaveProperty('uploadedAt');
    expect(await readLocalOnlySummary(db)).toMatchObject({ files: 1, bytes: PHOTO_BYTES.length });
  });

  it('applies the same page twice without a second row or a second link, and waits for no incident to link a file', async () => {
    const { replica } = await setup();
    const { op } = await laptopOneRecords('Repeated page');
    await replica.applyPulledPage(page([op], 'c:1'));
    await replica.applyPulledPage(page([op], 'c:1'));
    const rows = await attachmentsTable(db).toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.incidentIds).toEqual([op.incidentId]);
  });

  it('keeps fetched bytes only when they are the file: the hash checked, the row then a local file still marked at HQ', async () => {
    const { replica } = await setup();
    const { op, ref } = await laptopOneRecords('Fetched later');
    await replica.applyPulledPage(page([op], 'c:1'));

    expect(await storeFetchedBytes(db, ref.sha256, new Blob(['something else entirely']))).toEqual({ ok: false, message: FETCHED_FILE_MESSAGES.mismatch });
    expect(await attachmentsTable(db).get(ref.sha256)).not.toHaveProperty('blob');

    expect(await storeFetchedBytes(db, ref.sha256, new Blob([PHOTO_BYTES], { type: 'application/octet-stream' }))).toEqual({ ok: true });
    const row = await attachmentsTable(db).get(ref.sha256);
    expect(await row?.blob?.text()).toBe(PHOTO_BYTES);
    // HQ sends octet-stream; the row's own type is what previews and Open need.
    expect(row?.blob?.type).toBe('image/jpeg');
    expect(row?.uploadedAt).toBeDefined();
    expect(await createDexieFileSource(db).pendingFiles(10)).toEqual([]);
  });

  it('gives a row known only from HQ the bytes when the same file is attached here, and offers them to HQ', async () => {
    const { replica } = await setup();
    const { op, ref } = await laptopOneRecords('Attached again here');
    await replica.applyPulledPage(page([op], 'c:1'));
    const prepared = await prepareAttachment({ blob: new Blob([PHOTO_BYTES], { type: 'image/jpeg' }), name: 'photo.jpg' });
    if (!prepared.ok) throw new Error('not prepared');
    await db.transaction('rw', db.attachments, () => linkAttachments(db, 'local-incident', [prepared.value], '2026-11-26T13:00:00.000Z'));
    const row = await attachmentsTable(db).get(ref.sha256);
    expect(row?.incidentIds).toEqual([op.incidentId, 'local-incident']);
    expect(await row?.blob?.text()).toBe(PHOTO_BYTES);
    // The other laptop's operation reached HQ, its upload perhaps never did: this device offers the bytes (HQ's
    // file status answers "complete" at once if it has them), and counts the file as not yet at HQ until then.
    expect(row?.uploadedAt).toBeUndefined();
    expect((await createDexieFileSource(db).pendingFiles(10)).map((file) => file.sha256)).toEqual([ref.sha256]);
  });
});
