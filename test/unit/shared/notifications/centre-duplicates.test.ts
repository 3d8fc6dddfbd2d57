// One centre entry per alert: a re-plan that changes an alert's wording does not fire it twice, and a batch never lists an id twice.
import { describe, expect, it } from 'vitest';
import { NotificationCentre } from '../../../../shared/notifications/centre';
import { DueQueue } from '../../../../shared/notifications/due-queue';
import { NotificationScheduler } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import type { CentreEntry } from '../../../../shared/notifications/types';
import { FakeClock, FakeNotifier, FakeSource, MemoryStore, MIN, T0, watch } from './fakes';

function setup() {
  const clock = new FakeClock();
  const notifier = new FakeNotifier(clock);
  const source = new FakeSource();
  const scheduler = new NotificationScheduler({
    clock,
    notifier,
    store: new MemoryStore(),
    incidents: source,
    currentUser: () => 'Ana Field',
    openIncident: () => undefined,
    // No reminders: these tests watch the SLA alerts alone.
    settings: { ...DEFAULT_NOTIFICATION_SETTINGS, majorUpdateEveryMinutes: null },
    onError: (error) => {
      throw error;
    },
  });
  return { clock, notifier, source, scheduler };
}

const entry = (id: string, shownAt: number, overrides: Partial<CentreEntry> = {}): CentreEntry => ({
  id,
  category: 'sla',
  incidentId: 'inc-1',
  title: id,
  body: '',
  shownAt,
  read: false,
  silent: false,
  ...overrides,
});

describe('an alert re-planned with new wording before it is due', () => {
  it('is shown and listed once (ticking "Major incident" re-plans the incident)', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(watch('1', { priority: 2 }));
    await scheduler.onIncidentsChanged(['1']);
    await clock.advanceTo(T0 + 3 * MIN);
    // Major now: the same alerts at the same times, but critical, so each is scheduled again under the same key.
    source.put(watch('1', { priority: 2, major: true }));
    await scheduler.onIncidentsChanged(['1']);
    await clock.advanceTo(T0 + 16 * MIN);
    const titles = scheduler.centre.list().map((e) => e.title);
    expect(titles.filter((title) => title.startsWith('Time to own at 50 %'))).toHaveLength(1);
    expect(new Set(scheduler.centre.list().map((e) => e.id)).size).toBe(scheduler.centre.list().length);
    expect(notifier.titles().filter((title) => title.startsWith('Time to own at 50 %'))).toHaveLength(1);
  });

  it('is taken from the due queue once, even when re-timed away and back', () => {
    const due = new Map<string, number>();
    const queue = new DueQueue((key, at) => due.get(key) === at);
    const schedule = (key: string, at: number, order: number) => {
      due.set(key, at);
      queue.push(key, at, order);
    };
    schedule('a', 10, 0);
    schedule('a', 20, 0);
    schedule('a', 10, 0);
    schedule('a', 10, 0);
    expect(queue.takeDue(30)).toEqual(['a']);
  });
});

describe('NotificationCentre.add', () => {
  it('keeps one entry when a batch holds the same id twice', () => {
    const centre = new NotificationCentre();
    centre.add([entry('sla:inc-1:response:warn50:900000', 5), entry('sla:inc-1:response:warn50:900000', 5)]);
    expect(centre.list()).toHaveLength(1);
    expect(centre.unreadCount).toBe(1);
  });

  it('cleans up duplicates already stored by an earlier version', () => {
    const centre = new NotificationCentre([entry('x', 5), entry('x', 5, { read: true })]);
    expect(centre.list()).toHaveLength(1);
  });
});
