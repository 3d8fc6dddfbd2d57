// System changes (automatic escalations) commit incident, timeline event and outbox op together, and only once.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type LanternDb } from '../../../../renderer/db';
import { applyDueEscalation, applySystemChange } from '../../../../renderer/db/system-changes';
import { dueEscalations, SEED_ESCALATION_RULES, SEED_SLA_POLICIES, SYSTEM_AUTHOR, type Incident } from '../../../../shared/domain';
import { freshDb, snapshot, testClock, type TestClock } from './db-test-kit';

let db: LanternDb;
let clock: TestClock;
afterEach(() => db?.close());

async function breachedIncident(): Promise<Incident> {
  db = freshDb('system');
  clock = testClock();
  const repo = createIncidentRepository(db, clock);
  const recorded = await repo.record({ title: 'Chiller down', impact: 1, urgency: 1 });
  if (!recorded.ok) throw new Error(recorded.error.message);
  clock.advance(20 * 60_000); // P1 on gold: 15 min to own
  return recorded.value;
}

async function due(incident: Incident) {
  const events = await db.timeline.where('incidentId').equals(incident.id).toArray();
  return dueEscalations(incident, events, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, clock.nowMs());
}

describe('applyDueEscalation', () => {
  it('writes the escalation by Lantern (automatic) with its outbox op, exactly once', async () => {
    const incident = await breachedIncident();
    const [first] = await due(incident);
    if (!first) throw new Error('expected a due escalation');
    const outboxBefore = await db.outbox.count();
    const applied = await applyDueEscalation(db, clock, first);
    expect(applied).toMatchObject({ ok: true, value: { applied: true } });
    const event = await db.timeline.get(first.id);
    expect(event).toMatchObject({ kind: 'escalated', author: SYSTEM_AUTHOR, target: 'Team lead' });
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ incidentId: incident.id, state: 'pending' });

    const before = await snapshot(db);
    await expect(applyDueEscalation(db, clock, first)).resolves.toEqual({ ok: true, value: { applied: false, incident: null } });
    expect(await snapshot(db)).toEqual(before);
    expect(await due((await db.incidents.get(incident.id))!)).toEqual([]);
  });

  it('reports a vanished incident and writes nothing', async () => {
    const incident = await breachedIncident();
    const [first] = await due(incident);
    if (!first) throw new Error('expected a due escalation');
    await db.incidents.delete(incident.id);
    const before = await snapshot(db);
    await expect(applyDueEscalation(db, clock, first)).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('applySystemChange', () => {
  it('writes nothing when the change is no longer needed', async () => {
    await breachedIncident();
    const [row] = await db.incidents.toArray();
    const before = await snapshot(db);
    await expect(applySystemChange(db, clock, row!.id, () => null)).resolves.toEqual({ ok: true, value: { applied: false, incident: null } });
    expect(await snapshot(db)).toEqual(before);
  });
});
