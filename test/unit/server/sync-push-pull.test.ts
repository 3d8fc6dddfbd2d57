// Protocol suite, push and pull: round trip, exactly-once under duplicate/concurrent/out-of-order pushes, per-op results, gaps.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/domain';
import { OPERATION_SCHEMA_VERSION } from '../../../shared/sync/operation';
import { deviceListResponseSchema, pushResponseSchema, rejectedListResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, PG_SKIP_REASON, PG_URL, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('HQ push and pull ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it('round trip: what one device pushes, another pulls unchanged, in server order, with a cursor that ends', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const tokenA = await hq.enroll(a.id);
    const tokenB = await hq.enroll('device-b');
    const create = a.create('Generator B failed to start', { impact: 1 });
    const ops = [create, a.edit(create.incidentId, { assignee: 'Sam' }), a.note(create.incidentId, 'Parts ordered')];

    const pushed = await hq.push(tokenA, a.id, ops);
    expect(pushed.results.map((r) => [r.index, r.opId, r.status, r.serverSeq, r.hlc])).toEqual(ops.map((op, i) => [i, op.opId, 'applied', i + 1, op.hlc]));

    const first = await hq.pull(tokenB, undefined, 2);
    expect(first.ops.map((o) => o.serverSeq)).toEqual([1, 2]);
    expect(first.hasMore).toBe(true);
    expect(first.epoch).toBe(pushed.epoch);
    const second = await hq.pull(tokenB, first.cursor, 2);
    expect(second.ops.map((o) => o.op)).toEqual([ops[2]]);
    expect(second.hasMore).toBe(false);
    expect([...first.ops, ...second.ops].map((o) => o.op)).toEqual(ops);
    const empty = await hq.pull(tokenB, second.cursor);
    expect(empty.ops).toEqual([]);
    expect(empty.cursor).toBe(second.cursor);
  });

  it('the same batch pushed twice, and five times at once, is applied exactly once with no gaps', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Flooding in basement');
    const batch = [create, ...Array.from({ length: 9 }, (_, i) => a.note(create.incidentId, `Note ${i}`))];

    const concurrent = await Promise.all(Array.from({ length: 5 }, () => hq.push(token, a.id, batch)));
    const applied = concurrent.flatMap((reply) => reply.results.filter((r) => r.status === 'applied').map((r) => r.opId));
    expect(applied.sort()).toEqual(batch.map((op) => op.opId).sort());
    for (const reply of concurrent) expect(reply.results.every((r) => r.status === 'applied' || r.status === 'duplicate')).toBe(true);

    const again = await hq.push(token, a.id, batch);
    expect(again.results.map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));
    expect(again.results.map((r) => r.serverSeq)).toEqual(batch.map((_, i) => i + 1));

    const pulled = await hq.pullAll(token, 3);
    expect(pulled.map((o) => o.serverSeq)).toEqual(batch.map((_, i) => i + 1));
    expect(pulled.map((o) => o.op.opId)).toEqual(batch.map((op) => op.opId));
  });

  it('concurrent pushes from many devices leave no gap a pull could skip', async () => {
    hq = await TestHq.start(factory);
    const devices = Array.from({ length: 6 }, (_, i) => new TestDevice(`device-${i}`));
    const tokens = await Promise.all(devices.map((d) => hq.enroll(d.id)));
    const batches = devices.map((d) => {
      const create = d.create(`Incident of ${d.id}`);
      return [create, ...Array.from({ length: 14 }, (_, i) => d.note(create.incidentId, `n${i}`))];
    });
    const reader = tokens[0]!;
    const seen: number[] = [];
    let cursor: string | undefined;
    const pushing = Promise.all(devices.map((d, i) => hq.push(tokens[i]!, d.id, batches[i]!.slice(0, 7)).then(() => hq.push(tokens[i]!, d.id, batches[i]!.slice(7)))));
    // Pull while the pushes commit: every page must continue exactly where the last one ended.
    for (let round = 0; round < 40 && seen.length < 90; round++) {
      const page = await hq.pull(reader, cursor, 7);
      seen.push(...page.ops.map((o) => o.serverSeq));
      cursor = page.cursor;
    }
    await pushing;
    for (;;) {
      const page = await hq.pull(reader, cursor, 50);
      seen.push(...page.ops.map((o) => o.serverSeq));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
  });

  it('out of order: later operations wait (retry-later, gap) and are applied once the missing one arrives', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Power cut in block C');
    const ops = [create, a.note(create.incidentId, 'one'), a.note(create.incidentId, 'two')];

    const early = await hq.push(token, a.id, [ops[1]!]);
    expect(early.results[0]).toMatchObject({ status: 'retry-later', code: 'gap' });
    expect(early.results[0]!.reason).toMatch(/operation number 1 first/);

    const reversed = await hq.push(token, a.id, [...ops].reverse());
    expect(reversed.results.map((r) => r.status)).toEqual(['retry-later', 'retry-later', 'applied']);

    const resent = await hq.push(token, a.id, ops);
    expect(resent.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect((await hq.pullAll(token)).map((o) => [o.serverSeq, o.op.deviceSeq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('one batch answers applied, duplicate, rejected and retry-later per operation; the bad one does not block the rest', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    await hq.enroll('device-z');
    const create = a.create('Gas smell reported');
    await hq.push(token, a.id, [create]);

    const broken = { ...a.note(create.incidentId, 'will be broken'), set: { title: '' } }; // seq 2: fails the schema
    const good = a.note(create.incidentId, 'still applied'); // seq 3
    const foreign = { ...a.note(create.incidentId, 'forged'), deviceId: 'device-z', deviceSeq: 1 };
    const future = { ...a.note(create.incidentId, 'from a newer Lantern'), schemaVersion: OPERATION_SCHEMA_VERSION + 1 };
    const reply = await hq.pushRaw(token, a.id, [create, broken, good, foreign, future, 'not an operation']);
    expect(reply.status).toBe(200);
    const results = pushResponseSchema.parse(reply.json).results;
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['duplicate', undefined],
      ['rejected', 'invalid'],
      ['applied', undefined],
      ['rejected', 'not-your-device'],
      ['retry-later', 'schema-newer'],
      ['rejected', 'invalid'],
    ]);
    expect(results[1]!.reason).toMatch(/title/);
    expect(results[5]!.opId).toBeNull();

    // Resending the rejected one gets the same answer; it is stored with its reason for the admin.
    const again = await hq.pushRaw(token, a.id, [broken]);
    expect(pushResponseSchema.parse(again.json).results[0]).toMatchObject({ status: 'rejected', code: 'invalid', opId: broken.opId });
    const rejected = rejectedListResponseSchema.parse((await hq.request('/v1/admin/rejected', { token: hq.adminToken })).json).rejected;
    expect(rejected.map((r) => r.code).sort()).toEqual(['invalid', 'invalid', 'not-your-device']);
    expect(rejected.find((r) => r.opId === broken.opId)).toMatchObject({ deviceId: a.id, deviceSeq: 2 });
    expect((await hq.pullAll(token)).map((o) => o.op.opId)).toEqual([create.opId, good.opId]);
  });

  it('a different operation reusing a deviceSeq is rejected (seq-reused), never reported as a duplicate', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Lift stuck');
    await hq.push(token, a.id, [create]);
    const impostor = { ...a.note(create.incidentId, 'same number'), deviceSeq: 1, opId: newId() };
    const reply = await hq.push(token, a.id, [impostor]);
    expect(reply.results[0]).toMatchObject({ status: 'rejected', code: 'seq-reused' });
    // The device learns the highest number HQ holds for it, so a laptop restored from an older copy can move above it.
    expect(reply.deviceLastSeq).toBe(1);
  });

  it('strict validation: an unknown key or a malformed query is a 400 with a message', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    const push = await hq.pushRaw(token, 'device-a', [], undefined, { extra: true });
    expect(push.status).toBe(400);
    expect(push.json).toMatchObject({ error: 'invalid-request' });
    const pull = await hq.request('/v1/sync/pull?limit=abc', { token });
    expect(pull.status).toBe(400);
    const cursor = await hq.request('/v1/sync/pull?cursor=forged', { token });
    expect(cursor.json).toMatchObject({ error: 'invalid-cursor' });
    const notJson = await hq.request('/v1/sync/push', { token, rawBody: '{"ops":', contentType: 'application/json' });
    expect(notJson.status).toBe(400);
  });

  it.each([1e19, -1e20, 8.64e15 + 1])('a deviceTime no clock can show (%d) is a 400 naming it, alike on every store; a sane one then goes through', async (deviceTime) => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Chiller alarm');
    const reply = await hq.pushRaw(token, a.id, [create], undefined, { deviceTime });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json).toMatchObject({ error: 'invalid-request', message: expect.stringMatching(/deviceTime: Expected the device clock in milliseconds since 1970/) });
    expect((await hq.store.stats()).operations).toBe(0);
    const again = await hq.pushRaw(token, a.id, [create], undefined, { deviceTime: Date.now() + 6 * 3_600_000 });
    expect(again.status, again.text).toBe(200);
    expect(pushResponseSchema.parse(again.json).results[0]?.status).toBe('applied');
  });

  it('any time a device clock can show is taken, however far off, and its skew recorded for the admin', async () => {
    hq = await TestHq.start(factory);
    const token = await hq.enroll('device-a');
    for (const deviceTime of [8.64e15, -8.64e15, 0]) expect((await hq.pushRaw(token, 'device-a', [], undefined, { deviceTime })).status).toBe(200);
    const devices = deviceListResponseSchema.parse((await hq.request('/v1/admin/devices', { token: hq.adminToken })).json).devices;
    expect(devices[0]!.clockSkewMs).toBeLessThan(-1e12); // deviceTime 0: the device is about 56 years behind
  });
});

if (!PG_URL) describe.skip(`HQ push and pull (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
