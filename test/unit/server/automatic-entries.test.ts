// Protocol suite: an automatic entry two laptops wrote apart is held once at HQ, in its highest-stamped copy.
import { afterEach, describe, expect, it } from 'vitest';
import { applyAutoClose, changeStatus, newId, SYSTEM_AUTHOR, type AutoClosePlan } from '../../../shared/domain';
import type { Operation } from '../../../shared/sync/operation';
import { incidentDetailResponseSchema } from '../../../shared/sync/wire';
import { announcePostgresSkip, STORE_FACTORIES } from './support/store-factories';
import { TestDevice } from './support/test-device';
import { TestHq } from './support/test-hq';

announcePostgresSkip();
const DAY = 86_400_000;

describe.each(STORE_FACTORIES)('automatic entries written apart ($name)', (factory) => {
  let hq: TestHq;
  afterEach(async () => {
    await hq?.close();
  });

  it.each(['lower copy first', 'higher copy first'] as const)('both laptops close it automatically (%s): HQ keeps the higher-stamped close', async (order) => {
    hq = await TestHq.start(factory);
    let now = Date.now() - 9 * DAY;
    const a = new TestDevice('laptop-a', () => now);
    const b = new TestDevice('laptop-b', () => now + 4_000); // B's clock runs 4 s ahead: its stamps are higher
    const [tokenA, tokenB] = [await hq.enroll(a.id), await hq.enroll(b.id)];
    const create = a.create('Ward 3 call bell fault');
    const working = a.run(create.incidentId, (incident, ctx) => changeStatus(incident, 'in_progress', { assignee: 'Sam Okafor' }, ctx));
    const resolve = a.run(create.incidentId, (incident, ctx) => changeStatus(incident, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Relay replaced.' }, ctx));
    await hq.push(tokenA, a.id, [create, working, resolve]);
    b.adopt(a.incident(create.incidentId));

    // Eight days later both laptops, offline, close it by the same plan (the same deterministic entry id).
    now += 8 * DAY;
    const plan: AutoClosePlan = { id: newId(), incidentId: create.incidentId, resolvedEventId: resolve.event.id, resolvedAtMs: now - 8 * DAY, dueAtMs: now - DAY, days: 7 };
    const closeBy = (device: TestDevice): Operation => device.run(create.incidentId, (incident, ctx) => applyAutoClose(incident, plan, ctx));
    const [fromA, fromB] = [closeBy(a), closeBy(b)];
    expect(fromB.event.hlc > fromA.event.hlc).toBe(true);
    if (order === 'lower copy first') {
      await hq.push(tokenA, a.id, [fromA]);
      await hq.push(tokenB, b.id, [fromB]);
    } else {
      await hq.push(tokenB, b.id, [fromB]);
      await hq.push(tokenA, a.id, [fromA]);
    }

    const reply = await hq.request(`/v1/incidents/${create.incidentId}`, { token: hq.adminToken, protocol: false });
    const { incident, timeline } = incidentDetailResponseSchema.parse(reply.json);
    expect(incident.status).toBe('closed');
    const closes = timeline.filter((entry) => entry.id === plan.id);
    expect(closes).toEqual([fromB.event]);
  });
  it("never lets an 'automatic' copy replace a person's entry with the same id (a buggy or hostile laptop)", async () => {
    hq = await TestHq.start(factory);
    const now = Date.now();
    const a = new TestDevice('laptop-a', () => now);
    const b = new TestDevice('laptop-b', () => now + 60_000);
    const [tokenA, tokenB] = [await hq.enroll(a.id), await hq.enroll(b.id)];
    const create = a.create('Pharmacy fridge alarm');
    const note = a.note(create.incidentId, 'Fridge at 9 °C, vaccines moved to fridge 2.');
    await hq.push(tokenA, a.id, [create, note]);
    b.adopt(a.incident(create.incidentId));
    // B sends an "automatic" entry under the note's id, with a later stamp.
    const forged = b.note(create.incidentId, 'Nothing happened.');
    const sameId = { ...forged, event: { ...forged.event, id: note.event.id, author: SYSTEM_AUTHOR } };
    await hq.push(tokenB, b.id, [sameId]);

    const reply = await hq.request(`/v1/incidents/${create.incidentId}`, { token: hq.adminToken, protocol: false });
    const { timeline } = incidentDetailResponseSchema.parse(reply.json);
    expect(timeline.filter((entry) => entry.id === note.event.id)).toEqual([note.event]);
  });
});