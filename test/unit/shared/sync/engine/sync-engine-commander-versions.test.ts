// Engine with an HQ not yet updated for the incident commander (operation version 6): naming one waits on the device as
// retry-later, what came before it reaches HQ, pulls go on, and once HQ is updated the name arrives everywhere.
import { describe, expect, it } from 'vitest';
import { editIncident } from '../../../../../shared/domain';
import type { Operation } from '../../../../../shared/sync/operation';
import { FakeHq, type FakeHqOptions } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

function edit(device: SimDevice, incidentId: string, edits: Parameters<typeof editIncident>[1]): Operation {
  const incident = device.replica.incident(incidentId)!;
  const op = device.replica.commit((ctx) => editIncident(incident, edits, ctx));
  if (!op) throw new Error('edit refused');
  return op;
}

describe('an incident commander pushed to an HQ that reads operations up to version 5', () => {
  it('stays on the device as retry-later with the reason; the operations before it are applied and the pull goes on', async () => {
    const world = new World();
    const options: FakeHqOptions = { now: () => world.nowMs, operationVersion: 5 };
    const hq = new FakeHq(options);
    const a = new SimDevice('dev-a', hq, world);
    const b = new SimDevice('dev-b', hq, world);
    const other = b.create('Lift stuck');
    await b.sync();

    const created = a.create('Water outage');
    const major = edit(a, created.incidentId, { major: true });
    const named = edit(a, created.incidentId, { commander: 'Ana Diaz' });
    expect([major.schemaVersion, named.schemaVersion]).toEqual([1, 6]);
    const report = await a.sync();
    if (report instanceof Error) throw report;

    expect(hq.operations().map((entry) => entry.op.opId)).toEqual([other.opId, created.opId, major.opId]);
    expect(report.pushed).toMatchObject({ applied: 2, retryLater: 1, rejected: 0 });
    expect(report.waitingReason).toMatch(/newer/i);
    expect(a.replica.outboxEntries().map((entry) => [entry.op.opId, entry.state])).toEqual([
      [created.opId, 'acknowledged'],
      [major.opId, 'acknowledged'],
      [named.opId, 'pending'],
    ]);
    // The name stays on this laptop, and what HQ holds from others still arrives.
    expect(a.replica.incident(created.incidentId)?.commander).toBe('Ana Diaz');
    expect(a.replica.incident(other.incidentId)?.title).toBe('Lift stuck');

    // HQ updated: the name goes at the next sync, and another laptop gets it.
    options.operationVersion = 6;
    const after = await a.sync();
    if (after instanceof Error) throw after;
    expect(after.pendingAfter).toBe(0);
    expect(hq.operations().map((entry) => entry.op.opId)).toContain(named.opId);
    await b.sync();
    expect(b.replica.incident(created.incidentId)).toMatchObject({ major: true, commander: 'Ana Diaz' });
  });
});
