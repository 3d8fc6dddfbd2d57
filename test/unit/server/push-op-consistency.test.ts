// Operations whose parts disagree (stamps naming another device, an event of another incident) are refused at HQ's push,
// each in its place in sequence; what HQ stored before this check still pulls, since the shared schema stays as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { runPushGroup } from '../../../server/sync/push-batch';
import { operationSchema, type Operation } from '../../../shared/sync/operation';
import { pushResponseSchema, rejectedListResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

const asNode = (stamp: string, from: string, to: string) => stamp.replace(new RegExp(`-${from}$`), `-${to}`);

/** The operation with its stamps rewritten to name `node` instead of its device. */
function forged(op: Operation, node: string): Operation {
  return { ...op, hlc: asNode(op.hlc, op.deviceId, node), event: { ...op.event, hlc: asNode(op.event.hlc, op.deviceId, node) } };
}

describe.each(STORE_FACTORIES)('HQ refuses operations whose parts disagree ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it('stamps or an event naming another device are refused (not-your-device) in plain words; the refused one takes its place, so the next applies', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Pump 3 leaking');
    const stampOfB = forged(a.note(create.incidentId, 'stamped as B'), 'device-b');
    const eventOfB = (() => {
      const note = a.note(create.incidentId, 'written on B');
      return { ...note, event: { ...note.event, deviceId: 'device-b' } };
    })();
    const otherStamp = (() => {
      const note = a.note(create.incidentId, 'entry stamped apart');
      return { ...note, event: { ...note.event, hlc: create.hlc } };
    })();
    const good = a.note(create.incidentId, 'still applied');
    const reply = await hq.pushRaw(token, a.id, [create, stampOfB, eventOfB, otherStamp, good]);
    expect(reply.status, reply.text).toBe(200);
    const results = pushResponseSchema.parse(reply.json).results;
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'not-your-device'],
      ['rejected', 'not-your-device'],
      ['rejected', 'not-your-device'],
      ['applied', undefined],
    ]);
    expect(results[1]!.reason).toMatch(/ordering stamp says it was made on device "device-b", but this device \("device-a"\) sent it/);
    expect(results[2]!.reason).toMatch(/timeline entry says it was written on device "device-b"/);
    expect(results[3]!.reason).toMatch(/event\.hlc/);

    // A resend gets the same answer; the refusals are kept for the admin, in their places in the device's sequence.
    const again = pushResponseSchema.parse((await hq.pushRaw(token, a.id, [stampOfB])).json).results[0];
    expect(again).toMatchObject({ status: 'rejected', code: 'not-your-device', reason: results[1]!.reason });
    const rejected = rejectedListResponseSchema.parse((await hq.request('/v1/admin/rejected', { token: hq.adminToken })).json).rejected;
    expect(rejected.map((r) => r.deviceSeq).sort()).toEqual([2, 3, 4]);
    expect((await hq.pullAll(token)).map((o) => o.op.opId)).toEqual([create.opId, good.opId]);
  });

  it('a conflict HQ records never names a device that sent nothing', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const c = new TestDevice('device-c');
    const tokenA = await hq.enroll(a.id);
    const tokenC = await hq.enroll(c.id);
    const create = a.create('Pump 3 leaking');
    await hq.push(tokenA, a.id, [create]);
    c.adopt(a.incident(create.incidentId));
    const cEdit = c.edit(create.incidentId, { title: 'Pump 3 leaking (C)' });
    await new Promise((r) => setTimeout(r, 5));
    // device-a's edit, passed off as device-b's (device-b is not even enrolled).
    const aEdit = forged(a.edit(create.incidentId, { title: 'Pump 3 leaking (A)' }), 'device-b');
    await hq.pushRaw(tokenA, a.id, [aEdit]);
    await hq.push(tokenC, c.id, [cEdit]);
    const detail = await hq.request(`/v1/incidents/${create.incidentId}`, { token: hq.adminToken });
    expect(detail.status, detail.text).toBe(200);
    const conflicts = detail.json.conflicts as { winner: { deviceId: string }; loser: { deviceId: string } }[];
    expect(conflicts.flatMap((conflict) => [conflict.winner.deviceId, conflict.loser.deviceId])).not.toContain('device-b');
  });

  it('an operation whose event names another incident is rejected (invalid), and HQ never files it under the wrong incident', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const x = a.create('Pump 3 leaking');
    const y = a.create('Chiller alarm');
    await hq.push(token, a.id, [x, y]);
    const note = a.note(x.incidentId, 'Technician called');
    const mismatched = { ...note, event: { ...note.event, incidentId: y.incidentId } };
    const reply = await hq.pushRaw(token, a.id, [mismatched]);
    expect(reply.status, reply.text).toBe(200);
    const result = pushResponseSchema.parse(reply.json).results[0];
    expect(result).toMatchObject({ status: 'rejected', code: 'invalid', reason: expect.stringMatching(/event\.incidentId/) });
    for (const id of [x.incidentId, y.incidentId]) {
      const detail = await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken });
      expect((detail.json.timeline as { id: string }[]).map((event) => event.id)).not.toContain(note.event.id);
    }
  });

  it('an operation stored before HQ checked this still pulls (the shared schema accepts it) and a resend is a duplicate', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const old = forged(a.create('Stored by an older HQ'), 'device-b');
    expect(operationSchema.safeParse(old).success).toBe(true);
    // As an HQ without the check stored it: decided as valid, without the classification that now refuses it.
    await hq.store.withPushTx((tx) =>
      runPushGroup(tx, [{ input: { deviceId: a.id, now: Date.now(), ops: [old], files: [], clockSkewMs: null }, items: [{ kind: 'valid', index: 0, op: old }] }]),
    );
    expect((await hq.pullAll(token)).map((o) => o.op)).toEqual([old]);
    expect((await hq.push(token, a.id, [old])).results[0]).toMatchObject({ status: 'duplicate', serverSeq: 1 });
  });
});

if (!PG_URL) describe.skip(`HQ refuses operations whose parts disagree (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
