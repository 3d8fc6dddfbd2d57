// SLA reads for the list: one timeline read for the misses, a cache per incident + updatedAt, and the breaching-soon walk.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, findIncidents, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { cachedSlaTimeline, findBreachingSoon, loadSlaTimelines, slaClocksOf } from '../../../../renderer/db/sla';
import { editSlaPolicies } from '../../../../renderer/db/sla-policies';
import { setDefaultPolicy, setSitePolicy, type Incident, type NewIncidentInput } from '../../../../shared/domain';
import { freshDb, START_MS, testClock, type TestClock } from './db-test-kit';

const MIN = 60_000;
let db: LanternDb;
let clock: TestClock;
let repo: IncidentRepository;

function setup() {
  db = freshDb('sla');
  clock = testClock();
  repo = createIncidentRepository(db, clock);
}
afterEach(() => db?.close());

async function record(input: Partial<NewIncidentInput> & { title: string }, atMs: number): Promise<Incident> {
  clock.set(atMs);
  const result = await repo.record({ impact: 1, urgency: 1, ...input });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function ok<T>(atMs: number, run: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  clock.set(atMs);
  const result = await run();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('finished clocks', () => {
  it('judges a resolved incident the same at any now, even a now held from before its resolution', async () => {
    setup();
    const incident = await record({ title: 'Main power failure' }, START_MS + 30_000); // P1, gold: resolve within 1 h
    await ok(START_MS + 5 * MIN, () => repo.changeStatus(incident.id, 'assigned', { team: 'Electrical' }));
    const resolved = await ok(START_MS + 60 * MIN + 45_000, () =>
      repo.changeStatus(incident.id, 'resolved', { team: 'Electrical', resolutionCode: 'Fixed', resolutionNotes: 'Grid back.' }),
    );
    const inputs = (await loadSlaTimelines(db, [resolved])).get(incident.id)!;
    // The list's minute tick from 45 s before the resolution, and a detail opened a minute later.
    const stale = slaClocksOf(inputs, resolved, START_MS + 60 * MIN).resolve;
    const fresh = slaClocksOf(inputs, resolved, START_MS + 61 * MIN).resolve;
    expect(fresh).toMatchObject({ state: 'stopped', threshold: 'breached' });
    expect(stale).toEqual(fresh);
  });
});

describe('SLA policy choice', () => {
  it('gives each incident its policy (own → site → default) and follows policy edits without re-reading timelines', async () => {
    setup();
    const plain = await record({ title: 'Plain' }, START_MS);
    const atSite = await record({ title: 'At the field office', site: ['Field office'] }, START_MS);
    const own = await ok(START_MS, async () => {
      const created = await repo.record({ impact: 1, urgency: 1, title: 'Own policy', site: ['Field office'] });
      return created.ok ? repo.edit(created.value.id, { slaPolicyId: 'bronze' }) : created;
    });
    const mapped = await editSlaPolicies(db, (set) => setSitePolicy(set, 'Field office', 'silver'));
    expect(mapped.ok).toBe(true);
    const policyIds = async () => [...(await loadSlaTimelines(db, [plain, atSite, own])).values()].map((inputs) => inputs.policy.id);
    expect(await policyIds()).toEqual(['gold', 'silver', 'bronze']);

    const where = vi.spyOn(db.timeline, 'where');
    await editSlaPolicies(db, (set) => setDefaultPolicy(set, 'bronze'));
    expect(await policyIds()).toEqual(['bronze', 'silver', 'bronze']);
    expect(where).not.toHaveBeenCalled();

    // P1 at 40 minutes: 67 % of gold's 1 h resolve target, 17 % of bronze's 4 h.
    const inputs = (await loadSlaTimelines(db, [plain])).get(plain.id)!;
    expect(slaClocksOf(inputs, plain, START_MS + 40 * MIN).resolve.targetMs).toBe(4 * 60 * MIN);
  });

  it("judges breaching soon by each incident's own policy", async () => {
    setup();
    const gold = await record({ title: 'On gold' }, START_MS);
    const bronze = await record({ title: 'On bronze' }, START_MS);
    await ok(START_MS, () => repo.edit(bronze.id, { slaPolicyId: 'bronze' }));
    // Owned at once: only the time to resolve runs.
    for (const { id } of [gold, bronze]) await ok(START_MS, () => repo.changeStatus(id, 'assigned', { team: 'Service desk' }));
    const found = await findBreachingSoon(db, undefined, () => true, 50, START_MS + 50 * MIN);
    expect(found.map((row) => row.id)).toEqual([gold.id]);
  });
});

describe('loadSlaTimelines', () => {
  it('reads the misses in one query and serves hits from the cache until updatedAt changes', async () => {
    setup();
    const a = await record({ title: 'A' }, START_MS);
    const b = await record({ title: 'B' }, START_MS + MIN);
    const anyOf = vi.spyOn(db.timeline, 'where');
    const first = await loadSlaTimelines(db, [a, b]);
    expect(anyOf).toHaveBeenCalledTimes(1);
    expect(first.get(a.id)?.createdAtMs).toBe(START_MS);
    await loadSlaTimelines(db, [a, b]);
    expect(anyOf).toHaveBeenCalledTimes(1);

    const held = await ok(START_MS + 2 * MIN, () => repo.changeStatus(a.id, 'assigned', { team: 'Service desk' }));
    expect(cachedSlaTimeline(db, held)).toBeUndefined();
    const again = await loadSlaTimelines(db, [held, b]);
    expect(anyOf).toHaveBeenCalledTimes(2);
    expect(again.get(a.id)?.changes.map((c) => c.to)).toEqual(['assigned']);
  });
});

describe('SLA timelines of incidents read from rows', () => {
  it('come from the rows themselves: no timeline read, and a change that did not move updatedAt shows at once', async () => {
    setup();
    const a = await record({ title: 'A' }, START_MS);
    await ok(START_MS + 2 * MIN, () => repo.changeStatus(a.id, 'assigned', { team: 'Service desk' }));
    const where = vi.spyOn(db.timeline, 'where');
    const [listed] = await findIncidents(db, {}, 10);
    expect((await loadSlaTimelines(db, [listed!])).get(a.id)?.changes.map((c) => c.to)).toEqual(['assigned']);
    // A pulled hold that lost the merge: the row gains the change, updatedAt stays.
    const row = (await db.incidents.get(a.id))!;
    await db.incidents.put({ ...row, slaChanges: [...row.slaChanges!, { atMs: START_MS + MIN, hlc: 'earlier-hold', to: 'on_hold' }] });
    const [relisted] = await findIncidents(db, {}, 10);
    expect(relisted!.updatedAt).toBe(listed!.updatedAt);
    expect(cachedSlaTimeline(db, relisted!)?.changes.map((c) => c.to)).toEqual(['assigned', 'on_hold']);
    expect(where).not.toHaveBeenCalled();
  });
});

describe('breaching soon', () => {
  it('finds open incidents at 75 % of the resolve target or breached, not paused early, young or resolved ones', async () => {
    setup();
    const breached = await record({ title: 'Breached' }, START_MS);
    const at80 = await record({ title: 'At 80 %' }, START_MS + 22 * MIN);
    const young = await record({ title: 'Young' }, START_MS + 50 * MIN);
    // Owned at once: their time to own stops, so their time to resolve decides (the others' never run past 75 %).
    for (const { id } of [breached, at80, young]) await ok(START_MS + 50 * MIN, () => repo.changeStatus(id, 'assigned', { team: 'Service desk' }));
    const paused = await record({ title: 'Paused early' }, START_MS);
    await ok(START_MS + MIN, () => repo.changeStatus(paused.id, 'assigned', { team: 'Service desk' }));
    await ok(START_MS + 10 * MIN, () => repo.changeStatus(paused.id, 'on_hold', { holdReason: 'Awaiting vendor' }));
    const resolved = await record({ title: 'Resolved' }, START_MS);
    await ok(START_MS + MIN, () => repo.changeStatus(resolved.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Done' }));
    const p4 = await record({ title: 'P4 at 70 min', impact: 3, urgency: 3 }, START_MS);

    const now = START_MS + 70 * MIN;
    const found = await findIncidents(db, { breachingSoon: true, nowMs: now }, 50);
    expect(found.map((i) => i.title).sort()).toEqual(['At 80 %', 'Breached']);
    expect(found.map((i) => i.id).sort()).toEqual([at80.id, breached.id].sort());
    expect(found.some((i) => i.id === p4.id)).toBe(false);
    // Combined with another filter, and bounded by the limit.
    expect((await findIncidents(db, { breachingSoon: true, nowMs: now, text: 'breached' }, 50)).map((i) => i.title)).toEqual(['Breached']);
    expect(await findBreachingSoon(db, undefined, () => true, 1, now)).toHaveLength(1);
  });

  it('finds an incident nobody owns yet once its time to own passes 75 %, though its time to resolve is young', async () => {
    setup();
    const unowned = await record({ title: 'Nobody owns it' }, START_MS);
    const owned = await record({ title: 'Owned at once' }, START_MS);
    await ok(START_MS + MIN, () => repo.changeStatus(owned.id, 'assigned', { team: 'Service desk' }));
    // Gold P1: own within 15 min, resolve within 1 h.
    const ids = async (minutes: number) => (await findIncidents(db, { breachingSoon: true, nowMs: START_MS + minutes * MIN }, 50)).map((i) => i.id);
    expect(await ids(10)).toEqual([]);
    expect(await ids(12)).toEqual([unowned.id]);
    await ok(START_MS + 13 * MIN, () => repo.changeStatus(unowned.id, 'assigned', { team: 'Service desk' }));
    expect(await ids(14)).toEqual([]);
  });

  it('walks past more candidates than one page without offsets, keeping rows with equal updatedAt', async () => {
    setup();
    clock.set(START_MS);
    const rows = Array.from({ length: 600 }, (_, i) => ({ title: `Bulk ${i}` }));
    for (const input of rows) {
      const result = await repo.record({ impact: 1, urgency: 1, ...input });
      if (!result.ok) throw new Error(result.error.message);
    }
    const found = await findBreachingSoon(db, ['new'], () => true, 5000, START_MS + 2 * 60 * MIN);
    expect(found).toHaveLength(600);
    expect(new Set(found.map((r) => r.id)).size).toBe(600);
  }, 60_000);
});
