// Two Dexie devices and the fake HQ through the real engine and fetch transport: they converge and both list the conflict.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, fromIncidentRow } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { readIncidentSyncState, readOpenConflicts } from '../../../../renderer/db/sync-state';
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

async function incidentsOf(db: LanternDb) {
  return (await db.incidents.orderBy('id').toArray()).map((row) => fromIncidentRow(row));
}

describe('two Dexie devices through HQ', () => {
  it('converge after offline edits of the same field, and both list the conflict', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'dev-a');
    const b = await device(hq, 'dev-b', testClock(START_MS + 5_000));
    const shared = must(await a.repo.record({ title: 'Chiller 2 tripped' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(await readIncidentSyncState(a.db, shared.id)).toBe('confirmed');

    // Offline: both change the title; each also records its own incident.
    must(await a.repo.edit(shared.id, { title: 'Chiller 2 tripped (A)' }));
    b.clock.advance(60_000);
    must(await b.repo.edit(shared.id, { title: 'Chiller 2 tripped (B)' }));
    must(await a.repo.record({ title: 'Only A' }));
    must(await b.repo.record({ title: 'Only B' }));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const [onA, onB] = await Promise.all([incidentsOf(a.db), incidentsOf(b.db)]);
    expect(onA).toEqual(onB);
    expect(onA.map((i) => i.title).sort()).toEqual(['Chiller 2 tripped (B)', 'Only A', 'Only B']);
    for (const d of [a, b]) {
      const conflicts = await readOpenConflicts(d.db);
      expect(conflicts.map((c) => [c.winner.value, c.loser.value])).toEqual([['Chiller 2 tripped (B)', 'Chiller 2 tripped (A)']]);
    }
  });

  it('place pulled status changes in the SLA order exactly as the device that made them, also a change that lost the merge', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'dev-a');
    const b = await device(hq, 'dev-b', testClock(START_MS + 5_000));
    const shared = must(await a.repo.record({ title: 'Lift stuck between floors', impact: 1, urgency: 1 }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();

    // Offline: A puts it on hold; later B (whose clock is ahead) starts work on it. B's status wins the merge, but
    // both changes happened, and the clocks count the hold on both devices.
    a.clock.advance(10 * 60_000);
    must(await a.repo.changeStatus(shared.id, 'on_hold', { holdReason: 'Awaiting vendor', team: 'Facilities' }));
    b.clock.advance(40 * 60_000);
    must(await b.repo.changeStatus(shared.id, 'in_progress', { assignee: 'Ada', team: 'Facilities' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const [rowA, rowB] = await Promise.all([a.db.incidents.get(shared.id), b.db.incidents.get(shared.id)]);
    expect(rowA?.status).toBe('in_progress');
    expect(rowA?.slaChanges?.map((c) => c.to).sort()).toEqual(['in_progress', 'on_hold']);
    // Running again after a hold from minute 10 to minute ~40: due 30 minutes later than the hour P1 target.
    expect(rowA).toMatchObject({ slaGroup: 0 });
    expect(rowA?.slaKey).toBe(rowB?.slaKey);
    expect(Number(rowA?.slaKey) - Date.parse(shared.createdAt)).toBeGreaterThan(60 * 60_000 + 25 * 60_000);
  });
});
