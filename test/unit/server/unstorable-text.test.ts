// Characters PostgreSQL text cannot hold (U+0000, lone surrogates): a malformed operation carrying them in its opId is
// refused on its own without blocking its device, and a valid note carrying them is stored and served back unchanged.
import { afterEach, describe, expect, it } from 'vitest';
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
});
