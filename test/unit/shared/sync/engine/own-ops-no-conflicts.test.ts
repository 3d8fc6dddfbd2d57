// One device's own changes coming back from HQ find no conflict with its later ones (the in-memory replica; the
// Dexie one: test/unit/renderer/db/sync-own-ops-no-conflicts.test.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES } from '../../../../../shared/domain';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

const TRANSITION_INPUT = { assignee: 'Sam', team: 'Facilities', holdReason: DEFAULT_HOLD_REASONS[0], resolutionCode: DEFAULT_RESOLUTION_CODES[0], resolutionNotes: 'Seal replaced' };

describe('own changes coming back from HQ', () => {
  it('the in-memory replica records no conflict for status changes made one after the other', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const a = new SimDevice('dev-a', hq, world);
    const op = a.create('Door 4 jammed');
    for (const to of ['assigned', 'in_progress', 'resolved'] as const) {
      world.advance(60_000);
      expect(a.setStatus(op.incidentId, to, TRANSITION_INPUT)).not.toBeNull();
    }
    await a.sync();
    expect(a.replica.conflictList()).toEqual([]);
  });
});
