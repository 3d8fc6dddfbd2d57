// SyncScheduler after local saves: one run a few seconds after the last save, bursts coalesce, backoff and offline respected.
import { describe, expect, it } from 'vitest';
import { SyncError, SyncScheduler, type SyncReport } from '../../../../../shared/sync/engine';
import { ManualTimers } from '../support/manual-timers';
import { okReport } from '../support/sync-report';

const OK = okReport();

const INTERVAL = 5 * 60_000;
const DELAY = 3_000;

/** A scheduler whose runs the test finishes by hand; `calls` counts runs as they start. */
function setup() {
  const timers = new ManualTimers();
  const waiting: ((outcome: SyncReport | Error) => void)[] = [];
  let runs = 0;
  const scheduler = new SyncScheduler({
    run: () => {
      runs += 1;
      return new Promise<SyncReport | Error>((resolve) => waiting.push(resolve)).then((o) => (o instanceof Error ? Promise.reject(o) : o));
    },
    timers: timers.api,
    now: timers.now,
    random: () => 0.5,
    intervalMs: INTERVAL,
    backoff: { baseMs: 20_000, maxMs: 600_000 },
    changeDelayMs: DELAY,
    changeMaxDelayMs: 30_000,
  });
  const finish = async (outcome: SyncReport | Error = OK) => {
    const resolve = waiting.shift();
    if (!resolve) throw new Error('no run in progress');
    resolve(outcome);
    await new Promise((done) => setImmediate(done));
  };
  /** Started, first run finished: up to date, the next interval run 5 minutes away. */
  const settled = async () => {
    scheduler.start();
    await finish();
    expect(scheduler.getStatus().state).toBe('up-to-date');
  };
  return { timers, scheduler, finish, settled, runs: () => runs };
}

describe('SyncScheduler after local saves', () => {
  it('sends a saved change once, a few seconds after the save, and stops claiming up to date at once', async () => {
    const { scheduler, timers, finish, settled, runs } = setup();
    await settled();
    scheduler.noteLocalChange();
    expect(scheduler.getStatus().state).toBe('idle');
    timers.advance(DELAY - 1);
    expect(runs()).toBe(1);
    timers.advance(1);
    expect(runs()).toBe(2);
    await finish();
    expect(scheduler.getStatus().state).toBe('up-to-date');
    // Nothing more until the interval: one save, one run.
    timers.advance(INTERVAL - 1);
    expect(runs()).toBe(2);
  });

  it('coalesces a burst of saves into one run after the last of them', async () => {
    const { scheduler, timers, settled, runs } = setup();
    await settled();
    for (let i = 0; i < 10; i += 1) {
      scheduler.noteLocalChange();
      timers.advance(1_000);
    }
    expect(runs()).toBe(1);
    timers.advance(DELAY - 1_000);
    expect(runs()).toBe(2);
    timers.advance(DELAY * 10);
    expect(runs()).toBe(2);
  });

  it('does not hold changes back for ever while saves keep coming', async () => {
    const { scheduler, timers, settled, runs } = setup();
    await settled();
    // A save every 2 s (each inside the 3 s pause): the first one is sent at the latest 30 s after it was saved.
    for (let i = 0; i < 15; i += 1) {
      scheduler.noteLocalChange();
      timers.advance(2_000);
    }
    expect(runs()).toBe(2);
  });

  it('runs once more after a run in progress, never two at a time', async () => {
    const { scheduler, timers, finish, settled, runs } = setup();
    await settled();
    scheduler.request('demand');
    expect(runs()).toBe(2);
    // Saved while that run travels: it may have read the outbox before, so one more run follows.
    scheduler.noteLocalChange();
    scheduler.noteLocalChange();
    timers.advance(DELAY);
    expect(runs()).toBe(2);
    await finish();
    expect(runs()).toBe(3);
    await finish();
    timers.advance(DELAY * 5);
    expect(runs()).toBe(3);
  });

  it('a run that starts after the save covers it: no second run (a person pressing Sync now right after saving)', async () => {
    const { scheduler, timers, finish, settled, runs } = setup();
    await settled();
    scheduler.noteLocalChange();
    scheduler.request('demand');
    expect(runs()).toBe(2);
    await finish();
    timers.advance(DELAY * 5);
    expect(runs()).toBe(2);
    expect(scheduler.getStatus().state).toBe('up-to-date');
  });

  it('respects the backoff after a failure: saves do not hit a failing HQ, the planned retry sends them', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish(new SyncError('server-error'));
    expect(timers.delays()).toEqual([10_000]); // 0.5 × 20 s
    for (let i = 0; i < 5; i += 1) {
      scheduler.noteLocalChange();
      timers.advance(DELAY + 1);
    }
    // 5 saves over 20 s: only the retry at 10 s ran.
    expect(runs()).toBe(2);
    await finish(new SyncError('server-error'));
    scheduler.noteLocalChange();
    timers.advance(DELAY);
    expect(runs()).toBe(2);
    expect(scheduler.getStatus().state).toBe('failing');
  });

  it('does nothing while offline, and sends on reconnect', async () => {
    const { scheduler, timers, settled, runs } = setup();
    await settled();
    scheduler.setOnline(false);
    scheduler.noteLocalChange();
    timers.advance(DELAY * 10);
    expect(runs()).toBe(1);
    scheduler.setOnline(true);
    expect(runs()).toBe(2);
  });

  it('waits for a person after HQ cut the device off', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish(new SyncError('revoked'));
    scheduler.noteLocalChange();
    timers.advance(DELAY * 10);
    expect(runs()).toBe(1);
  });

  it('ignores saves before start and after stop', async () => {
    const { scheduler, timers, settled, runs } = setup();
    scheduler.noteLocalChange();
    expect(timers.delays()).toEqual([]);
    await settled();
    scheduler.noteLocalChange();
    scheduler.stop();
    expect(timers.delays()).toEqual([]);
    timers.advance(DELAY * 10);
    expect(runs()).toBe(1);
  });
});
