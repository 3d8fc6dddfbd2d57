// The scheduler's saves with many incidents: batched, only what changed, at once where losing it would re-notify or drop news.
import { describe, expect, it } from 'vitest';
import { NotificationScheduler, SAVE_DELAY_MS } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import { FakeClock, FakeNotifier, FakeSource, MemoryStore, MIN, T0, watch } from './fakes';

function setup(store = new MemoryStore(), clock = new FakeClock(), source = new FakeSource()) {
  const notifier = new FakeNotifier(clock);
  const scheduler = new NotificationScheduler({
    clock,
    notifier,
    store,
    incidents: source,
    currentUser: () => 'Ana Field',
    openIncident: () => undefined,
    settings: DEFAULT_NOTIFICATION_SETTINGS,
    onError: (error) => {
      throw error;
    },
  });
  return { clock, notifier, store, source, scheduler };
}

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => String(from + i + 1));

describe('scheduler saves', () => {
  it('a start-up feed in many pages is saved once per batch, with the one timer', async () => {
    const { clock, store, source, scheduler } = setup();
    const all = ids(1000);
    all.forEach((id) => source.put(watch(id)));
    for (let page = 0; page < 10; page++) await scheduler.onIncidentsChanged(all.slice(page * 100, page * 100 + 100));
    expect(store.saves).toBe(0);
    expect(clock.timers.size).toBe(1);
    await clock.advance(SAVE_DELAY_MS);
    expect(store.saves).toBe(1);
    expect(store.changes[0]!.scheduled).toHaveLength(scheduler.pending().length);
    expect(clock.maxArmed).toBe(1);
  });

  it('re-planning unchanged incidents saves nothing; one changed incident saves only its alerts, not all pending', async () => {
    const { clock, store, source, scheduler } = setup();
    const all = ids(1000);
    all.forEach((id) => source.put(watch(id)));
    await scheduler.onIncidentsChanged(all);
    await scheduler.flush();
    const saves = store.saves;
    expect(scheduler.pending().length).toBeGreaterThanOrEqual(2000);

    await scheduler.onIncidentsChanged(all); // the feeder's resend: same watches
    await clock.advance(SAVE_DELAY_MS);
    expect(store.saves).toBe(saves);

    source.put(watch('7', { priority: 2 })); // new targets: its alerts move
    await scheduler.onIncidentsChanged(['7']);
    await clock.advance(SAVE_DELAY_MS);
    expect(store.saves).toBe(saves + 1);
    const last = store.changes.at(-1)!;
    expect(last.scheduled.length + last.unscheduled.length).toBeLessThanOrEqual(8);
    expect(last.scheduled.every((alert) => alert.incidentId === '7')).toBe(true);
    expect(last.shownKeys).toEqual([]);
    expect(last.centreAdded).toEqual([]);
  });

  it('a shown mark is handed to the store before the notice appears, not after the batch delay', async () => {
    const { clock, notifier, store, source, scheduler } = setup();
    source.put(watch('1'));
    await scheduler.onIncidentsChanged(['1']);
    const savesAtShow: number[] = [];
    const show = notifier.show.bind(notifier);
    notifier.show = (notice) => {
      // The save was queued synchronously before show(); it lands in the same task.
      savesAtShow.push(store.changes.length);
      return show(notice);
    };
    await clock.advanceTo(T0 + 7.5 * MIN);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    await Promise.resolve();
    expect(store.changes.at(-1)!.shownKeys).toEqual(['sla:1:response:warn50:900000']);
    // Killed right after: the next start neither repeats the alert nor loses the later ones.
    const again = setup(store, new FakeClock(T0 + 8 * MIN), source);
    await again.scheduler.start();
    await again.scheduler.onIncidentsChanged(['1']);
    await again.clock.advance(0);
    expect(again.notifier.titles()).toEqual([]);
    expect(again.scheduler.pending().map((a) => a.key.split(':')[3])).toContain('warn75');
  });

  it('reported activities are saved at once: a crash inside the coalescing window loses none', async () => {
    const { store, scheduler } = setup();
    await scheduler.report([{ id: 'c1', kind: 'conflict', incidentId: 'inc-1', incidentLabel: 'K7QM-0001 Pump', actor: null, text: 'Two people changed Title.', priority: 3, major: false }]);
    await Promise.resolve();
    expect(store.changes.at(-1)!.scheduled.map((a) => a.key)).toEqual(['conflict:c1']);
  });

  it('fires only when something is due: with nothing pending and nothing to save, no timer', async () => {
    const { clock, source, scheduler } = setup();
    source.put(watch('1', { status: 'resolved' }));
    await scheduler.start();
    await scheduler.onIncidentsChanged(['1']);
    expect(clock.timers.size).toBe(0);
  });
});
