// HQ takes the incident commander (operation version 6) like any field, merges concurrent names per field (the other
// kept as a conflict), and serves it through pull and the read API (detail and list).
import { afterEach, describe, expect, it } from 'vitest';
import { editIncident } from '../../../shared/domain';
import { incidentDetailResponseSchema, incidentListResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('the incident commander through HQ ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it('stores the commander, keeps the later of two concurrent names with the other as a conflict, and serves it', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 60_000;
    const a = new TestDevice('device-a', () => now);
    const b = new TestDevice('device-b', () => now + 500);
    const [tokenA, tokenB] = [await hq.enroll(a.id), await hq.enroll(b.id)];
    const create = a.create('Water outage, ward 3');
    const id = create.incidentId;
    now += 1_000;
    const major = a.run(id, (incident, ctx) => editIncident(incident, { major: true }, ctx));
    // B has the incident before A names anyone, and names someone else later: B wins, A's name is the conflict.
    b.adopt(a.incident(id));
    now += 1_000;
    const named = a.run(id, (incident, ctx) => editIncident(incident, { commander: 'Ana Diaz' }, ctx));
    expect([major.schemaVersion, named.schemaVersion]).toEqual([1, 6]);
    expect((await hq.push(tokenA, a.id, [create, major, named])).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    now += 1_000;
    const fromB = b.run(id, (incident, ctx) => editIncident(incident, { commander: 'Lee Chan' }, ctx));
    expect((await hq.push(tokenB, b.id, [fromB])).results[0]!.status).toBe('applied');

    const detail = incidentDetailResponseSchema.parse((await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken, protocol: false })).json);
    expect(detail.incident).toMatchObject({ major: true, commander: 'Lee Chan' });
    expect(detail.conflicts).toEqual([expect.objectContaining({ field: 'commander', winner: expect.objectContaining({ value: 'Lee Chan' }), loser: expect.objectContaining({ value: 'Ana Diaz' }) })]);
    expect(detail.timeline.map((event) => event.kind === 'fields_changed' ? event.changes : null).filter(Boolean)).toEqual([
      [{ field: 'major', from: false, to: true }],
      [{ field: 'commander', from: null, to: 'Ana Diaz' }],
      [{ field: 'commander', from: null, to: 'Lee Chan' }],
    ]);

    const listed = incidentListResponseSchema.parse((await hq.request('/v1/incidents', { token: hq.adminToken, protocol: false })).json);
    expect(listed.incidents.find((incident) => incident.id === id)?.commander).toBe('Lee Chan');

    const c = new TestDevice('device-c');
    const pulled = await hq.pull(await hq.enroll(c.id));
    const versions = pulled.ops.map((entry) => [entry.op.opId, entry.op.schemaVersion, entry.op.set.commander]);
    expect(versions).toEqual([
      [create.opId, 1, undefined],
      [major.opId, 1, undefined],
      [named.opId, 6, 'Ana Diaz'],
      [fromB.opId, 6, 'Lee Chan'],
    ]);
  });

  it('clears the commander with null and serves the incident without one', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 60_000;
    const a = new TestDevice('device-a', () => now);
    const token = await hq.enroll(a.id);
    const create = a.create('Lift stuck');
    now += 1_000;
    const named = a.run(create.incidentId, (incident, ctx) => editIncident(incident, { commander: 'Ana Diaz' }, ctx));
    now += 1_000;
    const cleared = a.run(create.incidentId, (incident, ctx) => editIncident(incident, { commander: '' }, ctx));
    expect(cleared.set).toEqual({ commander: null });
    expect((await hq.push(token, a.id, [create, named, cleared])).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const detail = incidentDetailResponseSchema.parse((await hq.request(`/v1/incidents/${create.incidentId}`, { token: hq.adminToken, protocol: false })).json);
    expect(detail.incident.commander).toBeNull();
  });
});
