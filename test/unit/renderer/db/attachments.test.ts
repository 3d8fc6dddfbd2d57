// Attachment repository: hashing at capture, size refusal before storing, one row per content hash, one transaction with the incident.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listAttachments, prepareAttachment, sha256Hex, type PreparedAttachment } from '../../../../renderer/db/attachments';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { ensureDevice } from '../../../../renderer/db/device';
import { saveDraft } from '../../../../renderer/db/drafts';
import { freshDb, snapshot, testClock } from './db-test-kit';

const bytes = (text: string) => new TextEncoder().encode(text);

async function prepared(text: string, name: string, type = 'image/jpeg'): Promise<PreparedAttachment> {
  const result = await prepareAttachment({ blob: new Blob([bytes(text)], { type }), name });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('attachments', () => {
  it('computes the SHA-256 of the bytes', async () => {
    const expected = '8a4720d9db4483a479d8f78f58f8cf9e37211cafaed5b5d20d1a9f9a000d3bc0'; // sha256sum of the same bytes
    expect(await sha256Hex(new Blob([bytes('hello lantern')]))).toBe(expected);
  });

  it('refuses a file over the limit with a message naming the file and the limit, without reading it', async () => {
    const blob = new Blob([new Uint8Array(2048)]);
    let read = false;
    const spy = Object.assign(blob, { arrayBuffer: () => ((read = true), Blob.prototype.arrayBuffer.call(blob)) });
    const result = await prepareAttachment({ blob: spy, name: 'generator-room.jpg' }, 1024);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('"generator-room.jpg"');
      expect(result.error.message).toContain('2 KB');
      expect(result.error.message).toContain('1 KB limit');
    }
    expect(read).toBe(false);
  });

  it('stores the incident, its files, the hashes on the outbox op and deletes the draft in one save', async () => {
    const db = freshDb('attach');
    await ensureDevice(db);
    await saveDraft(db, 'draft-1', { title: 'Leak' });
    const photo = await prepared('photo bytes', 'leak.jpg');
    const result = await recordCapture(db, testClock(), { title: 'Leak in plant room' }, { attachments: [photo], draftId: 'draft-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = await listAttachments(db, result.value.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sha256: photo.sha256, name: 'leak.jpg', type: 'image/jpeg', size: 11, incidentIds: [result.value.id] });
    expect(await rows[0]!.blob!.text()).toBe('photo bytes');
    const [op] = await db.outbox.toArray();
    expect(op?.attachments).toEqual([{ sha256: photo.sha256, name: 'leak.jpg', type: 'image/jpeg', size: 11 }]);
    expect(await db.drafts.count()).toBe(0);
    db.close();
  });

  it('stores the same file once and links it to both incidents', async () => {
    const db = freshDb('dedupe');
    await ensureDevice(db);
    const clock = testClock();
    const first = await recordCapture(db, clock, { title: 'First' }, { attachments: [await prepared('same', 'a.jpg'), await prepared('same', 'copy.jpg')] });
    clock.advance(1000);
    const second = await recordCapture(db, clock, { title: 'Second' }, { attachments: [await prepared('same', 'b.jpg')] });
    if (!first.ok || !second.ok) throw new Error('record failed');
    const all = await db.attachments.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.incidentIds).toEqual([first.value.id, second.value.id]);
    expect(await listAttachments(db, second.value.id)).toHaveLength(1);
    db.close();
  });

  it('writes nothing at all when the incident is refused', async () => {
    const db = freshDb('refused');
    await ensureDevice(db);
    await saveDraft(db, 'draft-1', { title: '' });
    const before = await snapshot(db);
    const result = await recordCapture(db, testClock(), { title: '   ' }, { attachments: [await prepared('x', 'x.png', 'image/png')], draftId: 'draft-1' });
    expect(result.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });
});
