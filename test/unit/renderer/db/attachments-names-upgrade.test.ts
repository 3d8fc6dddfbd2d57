// The schema upgrade that keeps names per attach: files stored before it get the name each incident attached them under, from this device's operations.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { listAttachments, prepareAttachment, type PreparedAttachment } from '../../../../renderer/db/attachments';
import { LanternDb } from '../../../../renderer/db/database';
import { fillAttachedNames } from '../../../../renderer/db/attachments-names-upgrade';
import { createEntryRecorder } from '../../../../renderer/db/entry-record';
import { applySchema } from '../../../../renderer/db/schema';
import { freshDb, must, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const BYTES = 'the same jpeg bytes';

async function file(name: string, content = BYTES): Promise<PreparedAttachment> {
  return must(await prepareAttachment({ blob: new Blob([content], { type: 'image/jpeg' }), name }));
}

/** The version whose upgrade fills the names (found by its upgrade, so renumbering keeps the test right). */
const NAMES_VERSION = SCHEMA_VERSIONS.find((entry) => entry.upgrade === fillAttachedNames)!.version;

describe('the attached-names schema upgrade', () => {
  it('names each incident’s file as its operation did; a file only pulled keeps its stored name', async () => {
    const source = freshDb('v10-source');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    const notes = createEntryRecorder(source, clock);
    const one = must(await repo.record({ title: 'Leak Ward 4' }));
    const two = must(await repo.record({ title: 'Leak Ward 5' }));
    const pulled = must(await repo.record({ title: 'Pulled from another laptop' }));
    must(await notes.addNote(one.id, '', [await file('photo-a.jpg')]));
    clock.advance(60_000);
    must(await notes.addNote(two.id, '', [await file('IMG_0001.jpg')]));
    clock.advance(60_000);
    must(await notes.addNote(two.id, '', [await file('scan.jpg')]));
    const shared = (await file('photo-a.jpg')).sha256;
    const meter = await file('meter.jpg', 'meter bytes');

    // The rows as the version before stored them: one per hash with the first name; a pulled file has no operation here.
    const name = `names-upgrade-${Math.random().toString(36).slice(2)}`;
    const before = new Dexie(name);
    applySchema(before, SCHEMA_VERSIONS.filter((entry) => entry.version < NAMES_VERSION));
    await before.open();
    await before.table('incidents').bulkAdd(await source.incidents.toArray());
    await before.table('timeline').bulkAdd(await source.timeline.toArray());
    await before.table('outbox').bulkAdd(await source.outbox.toArray());
    await before.table('meta').bulkPut(await source.meta.toArray());
    await before.table('attachments').bulkAdd([
      { sha256: shared, incidentIds: [one.id, two.id], name: 'photo-a.jpg', type: 'image/jpeg', size: BYTES.length, blob: new Blob([BYTES], { type: 'image/jpeg' }), createdAt: '2026-11-26T14:00:00.000Z' },
      { sha256: meter.sha256, incidentIds: [pulled.id], name: 'meter.jpg', type: 'image/jpeg', size: meter.size, createdAt: '2026-11-26T13:00:00.000Z', uploadedAt: 1 },
    ]);
    before.close();

    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await listAttachments(db, one.id)).toMatchObject([{ sha256: shared, name: 'photo-a.jpg', names: ['photo-a.jpg'] }]);
    expect(await listAttachments(db, two.id)).toMatchObject([{ sha256: shared, name: 'IMG_0001.jpg', names: ['IMG_0001.jpg', 'scan.jpg'] }]);
    expect(await listAttachments(db, pulled.id)).toMatchObject([{ sha256: meter.sha256, name: 'meter.jpg', names: ['meter.jpg'] }]);
    // Bytes, hash and upload state untouched.
    expect(await db.attachments.count()).toBe(2);
    expect(await (await db.attachments.get(shared))?.blob.text()).toBe(BYTES);
    expect(await db.table('attachments').get(meter.sha256)).toMatchObject({ uploadedAt: 1 });
    // A row whose names are what it showed before is not rewritten (each row holds its file's bytes).
    expect(await db.table('attachments').get(meter.sha256)).not.toHaveProperty('attachedAs');
  });
});
