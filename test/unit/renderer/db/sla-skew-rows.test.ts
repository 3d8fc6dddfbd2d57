// Rows of incidents recorded on a laptop whose clock was off: their SLA start, order key and clocks use the corrected time.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, type LanternDb } from '../../../../renderer/db';
import { writeMeta } from '../../../../renderer/db/meta';
import { loadTimelines, oldEnough, slaClocksOf, slaInputsOf } from '../../../../renderer/db/sla';
import { SEED_SLA_POLICY_SET } from '../../../../shared/domain';
import { freshDb, must, START_MS, testClock } from './db-test-kit';

const MIN = 60_000;
const HOUR = 60 * MIN;
const open: LanternDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A laptop whose clock reads `skewMs` off real time, as its last check against HQ measured. */
async function skewedLaptop(label: string, skewMs: number) {
  const db = freshDb(label);
  open.push(db);
  await ensureDevice(db);
  const clock = testClock(START_MS + skewMs);
  await writeMeta(db, 'clockCheck', { checkedAtMs: START_MS + skewMs - MIN, hqMinusDeviceMs: -skewMs });
  return { db, clock, repo: createIncidentRepository(db, clock) };
}

describe('SLA fields of rows recorded on a skewed laptop', () => {
  it('a P1 recorded on a laptop 6 h behind starts its clocks at the real time, in the row and in its SLA order key', async () => {
    const { db, repo } = await skewedLaptop('sla-skew-behind', -6 * HOUR);
    const incident = must(await repo.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
    const row = (await db.incidents.get(incident.id))!;
    expect(row.slaStartMs).toBe(START_MS);
    // Gold P1, nobody owns it: ordered by when it is due to be owned, 15 minutes after it really was recorded.
    expect(row.slaKey).toBe(START_MS + 15 * MIN);
    const timeline = (await loadTimelines(db, [row])).get(row.id)!;
    expect(timeline.createdAtMs).toBe(START_MS);
    const clocks = slaClocksOf(slaInputsOf(timeline, row, SEED_SLA_POLICY_SET), row.priority, START_MS + MIN);
    expect(clocks.response.threshold).toBe('none');
    expect(oldEnough(row, START_MS + MIN)).toBe(false);
    expect(oldEnough(row, START_MS + 12 * MIN)).toBe(true);
  });

  it('a P1 recorded on a laptop 6 h ahead shows as breached 3 h later', async () => {
    const { db, repo } = await skewedLaptop('sla-skew-ahead', 6 * HOUR);
    const incident = must(await repo.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
    const row = (await db.incidents.get(incident.id))!;
    expect(row.slaStartMs).toBe(START_MS);
    expect(row.slaKey).toBe(START_MS + 15 * MIN);
    const timeline = (await loadTimelines(db, [row])).get(row.id)!;
    const clocks = slaClocksOf(slaInputsOf(timeline, row, SEED_SLA_POLICY_SET), row.priority, START_MS + 3 * HOUR);
    expect(clocks.response.threshold).toBe('breached');
    expect(clocks.resolve.threshold).toBe('breached');
  });

  it('a status change on the skewed laptop is kept in the row at its corrected time', async () => {
    const { db, clock, repo } = await skewedLaptop('sla-skew-change', -6 * HOUR);
    const incident = must(await repo.record({ title: 'Ward 3 oxygen alarm', impact: 1, urgency: 1 }));
    clock.advance(10 * MIN);
    must(await repo.edit(incident.id, { assignee: 'Kim Ortiz' }));
    const row = (await db.incidents.get(incident.id))!;
    expect(row.slaChanges!.map((change) => change.atMs)).toEqual([START_MS + 10 * MIN]);
    // Owned: ordered by the resolve clock, due an hour after the real recording time.
    expect(row.slaKey).toBe(START_MS + HOUR);
  });
});
