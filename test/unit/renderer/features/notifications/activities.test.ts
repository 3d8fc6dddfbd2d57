// Activity alerts (escalations, assignments, conflicts) about a drill say so and never break through do-not-disturb.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, getTimeline } from '../../../../../renderer/db';
import type { LanternDb } from '../../../../../renderer/db/database';
import { activitiesFromEvents } from '../../../../../renderer/features/notifications/activities';
import { freshDb, must, START_MS, testClock } from '../../db/db-test-kit';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function escalated(exercise: boolean) {
  const db = freshDb(`activities-${exercise}`);
  open.push(db);
  await ensureDevice(db);
  const repo = createIncidentRepository(db, testClock());
  const incident = must(await repo.record({ title: 'Generator B failed', impact: 1, urgency: 1, major: true, exercise }));
  must(await repo.escalate(incident.id, { level: 'hierarchical', target: 'Duty manager', reason: 'Wards on battery' }));
  const events = await getTimeline(db, incident.id);
  return { incident, activities: await activitiesFromEvents(db, events, START_MS + 60_000) };
}

describe('activitiesFromEvents', () => {
  it("names a drill's incident as an exercise and leaves it out of do-not-disturb's exceptions", async () => {
    const { incident, activities } = await escalated(true);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ kind: 'escalation', incidentLabel: `[Exercise] ${incident.number} Generator B failed`, priority: null, major: false });
  });

  it('keeps a real incident as it is: its number and title, its priority and major flag', async () => {
    const { incident, activities } = await escalated(false);
    expect(activities[0]).toMatchObject({ kind: 'escalation', incidentLabel: `${incident.number} Generator B failed`, priority: 1, major: true });
  });

  it('tells the person named incident commander, as an assignment tells the assignee', async () => {
    const db = freshDb('activities-commander');
    open.push(db);
    await ensureDevice(db);
    const repo = createIncidentRepository(db, testClock());
    const incident = must(await repo.record({ title: 'Water outage, ward 3', impact: 1, urgency: 1, major: true }));
    must(await repo.edit(incident.id, { commander: 'Ana Diaz' }));
    must(await repo.edit(incident.id, { commander: null }));
    const activities = await activitiesFromEvents(db, await getTimeline(db, incident.id), START_MS + 60_000);
    expect(activities).toEqual([
      expect.objectContaining({ kind: 'assignment', assignee: 'Ana Diaz', text: 'Unknown user named Ana Diaz incident commander.', major: true }),
    ]);
  });
});
