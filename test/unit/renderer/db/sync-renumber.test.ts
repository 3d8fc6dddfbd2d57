// Renumbering a restored laptop's pending operations above HQ's numbers: one transaction, order kept, counter moved.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../renderer/db';
import { readMeta } from '../../../../renderer/db/meta';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { syncOutbox } from '../../../../renderer/db/sync-rows';
import { freshDb, must, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

describe('renumberPending (Dexie replica)', () => {
  it("moves every pending operation above HQ's last number with new ids, in order, and moves the counter past them", async () => {
    db = freshDb('renumber');
    const clock = testClock();
    const repo = createIncidentRepository(db, clock);
    const replica = createDexieReplica(db, clock);
    const first = must(await repo.record({ title: 'Acknowledged before the copy' }));
    await replica.recordPushResults([{ opId: (await syncOutbox(db).get(1))!.opId, deviceSeq: 1, status: 'applied', capped: null }]);
    must(await repo.addNote(first.id, 'Pending A'));
    must(await repo.addNote(first.id, 'Pending B'));
    const before = await syncOutbox(db).toArray();
    expect(before.map((r) => r.deviceSeq)).toEqual([1, 2, 3]);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([2, 3]);

    // HQ holds this device's operations up to 6 (made after the copy this laptop was restored from).
    expect(await replica.renumberPending(6)).toBe(2);
    const after = await syncOutbox(db).toArray();
    // The acknowledged operation keeps its number and id; only the pending ones move.
    expect(after.map((r) => r.deviceSeq)).toEqual([1, 7, 8]);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.event).toEqual(before[1]!.event);
    expect(after[2]!.event).toEqual(before[2]!.event);
    expect(after[1]!.opId).not.toBe(before[1]!.opId);
    expect((await readMeta(db, 'counters'))?.nextDeviceSeq).toBe(9);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([7, 8]);
    // The next edit continues after them.
    must(await repo.addNote(first.id, 'After'));
    expect((await syncOutbox(db).orderBy(':id').lastKey())).toBe(9);
    // Nothing pending at or below HQ's number: nothing moves.
    expect(await replica.renumberPending(6)).toBe(0);
  });
});
