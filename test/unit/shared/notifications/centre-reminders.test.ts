// Repeated stakeholder-update reminders of one incident fold into one centre entry (latest time, how many since last read).
import { describe, expect, it } from 'vitest';
import { NotificationCentre } from '../../../../shared/notifications/centre';
import { journalSchedulerStore } from '../../../../shared/notifications/journal-store';
import type { CentreEntry } from '../../../../shared/notifications/types';
import { FakeClock, FakeSource, memoryStorage, MIN, T0, reminderScheduler, watch } from './fakes';

const reminder = (incidentId: string, shownAt: number, overrides: Partial<CentreEntry> = {}): CentreEntry => ({
  id: `reminder:${incidentId}:${shownAt}`,
  category: 'reminder',
  incidentId,
  title: `Stakeholder update due: ${incidentId}`,
  body: `No update for ${shownAt} min`,
  shownAt,
  read: false,
  silent: false,
  ...overrides,
});

const sla = (incidentId: string, shownAt: number): CentreEntry => ({ ...reminder(incidentId, shownAt), id: `sla:${incidentId}:resolve:warn50:${shownAt}`, category: 'sla' });

describe('reminders in the notification centre', () => {
  it('fold into one unread entry per incident with the latest time, text and count', () => {
    const centre = new NotificationCentre();
    centre.add([reminder('inc-1', 30)]);
    centre.add([reminder('inc-1', 60)]);
    centre.add([reminder('inc-1', 90)]);
    expect(centre.list()).toEqual([{ ...reminder('inc-1', 90), count: 3 }]);
    expect(centre.unreadCount).toBe(1);
  });

  it('count again from one after the person read the entry', () => {
    const centre = new NotificationCentre();
    centre.add([reminder('inc-1', 30)]);
    centre.add([reminder('inc-1', 60)]);
    centre.markRead([reminder('inc-1', 60).id]);
    centre.add([reminder('inc-1', 90)]);
    expect(centre.list()).toEqual([reminder('inc-1', 90)]);
  });

  it('stay apart for different incidents, and SLA alerts are never folded', () => {
    const centre = new NotificationCentre();
    centre.add([reminder('inc-1', 30), reminder('inc-2', 31), sla('inc-1', 32), sla('inc-1', 33)]);
    centre.add([reminder('inc-2', 61)]);
    expect(centre.list().map((e) => [e.id, e.count ?? 1])).toEqual([
      ['reminder:inc-2:61', 2],
      ['sla:inc-1:resolve:warn50:33', 1],
      ['sla:inc-1:resolve:warn50:32', 1],
      ['reminder:inc-1:30', 1],
    ]);
  });

  it('stored separately by an earlier version read as one entry', () => {
    const stored = [reminder('inc-1', 120), reminder('inc-1', 90), reminder('inc-1', 60, { read: true }), reminder('inc-1', 30)];
    const centre = new NotificationCentre(stored);
    expect(centre.list()).toEqual([{ ...reminder('inc-1', 120), count: 2 }]);
  });

  it('a major incident left without updates for two hours shows one entry, and reads the same after a reload', async () => {
    const storage = memoryStorage();
    const clock = new FakeClock();
    const source = new FakeSource();
    source.put(watch('9', { major: true, priority: 3, assignee: 'Someone Else' }));
    const live = reminderScheduler(journalSchedulerStore(storage, 'n'), clock, source);
    await live.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 61 * MIN);
    live.markRead([live.centre.list()[0]!.id]);
    await clock.advanceTo(T0 + 121 * MIN);
    await live.flush();
    const reminders = live.centre.list().filter((e) => e.category === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ id: `reminder:9:${T0 + 120 * MIN}`, shownAt: T0 + 120 * MIN, read: false, count: 2 });
    expect(live.centre.unreadCount).toBe(1);
    live.stop();

    const again = reminderScheduler(journalSchedulerStore(storage, 'n'), new FakeClock(clock.nowMs), source);
    await again.start();
    expect(again.centre.list()).toEqual(live.centre.list());
    again.stop();
  });
});
