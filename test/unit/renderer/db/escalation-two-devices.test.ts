// Automatic escalation made offline on two devices at once: after sync, one timeline entry everywhere (deterministic id).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, fromIncidentRow, type LanternDb } from '../../../../renderer/db';
import { applyDueEscalation } from '../../../../renderer/db/system-changes';
import { dueEscalations, SEED_ESCALATION_RULES, SEED_SLA_POLICIES, SYSTEM_AUTHOR, type Incident } from '../../../../shared/domain';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { must, START_MS, testClock, type TestClock } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

async function device(hq: FakeHq, label: string, clock: TestClock) {
  const synced = await syncedDexieDevice(hq, label, clock);
  open.push(synced.db);
  return { ...synced, repo: createIncidentRepository(synced.db, clock) };
}

/** What the escalation runner does on a device: every escalation due now, applied through the repository path. */
async function escalateDue(db: LanternDb, clock: TestClock, incidentId: string): Promise<string[]> {
  const row = await db.incidents.get(incidentId);
  if (!row) throw new Error('incident missing');
  const incident: Incident = fromIncidentRow(row);
  const events = await db.timeline.where('incidentId').equals(incidentId).toArray();
  const due = dueEscalations(incident, events, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, clock.nowMs());
  for (const escalation of due) must(await applyDueEscalation(db, clock, escalation));
  return due.map((d) => d.id);
}

const automaticEntries = async (db: LanternDb, incidentId: string) =>
  (await db.timeline.where('incidentId').equals(incidentId).toArray()).filter((e) => e.author.name === SYSTEM_AUTHOR.name).sort((x, y) => x.id.localeCompare(y.id));

describe('automatic escalation on two offline devices', () => {
  it('both escalate the same breach offline; after syncing, each device and HQ hold it exactly once, in the same copy', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'esc-a', testClock(START_MS));
    const b = await device(hq, 'esc-b', testClock(START_MS + 7_000));
    const p1 = must(await a.repo.record({ title: 'Theatre 2 ventilation failed', impact: 1, urgency: 1 }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();

    // Offline, 20 minutes later on both laptops: the P1 was never owned (gold: 15 min), so both escalate it.
    a.clock.advance(20 * 60_000);
    b.clock.advance(20 * 60_000);
    const onA = await escalateDue(a.db, a.clock, p1.id);
    const onB = await escalateDue(b.db, b.clock, p1.id);
    expect(onA.length).toBeGreaterThan(0);
    expect(onB).toEqual(onA);
    const [copiesA, copiesB] = [await automaticEntries(a.db, p1.id), await automaticEntries(b.db, p1.id)];
    expect(copiesA).not.toEqual(copiesB); // each laptop wrote its own copy: its time, stamp and device
    const highest = copiesA.map((copy, i) => (copiesB[i]!.hlc > copy.hlc ? copiesB[i]! : copy));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const expected = [...onA].sort();
    const onHq = [...hq.timeline.values()].filter((e) => e.incidentId === p1.id && e.author.name === SYSTEM_AUTHOR.name).sort((x, y) => x.id.localeCompare(y.id));
    expect(onHq.map((e) => e.id)).toEqual(expected);
    // The same entries, not only the same ids: every replica keeps the highest-stamped copy.
    expect(onHq).toEqual(highest);
    expect(await automaticEntries(a.db, p1.id)).toEqual(highest);
    expect(await automaticEntries(b.db, p1.id)).toEqual(highest);
    // And the incidents agree field by field.
    const [rowA, rowB] = await Promise.all([a.db.incidents.get(p1.id), b.db.incidents.get(p1.id)]);
    expect(fromIncidentRow(rowA!)).toEqual(fromIncidentRow(rowB!));
    // Nothing is due any more on either device: a later pass does not escalate again.
    a.clock.advance(60_000);
    b.clock.advance(60_000);
    expect(await escalateDue(a.db, a.clock, p1.id)).toEqual([]);
    expect(await escalateDue(b.db, b.clock, p1.id)).toEqual([]);
  });
});
