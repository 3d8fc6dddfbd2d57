// Engine of a Lantern that reads operations up to version 4, pulling from an updated HQ that holds a communication
// reply (version 5): as for every newer operation, the page is refused, the cursor kept, the person told to update,
// and this device's own changes still reach HQ.
import { describe, expect, it, vi } from 'vitest';
import { logCommunication } from '../../../../../shared/domain';
import { recordCommunicationReply } from '../../../../../shared/domain/communication-reply';
import { NEWER_OPERATIONS_MESSAGE, SyncError } from '../../../../../shared/sync/engine';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

// Every device of this file is a build before version 5 (the HQ below is told it reads version 5).
vi.mock('../../../../../shared/sync/operation', async (importOriginal) => ({ ...(await importOriginal<object>()), OPERATION_SCHEMA_VERSION: 4 }));

describe('a version 4 laptop pulling a communication reply', () => {
  it('refuses the page with the update message, keeps its cursor and still pushes its own changes', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs, operationVersion: 5 });
    // Stands in for an updated laptop: its commands write the reply as version 5 whatever this build reads.
    const updated = new SimDevice('dev-new', hq, world);
    const created = updated.create('Water outage');
    const incident = updated.replica.incident(created.incidentId)!;
    const sent = updated.replica.commit((ctx) => logCommunication(incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, ctx))!;
    const answer = updated.replica.commit((ctx) => recordCommunicationReply(incident, sent.event, { text: 'Tanks filled', from: 'Ward 3', repliedAt: ctx.now }, ctx))!;
    expect(answer.schemaVersion).toBe(5);
    // Its push goes through (its own pull back then trips on this file's version 4 check, which is not what is tested).
    await updated.sync();
    expect(hq.operations().map((entry) => entry.op.opId)).toContain(answer.opId);

    const old = new SimDevice('dev-old', hq, world);
    const own = old.create('Door 4 jammed');
    const result = await old.sync();
    expect(result).toBeInstanceOf(SyncError);
    expect((result as SyncError).message).toBe(NEWER_OPERATIONS_MESSAGE);
    expect(old.replica.cursorsStored).toEqual([]);
    expect(hq.operations().map((entry) => entry.op.opId)).toContain(own.opId);
    expect(old.replica.outboxEntries().map((entry) => entry.state)).toEqual(['acknowledged']);
  });
});
