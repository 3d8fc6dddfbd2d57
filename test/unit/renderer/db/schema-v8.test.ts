// Schema v8: rows of a v7 database gain their SLA changes and place, equal to what the app's own writes give them.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import type { IncidentRow } from '../../../../renderer/db/incident-row';
import { applySchema } from '../../../../renderer/db/schema';
import { onUpgradeProgress, type UpgradeProgress } from '../../../../renderer/db/upgrade-progress';
import { freshDb, must, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MIN = 60_000;

/** The v7 shape of a row: no SLA fields. */
function asV7(row: IncidentRow): Omit<IncidentRow, 'slaChanges' | 'slaGroup' | 'slaKey'> {
  const { slaChanges: _c, slaGroup: _g, slaKey: _k, ...rest } = row;
  return rest;
}

describe('schema v8 upgrade', () => {
  it('places every incident in the SLA order from its stored timeline, as the app placed it while it changed', async () => {
    const source = freshDb('v8-source');
    open.push(source);
    const clock = testClock();
    const repo = createIncidentRepository(source, clock);
    const running = must(await repo.record({ title: 'Generator will not start', impact: 1, urgency: 2 }));
    clock.advance(5 * MIN);
    const held = must(await repo.record({ title: 'Badge reader offline', impact: 2, urgency: 2 }));
    clock.advance(5 * MIN);
    must(await repo.changeStatus(held.id, 'on_hold', { holdReason: 'Awaiting vendor', team: 'Facilities' }));
    clock.advance(20 * MIN);
    must(await repo.changeStatus(held.id, 'in_progress', { assignee: 'Ada' }));
    const done = must(await repo.record({ title: 'Printer jam' }));
    must(await repo.changeStatus(done.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Cleared the tray' }));
    must(await repo.edit(running.id, { team: 'Facilities' }));
    const expected = await source.incidents.orderBy('id').toArray();
    expect(expected.map((row) => row.slaGroup)).toEqual([0, 0, 2]);

    const name = `v7-upgrade-${Math.random().toString(36).slice(2)}`;
    const v7 = new Dexie(name);
    applySchema(v7, SCHEMA_VERSIONS.filter((entry) => entry.version <= 7));
    await v7.open();
    await v7.table('incidents').bulkAdd(expected.map(asV7));
    await v7.table('timeline').bulkAdd(await source.timeline.toArray());
    await v7.table('meta').bulkPut(await source.meta.toArray());
    v7.close();

    const reported: UpgradeProgress[] = [];
    const stop = onUpgradeProgress((progress) => reported.push(progress));
    const db = new LanternDb(name);
    open.push(db);
    await db.open().finally(stop);
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    // The start screen's progress: the history read, then every incident rewritten.
    const timelineEntries = await db.timeline.count();
    // Steps of v8, v9 and v11 run: 5 in all, each under its own words.
    expect(reported.at(0)).toEqual({ phase: 'Reading incident history (step 1 of 6)', step: 1, steps: 6, done: timelineEntries, total: timelineEntries });
    expect(reported).toContainEqual({ phase: 'Placing incidents in SLA order (step 2 of 6)', step: 2, steps: 6, done: 3, total: 3 });
    const upgraded = await db.incidents.orderBy('id').toArray();
    expect(upgraded).toEqual(expected);
    // The held P3 (gold: 4 h to resolve) is due 20 minutes later for its 20 minutes on hold.
    const heldRow = upgraded.find((row) => row.id === held.id)!;
    expect(Number(heldRow.slaKey) - Date.parse(held.createdAt)).toBe(4 * 60 * MIN + 20 * MIN);
  });
});
