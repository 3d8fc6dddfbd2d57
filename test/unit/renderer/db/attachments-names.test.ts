// Per-incident names of one stored file: each incident lists the name and type it was attached under, bytes kept once.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import { listAttachments, prepareAttachment, type PreparedAttachment } from '../../../../renderer/db/attachments';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { withAttachedNames } from '../../../../renderer/db/attachments-names';
import type { LanternDb } from '../../../../renderer/db/database';
import { createEntryRecorder } from '../../../../renderer/db/entry-record';
import { freshDb, must, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

const BYTES = 'the same jpeg bytes';

async function file(name: string, type = 'image/jpeg', content = BYTES): Promise<PreparedAttachment> {
  return must(await prepareAttachment({ blob: new Blob([content], { type }), name }));
}

async function setup() {
  db = freshDb('attachment-names');
  const clock = testClock();
  const repo = createIncidentRepository(db, clock);
  return { clock, repo, notes: createEntryRecorder(db, clock) };
}

describe('a file attached under different names', () => {
  it('shows on each incident the name and type it was attached under there, stored once', async () => {
    const { clock, repo, notes } = await setup();
    const first = must(await repo.record({ title: 'Leak Ward 4' }));
    const second = must(await repo.record({ title: 'Leak Ward 5' }));
    must(await notes.addNote(first.id, '', [await file('photo-a.jpg')]));
    clock.advance(60_000);
    must(await notes.addNote(second.id, '', [await file('IMG_0001.JPG', 'image/x-camera')]));

    expect(await db.attachments.count()).toBe(1);
    const [onFirst] = await listAttachments(db, first.id);
    const [onSecond] = await listAttachments(db, second.id);
    expect(onFirst).toMatchObject({ name: 'photo-a.jpg', type: 'image/jpeg', names: ['photo-a.jpg'] });
    expect(onSecond).toMatchObject({ name: 'IMG_0001.JPG', type: 'image/x-camera', names: ['IMG_0001.JPG'] });
    expect(onFirst!.sha256).toBe(onSecond!.sha256);
  });

  it('keeps the name of a file captured with an incident when the same bytes come later under another name', async () => {
    const { clock, notes } = await setup();
    const captured = must(await recordCapture(db, clock, { title: 'Broken pane' }, { attachments: [await file('pane.jpg')] }));
    clock.advance(60_000);
    const other = must(await recordCapture(db, clock, { title: 'Broken pane, block B' }, { attachments: [await file('copy of pane.jpg')] }));
    clock.advance(60_000);
    must(await notes.addNote(captured.id, 'Same photo again', [await file('pane-again.jpg')]));

    expect((await listAttachments(db, other.id)).map((f) => f.name)).toEqual(['copy of pane.jpg']);
    // Twice on one incident: listed once (the bytes are one piece of evidence) under its first name, with the other.
    const onCaptured = await listAttachments(db, captured.id);
    expect(onCaptured).toHaveLength(1);
    expect(onCaptured[0]).toMatchObject({ name: 'pane.jpg', names: ['pane.jpg', 'pane-again.jpg'] });
  });

  it('lists an incident’s files in the order they were attached to it, not when the bytes were first stored', async () => {
    const { clock, repo, notes } = await setup();
    const early = must(await repo.record({ title: 'Early' }));
    const late = must(await repo.record({ title: 'Late' }));
    must(await notes.addNote(early.id, '', [await file('shared.jpg')]));
    clock.advance(60_000);
    must(await notes.addNote(late.id, '', [await file('own.pdf', 'application/pdf', 'pdf bytes')]));
    clock.advance(60_000);
    must(await notes.addNote(late.id, '', [await file('shared-later.jpg')]));
    expect((await listAttachments(db, late.id)).map((f) => f.name)).toEqual(['own.pdf', 'shared-later.jpg']);
  });
});

describe('names learned from pulled operations', () => {
  const at = '2026-11-26T14:00:00.000Z';
  const named = { incidentId: 'i1', name: 'photo.jpg', type: 'image/jpeg', at };
  const mention = { incidentId: 'i1', name: 'file', type: '', at };

  it('takes a mention without a ref only for an incident with no name for the file, and the real name replaces it', () => {
    expect(withAttachedNames([named], [mention], true)).toBeNull();
    const guessed = withAttachedNames([], [mention], true)!;
    expect(guessed).toEqual([{ ...mention, standIn: true }]);
    expect(withAttachedNames(guessed, [named])).toEqual([named]);
    // The same attach learned twice (a page pulled again) adds nothing.
    expect(withAttachedNames([named], [named])).toBeNull();
  });
});
