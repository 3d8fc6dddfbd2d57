// SyncScheduler: triggers, one run at a time with exactly one follow-up, backoff, blocked states, status model.
import { describe, expect, it } from 'vitest';
import { SyncError, SyncScheduler, type SyncProgress, type SyncReport, type SyncStatus } from '../../../../../shared/sync/engine';
import { ManualTimers } from '../support/manual-timers';
import { okReport } from '../support/sync-report';

const OK = okReport({ clockSkew: { ms: 400_000, large: true } });

type Outcome = SyncReport | Error;

/** A scheduler whose runs the test finishes by hand (`finish`), or that finish at once with queued outcomes. */
function setup(options: { intervalMs?: number } = {}) {
  const timers = new ManualTimers();
  const waiting: { resolve: (o: Outcome) => void; onProgress: (p: SyncProgress) => void }[] = [];
  let runs = 0;
  const scheduler = new SyncScheduler({
    run: (onProgress) => {
      runs += 1;
      return new Promise<Outcome>((resolve) => waiting.push({ resolve, onProgress })).then((o) => (o instanceof Error ? Promise.reject(o) : o));
    },
    timers: timers.api,
    now: timers.now,
    random: () => 0.5,
    intervalMs: options.intervalMs ?? 60_000,
    backoff: { baseMs: 2_000, maxMs: 60_000 },
  });
  const statuses: SyncStatus[] = [];
  scheduler.subscribe((s) => statuses.push(s));
  const finish = async (outcome: Outcome = OK) => {
    const run = waiting.shift();
    if (!run) throw new Error('no run in progress');
    run.resolve(outcome);
    // Let the run settle and any follow-up start (real macrotask; the scheduler's own timers are manual).
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { timers, scheduler, statuses, finish, runs: () => runs, progress: (p: SyncProgress) => waiting[0]!.onProgress(p) };
}

describe('SyncScheduler', () => {
  it('syncs at start, shows syncing with progress, then up to date, and plans the next interval', async () => {
    const { scheduler, timers, finish, progress, runs } = setup();
    scheduler.start();
    expect(runs()).toBe(1);
    expect(scheduler.getStatus().state).toBe('syncing');
    progress({ phase: 'push', done: 3, total: 10 });
    expect(scheduler.getStatus().progress).toEqual({ phase: 'push', done: 3, total: 10 });
    await finish();
    expect(scheduler.getStatus()).toMatchObject({ state: 'up-to-date', lastSuccessAt: timers.nowMs, lastError: null, progress: null, pending: 0, clockSkew: { large: true }, nextAttemptAt: timers.nowMs + 60_000 });
    timers.advance(59_999);
    expect(runs()).toBe(1);
    timers.advance(1);
    expect(runs()).toBe(2);
  });

  it("keeps HQ's reason while changes wait, and drops it once nothing waits", async () => {
    const { scheduler, finish } = setup();
    scheduler.start();
    const why = 'Written by a newer Lantern than HQ runs; it is kept on the device until HQ is updated.';
    await finish({ ...OK, pendingAfter: 2, waitingReason: why });
    expect(scheduler.getStatus()).toMatchObject({ state: 'idle', pending: 2, waitingReason: why });
    scheduler.request('demand');
    await finish(OK);
    expect(scheduler.getStatus()).toMatchObject({ state: 'up-to-date', pending: 0, waitingReason: null });
  });

  it('runs one sync at a time: any number of requests during a run give exactly one follow-up', async () => {
    const { scheduler, finish, runs } = setup();
    scheduler.start();
    scheduler.request('demand');
    scheduler.request('resume');
    scheduler.request('interval');
    expect(runs()).toBe(1);
    await finish();
    expect(runs()).toBe(2);
    await finish();
    expect(runs()).toBe(2);
  });

  it('backs off with jitter after failures and shows offline or failing in plain words', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish(new SyncError('offline'));
    expect(scheduler.getStatus()).toMatchObject({ state: 'offline', lastError: { kind: 'offline', message: expect.stringMatching(/cannot be reached/) } });
    expect(timers.delays()).toEqual([1_000]); // 0.5 × 2 s
    timers.advance(1_000);
    expect(runs()).toBe(2);
    await finish(new SyncError('server-error'));
    expect(scheduler.getStatus().state).toBe('failing');
    expect(timers.delays()).toEqual([2_000]); // 0.5 × 4 s
    timers.advance(2_000);
    await finish();
    expect(scheduler.getStatus().state).toBe('up-to-date');
    expect(timers.delays()).toEqual([60_000]); // back to the interval
    // A success forgets the earlier failures: the next blip waits the first step again, not a third one.
    timers.advance(60_000);
    await finish(new SyncError('offline'));
    expect(timers.delays()).toEqual([1_000]);
  });

  it('waits at least as long as HQ asked when rate-limited', async () => {
    const { scheduler, timers, finish } = setup();
    scheduler.start();
    await finish(new SyncError('rate-limited', undefined, { retryAfterMs: 45_000 }));
    expect(timers.delays()).toEqual([45_000]);
  });

  it.each(['revoked', 'unauthorized', 'client-newer', 'client-outdated'] as const)('after %s, waits for a person instead of retrying', async (kind) => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish(new SyncError(kind));
    expect(scheduler.getStatus()).toMatchObject({ state: 'failing', lastError: { kind }, nextAttemptAt: null });
    expect(timers.delays()).toEqual([]);
    scheduler.request('interval');
    scheduler.setOnline(false);
    scheduler.setOnline(true);
    expect(runs()).toBe(1);
    scheduler.request('demand');
    expect(runs()).toBe(2);
  });

  it('does not sync while the host says offline, and syncs at once on reconnect', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish();
    scheduler.setOnline(false);
    expect(scheduler.getStatus().state).toBe('offline');
    timers.advance(60_000);
    expect(runs()).toBe(1);
    scheduler.setOnline(true);
    expect(runs()).toBe(2);
  });

  it('a person’s request runs at once even during backoff, and resets it', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    await finish(new SyncError('server-error'));
    await (async () => {
      scheduler.request('demand');
      expect(runs()).toBe(2);
      await finish(new SyncError('server-error'));
    })();
    expect(timers.delays()).toEqual([1_000]); // first-failure delay again
  });

  it('does not let an automatic follow-up skip the backoff after a failed run', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.start();
    scheduler.request('interval');
    await finish(new SyncError('offline'));
    expect(runs()).toBe(1);
    expect(timers.delays()).toEqual([1_000]);
  });

  it('reports a failure of the local store as local-storage, with a message', async () => {
    const { scheduler, finish } = setup();
    scheduler.start();
    await finish(new Error('QuotaExceededError'));
    expect(scheduler.getStatus().lastError).toEqual({ kind: 'local-storage', message: expect.stringMatching(/disk space/) });
  });

  it('continues at once when a run stopped at its page budget', async () => {
    const { scheduler, statuses, finish, runs } = setup();
    scheduler.start();
    await finish({ ...OK, pulled: { ops: 1000, pages: 2, complete: false } });
    expect(statuses.map((s) => s.state)).toContain('idle'); // not "up to date": more is waiting
    expect(runs()).toBe(2);
    expect(scheduler.getStatus().state).toBe('syncing');
  });

  it('marks when it caught up: the start of the last run that pulled everything, not of one stopped at its page budget', async () => {
    const { scheduler, timers, finish } = setup();
    scheduler.start();
    const firstStart = timers.nowMs;
    timers.advance(5_000);
    await finish();
    expect(scheduler.getStatus().caughtUpFrom).toBe(firstStart);
    // A later run that stops at its budget succeeds (lastSuccessAt moves) but has not caught up.
    timers.advance(60_000);
    const secondStart = timers.nowMs;
    timers.advance(5_000);
    await finish({ ...OK, pulled: { ops: 1000, pages: 2, complete: false } });
    expect(scheduler.getStatus().lastSuccessAt).toBe(secondStart + 5_000);
    expect(scheduler.getStatus().caughtUpFrom).toBe(firstStart);
    // Its follow-up pulls the rest: caught up from when that run started.
    const thirdStart = timers.nowMs;
    timers.advance(1_000);
    await finish();
    expect(scheduler.getStatus().caughtUpFrom).toBe(thirdStart);
  });

  it('shows idle (not up to date) while operations wait at HQ’s request', async () => {
    const { scheduler, finish } = setup();
    scheduler.start();
    await finish({ ...OK, pendingAfter: 2 });
    expect(scheduler.getStatus()).toMatchObject({ state: 'idle', pending: 2 });
  });

  it('stops: no timer, no new run; a broken listener does not stop it either', async () => {
    const { scheduler, timers, finish, runs } = setup();
    scheduler.subscribe(() => {
      throw new Error('window closed');
    });
    scheduler.start();
    await finish();
    scheduler.stop();
    expect(timers.delays()).toEqual([]);
    scheduler.request('demand');
    timers.advance(10 * 60_000);
    expect(runs()).toBe(1);
  });
});
