// Work notes with files and communications: one transaction with the outbox op (file refs included) and the draft delete.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, listDrafts, saveDraft } from '../../../../renderer/db';
import { prepareAttachment, type PreparedAttachment } from '../../../../renderer/db/attachments';
import { DEFAULT_AUTHOR } from '../../../../renderer/db/current-user';
import { entryDraftId, getEntryDraft, saveEntryDraft } from '../../../../renderer/db/entry-drafts';
import { createEntryRecorder, noteTextWithFiles } from '../../../../renderer/db/entry-record';
import { freshDb, must, snapshot, testClock } from './db-test-kit';

afterEach(() => vi.restoreAllMocks());

async function file(content: string, name: string, type = 'image/jpeg'): Promise<PreparedAttachment> {
  return must(await prepareAttachment({ blob: new Blob([content], { type }), name }));
}

async function setup() {
  const db = freshDb('entry-record');
  const clock = testClock();
  const incident = must(await createIncidentRepository(db, clock).record({ title: 'Chiller 2 tripped' }));
  return { db, incident, recorder: createEntryRecorder(db, clock) };
}

/** Entries are stamped with the default author here (nobody set who is working). */
const OWNER = DEFAULT_AUTHOR.name;

describe('entry drafts', () => {
  it('are named per form and incident, and never listed as capture drafts', async () => {
    const db = freshDb('entry-drafts');
    must(await saveDraft(db, '0190aaaa-0000-7000-8000-000000000000', { title: 'Capture draft' }));
    must(await saveEntryDraft(db, { kind: 'note', incidentId: 'inc-1', owner: OWNER }, { text: 'Half a note' }));
    must(await saveEntryDraft(db, { kind: 'communication', incidentId: 'inc-1', owner: OWNER }, { to: 'Ward 3' }));
    expect(entryDraftId({ kind: 'note', incidentId: 'inc-1', owner: 'Ana' })).toBe('note:inc-1:Ana');
    expect((await listDrafts(db)).map((d) => d.values.title)).toEqual(['Capture draft']);
    expect((await getEntryDraft(db, { kind: 'note', incidentId: 'inc-1', owner: OWNER }))?.values).toEqual({ text: 'Half a note' });
    expect(await getEntryDraft(db, { kind: 'note', incidentId: 'inc-2', owner: OWNER })).toBeNull();
    db.close();
  });
});

describe('entry recorder', () => {
  it('links a note’s files to the incident, puts their refs on its operation and deletes the note draft, together', async () => {
    const { db, incident, recorder } = await setup();
    must(await saveEntryDraft(db, { kind: 'note', incidentId: incident.id, owner: OWNER }, { text: 'Reset at 14:05' }));
    const photo = await file('jpeg bytes', 'photo.jpg');
    const event = must(await recorder.addNote(incident.id, 'Reset at 14:05', [photo, photo]));
    expect(event).toMatchObject({ kind: 'note', text: 'Reset at 14:05\n\nAttached photo.jpg' });
    const [row] = await db.attachments.toArray();
    expect(row).toMatchObject({ sha256: photo.sha256, incidentIds: [incident.id], name: 'photo.jpg', size: photo.size });
    const op = (await db.outbox.toArray()).at(-1)!;
    expect(op.event).toMatchObject({ id: event.id });
    expect(op.attachments).toEqual([{ sha256: photo.sha256, name: 'photo.jpg', type: 'image/jpeg', size: photo.size }]);
    expect(await getEntryDraft(db, { kind: 'note', incidentId: incident.id, owner: OWNER })).toBeNull();
    db.close();
  });

  it('writes nothing at all when a write after the note fails (disk full)', async () => {
    const { db, incident, recorder } = await setup();
    must(await saveEntryDraft(db, { kind: 'note', incidentId: incident.id, owner: OWNER }, { text: 'Meter photo' }));
    const before = await snapshot(db);
    vi.spyOn(db.attachments, 'add').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const result = await recorder.addNote(incident.id, 'Meter photo', [await file('png', 'meter.png', 'image/png')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });

  it('refuses an unknown incident and more files than one save may carry, changing nothing', async () => {
    const { db, incident, recorder } = await setup();
    const before = await snapshot(db);
    expect(await recorder.addNote('no-such-incident', 'x', [])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const many = await Promise.all(Array.from({ length: 21 }, (_, i) => file(`bytes ${i}`, `p${i}.jpg`)));
    expect(await recorder.addNote(incident.id, '', many)).toMatchObject({ ok: false, error: { field: 'attachments' } });
    expect(await recorder.addNote(incident.id, '   ', [])).toMatchObject({ ok: false, error: { field: 'text' } });
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });

  it('logs a communication and deletes its draft in the same transaction', async () => {
    const { db, incident, recorder } = await setup();
    must(await saveEntryDraft(db, { kind: 'communication', incidentId: incident.id, owner: OWNER }, { to: 'Ward 3' }));
    must(await recorder.logCommunication(incident.id, { direction: 'outgoing', from: 'Desk', to: 'Ward 3', channel: 'Radio', message: 'Power back at 15:00' }));
    expect(await getEntryDraft(db, { kind: 'communication', incidentId: incident.id, owner: OWNER })).toBeNull();
    expect((await db.outbox.toArray()).at(-1)?.event).toMatchObject({ kind: 'communication', message: 'Power back at 15:00' });
    db.close();
  });
});

describe('noteTextWithFiles', () => {
  it('names the files, and keeps a note at the length limit as typed', () => {
    expect(noteTextWithFiles('', [{ name: 'photo.jpg' }])).toBe('Attached photo.jpg');
    expect(noteTextWithFiles('  ', [{ name: 'a.jpg' }, { name: 'b.pdf' }])).toBe('Attached a.jpg, b.pdf');
    expect(noteTextWithFiles(' Gauge ', [])).toBe('Gauge');
    expect(noteTextWithFiles('x'.repeat(20_000), [{ name: 'a.jpg' }])).toBe('x'.repeat(20_000));
  });
});
