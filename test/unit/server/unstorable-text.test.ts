// Characters PostgreSQL text cannot hold (U+0000, lone surrogates): in an opId refused alone, in a note stored unchanged, in names and device ids refused with a 400.
import { afterEach, describe, expect, it } from 'vitest';
import { enrollmentResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('text PostgreSQL cannot store ($name)', (factory) => {
  let hq: TestHq | undefined;
  afterEach(async () => {
    await hq?.close();
    hq = undefined;
  });

  it.each([
    ['U+0000', 'bad\u0000id'],
    ['a lone surrogate', 'bad\uDC00id'],
  ])('an opId with %s is refused alone; the operations around it are applied, and a resend is answered the same', async (_name, opId) => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Chiller alarm');
    a.skipSeq(); // number 2: the malformed operation
    const later = a.note(create.incidentId, 'Technician called');
    const bad = { opId, deviceId: a.id, deviceSeq: 2, schemaVersion: 1 };

    const reply = await hq.pushRaw(token, a.id, [create, bad, later]);
    expect(reply.status, reply.text).toBe(200);
    const statuses = (reply.json.results as { status: string; code?: string }[]).map((r) => [r.status, r.code]);
    expect(statuses).toEqual([['applied', undefined], ['rejected', 'invalid'], ['applied', undefined]]);
    const again = await hq.pushRaw(token, a.id, [create, bad, later]);
    expect(again.status, again.text).toBe(200);
    expect((again.json.results as { status: string }[]).map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
    expect((await hq.pullAll(token)).map((o) => o.op.opId)).toEqual([create.opId, later.opId]);
  });

  it('a note and a title holding U+0000 and a lone surrogate are applied and served back unchanged', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Pump\u0000 3 \uD800leaking');
    const note = a.note(create.incidentId, 'Pasted from a log: \u0000\uDFFF end');
    const pushed = await hq.push(token, a.id, [create, note]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await hq.pullAll(token)).map((o) => o.op)).toEqual([create, note]);
  });

  it.each([
    ['U+0000', 'Laptop\u00007'],
    ['a lone surrogate', 'Laptop \uD800 7'],
  ])('an enrollment name or deviceName with %s is a 400 that says what to remove, and the code stays usable', async (_name, name) => {
    hq = await TestHq.start(factory);
    const refusedCode = await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name } });
    expect(refusedCode.status, refusedCode.text).toBe(400);
    expect(refusedCode.json.message).toMatch(/^The enrollment request is not valid: name: The name holds a character HQ cannot store .*remove it/);

    const { code } = enrollmentResponseSchema.parse((await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 7' } })).json);
    const enroll = (deviceName: string) => hq!.request('/v1/enroll', { body: { code, deviceId: 'device-a', deviceName, protocolVersion: PROTOCOL_VERSION } });
    const refused = await enroll(name);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.message).toMatch(/deviceName: The name holds a character HQ cannot store/);
    expect((await enroll('Laptop 7')).status).toBe(200);
  });

  it('a device id with a lone surrogate is refused at enrollment (400, saying what to change), never enrolled as another id', async () => {
    hq = await TestHq.start(factory);
    const { code } = enrollmentResponseSchema.parse((await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: 'Laptop 7' } })).json);
    const enroll = (deviceId: string) => hq!.request('/v1/enroll', { body: { code, deviceId, deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION } });
    for (const deviceId of ['laptop-\uD800-7', 'laptop-\uDFFF', '\uDBFF']) {
      const reply = await enroll(deviceId);
      expect(reply.status, reply.text).toBe(400);
      expect(reply.json.message).toMatch(/deviceId: This device id holds a broken character .* use an id of ordinary characters/);
    }
    expect((await hq.store.stats()).devices).toBe(0);
    expect((await enroll('laptop-\uD83D\uDE92-7')).status).toBe(200); // a whole surrogate pair (an emoji) is fine
  });
});
