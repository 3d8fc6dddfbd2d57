// Characters PostgreSQL text cannot hold (U+0000, lone surrogates): in an opId refused alone, in a note stored unchanged (and kept out of the way of the read API's filters), in names and device ids refused with a 400.
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../../shared/sync/operation';
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

  it('a note and a title holding U+0000 and a lone surrogate (from an older Lantern) are applied and served back unchanged', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const { create, note } = withUnstorableText(a);
    const pushed = await hq.push(token, a.id, [create, note]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await hq.pullAll(token)).map((o) => o.op)).toEqual([create, note]);
  });

  it('an incident holding such text does not break the exercise filter of the read API (PostgreSQL answered 500 from then on)', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const { create, note } = withUnstorableText(a);
    const drill = a.create('Drill: generator fails', { exercise: true });
    const marked = a.edit(create.incidentId, { exercise: true });
    const unmarked = a.edit(create.incidentId, { exercise: false });
    expect((await hq.push(token, a.id, [create, note, drill, marked, unmarked])).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const list = async (query: string) => {
      const reply = await hq!.request(`/v1/incidents?${query}`, { token: hq!.adminToken, protocol: false });
      expect(reply.status, reply.text).toBe(200);
      return (reply.json.incidents as { id: string; title: string }[]).map((incident) => incident.title);
    };
    expect(await list('exercise=false')).toEqual([create.set.title]);
    expect(await list('exercise=true')).toEqual(['Drill: generator fails']);
    expect(await list('exercise=false&changes=start')).toEqual([create.set.title]);
    expect((await list('')).sort()).toEqual([create.set.title, 'Drill: generator fails'].sort());
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

/**
 * A creation and a note whose text holds U+0000 and lone surrogates, as an older Lantern could send them (the domain
 * commands refuse such text now, so the operations are made with ordinary text and the text is swapped in).
 */
function withUnstorableText(device: TestDevice): { create: Operation; note: Operation } {
  const made = device.create('Pump 3 leaking');
  const title = 'Pump\u0000 3 \uD800leaking';
  const create = { ...made, set: { ...made.set, title }, event: { ...made.event, title } } as Operation;
  const written = device.note(made.incidentId, 'Pasted from a log: end');
  const note = { ...written, event: { ...written.event, text: 'Pasted from a log: \u0000\uDFFF end' } } as Operation;
  return { create, note };
}
