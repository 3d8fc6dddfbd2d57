// Engine with an HQ not yet updated for communication replies (operation version 5): the reply waits on the device as
// retry-later, what came before it reaches HQ, pulls go on, and once HQ is updated everything arrives.
import { describe, expect, it } from 'vitest';
import { logCommunication, type Incident } from '../../../../../shared/domain';
import { recordCommunicationReply } from '../../../../../shared/domain/communication-reply';
import type { Operation } from '../../../../../shared/sync/operation';
import { FakeHq, type FakeHqOptions } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

function message(device: SimDevice, incident: Incident): Operation {
  const op = device.replica.commit((ctx) => logCommunication(incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' }, ctx));
  if (!op) throw new Error('communication refused');
  return op;
}

function reply(device: SimDevice, incidentId: string, communication: Operation): Operation {
  const incident = device.replica.incident(incidentId)!;
  const op = device.replica.commit((ctx) => recordCommunicationReply(incident, communication.event, { text: 'Tanks filled', from: 'Ward 3', repliedAt: ctx.now }, ctx));
  if (!op) throw new Error('reply refused');
  return op;
}

describe('a communication reply pushed to an HQ that reads operations up to version 4', () => {
  it('stays on the device as retry-later with the reason; the operations before it are applied and the pull goes on', async () => {
    const world = new World();
    const options: FakeHqOptions = { now: () => world.nowMs, operationVersion: 4 };
    const hq = new FakeHq(options);
    const a = new SimDevice('dev-a', hq, world);
    const b = new SimDevice('dev-b', hq, world);
    const other = b.create('Lift stuck');
    await b.sync();

    const created = a.create('Water outage');
    const sent = message(a, a.replica.incident(created.incidentId)!);
    const answer = reply(a, created.incidentId, sent);
    expect(answer.schemaVersion).toBe(5);
    const report = await a.sync();
    if (report instanceof Error) throw report;

    expect(hq.operations().map((entry) => entry.op.opId)).toEqual([other.opId, created.opId, sent.opId]);
    expect(report.pushed).toMatchObject({ applied: 2, retryLater: 1, rejected: 0 });
    expect(report.waitingReason).toMatch(/newer/i);
    expect(a.replica.outboxEntries().map((entry) => [entry.op.opId, entry.state])).toEqual([
      [created.opId, 'acknowledged'],
      [sent.opId, 'acknowledged'],
      [answer.opId, 'pending'],
    ]);
    // The reply is still on this laptop's timeline, and what HQ holds from others still arrives.
    expect(a.replica.timelineEvents().map((event) => event.id)).toContain(answer.event.id);
    expect(a.replica.incident(other.incidentId)?.title).toBe('Lift stuck');

    // HQ updated: the reply goes at the next sync, and another laptop gets it.
    options.operationVersion = 5;
    const after = await a.sync();
    if (after instanceof Error) throw after;
    expect(after.pendingAfter).toBe(0);
    expect(hq.operations().map((entry) => entry.op.opId)).toContain(answer.opId);
    await b.sync();
    expect(b.replica.timelineEvents().find((event) => event.id === answer.event.id)).toEqual(answer.event);
  });
});
