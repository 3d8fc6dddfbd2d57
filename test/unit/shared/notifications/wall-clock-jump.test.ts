// The scheduler's timer runs on awake (monotonic) time while alerts are due by the wall clock: a forward jump is caught.
import { expect, it } from 'vitest';
import { NotificationScheduler } from '../../../../shared/notifications/scheduler';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/notifications/settings';
import type { SchedulerClock } from '../../../../shared/notifications/types';
import { FakeNotifier, FakeSource, MemoryStore, MIN, settle, T0, watch } from './fakes';

/**
 * Node's setTimeout counts awake, monotonic time: a clock corrected forward by NTP (or, on some platforms, a sleep)
 * moves Date.now() but not the timers. This clock keeps the two apart.
 */
class WallAndTimerClock implements SchedulerClock {
  wallMs = T0;
  private monoMs = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.wallMs;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.monoMs + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Awake time passes: both clocks move, and timers run at their moments. */
  async run(ms: number): Promise<void> {
    const target = this.monoMs + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.wallMs += next[1].at - this.monoMs;
      this.monoMs = next[1].at;
      next[1].callback();
    }
    this.wallMs += target - this.monoMs;
    this.monoMs = target;
    await settle();
  }
}

it('a wall clock corrected forward past a P1 breach shows the breach within a minute, not after the old delay', async () => {
  const clock = new WallAndTimerClock();
  const notifier = new FakeNotifier(clock);
  const source = new FakeSource();
  const scheduler = new NotificationScheduler({
    clock,
    notifier,
    store: new MemoryStore(),
    incidents: source,
    currentUser: () => 'Ana Field',
    openIncident: () => undefined,
    settings: { ...DEFAULT_NOTIFICATION_SETTINGS, slaScope: 'all' },
    onError: (error) => {
      throw error;
    },
  });
  source.put(watch('1'));
  await scheduler.onIncidentsChanged(['1']);
  await clock.run(1 * MIN);
  expect(notifier.titles()).toEqual([]);
  // The clock is corrected 2 h forward: both P1 targets (own 15 min, resolve 1 h) now lie in the past.
  clock.wallMs += 120 * MIN;
  await clock.run(1 * MIN);
  expect(notifier.titles().join(' | ')).toMatch(/Time to own breached: K7QM-0001/);
  expect(notifier.titles().join(' | ')).toMatch(/Time to resolve breached: K7QM-0001/);
  scheduler.stop();
});
