// The incident's sync state counts its attached files: not "confirmed" while HQ lacks one of them.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareAttachment } from '../../../../renderer/db/attachments';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import type { LanternDb } from '../../../../renderer/db/database';
import { ensureDevice } from '../../../../renderer/db';
import { writeMeta } from '../../../../renderer/db/meta';
import { createDexieFileSource } from '../../../../renderer/db/sync-files';
import { syncOutbox } from '../../../../renderer/db/sync-rows';
import { readIncidentSyncState } from '../../../../renderer/db/sync-state';
import { freshDb, must, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

async function photo(seed: number) {
  return must(await prepareAttachment({ blob: new Blob([new Uint8Array(1024).fill(seed)], { type: 'image/jpeg' }), name: `photo-${seed}.jpg` }));
}

async function acknowledgeEverything() {
  const last = Number((await syncOutbox(db).orderBy(':id').lastKey()) ?? 0);
  await writeMeta(db, 'outboxMarks', { acknowledgedThrough: last, sentThrough: last });
}

describe('readIncidentSyncState with attached files', () => {
  it('says files-local once the changes are at HQ but a file is not, and confirmed after the upload', async () => {
    db = freshDb('sync-state-files');
    await ensureDevice(db);
    const clock = testClock();
    const file = await photo(1);
    const withFile = must(await recordCapture(db, clock, { title: 'Pump 3 leaking' }, { attachments: [file] }));
    const without = must(await recordCapture(db, clock, { title: 'Door 4 jammed' }));
    expect(await readIncidentSyncState(db, withFile.id)).toBe('local');

    await writeMeta(db, 'outboxMarks', { acknowledgedThrough: 0, sentThrough: 99 });
    expect(await readIncidentSyncState(db, withFile.id)).toBe('files-local');
    await acknowledgeEverything();
    expect(await readIncidentSyncState(db, withFile.id)).toBe('files-local');
    expect(await readIncidentSyncState(db, without.id)).toBe('confirmed');

    await createDexieFileSource(db, clock.nowMs).markUploaded(file.sha256);
    expect(await readIncidentSyncState(db, withFile.id)).toBe('confirmed');
  });

  it('a file row HQ already holds (uploadedAt set, as for files pulled from other devices) does not hold the incident back', async () => {
    db = freshDb('sync-state-files');
    await ensureDevice(db);
    const clock = testClock();
    const file = await photo(2);
    const incident = must(await recordCapture(db, clock, { title: 'Pump 3 leaking' }, { attachments: [file] }));
    await db.attachments.update(file.sha256, { uploadedAt: clock.nowMs() } as object);
    await acknowledgeEverything();
    expect(await readIncidentSyncState(db, incident.id)).toBe('confirmed');
  });
});
