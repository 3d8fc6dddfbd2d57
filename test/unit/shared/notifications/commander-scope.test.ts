// A person whose SLA alerts are scoped to "mine" gets those of the incidents they command, as of those assigned to them;
// the commander travels in the watch from the page to the main process (older watches without it still validate).
import { describe, expect, it } from 'vitest';
import { editIncident, slaWatchFromIncident, slaWatchSchema } from '../../../../shared/domain';
import { notificationsWatchInputSchema } from '../../../../shared/ipc/schemas/notifications';
import { planIncident } from '../../../../shared/notifications/planner';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import { WatchCache } from '../../../../shared/notifications/watch-cache';
import { SEED_SLA_POLICIES } from '../../../../shared/domain';
import { laterCtx, recorded } from '../domain/fixtures';
import { change, MIN, T0, watch } from './fakes';

const mine = { ...DEFAULT_NOTIFICATION_SETTINGS, slaScope: 'mine' as const };
const slaTitles = (alerts: ReturnType<typeof planIncident>) => alerts.filter((alert) => alert.category === 'sla').map((alert) => alert.title);

describe('SLA alerts in the "mine" scope', () => {
  const assigned = [change(1, 'assigned')];

  it('reach the commander of a major incident assigned to someone else, whatever the case of the name', () => {
    const commanded = watch('4', { major: true, assignee: 'Someone Else', commander: ' ana field ' }, assigned);
    expect(slaTitles(planIncident(commanded, T0 + 2 * MIN, new Set(), mine, 'Ana Field'))).toEqual(['Time to resolve at 50 %: K7QM-0004']);
    // The same incident at the resolve breach: the commander is told.
    expect(slaTitles(planIncident(commanded, T0 + 61 * MIN, new Set(), mine, 'Ana Field'))).toContain('Time to resolve breached: K7QM-0004');
  });

  it('do not reach a person who neither commands nor owns it, nor its commander when nobody is signed in', () => {
    const other = watch('5', { major: true, assignee: 'Someone Else', commander: 'Lee Chan' }, assigned);
    expect(slaTitles(planIncident(other, T0 + 2 * MIN, new Set(), mine, 'Ana Field'))).toEqual([]);
    expect(slaTitles(planIncident(other, T0 + 2 * MIN, new Set(), mine, null))).toEqual([]);
    // Still reach everybody in the "all" scope, and the assignee as before.
    expect(slaTitles(planIncident(other, T0 + 2 * MIN, new Set(), DEFAULT_NOTIFICATION_SETTINGS, 'Ana Field'))).toHaveLength(1);
    expect(slaTitles(planIncident(other, T0 + 2 * MIN, new Set(), mine, 'someone else'))).toHaveLength(1);
  });

  it('stakeholder-update reminders are not filtered by person: everyone watching gets them, commander or not', () => {
    const major = watch('6', { major: true, priority: 3, assignee: 'Someone Else', commander: 'Lee Chan' }, assigned);
    const reminders = planIncident(major, T0 + 2 * MIN, new Set(), mine, 'Ana Field').filter((alert) => alert.category === 'reminder');
    expect(reminders.map((alert) => alert.title)).toEqual(['Stakeholder update due: K7QM-0006']);
  });
});

describe('the commander in the watch', () => {
  it('is built from the incident, crosses IPC validated and reaches the scheduler through the cache', async () => {
    const incident = editIncident(recorded({ major: true }), { commander: 'Ana Diaz' }, laterCtx());
    if (!incident.ok) throw new Error(incident.error.message);
    const built = slaWatchFromIncident(incident.value.incident, [], 'gold');
    expect(built.commander).toBe('Ana Diaz');
    const sent = notificationsWatchInputSchema.parse(JSON.parse(JSON.stringify({ watches: [built], removed: [] })));
    const cache = new WatchCache(SEED_SLA_POLICIES);
    cache.put(sent.watches);
    expect((await cache.get([built.id]))[0]?.commander).toBe('Ana Diaz');
  });

  it('is optional: a watch from a page that predates it still validates, read as nobody', async () => {
    const built = slaWatchFromIncident(recorded(), [], 'gold');
    const { commander: _none, ...older } = built;
    const parsed = slaWatchSchema.parse(older);
    const cache = new WatchCache(SEED_SLA_POLICIES);
    cache.put([parsed]);
    expect((await cache.get([built.id]))[0]?.commander ?? null).toBeNull();
    expect(slaWatchSchema.safeParse({ ...built, commander: 'x'.repeat(201) }).success).toBe(false);
  });
});
