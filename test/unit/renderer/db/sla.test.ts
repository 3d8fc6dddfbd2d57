// SLA reads for the list: one timeline read for the misses, a cache per incident + updatedAt, and the breaching-soon walk.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, findIncidents, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { cachedSlaTimeline, findBreachingSoon, loadSlaTimelines, SLA_POLICY } from '../../../../renderer/db/sla';
import { DEFAULT_POLICY } from '../../../../renderer/features/notifications/incident-batches';
import type { Incident, NewIncidentInput } from '../../../../shared/domain';
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

describe('SLA policy choice', () => {
  it('is the same policy the notifications and the escalation runner use', () => {
    expect(SLA_POLICY).toBe(DEFAULT_POLICY);
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

describe('breaching soon', () => {
  it('finds open incidents at 75 % of the resolve target or breached, not paused early, young or resolved ones', async () => {
    setup();
    const breached = await record({ title: 'Breached' }, START_MS);
    const at80 = await record({ title: 'At 80 %' }, START_MS + 22 * MIN);
    await record({ title: 'Young' }, START_MS + 50 * MIN);
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
