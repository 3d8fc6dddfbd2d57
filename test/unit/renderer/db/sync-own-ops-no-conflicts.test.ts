// One person working one incident on one laptop makes no conflicts: its own changes coming back from HQ are not
// "concurrent" with its later ones (they were made one on top of the other). The in-memory replica: test/unit/shared/sync.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { conflictsTable } from '../../../../renderer/db/sync-rows';
import { DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES } from '../../../../shared/domain';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { must } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

let db: LanternDb | undefined;
afterEach(() => db?.close());

const TRANSITION_INPUT = { assignee: 'Sam', team: 'Facilities', holdReason: DEFAULT_HOLD_REASONS[0], resolutionCode: DEFAULT_RESOLUTION_CODES[0], resolutionNotes: 'Seal replaced' };

describe('own changes coming back from HQ', () => {
  it('the Dexie replica records no conflict for a whole lifecycle done on this laptop, synced afterwards', async () => {
    const hq = new FakeHq({ now: () => Date.now() });
    const device = await syncedDexieDevice(hq, 'own-ops');
    db = device.db;
    const repo = createIncidentRepository(device.db, device.clock);
    const incident = must(await repo.record({ title: 'Chiller 2 tripped' }));
    must(await repo.edit(incident.id, { title: 'Chiller 2 tripped twice' }));
    for (const to of ['assigned', 'in_progress', 'on_hold', 'in_progress', 'resolved', 'closed'] as const) {
      device.clock.advance(60_000);
      must(await repo.changeStatus(incident.id, to, TRANSITION_INPUT));
    }
    await device.engine.syncOnce();
    await device.engine.syncOnce();
    expect(await conflictsTable(device.db).toArray()).toEqual([]);
    expect(hq.conflicts.size).toBe(0);
  });
});
