// Custody writes delete the writer's evidence-form draft (the new-item one, or the one of that item's link) in the entry's own transaction; refusals and others' drafts are left alone.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { DEFAULT_AUTHOR } from '../../../../renderer/db/current-user';
import { createCustodyRepository, evidenceDraftPlace, type CustodyRepository } from '../../../../renderer/db/custody';
import type { LanternDb } from '../../../../renderer/db/database';
import { getEntryDraft, saveEntryDraft, type EntryDraftKey } from '../../../../renderer/db/entry-drafts';
import type { TimelineEvent } from '../../../../shared/domain';
import { freshDb, must, snapshot, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
let custody: CustodyRepository;
afterEach(() => db?.close());

const handledAt = { utc: new Date(START_MS).toISOString(), offsetMinutes: 60 };
const me = DEFAULT_AUTHOR.name;

/** An incident with two collected items, and a draft for every place the evidence form keeps one (mine and Ben's). */
async function setup() {
  db = freshDb('custody-drafts');
  const clock = testClock();
  custody = createCustodyRepository(db, clock);
  const incident = must(await recordCapture(db, clock, { title: 'Ransomware on finance laptops' }, { attachments: [] }));
  clock.advance(60_000);
  const itemOf = (event: TimelineEvent) => (event.kind === 'custody' ? event.itemId : '');
  const laptop = itemOf(must(await custody.collect(incident.id, { item: 'Laptop', to: me, handledAt })));
  const stick = itemOf(must(await custody.collect(incident.id, { item: 'USB stick', to: me, handledAt })));
  const key = (itemId: string | undefined, owner = me): EntryDraftKey => ({ ...evidenceDraftPlace(incident.id, itemId), owner });
  const drafts = { collect: key(undefined), laptop: key(laptop), stick: key(stick), bensLaptop: key(laptop, 'Ben Ops'), bensCollect: key(undefined, 'Ben Ops') };
  for (const draft of Object.values(drafts)) must(await saveEntryDraft(db, draft, { notes: 'half typed' }));
  const kept = async () => Object.fromEntries(await Promise.all(Object.entries(drafts).map(async ([name, draft]) => [name, (await getEntryDraft(db, draft)) !== null])));
  return { incidentId: incident.id, laptop, stick, drafts, kept };
}

describe('evidence form drafts and custody writes', () => {
  it('keys a new item and each item apart: evidence:<incident>:<owner>, custody:<incident>:<item>:<owner>', () => {
    expect(evidenceDraftPlace('inc-1', undefined)).toEqual({ kind: 'evidence', incidentId: 'inc-1' });
    expect(evidenceDraftPlace('inc-1', 'item-9')).toEqual({ kind: 'custody', incidentId: 'inc-1:item-9' });
  });

  it("recording a link deletes only the writer's draft for that item; collecting deletes only the writer's new-item draft", async () => {
    const { incidentId, laptop, kept } = await setup();
    must(await custody.record(incidentId, { itemId: laptop, action: 'stored', location: 'Locker 2', handledAt }));
    expect(await kept()).toEqual({ collect: true, laptop: false, stick: true, bensLaptop: true, bensCollect: true });
    must(await custody.collect(incidentId, { item: 'Phone', to: me, handledAt }));
    expect(await kept()).toEqual({ collect: false, laptop: false, stick: true, bensLaptop: true, bensCollect: true });
  });

  it('a refusal keeps the draft and writes nothing', async () => {
    const { incidentId, stick, kept } = await setup();
    const before = await snapshot(db);
    expect(await custody.record(incidentId, { itemId: stick, action: 'transferred', from: me, to: '', handledAt })).toMatchObject({ ok: false, error: { field: 'to' } });
    expect(await custody.collect(incidentId, { item: ' ', to: me, handledAt })).toMatchObject({ ok: false, error: { field: 'item' } });
    expect(await snapshot(db)).toEqual(before);
    expect(Object.values(await kept()).every(Boolean)).toBe(true);
  });

  it('the draft delete is part of the entry write: when it fails, the entry and its operation are not written either', async () => {
    const { incidentId, laptop, kept } = await setup();
    const before = await snapshot(db);
    const hook = () => {
      throw new Error('injected draft delete failure');
    };
    db.drafts.hook('deleting', hook);
    await expect(custody.record(incidentId, { itemId: laptop, action: 'stored', location: 'Locker 2', handledAt })).rejects.toThrow('injected draft delete failure');
    await expect(custody.collect(incidentId, { item: 'Phone', to: me, handledAt })).rejects.toThrow('injected draft delete failure');
    db.drafts.hook('deleting').unsubscribe(hook);
    expect(await snapshot(db)).toEqual(before);
    expect(Object.values(await kept()).every(Boolean)).toBe(true);
  });
});
