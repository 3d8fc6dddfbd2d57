// slaWatchFromIncident: the IPC-sized view of an incident for the notification service, valid against its schema.
import { describe, expect, it } from 'vitest';
import { changeStatus, editIncident, logCommunication, slaWatchFromIncident, slaWatchSchema, SYSTEM_AUTHOR } from '../../../../../shared/domain';
import { laterCtx, recorded } from '../fixtures';

describe('slaWatchFromIncident', () => {
  it('carries status changes, the first assignment and the last outgoing update', () => {
    const incident = recorded({ impact: 1, urgency: 1, major: true });
    const assigned = changeStatus(incident, 'assigned', { assignee: 'Ana' }, laterCtx(1));
    if (!assigned.ok) throw new Error(assigned.error.message);
    const told = logCommunication(assigned.value.incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Phone', message: 'Power back at 14:00' }, laterCtx(2));
    if (!told.ok) throw new Error(told.error.message);
    const watch = slaWatchFromIncident(told.value.incident, [assigned.value.event, told.value.event], 'gold');
    expect(slaWatchSchema.safeParse(watch).success).toBe(true);
    expect(watch).toMatchObject({ id: incident.id, priority: 1, major: true, status: 'assigned', assignee: 'Ana', policyId: 'gold' });
    expect(watch.createdAtMs).toBe(Date.parse(incident.createdAt));
    expect(watch.changes.map((c) => c.to)).toEqual(['assigned']);
    expect(watch.lastUpdateAt).toBe(Date.parse(told.value.event.at.utc));
  });

  it("does not count Lantern's own messages (an automatic escalation notifying a role) as a stakeholder update", () => {
    const incident = recorded({ impact: 1, urgency: 1, major: true });
    const auto = logCommunication(incident, { direction: 'outgoing', from: SYSTEM_AUTHOR.name, to: 'Incident commander', channel: 'Lantern notification', message: 'P1: resolve 75 %' },
      { ...laterCtx(50), author: SYSTEM_AUTHOR });
    if (!auto.ok) throw new Error(auto.error.message);
    const watch = slaWatchFromIncident(auto.value.incident, [auto.value.event], 'gold');
    expect(watch.lastUpdateAt).toBeNull();
    const person = logCommunication(auto.value.incident, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Phone', message: 'Update' }, laterCtx(55));
    if (!person.ok) throw new Error(person.error.message);
    expect(slaWatchFromIncident(person.value.incident, [auto.value.event, person.value.event], 'gold').lastUpdateAt).toBe(Date.parse(person.value.event.at.utc));
  });

  it('names an exercise in its title, so every alert about a drill says so', () => {
    const drill = recorded({ title: 'Generator fails (drill)', exercise: true });
    const watch = slaWatchFromIncident(drill, [], 'gold');
    expect(watch.title).toBe('[Exercise] Generator fails (drill)');
    expect(slaWatchSchema.safeParse(watch).success).toBe(true);
    expect(slaWatchFromIncident(recorded({ title: 'Real outage' }), [], 'gold').title).toBe('Real outage');
  });

  it("carries the incident's own update interval (null when unset)", () => {
    const incident = recorded({ impact: 2, urgency: 2 });
    expect(slaWatchFromIncident(incident, [], 'gold').updateEveryMinutes).toBeNull();
    const set = editIncident(incident, { updateEveryMinutes: 15 }, laterCtx(1));
    if (!set.ok) throw new Error(set.error.message);
    expect(slaWatchFromIncident(set.value.incident, [], 'gold').updateEveryMinutes).toBe(15);
    // A watch stored before the field existed still parses (the notification service keeps watches on disk).
    const { updateEveryMinutes: _gone, ...old } = slaWatchFromIncident(incident, [], 'gold');
    expect(slaWatchSchema.parse(old).updateEveryMinutes).toBeNull();
  });
});
