// Three Dexie devices through HQ: the same bytes attached under two names keep, on every device, each incident's own name.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import { listAttachments, prepareAttachment, type PreparedAttachment } from '../../../../renderer/db/attachments';
import type { LanternDb } from '../../../../renderer/db/database';
import { createEntryRecorder } from '../../../../renderer/db/entry-record';
import { getTimeline } from '../../../../renderer/db/queries';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { must, START_MS, testClock } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

const BYTES = 'jpeg bytes of the flooded basement';

async function device(hq: FakeHq, label: string, clock = testClock()) {
  const synced = await syncedDexieDevice(hq, label, clock);
  open.push(synced.db);
  return { ...synced, repo: createIncidentRepository(synced.db, clock), notes: createEntryRecorder(synced.db, clock) };
}

async function file(name: string, type: string): Promise<PreparedAttachment> {
  return must(await prepareAttachment({ blob: new Blob([BYTES], { type }), name }));
}

/** What a device lists for an incident: [name, type] per file. */
async function shown(db: LanternDb, incidentId: string) {
  return (await listAttachments(db, incidentId)).map((f) => [f.name, f.type]);
}

describe('one file attached offline on two devices under two names', () => {
  it('shows photo-a.jpg on incident 1 and IMG_0001.jpg on incident 2 on every device, whatever it pulled first', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'dev-a');
    const b = await device(hq, 'dev-b', testClock(START_MS + 5_000));
    const one = must(await a.repo.record({ title: 'Flooded basement' }));
    const two = must(await b.repo.record({ title: 'Water in the lift shaft' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    // Offline: A attaches the bytes to incident 1, B the same bytes (another name and type) to incident 2.
    must(await a.notes.addNote(one.id, '', [await file('photo-a.jpg', 'image/jpeg')]));
    must(await b.notes.addNote(two.id, '', [await file('IMG_0001.jpg', 'image/pjpeg')]));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    // A third device pulls everything at once.
    const c = await device(hq, 'dev-c', testClock(START_MS + 9_000));
    await c.engine.syncOnce();

    for (const d of [a, b, c]) {
      expect(await shown(d.db, one.id)).toEqual([['photo-a.jpg', 'image/jpeg']]);
      expect(await shown(d.db, two.id)).toEqual([['IMG_0001.jpg', 'image/pjpeg']]);
      expect(await d.db.attachments.count()).toBe(1);
      // The timeline and the Attachments list of incident 2 agree.
      expect((await getTimeline(d.db, two.id)).some((e) => e.kind === 'note' && e.text === 'Attached IMG_0001.jpg')).toBe(true);
    }
  });

  it('lists both names on an incident the file was attached to twice, on two devices, in the same order everywhere', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'dev-a');
    const b = await device(hq, 'dev-b', testClock(START_MS + 5_000));
    const one = must(await a.repo.record({ title: 'Flooded basement' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    must(await a.notes.addNote(one.id, '', [await file('photo-a.jpg', 'image/jpeg')]));
    b.clock.advance(60_000);
    must(await b.notes.addNote(one.id, '', [await file('IMG_0001.jpg', 'image/jpeg')]));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    for (const d of [a, b]) {
      const files = await listAttachments(d.db, one.id);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ name: 'photo-a.jpg', names: ['photo-a.jpg', 'IMG_0001.jpg'] });
    }
  });
});
