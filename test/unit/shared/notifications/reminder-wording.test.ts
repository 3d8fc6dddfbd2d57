// Stakeholder-update reminders state the real silence as of when they are shown; OS bodies say where to find the incident, the centre's do not.
import { describe, expect, it } from 'vitest';
import { digestNotice } from '../../../../shared/notifications/digest';
import { fileSchedulerStore, type TextPersistence } from '../../../../shared/notifications/file-store';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import type { IncidentWatch, SchedulerStore } from '../../../../shared/notifications/types';
import { inAppBody } from '../../../../shared/notifications/wording';
import { planIncident } from '../../../../shared/notifications/planner';
import { FakeClock, FakeNotifier, FakeSource, MemoryStore, MIN, reminderScheduler, T0, watch } from './fakes';

function setup(store: SchedulerStore = new MemoryStore(), clock = new FakeClock()) {
  const notifier = new FakeNotifier(clock);
  const source = new FakeSource();
  const scheduler = reminderScheduler(store, clock, source, notifier);
  return { clock, notifier, source, scheduler };
}

/** A major incident (30 min default interval) owned by someone else, titled "Chiller down". */
const major = (overrides: Partial<IncidentWatch> = {}) => watch('9', { major: true, priority: 3, assignee: 'Someone Else', title: 'Chiller down', ...overrides });

/** The computer sleeps: time jumps, then the overdue timer fires at once on wake-up. */
async function sleepUntil(clock: FakeClock, at: number) {
  clock.nowMs = at;
  await clock.advance(0);
}

function memory(): TextPersistence {
  let text: string | null = null;
  return {
    read: async () => text,
    write: async (contents) => {
      text = contents;
    },
  };
}

describe('stakeholder-update reminder wording', () => {
  it('states the time since the last update, not the interval, each time it reminds', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(major({ lastUpdateAt: T0 + 5 * MIN }));
    await scheduler.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 66 * MIN);
    expect(notifier.shown.map((s) => [(s.at - T0) / MIN, s.notice.body])).toEqual([
      [35, 'No update to stakeholders on the major incident "Chiller down" for 30 min. Open Lantern and search for K7QM-0009.'],
      [65, 'No update to stakeholders on the major incident "Chiller down" for 1 h. Open Lantern and search for K7QM-0009.'],
    ]);
  });

  it('says so when there was no update at all, counting from when the incident was recorded', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(major());
    await scheduler.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 30 * MIN);
    expect(notifier.shown.map((s) => s.notice.body)).toEqual([
      'No update to stakeholders on the major incident "Chiller down" yet; it was recorded 30 min ago. Open Lantern and search for K7QM-0009.',
    ]);
  });

  it('shown late (the computer slept through its due time), it states the silence up to the moment it is shown', async () => {
    const { clock, notifier, source, scheduler } = setup();
    source.put(major({ lastUpdateAt: T0 }));
    await scheduler.onIncidentsChanged(['9']);
    await clock.advanceTo(T0 + 20 * MIN);
    await sleepUntil(clock, T0 + 67 * MIN);
    const first = notifier.shown[0]!;
    expect((first.at - T0) / MIN).toBe(67);
    expect(first.notice.body).toBe('No update to stakeholders on the major incident "Chiller down" for 1 h 7 min. Open Lantern and search for K7QM-0009.');
    // The centre lists what was shown.
    expect(scheduler.centre.list().find((entry) => entry.title === first.notice.title)?.body).toBe(first.notice.body);
  });

  it('after a restart, a reminder planned before it states the silence up to when it is finally shown', async () => {
    const store = fileSchedulerStore(memory());
    const before = setup(store);
    before.source.put(major({ lastUpdateAt: T0 }));
    await before.scheduler.onIncidentsChanged(['9']);
    await before.scheduler.flush();
    before.scheduler.stop();

    // Lantern starts again 1 h 7 min after the update; the stored reminder (due at 30 min) fires at once.
    const after = setup(store, new FakeClock(T0 + 67 * MIN));
    await after.scheduler.start();
    await after.clock.advance(0);
    expect(after.notifier.shown[0]!.notice.body).toContain('for 1 h 7 min.');
  });
});

describe('in-app wording of a notification body', () => {
  it('drops "Open Lantern and search for …" (the reader is in Lantern; the entry opens the incident)', () => {
    expect(inAppBody('P1 – Critical · Chiller down. Open Lantern and search for NQJS-0001.')).toBe('P1 – Critical · Chiller down.');
    expect(inAppBody('Escalated to the duty manager. Open Lantern and search for K7QM-0042.')).toBe('Escalated to the duty manager.');
  });

  it('turns "Open Lantern → Settings" into "Go to Settings" and leaves other text alone', () => {
    expect(inAppBody('This device was removed by HQ. Open Lantern → Settings → Sync.')).toBe('This device was removed by HQ. Go to Settings → Sync.');
    expect(inAppBody('Two people changed the same field; the other value was kept.')).toBe('Two people changed the same field; the other value was kept.');
  });
});

describe('where an OS notice sends the person', () => {
  it('a digest names the top-bar button as it reads ("Notifications"), not a bell the app does not show', () => {
    const alerts = planIncident(watch('1'), T0 + 16 * MIN, new Set(), DEFAULT_NOTIFICATION_SETTINGS, null);
    expect(digestNotice(alerts).body).toMatch(/\. Open Lantern and choose Notifications at the top to see them all\.$/);
    expect(digestNotice(alerts).body).not.toMatch(/bell/);
  });
});
