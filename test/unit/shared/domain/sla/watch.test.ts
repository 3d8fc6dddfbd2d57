// slaWatchFromIncident: the IPC-sized view of an incident for the notification service, valid against its schema.
import { describe, expect, it } from 'vitest';
import { changeStatus, logCommunication, slaWatchFromIncident, slaWatchSchema } from '../../../../../shared/domain';
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
});
