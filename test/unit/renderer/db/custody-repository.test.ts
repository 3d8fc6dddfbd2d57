// Custody writes: each collected item or recorded link is one transaction with its timeline entry and a valid outbox op; a refusal writes nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getTimeline } from '../../../../renderer/db';
import { prepareAttachment } from '../../../../renderer/db/attachments';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { createCustodyRepository, type CustodyRepository } from '../../../../renderer/db/custody';
import type { LanternDb } from '../../../../renderer/db/database';
import { evidenceItems } from '../../../../shared/domain/custody';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, must, snapshot, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
let custody: CustodyRepository;
afterEach(() => db?.close());

const handledAt = { utc: new Date(START_MS).toISOString(), offsetMinutes: 60 };

/** A stored incident with one attached file; returns the incident and the file's hash. */
async function setup() {
  db = freshDb('custody');
  const clock = testClock();
  custody = createCustodyRepository(db, clock);
  const file = must(await prepareAttachment({ blob: new Blob(['disk image log']), name: 'imaging-log.txt' }));
  const incident = must(await recordCapture(db, clock, { title: 'Ransomware on finance laptops' }, { attachments: [file] }));
  clock.advance(60_000);
  return { incident, sha256: file.sha256 };
}

describe('custody repository', () => {
  it('collect writes one custody entry and one pending operation together; record extends the chain', async () => {
    const { incident, sha256 } = await setup();
    const opsBefore = await db.outbox.count();
    const collected = must(await custody.collect(incident.id, { item: 'Laptop, serial 5CG1234', to: 'Ana Field', location: 'IT office', handledAt, sha256 }));
    expect(collected).toMatchObject({ kind: 'custody', action: 'collected', sha256 });
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops).toHaveLength(opsBefore + 1);
    const { state, ...op } = ops.at(-1)!;
    expect(state).toBe('pending');
    expect(op.event).toEqual(collected);
    expect(op.set).toEqual({});
    expect(operationSchema.safeParse(op).success).toBe(true);
    expect(await db.timeline.get(collected.id)).toEqual(collected);

    const itemId = collected.kind === 'custody' ? collected.itemId : '';
    must(await custody.record(incident.id, { itemId, action: 'stored', from: 'Ana Field', location: 'Evidence locker 2', handledAt }));
    const [item] = evidenceItems(await getTimeline(db, incident.id));
    expect(item).toMatchObject({ itemId, location: 'Evidence locker 2' });
    expect(item!.chain.map((event) => event.action)).toEqual(['collected', 'stored']);
    expect(await db.outbox.count()).toBe(opsBefore + 2);
  });

  it('a refusal (no description, unknown item, file not on the incident, ended chain, unknown incident) writes nothing', async () => {
    const { incident } = await setup();
    const collected = must(await custody.collect(incident.id, { item: 'USB stick', to: 'Ana Field', handledAt }));
    const itemId = collected.kind === 'custody' ? collected.itemId : '';
    must(await custody.record(incident.id, { itemId, action: 'disposed', handledAt }));
    const before = await snapshot(db);
    expect(await custody.collect(incident.id, { item: ' ', to: 'Ana Field', handledAt })).toMatchObject({ ok: false, error: { field: 'item' } });
    expect(await custody.collect(incident.id, { item: 'Phone', to: 'Ana Field', handledAt, sha256: 'c'.repeat(64) })).toMatchObject({ ok: false, error: { field: 'sha256' } });
    expect(await custody.record(incident.id, { itemId: 'nope', action: 'examined', handledAt })).toMatchObject({ ok: false, error: { field: 'itemId' } });
    expect(await custody.record(incident.id, { itemId, action: 'examined', handledAt })).toMatchObject({ ok: false, error: { code: 'not-allowed', message: expect.stringContaining('has ended') } });
    expect(await custody.collect('01900000-0000-7000-8000-000000000000', { item: 'Phone', to: 'Ana Field', handledAt })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a link handled before the end, written after it, is saved and lands in its place; one handled after the end writes nothing', async () => {
    const { incident } = await setup();
    const minutes = (n: number) => ({ utc: new Date(START_MS + n * 60_000).toISOString(), offsetMinutes: 60 });
    const collected = must(await custody.collect(incident.id, { item: 'USB stick', to: 'Ana Field', location: 'Reception', handledAt: minutes(-50) }));
    const itemId = collected.kind === 'custody' ? collected.itemId : '';
    const disposed = must(await custody.record(incident.id, { itemId, action: 'disposed', location: 'Shredder room', handledAt: minutes(-10) }));
    const before = await snapshot(db);
    expect(await custody.record(incident.id, { itemId, action: 'examined', handledAt: minutes(-5) })).toMatchObject({ ok: false, error: { code: 'not-allowed', field: 'handledAt', message: expect.stringContaining('has ended: disposed of') } });
    expect(await snapshot(db)).toEqual(before);

    const late = must(await custody.record(incident.id, { itemId, action: 'transferred', from: 'Ana Field', to: 'Ben Forensics', location: 'Forensics van', handledAt: minutes(-30) }));
    expect(await db.outbox.count()).toBe(before.outbox.length + 1);
    const [item] = evidenceItems(await getTimeline(db, incident.id));
    expect(item!.chain.map((event) => event.id)).toEqual([collected.id, late.id, disposed.id]);
    expect(item).toMatchObject({ holder: '', location: 'Shredder room', afterEnd: [] });
  });
});
