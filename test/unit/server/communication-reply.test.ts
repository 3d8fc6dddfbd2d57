// HQ takes a communication's replies (operation version 5) like any entry, keeps the message as it was, and serves
// message and replies through pull and the read API in order.
import { afterEach, describe, expect, it } from 'vitest';
import { logCommunication, type TimelineEvent } from '../../../shared/domain';
import { recordCommunicationReply } from '../../../shared/domain/communication-reply';
import { incidentDetailResponseSchema, pushResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('communication replies through HQ ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it('stores two replies to one message and gives back the message unchanged and both replies in order', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 60_000;
    const a = new TestDevice('device-a', () => now);
    const token = await hq.enroll(a.id);
    const create = a.create('Water outage, ward 3');
    const id = create.incidentId;
    now += 1_000;
    const sent = a.run(id, (incident, ctx) => logCommunication(incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00', priority: 'urgent' }, ctx));
    now += 1_000;
    const first = a.run(id, (incident, ctx) => recordCommunicationReply(incident, sent.event, { text: 'Tanks filled', from: 'Ward 3', repliedAt: ctx.now, actionTaken: 'Patients told' }, ctx));
    now += 1_000;
    const second = a.run(id, (incident, ctx) => recordCommunicationReply(incident, sent.event, { text: 'Tanks at half', from: 'Ward 3 charge nurse', repliedAt: ctx.now }, ctx));
    expect([first.schemaVersion, second.schemaVersion]).toEqual([5, 5]);

    const ops = [create, sent, first, second];
    const pushed = await hq.push(token, a.id, ops);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const detail = incidentDetailResponseSchema.parse((await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken, protocol: false })).json);
    const written: TimelineEvent[] = ops.map((op) => op.event);
    expect(detail.timeline).toEqual(written);
    expect(detail.timeline[1]).toEqual(sent.event);

    const b = new TestDevice('device-b');
    const pulled = await hq.pull(await hq.enroll(b.id));
    expect(pulled.ops.map((entry) => entry.op)).toEqual(ops.map((op) => expect.objectContaining({ opId: op.opId, schemaVersion: op.schemaVersion, event: op.event })));
  });

  it('refuses for good a reply whose entry kind is known but whose reference is missing, without blocking the next operation', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Water outage, ward 3');
    const sent = a.run(create.incidentId, (incident, ctx) => logCommunication(incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off' }, ctx));
    const reply = a.run(create.incidentId, (incident, ctx) => recordCommunicationReply(incident, sent.event, { text: 'Tanks filled', from: 'Ward 3', repliedAt: ctx.now }, ctx));
    const { communicationId: _gone, ...withoutRef } = reply.event as Extract<TimelineEvent, { kind: 'communication_reply' }>;
    const broken = { ...reply, event: withoutRef };
    const after = a.note(create.incidentId, 'Water back');
    const answer = await hq.pushRaw(token, a.id, [create, sent, broken, after]);
    const results = pushResponseSchema.parse(answer.json).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
    expect(results[2]!.reason).toMatch(/communicationId/);
  });
});
