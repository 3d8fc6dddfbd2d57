// Schema v9: open rows of a v8 database are re-keyed so the SLA sort follows the clock the list shows (time to own while unowned).
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { applySchema } from '../../../../renderer/db/schema';
import { onUpgradeProgress, type UpgradeProgress } from '../../../../renderer/db/upgrade-progress';
import { freshDb, must, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;

describe('schema v9 upgrade', () => {
  it('orders an unowned incident by its time to own, ahead of an owned one due to be resolved later', async () => {
    const source = freshDb('v9-source');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    // Gold P3: owned within 60 minutes, resolved within 4 hours. Nobody owns it.
    const unowned = must(await repo.record({ title: 'Chiller alarm', impact: 2, urgency: 2 }));
    clock.advance(10 * MIN);
    // Gold P1, owned at once: resolved within the hour, i.e. 70 minutes after the P3 was recorded.
    const owned = must(await repo.record({ title: 'Core switch down', impact: 1, urgency: 1 }));
    must(await repo.edit(owned.id, { assignee: 'Ada' }));
    const closed = must(await repo.record({ title: 'Printer jam' }));
    must(await repo.changeStatus(closed.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Cleared the tray' }));
    const expected = await source.incidents.orderBy('id').toArray();
    const unownedRow = expected.find((row) => row.id === unowned.id)!;
    expect(unownedRow.slaKey).toBe(Date.parse(unowned.createdAt) + 60 * MIN);

    // The same rows as v8 stored them: the unowned P3 keyed by its resolve clock (due four hours after recording).
    const name = `v8-upgrade-${Math.random().toString(36).slice(2)}`;
    const v8 = new Dexie(name);
    applySchema(v8, SCHEMA_VERSIONS.filter((entry) => entry.version <= 8));
    await v8.open();
    await v8.table('incidents').bulkAdd(expected.map((row) => (row.id === unowned.id ? { ...row, slaKey: Date.parse(unowned.createdAt) + 240 * MIN } : row)));
    await v8.table('timeline').bulkAdd(await source.timeline.toArray());
    await v8.table('meta').bulkPut(await source.meta.toArray());
    const oldOrder = await v8.table('incidents').where('[slaGroup+slaKey]').between([0, Dexie.minKey], [0, Dexie.maxKey]).primaryKeys();
    expect(oldOrder).toEqual([owned.id, unowned.id]);
    v8.close();

    const reported: UpgradeProgress[] = [];
    const stop = onUpgradeProgress((progress) => reported.push(progress));
    const db = new LanternDb(name);
    open.push(db);
    await db.open().finally(stop);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    // The two open incidents were checked; the resolved one keeps its place among the stopped. (Then v11's two steps and v12's one.)
    expect(reported).toContainEqual({ phase: 'Sorting open incidents by time to own (step 1 of 4)', step: 1, steps: 4, done: 2, total: 2 });
    expect(await db.incidents.orderBy('id').toArray()).toEqual(expected);
    const newOrder = await db.incidents.where('[slaGroup+slaKey]').between([0, Dexie.minKey], [0, Dexie.maxKey]).primaryKeys();
    expect(newOrder).toEqual([unowned.id, owned.id]);
  });
});
