// NotificationScheduler with a fake clock: thresholds once each, hold, sync changes, digests, quiet rules, restart, one timer.
import { describe, expect, it } from 'vitest';
import { NOTICE_GAP_MS, NotificationScheduler } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../../../../shared/notifications/settings';
import type { Activity } from '../../../../shared/notifications/types';
import { change, FakeClock, FakeNotifier, FakeSource, MemoryStore, MIN, T0, watch } from './fakes';

function setup(options: { user?: string | null; settings?: Partial<NotificationSettings>; store?: MemoryStore; clock?: FakeClock; source?: FakeSource } = {}) {
  const clock = options.clock ?? new FakeClock();
  const notifier = new FakeNotifier(clock);
  const store = options.store ?? new MemoryStore();
  const source = options.source ?? new FakeSource();
  const opened: (string | null)[] = [];
  const scheduler = new NotificationScheduler({
    clock,
    notifier,
    store,
    incidents: source,
    currentUser: () => (options.user === undefined ? 'Ana Field' : options.user),
    openIncident: (id) => opened.push(id),
    settings: { ...DEFAULT_NOTIFICATION_SETTINGS, ...options.settings },
    onError: (error) => {
      throw error;
    },
  });
  return { clock, notifier, store, source, scheduler, opened };
}

const activity = (id: string, overrides: Partial<Activity> = {}): Activity => ({
  id,
  kind: 'conflict',
  incidentId: `inc-${id}`,
  incidentLabel: `K7QM-00${id} Pump`,
  actor: 'Bob Remote',
  text: 'Two people changed the same field; the other value was kept.',
  priority: 3,
  major: false,
  ...overrides,
});

describe('SLA thresholds', () => {
  it('fire once each, at 50 %, 75 % and 100 % of both clocks, and never again after re-planning', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(watch('1'));
    await scheduler.onIncidentsChanged(['1']);
    await clock.advanceTo(T0 + 7.5 * MIN - 1);
    expect(notifier.shown).toHaveLength(0);
    await clock.advanceTo(T0 + 7.5 * MIN);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    await clock.advanceTo(T0 + 20 * MIN);
    await scheduler.onIncidentsChanged(['1']); // a re-plan must not repeat anything
    await clock.advanceTo(T0 + 5 * 60 * MIN);
    expect(notifier.titles()).toEqual([
      'Time to own at 50 %: K7QM-0001',
      'Time to own at 75 %: K7QM-0001',
      'Time to own breached: K7QM-0001',
      'Time to resolve at 50 %: K7QM-0001',
      'Time to resolve at 75 %: K7QM-0001',
      'Time to resolve breached: K7QM-0001',
    ]);
    expect(notifier.shown.map((s) => (s.at - T0) / MIN)).toEqual([7.5, 11.25, 15, 30, 45, 60]);
    expect(scheduler.pending()).toEqual([]);
    expect(scheduler.nextWakeAt()).toBeNull();
  });

  it('pausing on hold moves the due time by the time on hold', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(watch('1', { assignee: 'Ana Field' }, [change(5, 'assigned')]));
    await scheduler.onIncidentsChanged(['1']);
    expect(scheduler.pending().find((a) => a.key.includes(':resolve:'))?.dueAt).toBe(T0 + 30 * MIN);
    await clock.advanceTo(T0 + 10 * MIN);
    source.put(watch('1', {}, [change(5, 'assigned'), change(10, 'on_hold')]));
    await scheduler.onIncidentsChanged(['1']);
    expect(scheduler.pending().filter((a) => a.key.includes(':resolve:'))).toEqual([]);
    await clock.advanceTo(T0 + 40 * MIN);
    source.put(watch('1', {}, [change(5, 'assigned'), change(10, 'on_hold'), change(40, 'in_progress')]));
    await scheduler.onIncidentsChanged(['1']);
    expect(scheduler.pending().find((a) => a.key.includes(':resolve:'))?.dueAt).toBe(T0 + 60 * MIN);
    await clock.advanceTo(T0 + 60 * MIN);
    expect(notifier.shown.map((s) => [s.notice.title, (s.at - T0) / MIN])).toEqual([['Time to resolve at 50 %: K7QM-0001', 60]]);
  });

  it('a sync that brings a status change cancels (resolved) or reschedules the alerts', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(watch('1'));
    source.put(watch('2'));
    await scheduler.onIncidentsChanged(['1', '2']);
    await clock.advanceTo(T0 + 5 * MIN);
    // Sync: another device resolved #1 at minute 3 and assigned #2 at minute 4.
    source.put(watch('1', {}, [change(3, 'resolved')]));
    source.put(watch('2', {}, [change(4, 'assigned')]));
    await scheduler.onIncidentsChanged(['1', '2']);
    expect(scheduler.pending().map((a) => [a.incidentId, a.key.split(':')[2], (a.dueAt - T0) / MIN])).toEqual([['2', 'resolve', 30]]);
    await clock.advanceTo(T0 + 30 * MIN);
    expect(notifier.titles()).toEqual(['Time to resolve at 50 %: K7QM-0002']);
  });

  it('an incident that disappears from the source (deleted, no longer visible) loses its alerts', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(watch('1'));
    await scheduler.onIncidentsChanged(['1']);
    source.watches.clear();
    await scheduler.onIncidentsChanged(['1']);
    await clock.advance(10 * 60 * MIN);
    expect(notifier.shown).toHaveLength(0);
  });
});

describe('quiet by design', () => {
  it('coalesces a burst (a sync bringing 40 changes) into one digest; the centre lists all 40', async () => {
    const { clock, notifier, scheduler, opened } = setup();
    await scheduler.report(Array.from({ length: 25 }, (_, i) => activity(String(i))));
    await clock.advance(500);
    await scheduler.report(Array.from({ length: 15 }, (_, i) => activity(`e${i}`, { kind: 'escalation' })));
    await clock.advance(5_000);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.notice).toMatchObject({ title: '40 updates in Lantern', incidentId: null });
    expect(notifier.shown[0]!.notice.body).toContain('25 conflicts, 15 escalations');
    expect(scheduler.centre.list()).toHaveLength(40);
    expect(scheduler.centre.unreadCount).toBe(40);
    notifier.shown[0]!.click();
    expect(opened).toEqual([null]);
  });

  it('bursts falling due within the notice gap wait and come as one digest; a critical alert is not held back', async () => {
    const { clock, notifier, scheduler } = setup();
    await scheduler.report([activity('1')]);
    await clock.advance(DEFAULT_NOTIFICATION_SETTINGS.coalesceMs);
    expect(notifier.titles()).toEqual(['Conflicting edits: K7QM-001 Pump']);
    // Three more bursts a few seconds apart (pages of a sync or of the start-up feed): nothing interrupts yet…
    for (const burst of ['a', 'b', 'c']) {
      await scheduler.report([activity(`${burst}1`), activity(`${burst}2`)]);
      await clock.advance(3_000);
    }
    expect(notifier.shown).toHaveLength(1);
    expect(scheduler.centre.list()).toHaveLength(7);
    // …except a critical one (a P1 or major incident).
    await scheduler.report([activity('p1', { kind: 'escalation', priority: 1, major: true })]);
    await clock.advance(DEFAULT_NOTIFICATION_SETTINGS.coalesceMs);
    expect(notifier.shown).toHaveLength(2);
    // When the gap after that notice ends, the six held alerts come as one digest.
    await clock.advance(NOTICE_GAP_MS);
    expect(notifier.shown).toHaveLength(3);
    expect(notifier.shown[2]!.notice).toMatchObject({ title: '6 updates in Lantern' });
    await clock.advance(10 * NOTICE_GAP_MS);
    expect(notifier.shown).toHaveLength(3);
  });

  it('shows a few alerts one by one; clicking opens the incident and marks it read', async () => {
    const { clock, notifier, scheduler, opened } = setup();
    await scheduler.report([activity('1'), activity('2')]);
    await clock.advance(DEFAULT_NOTIFICATION_SETTINGS.coalesceMs);
    expect(notifier.titles()).toEqual(['Conflicting edits: K7QM-001 Pump', 'Conflicting edits: K7QM-002 Pump']);
    expect(notifier.shown[0]!.notice.body).toContain('Open Lantern and search for K7QM-001');
    notifier.shown[1]!.click();
    expect(opened).toEqual(['inc-2']);
    expect(scheduler.centre.unreadCount).toBe(1);
  });

  it('never notifies a person about their own actions, nor about assignments to others', async () => {
    const { clock, notifier, scheduler } = setup({ user: 'Ana Field' });
    await scheduler.report([
      activity('own', { kind: 'escalation', actor: ' ana field ' }),
      activity('mine', { kind: 'assignment', actor: 'Bob Remote', assignee: 'Ana Field' }),
      activity('self', { kind: 'assignment', actor: 'Ana Field', assignee: 'Ana Field' }),
      activity('other', { kind: 'assignment', actor: 'Bob Remote', assignee: 'Carl' }),
    ]);
    await clock.advance(10_000);
    expect(notifier.titles()).toEqual(['Assigned to you: K7QM-00mine Pump']);
    expect(scheduler.centre.list().map((e) => e.id)).toEqual(['assignment:mine']);
  });

  it('do not disturb lets only P1 and major incidents through; the rest are listed silently', async () => {
    const { clock, notifier, scheduler } = setup({ settings: { doNotDisturbUntil: T0 + 60 * MIN } });
    await scheduler.report([activity('p3'), activity('p1', { priority: 1 }), activity('major', { priority: 4, major: true })]);
    await clock.advance(10_000);
    expect(notifier.titles()).toEqual(['Conflicting edits: K7QM-00p1 Pump', 'Conflicting edits: K7QM-00major Pump']);
    expect(scheduler.centre.list().find((e) => e.id === 'conflict:p3')).toMatchObject({ silent: true, read: false });
    await clock.advanceTo(T0 + 61 * MIN);
    expect(notifier.shown).toHaveLength(2); // no catch-up burst after do not disturb ends
    await scheduler.report([activity('after')]);
    await clock.advance(10_000);
    expect(notifier.titles().at(-1)).toBe('Conflicting edits: K7QM-00after Pump');
  });

  it('pause (tray) behaves like do not disturb, and muted categories stay silent', async () => {
    const { clock, notifier, scheduler } = setup({ settings: { paused: true, muted: ['sync'] } });
    await scheduler.report([activity('a'), activity('s', { kind: 'sync', priority: 1 })]);
    await clock.advance(10_000);
    expect(notifier.shown).toHaveLength(0);
    expect(scheduler.centre.list()).toHaveLength(2);
  });

  it('reminds about stakeholder updates on major incidents every 30 minutes until one is made', async () => {
    const { clock, notifier, source, scheduler } = setup({ settings: { slaScope: 'mine' } });
    source.put(watch('9', { major: true, priority: 3, assignee: 'Someone Else' }, [change(1, 'assigned')]));
    await scheduler.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 61 * MIN);
    expect(notifier.shown.map((s) => [s.notice.title, (s.at - T0) / MIN])).toEqual([
      ['Stakeholder update due: K7QM-0009', 30],
      ['Stakeholder update due: K7QM-0009', 60],
    ]);
    source.put(watch('9', { major: true, priority: 3, assignee: 'Someone Else', lastUpdateAt: T0 + 75 * MIN }, [change(1, 'assigned')]));
    await clock.advanceTo(T0 + 75 * MIN);
    await scheduler.onIncidentsChanged(['9']);
    expect(scheduler.pending().map((a) => (a.dueAt - T0) / MIN)).toEqual([105]);
  });

  it("follows the incident's own interval: reminders on a non-major incident, none on a major one turned off", async () => {
    const { clock, notifier, source, scheduler } = setup({ settings: { slaScope: 'mine' } });
    source.put(watch('7', { major: false, priority: 3, assignee: 'Someone Else', updateEveryMinutes: 15 }, [change(1, 'assigned')]));
    source.put(watch('8', { major: true, priority: 3, assignee: 'Someone Else', updateEveryMinutes: 0 }, [change(1, 'assigned')]));
    await scheduler.onIncidentsChanged(['7', '8']);
    await clock.advanceTo(T0 + 46 * MIN);
    expect(notifier.shown.map((s) => [s.notice.title, (s.at - T0) / MIN])).toEqual([
      ['Stakeholder update due: K7QM-0007', 15],
      ['Stakeholder update due: K7QM-0007', 30],
      ['Stakeholder update due: K7QM-0007', 45],
    ]);
  });

  it('sends no reminders for major incidents when the device default is off', async () => {
    const { clock, notifier, source, scheduler } = setup({ settings: { slaScope: 'mine', majorUpdateEveryMinutes: null } });
    source.put(watch('9', { major: true, priority: 3, assignee: 'Someone Else' }, [change(1, 'assigned')]));
    await scheduler.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 3 * 60 * MIN);
    expect(notifier.shown).toEqual([]);
  });
});

describe('one timer, restart-safe', () => {
  it('holds at most one timer however many incidents are watched', async () => {
    const { clock, notifier, source, scheduler } = setup();
    const ids = Array.from({ length: 50 }, (_, i) => String(i + 1));
    ids.forEach((id, i) => source.put(watch(id, { sla: { createdAtMs: T0 + i * 7_000, changes: [] } })));
    await scheduler.onIncidentsChanged(ids);
    expect(scheduler.pending().length).toBeGreaterThanOrEqual(100);
    expect(clock.timers.size).toBe(1);
    await clock.advance(2 * 60 * MIN);
    expect(clock.maxArmed).toBe(1);
    expect(notifier.shown.length).toBeGreaterThan(0);
    expect(new Set(scheduler.centre.list().map((e) => e.id)).size).toBe(300); // 6 thresholds × 50, each once
  });

  it('a restart recovers scheduled alerts from the store: nothing lost, nothing repeated', async () => {
    const store = new MemoryStore();
    const source = new FakeSource();
    source.put(watch('1'));
    const first = setup({ store, source });
    await first.scheduler.onIncidentsChanged(['1']);
    await first.clock.advanceTo(T0 + 8 * MIN); // 50 % shown
    await first.scheduler.flush();
    expect(first.notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    // The app is killed (no stop()); it starts again at minute 12: the 75 % alert fell due while it was down.
    const clock = new FakeClock(T0 + 12 * MIN);
    const second = setup({ store, source, clock });
    await second.scheduler.start();
    await clock.advance(0);
    expect(second.notifier.titles()).toEqual(['Time to own at 75 %: K7QM-0001']);
    await second.scheduler.onIncidentsChanged(['1']); // the host re-plans everything after start
    await clock.advanceTo(T0 + 16 * MIN);
    expect(second.notifier.titles()).toEqual(['Time to own at 75 %: K7QM-0001', 'Time to own breached: K7QM-0001']);
    expect(second.scheduler.centre.list().map((e) => e.id.split(':')[3])).toEqual(['breached', 'warn75', 'warn50']);
  });

  it('re-planning after a restart with an empty schedule still shows only the latest threshold reached', async () => {
    const store = new MemoryStore();
    const source = new FakeSource();
    source.put(watch('1'));
    const clock = new FakeClock(T0 + 40 * MIN);
    const { scheduler, notifier } = setup({ store, source, clock });
    await scheduler.start();
    await scheduler.onIncidentsChanged(['1']);
    await clock.advance(0);
    expect(notifier.titles()).toEqual(['Time to own breached: K7QM-0001', 'Time to resolve at 50 %: K7QM-0001']);
  });

  it('after a sleep, shows what holds now: no stale threshold or reminder first', async () => {
    const { clock, notifier, source, scheduler } = setup({ settings: { slaScope: 'all' } });
    source.put(watch('1'));
    source.put(watch('9', { major: true, priority: 3 }, [change(1, 'assigned')]));
    await scheduler.onIncidentsChanged(['1', '9']);
    await clock.advanceTo(T0 + 8 * MIN);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    // The lid closes at minute 8 and opens at minute 125: the pending timer runs late, once.
    clock.nowMs = T0 + 125 * MIN;
    await clock.advance(0);
    await clock.advance(NOTICE_GAP_MS);
    const since = scheduler.centre.list().filter((entry) => entry.shownAt > T0 + 8 * MIN);
    expect(since.map((entry) => entry.title).sort()).toEqual([
      'Stakeholder update due: K7QM-0009',
      'Time to own breached: K7QM-0001',
      'Time to resolve at 50 %: K7QM-0009',
      'Time to resolve breached: K7QM-0001',
    ]);
    expect(since.find((entry) => entry.category === 'reminder')?.body).toMatch(/recorded 2 h 5 min ago/);
    // The next reminder is planned from the latest step, not from those missed in the sleep.
    expect(scheduler.pending().filter((a) => a.category === 'reminder').map((a) => (a.dueAt - T0) / MIN)).toEqual([150]);
  });

  it('after a sleep, shows late alerts as planned when their incidents cannot be read', async () => {
    const clock = new FakeClock();
    const notifier = new FakeNotifier(clock);
    const source = new FakeSource();
    const errors: unknown[] = [];
    const scheduler = new NotificationScheduler({
      clock, notifier, store: new MemoryStore(), incidents: source, currentUser: () => null, openIncident: () => undefined,
      settings: DEFAULT_NOTIFICATION_SETTINGS, onError: (error) => errors.push(error),
    });
    source.put(watch('1'));
    await scheduler.onIncidentsChanged(['1']);
    source.get = () => Promise.reject(new Error('watch store unavailable'));
    clock.nowMs = T0 + 10 * MIN;
    await clock.advance(0);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(errors.map(() => expect.objectContaining({ message: 'watch store unavailable' })));
  });

  it('stop() disarms the timer', async () => {
    const { clock, source, scheduler } = setup();
    source.put(watch('1'));
    await scheduler.onIncidentsChanged(['1']);
    scheduler.stop();
    expect(clock.timers.size).toBe(0);
  });
});
