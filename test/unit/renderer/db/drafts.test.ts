// Capture-form drafts: saved, listed newest first, replaced, discarded — and never sent to HQ.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { discardDraft, getDraft, listDrafts, saveDraft } from '../../../../renderer/db';
import { freshDb, START_MS } from './db-test-kit';

describe('drafts', () => {
  it('round-trips JSON values, lists newest first, replaces by id and discards', async () => {
    const db = freshDb('drafts');
    const values = { title: 'Smell of smoke', impact: 2, site: ['Main campus', 'Block A'], major: false, reporter: null };
    expect(await saveDraft(db, 'draft-a', values, START_MS)).toEqual({
      ok: true,
      value: { id: 'draft-a', updatedAt: '2026-11-26T14:00:00.000Z', values },
    });
    await saveDraft(db, 'draft-b', { title: 'Second' }, START_MS + 1_000);
    expect(await getDraft(db, 'draft-a')).toMatchObject({ values });
    expect((await listDrafts(db)).map((d) => d.id)).toEqual(['draft-b', 'draft-a']);

    await saveDraft(db, 'draft-a', { ...values, title: 'Smoke in corridor B' }, START_MS + 2_000);
    const listed = await listDrafts(db);
    expect(listed.map((d) => d.id)).toEqual(['draft-a', 'draft-b']);
    expect(listed[0]!.values.title).toBe('Smoke in corridor B');

    expect(await discardDraft(db, 'draft-a')).toEqual({ ok: true, value: undefined });
    expect(await discardDraft(db, 'draft-a')).toEqual({ ok: true, value: undefined });
    expect(await getDraft(db, 'draft-a')).toBeNull();
    expect((await listDrafts(db)).map((d) => d.id)).toEqual(['draft-b']);

    // Local UI state only: nothing for sync, no incidents, no timeline.
    expect(await db.outbox.count()).toBe(0);
    expect(await db.incidents.count()).toBe(0);
    expect(await db.timeline.count()).toBe(0);
    db.close();
  });
});
