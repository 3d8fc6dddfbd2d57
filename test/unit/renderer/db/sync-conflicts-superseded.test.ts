// A conflict someone settled with a later edit of its field is no longer listed: on the device that lost, and on a device that pulls the history later.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import { isConflictSuperseded } from '../../../../renderer/db/conflict-superseded';
import type { LanternDb } from '../../../../renderer/db/database';
import { markConflictResolved, readOpenConflicts } from '../../../../renderer/db/sync-state';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { must, START_MS, testClock } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

async function device(hq: FakeHq, label: string, clock = testClock()) {
  const synced = await syncedDexieDevice(hq, label, clock);
  open.push(synced.db);
  return { ...synced, repo: createIncidentRepository(synced.db, clock) };
}

/** Laptops 1 and 2 change the same title offline; laptop 2's change wins. */
async function clashOverTitle() {
  const hq = new FakeHq({ now: () => START_MS });
  const one = await device(hq, 'laptop-1');
  const two = await device(hq, 'laptop-2', testClock(START_MS + 5_000));
  const incident = must(await one.repo.record({ title: 'Chiller 2 tripped' }));
  await one.engine.syncOnce();
  await two.engine.syncOnce();
  must(await one.repo.edit(incident.id, { title: 'Chiller 2 tripped (laptop 1)' }));
  two.clock.advance(60_000);
  must(await two.repo.edit(incident.id, { title: 'Chiller 2 tripped (laptop 2)' }));
  await one.engine.syncOnce();
  await two.engine.syncOnce();
  await one.engine.syncOnce();
  return { hq, one, two, incident };
}

describe('conflicts settled by a later edit', () => {
  it('"Use the other value" on one laptop takes the conflict off every device, also one that joins later', async () => {
    const { hq, one, two, incident } = await clashOverTitle();
    const [listed] = await readOpenConflicts(one.db);
    expect(listed).toMatchObject({ incidentNumber: incident.number, winner: { value: 'Chiller 2 tripped (laptop 2)' }, loser: { value: 'Chiller 2 tripped (laptop 1)' } });
    expect(await readOpenConflicts(two.db)).toHaveLength(1);

    // What the button does on laptop 1: a normal edit (newer stamp), and the conflict marked looked-at there.
    one.clock.set(START_MS + 10 * 60_000);
    must(await one.repo.edit(incident.id, { title: 'Chiller 2 tripped (laptop 1)' }));
    await markConflictResolved(one.db, listed!.id, one.clock.nowMs());
    await one.engine.syncOnce();
    await two.engine.syncOnce();

    expect((await two.db.incidents.get(incident.id))?.title).toBe('Chiller 2 tripped (laptop 1)');
    expect(await readOpenConflicts(one.db)).toEqual([]);
    expect(await readOpenConflicts(two.db)).toEqual([]);

    const fresh = await device(hq, 'laptop-3', testClock(START_MS + 20 * 60_000));
    await fresh.engine.syncOnce();
    expect((await fresh.db.incidents.get(incident.id))?.title).toBe('Chiller 2 tripped (laptop 1)');
    expect(await readOpenConflicts(fresh.db)).toEqual([]);
  });

  it('a later edit of another field leaves the conflict open, and "Keep" still closes it on this device only', async () => {
    const { one, two, incident } = await clashOverTitle();
    must(await two.repo.edit(incident.id, { description: 'Compressor alarm at 14:02' }));
    await two.engine.syncOnce();
    await one.engine.syncOnce();
    const [onOne] = await readOpenConflicts(one.db);
    expect(onOne?.field).toBe('title');
    expect(await readOpenConflicts(two.db)).toHaveLength(1);

    await markConflictResolved(one.db, onOne!.id, one.clock.nowMs());
    expect(await readOpenConflicts(one.db)).toEqual([]);
    expect(await readOpenConflicts(two.db)).toHaveLength(1);
  });
});

describe('isConflictSuperseded', () => {
  const winner = { hlc: '000001795000000002-0000-b' };
  const loser = { hlc: '000001795000000001-0000-a' };
  it('only a stamp newer than both sides supersedes', () => {
    expect(isConflictSuperseded({ winner, loser }, undefined)).toBe(false);
    expect(isConflictSuperseded({ winner, loser }, winner.hlc)).toBe(false);
    expect(isConflictSuperseded({ winner, loser }, loser.hlc)).toBe(false);
    expect(isConflictSuperseded({ winner, loser }, '000001795000000003-0000-a')).toBe(true);
  });
});
