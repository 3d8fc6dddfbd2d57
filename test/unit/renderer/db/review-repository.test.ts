// After-action review writes: the review entry, its outbox operation and the writer's draft delete are one transaction; a refusal writes nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, getTimeline, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { createReviewRepository, type ReviewRepository } from '../../../../renderer/db/review';
import { DEFAULT_AUTHOR } from '../../../../renderer/db/current-user';
import { getEntryDraft, saveEntryDraft } from '../../../../renderer/db/entry-drafts';
import { DEFAULT_RESOLUTION_CODES } from '../../../../shared/domain';
import { currentReview } from '../../../../shared/domain/review';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
let incidents: IncidentRepository;
let reviews: ReviewRepository;

function setup() {
  db = freshDb('review');
  const clock = testClock();
  incidents = createIncidentRepository(db, clock);
  reviews = createReviewRepository(db, clock);
}
afterEach(() => db?.close());

async function recorded(): Promise<string> {
  const result = await incidents.record({ title: 'Water leak in server room' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

async function resolved(): Promise<string> {
  const id = await recorded();
  const result = await incidents.changeStatus(id, 'resolved', { resolutionCode: DEFAULT_RESOLUTION_CODES[0], resolutionNotes: 'Pipe replaced' });
  if (!result.ok) throw new Error(result.error.message);
  return id;
}

describe('review repository', () => {
  it('writes one review entry and one pending operation together; a revision supersedes it on a closed incident', async () => {
    setup();
    const id = await resolved();
    const opsBefore = await db.outbox.count();
    const written = await reviews.write(id, { whatHappened: ' Pipe burst above rack 4 ', whatWorked: 'Shutting the valve fast' });
    expect(written).toMatchObject({ ok: true, value: { kind: 'review', whatHappened: 'Pipe burst above rack 4', rootCause: '' } });
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops).toHaveLength(opsBefore + 1);
    const { state, ...op } = ops.at(-1)!;
    expect(state).toBe('pending');
    expect(op.event).toEqual(written.ok ? written.value : null);
    expect(op.set).toEqual({});
    expect(operationSchema.safeParse(op).success).toBe(true);

    expect(await incidents.changeStatus(id, 'closed')).toMatchObject({ ok: true });
    expect(await reviews.write(id, { whatHappened: 'Pipe burst above rack 4', rootCause: 'Corroded joint', problemRef: 'PRB0012345' })).toMatchObject({ ok: true });
    const events = await getTimeline(db, id);
    expect(events.filter((event) => event.kind === 'review')).toHaveLength(2);
    expect(currentReview(events)).toMatchObject({ revisions: 1, fields: { rootCause: 'Corroded joint', problemRef: 'PRB0012345', whatWorked: '' } });
    expect((await db.incidents.get(id))!.status).toBe('closed');
  });

  it('a refused review (open incident, empty "what happened", unchanged, unknown incident) writes nothing', async () => {
    setup();
    const open = await recorded();
    const id = await resolved();
    expect(await reviews.write(id, { whatHappened: 'Leak' })).toMatchObject({ ok: true });
    const before = await snapshot(db);
    expect(await reviews.write(open, { whatHappened: 'Leak' })).toMatchObject({ ok: false, error: { code: 'not-allowed', message: 'Write the review once the incident is resolved.' } });
    expect(await reviews.write(id, { whatHappened: '   ' })).toMatchObject({ ok: false, error: { field: 'whatHappened' } });
    expect(await reviews.write(id, { whatHappened: 'Leak ' })).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(await reviews.write('01900000-0000-7000-8000-000000000000', { whatHappened: 'Leak' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it("deletes the writer's review draft in the same transaction; a refusal or a failed write keeps it, and others' drafts stay", async () => {
    setup();
    const id = await resolved();
    const mine = { kind: 'review', incidentId: id, owner: DEFAULT_AUTHOR.name } as const;
    const theirs = { ...mine, owner: 'Ben Ops' };
    const note = { ...mine, kind: 'note' } as const;
    for (const key of [mine, theirs, note]) expect(await saveEntryDraft(db, key, { whatHappened: 'Pipe burst', text: 'x' })).toMatchObject({ ok: true });

    expect(await reviews.write(id, { whatHappened: '  ' })).toMatchObject({ ok: false, error: { field: 'whatHappened' } });
    expect(await getEntryDraft(db, mine)).not.toBeNull();
    const hook = () => {
      throw new Error('injected outbox failure');
    };
    db.outbox.hook('creating', hook);
    await expect(reviews.write(id, { whatHappened: 'Pipe burst' })).rejects.toThrow('injected outbox failure');
    db.outbox.hook('creating').unsubscribe(hook);
    expect(await getEntryDraft(db, mine)).not.toBeNull();

    expect(await reviews.write(id, { whatHappened: 'Pipe burst' })).toMatchObject({ ok: true });
    expect(await getEntryDraft(db, mine)).toBeNull();
    expect(await getEntryDraft(db, theirs)).not.toBeNull();
    expect(await getEntryDraft(db, note)).not.toBeNull();
  });

  it('says an unknown incident is not on this computer yet, as the other writes do', async () => {
    setup();
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(await reviews.write(unknown, { whatHappened: 'Leak' })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/^Incident 01900000-0000-7000-8000-000000000000 is not on this computer\. It may have been recorded on another device/) } });
  });

  it('a failing outbox write rolls back the review entry too', async () => {
    setup();
    const id = await resolved();
    const before = await snapshot(db);
    db.outbox.hook('creating', () => {
      throw new Error('injected outbox failure');
    });
    await expect(reviews.write(id, { whatHappened: 'Leak' })).rejects.toThrow('injected outbox failure');
    expect(await snapshot(db)).toEqual(before);
  });
});
