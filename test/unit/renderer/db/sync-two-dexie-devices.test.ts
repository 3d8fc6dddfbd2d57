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
});
