// The scheduler remembers shown SLA/reminder marks per watched incident: no stale re-fires past 10,000 keys, bounded memory, old state restores.
import { describe, expect, it } from 'vitest';
import { SEED_SLA_POLICIES, type SlaWatch } from '../../../../shared/domain';
import { createNotificationService } from '../../../../shared/notifications/notification-service';
import { NotificationScheduler } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import { ShownMemory } from '../../../../shared/notifications/shown-keys';
import type { Activity, SchedulerState } from '../../../../shared/notifications/types';
import { FakeClock, FakeNotifier, FakeSource, MemoryStore, MIN, T0, watch } from './fakes';

const memoryText = () => {
  let text: string | null = null;
  return { read: async () => text, write: async (contents: string) => void (text = contents) };
};

function slaWatch(i: number, overrides: Partial<SlaWatch> = {}): SlaWatch {
  return {
    id: `inc-${i}`,
    number: `K7QM-${i}`,
    title: `Incident ${i}`,
    priority: ((i % 4) + 1) as 1 | 2 | 3 | 4,
    major: false,
    status: 'new',
    assignee: null,
    policyId: SEED_SLA_POLICIES[0]!.id,
    // Recorded in waves of 100 (a sync pull, an outage): alerts fall due together, so the day runs in seconds.
    createdAtMs: T0 + Math.floor(i / 100) * 10 * MIN,
    changes: [],
    lastUpdateAt: null,
    updateEveryMinutes: i % 10 === 0 ? 60 : null,
    ...overrides,
  };
}

/** Keeps nothing: the day-long scenario measures what the scheduler remembers, not what a store costs. */
const forgetfulStore = () => ({ load: async () => null, save: async () => undefined });

function service(store: MemoryStore | ReturnType<typeof forgetfulStore> = new MemoryStore(), clock = new FakeClock(T0)) {
  const notifier = new FakeNotifier(clock);
  const svc = createNotificationService({ notifier, clock, stateStore: store, settingsPersistence: memoryText(), policies: SEED_SLA_POLICIES, openIncident: () => undefined });
  return { svc, notifier, clock, store };
}

async function feed(svc: ReturnType<typeof service>['svc'], watches: readonly SlaWatch[]): Promise<void> {
  for (let i = 0; i < watches.length; i += 500) await svc.watch({ watches: watches.slice(i, i + 500), removed: [] });
}

describe('shown SLA and reminder marks', () => {
  it('survive more than 10,000 keys of open incidents over a day: a full re-send re-fires nothing', async () => {
    const { svc, notifier, clock } = service(forgetfulStore());
    await svc.start();
    const watches = Array.from({ length: 1800 }, (_, i) => slaWatch(i));
    await feed(svc, watches);
    for (let h = 1; h <= 24; h++) await clock.advanceTo(T0 + h * 60 * MIN);
    await clock.advance(1);
    const noticesBefore = notifier.shown.length;
    await feed(svc, watches); // a sync pull, a note on each, or a window reload re-sending every watch
    // Anything re-planned as already due fires now; nothing new falls due in the same millisecond.
    await clock.advance(0);
    const refired = svc.list().entries.filter((entry) => entry.shownAt > T0 + 24 * 60 * MIN);
    expect(refired.map((entry) => entry.id)).toEqual([]);
    expect(notifier.shown.length).toBe(noticesBefore);
    // More marks than the old global list could hold (10,000), all still remembered.
    expect(svc.scheduler.shownKeys().length).toBeGreaterThan(10_000);
  }, 20_000);

  it('are forgotten when an incident is removed or planned as not open, and only then', async () => {
    const { svc, clock } = service();
    await svc.start();
    await feed(svc, [slaWatch(1), slaWatch(2), slaWatch(3)]);
    await clock.advanceTo(T0 + 24 * 60 * MIN);
    const marks = () => svc.scheduler.shownKeys().filter((key) => key.startsWith('sla:'));
    const of = (id: string) => marks().filter((key) => key.includes(`:${id}:`));
    expect(of('inc-1').length).toBeGreaterThan(0);
    expect(of('inc-2').length).toBeGreaterThan(0);
    expect(of('inc-3').length).toBeGreaterThan(0);
    await svc.watch({ watches: [slaWatch(2, { status: 'resolved' })], removed: ['inc-1'] });
    expect(of('inc-1')).toEqual([]);
    expect(of('inc-2')).toEqual([]);
    expect(of('inc-3').length).toBeGreaterThan(0);
  });

  it('of an incident the source does not know yet (watches not re-sent after a start) are kept', async () => {
    const store = new MemoryStore();
    const first = service(store);
    await first.svc.start();
    await feed(first.svc, [slaWatch(1)]);
    await first.clock.advanceTo(T0 + 24 * 60 * MIN);
    first.svc.stop();
    await first.svc.flush();
    const second = service(store, new FakeClock(T0 + 25 * 60 * MIN));
    await second.svc.start();
    await second.svc.setPolicies(SEED_SLA_POLICIES); // re-plans every (still unknown) watch
    await second.svc.scheduler.onIncidentsChanged(['inc-1']);
    await feed(second.svc, [slaWatch(1)]);
    await second.clock.advance(5 * MIN);
    expect(second.notifier.shown).toEqual([]);
  });

  it('restore from a state saved by the previous version (one flat key list) and fire nothing twice', async () => {
    const store = new MemoryStore();
    const old: SchedulerState = {
      scheduled: [],
      shownKeys: [
        'sla:inc-7:response:breached:900000',
        'sla:inc-7:resolve:breached:3600000',
        'sla:inc-7:response:warn75:900000',
        'reminder:inc-7:1795424400000',
        'conflict:c-1',
        'sla:odd:id:with:colons:resolve:warn50:3600000',
      ],
      centre: [],
    };
    store.saved = JSON.stringify(old);
    const clock = new FakeClock(T0 + 3 * 60 * MIN);
    const notifier = new FakeNotifier(clock);
    const source = new FakeSource();
    const scheduler = new NotificationScheduler({ clock, notifier, store, incidents: source, currentUser: () => null, openIncident: () => undefined, settings: DEFAULT_NOTIFICATION_SETTINGS });
    await scheduler.start();
    expect(new Set(scheduler.shownKeys())).toEqual(new Set(old.shownKeys));
    source.put(watch('inc-7'));
    await scheduler.onIncidentsChanged(['inc-7']);
    await clock.advance(MIN);
    expect(notifier.titles()).toEqual([]);
    // And what it saves restores the same way.
    await scheduler.report([{ id: 'c-2', kind: 'conflict', incidentId: 'inc-7', incidentLabel: null, actor: 'Bob', text: 'x', priority: 3, major: false } satisfies Activity]);
    await scheduler.flush();
    const again = new NotificationScheduler({ clock, notifier, store, incidents: source, currentUser: () => null, openIncident: () => undefined });
    await again.start();
    expect(new Set(again.shownKeys())).toEqual(new Set(scheduler.shownKeys()));
  });
});

describe('ShownMemory', () => {
  it('keeps activity keys in a capped FIFO, oldest forgotten first', () => {
    const memory = new ShownMemory({ activityLimit: 3, incidentLimit: 100 });
    for (const key of ['conflict:a', 'assignment:b', 'sync:c', 'escalation:d']) memory.add(key);
    memory.add('sla:inc-1:resolve:breached:3600000');
    expect(memory.has('conflict:a')).toBe(false);
    expect(memory.has('escalation:d')).toBe(true);
    expect(memory.has('sla:inc-1:resolve:breached:3600000')).toBe(true);
    expect(memory.list()).toEqual(['assignment:b', 'sync:c', 'escalation:d', 'sla:inc-1:resolve:breached:3600000']);
  });

  it('keeps only the latest reminder of an incident and never drops single marks of a kept incident', () => {
    const memory = new ShownMemory({ activityLimit: 10, incidentLimit: 2 });
    memory.add('reminder:inc-1:1000');
    memory.add('reminder:inc-1:2000');
    for (let i = 0; i < 50; i++) memory.add(`sla:inc-1:resolve:breached:${i}`);
    expect(memory.has('reminder:inc-1:1000')).toBe(false);
    expect(memory.has('reminder:inc-1:2000')).toBe(true);
    memory.add('sla:inc-2:resolve:breached:1');
    memory.touch('inc-1');
    memory.add('sla:inc-3:resolve:breached:1'); // past the safety cap: the least recently touched incident goes, whole
    expect(memory.has('sla:inc-2:resolve:breached:1')).toBe(false);
    expect(memory.marksOf('inc-1').size).toBe(51);
    memory.forget('inc-1');
    expect(memory.marksOf('inc-1').size).toBe(0);
    expect(memory.size).toBe(1);
  });
});
