// HQ takes the records DOMAIN.md asks for (after-action review, HICS 251 snapshots, chain of custody, drills) like any entry, and gives them back unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { changeStatus, collectEvidence, editIncident, currentReview, currentSystemStatus, evidenceItems, recordCustody, recordSystemStatus, writeReview, zonedTimeFromEpoch, type TimelineEvent } from '../../../shared/domain';
import { incidentDetailResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();

describe.each(STORE_FACTORIES)('records DOMAIN.md asks for, through HQ ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it('a review, a system status snapshot and a custody chain pushed by one laptop reach another and the read API as they were written', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 60_000;
    const a = new TestDevice('device-a', () => now);
    const token = await hq.enroll(a.id);
    const create = a.create('Hospital power failure', { exercise: true });
    const id = create.incidentId;
    const ops = [create];
    now += 1_000;
    ops.push(a.run(id, (incident, ctx) => recordSystemStatus(incident, [
      { system: 'Normal power', state: 'non_functional', reason: 'Grid down', repairEstimate: '4 h' },
      { system: 'Water', state: 'functional', reason: '', repairEstimate: '' },
    ], ctx)));
    now += 1_000;
    const collected = a.run(id, (incident, ctx) => collectEvidence(incident, { item: 'Transfer switch relay', to: 'Ana Field', from: '', location: 'Plant room', handledAt: zonedTimeFromEpoch(now - 500, 60), notes: '' }, ctx));
    ops.push(collected);
    now += 1_000;
    const items = evidenceItems([collected.event]);
    ops.push(a.run(id, (incident, ctx) => recordCustody(incident, items, { itemId: items[0]!.itemId, action: 'stored', from: 'Ana Field', to: '', location: 'Locker 2', handledAt: zonedTimeFromEpoch(now - 500, 60), notes: '' }, ctx)));
    now += 1_000;
    ops.push(a.run(id, (incident, ctx) => changeStatus(incident, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Relay replaced' }, ctx)));
    now += 1_000;
    ops.push(a.run(id, (incident, ctx) => writeReview(incident, null, { whatHappened: 'Relay welded shut', whatToChange: 'Test monthly', problemRef: 'PRB-7' }, ctx)));

    const pushed = await hq.push(token, a.id, ops);
    expect(pushed.results.map((r) => r.status)).toEqual(ops.map(() => 'applied'));

    const detailReply = await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken, protocol: false });
    const detail = incidentDetailResponseSchema.parse(detailReply.json);
    const sent: TimelineEvent[] = ops.map((op) => op.event);
    expect(detail.timeline).toEqual(sent);
    expect(detail.incident.exercise).toBe(true);
    expect(currentSystemStatus(detail.timeline).counts).toMatchObject({ non_functional: 1, functional: 1 });
    expect(evidenceItems(detail.timeline)[0]).toMatchObject({ holder: '', location: 'Locker 2' });
    expect(currentReview(detail.timeline)?.fields).toMatchObject({ whatHappened: 'Relay welded shut', problemRef: 'PRB-7' });

    // Another laptop pulls exactly the entries that were written.
    const b = new TestDevice('device-b');
    const pulled = await hq.pull(await hq.enroll(b.id));
    expect(pulled.ops.map((pulledOp) => pulledOp.op.event)).toEqual(sent);
  });

  it('the NIST record fields (indicators, impact assessment, contacts, next steps) merge per field and reach the read API and other laptops', async () => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 60_000;
    const a = new TestDevice('device-a', () => now);
    const b = new TestDevice('device-b', () => now + 500);
    const [tokenA, tokenB] = [await hq.enroll(a.id), await hq.enroll(b.id)];
    const create = a.create('Beaconing from finance laptop');
    const id = create.incidentId;
    now += 1_000;
    const indicators = a.run(id, (incident, ctx) => editIncident(incident, { indicators: 'DNS beacon to 203.0.113.7 every 60 s', nextSteps: 'Isolate host' }, ctx));
    expect(indicators.schemaVersion).toBe(3);
    expect((await hq.push(tokenA, a.id, [create, indicators])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    b.adopt(a.incident(id));
    // B writes other fields offline; A changes next steps later: each field keeps its own latest value.
    now += 1_000;
    const fromB = b.run(id, (incident, ctx) => editIncident(incident, { impactAssessment: 'Finance share unreachable for 40 staff', contacts: 'CISO on call: ext. 4411' }, ctx));
    now += 1_000;
    const laterA = a.run(id, (incident, ctx) => editIncident(incident, { nextSteps: 'Re-image host, rotate credentials' }, ctx));
    expect((await hq.push(tokenB, b.id, [fromB])).results[0]!.status).toBe('applied');
    expect((await hq.push(tokenA, a.id, [laterA])).results[0]!.status).toBe('applied');

    const detail = incidentDetailResponseSchema.parse((await hq.request(`/v1/incidents/${id}`, { token: hq.adminToken, protocol: false })).json);
    expect(detail.incident).toMatchObject({
      indicators: 'DNS beacon to 203.0.113.7 every 60 s',
      impactAssessment: 'Finance share unreachable for 40 staff',
      contacts: 'CISO on call: ext. 4411',
      nextSteps: 'Re-image host, rotate credentials',
    });
    const listed = await hq.request('/v1/incidents', { token: hq.adminToken, protocol: false });
    expect(JSON.stringify(listed.json)).toContain('CISO on call: ext. 4411');
  });

  it('refuses a snapshot naming a system twice and keeps the rest of the batch', async () => {
    hq = await TestHq.start(factory);
    const a = new TestDevice('device-a');
    const token = await hq.enroll(a.id);
    const create = a.create('Ransomware on finance share');
    const good = a.run(create.incidentId, (incident, ctx) => recordSystemStatus(incident, [{ system: 'Data network', state: 'partial', reason: 'VLAN 20 isolated', repairEstimate: '' }], ctx));
    const twice = structuredClone(good);
    twice.opId = '0190a000-0000-7000-8000-00000000ffff';
    twice.deviceSeq = good.deviceSeq + 1;
    if (twice.event.kind !== 'system_status') throw new Error('expected a snapshot');
    twice.event.id = '0190a000-0000-7000-8000-00000000fffe';
    twice.event.systems = [...twice.event.systems, { ...twice.event.systems[0]!, system: 'data network ' }];
    const pushed = await hq.push(token, a.id, [create, good, twice]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(JSON.stringify(pushed.results[2])).toContain('Each system may appear once in a snapshot');
  });
});
