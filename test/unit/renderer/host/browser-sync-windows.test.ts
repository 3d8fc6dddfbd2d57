// Browser-mode sync in two windows of one profile (one database): one run at a time, and a disconnect in one reaches the other.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, ensureDevice, getDevice } from '../../../../renderer/db';
import { readOutboxMarks } from '../../../../renderer/db/sync-outbox';
import { createBrowserSync } from '../../../../renderer/host/browser-sync';
import { freshDb } from '../db/db-test-kit';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { gateFetch } from '../../shared/sync/support/gated-fetch';
import { ManualTimers } from '../../shared/sync/support/manual-timers';
import { fakeHqFetch, fakeSyncWindow, untilStatus } from './browser-sync-kit';

/** Lets IndexedDB transactions and promise chains run (real macrotask turns; the sync's own timers are manual). */
async function settle(turns = 30): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The Web Locks API as one browser profile gives it to all its windows: exclusive locks granted in request order;
 * `ifAvailable` answers null at once while the lock is held; a request called off before its turn is refused.
 */
function sharedLocks(): Pick<LockManager, 'request'> {
  let tail: Promise<unknown> = Promise.resolve();
  let held = false;
  type Work = (lock: { name: string } | null) => unknown;
  const request = (name: string, optionsOrWork: LockOptions | Work, maybeWork?: Work) => {
    const options = typeof optionsOrWork === 'function' ? {} : optionsOrWork;
    const work = (typeof optionsOrWork === 'function' ? optionsOrWork : maybeWork)!;
    if (options.ifAvailable && held) return Promise.resolve(work(null));
    const run = tail.then(async () => {
      if (options.signal?.aborted) throw new DOMException('The request was aborted', 'AbortError');
      held = true;
      try {
        return await work({ name });
      } finally {
        held = false;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return { request } as Pick<LockManager, 'request'>;
}

/** `channel`: the windows have BroadcastChannel (Node's, shared by every instance in this process, as a browser's). */
async function twoWindows({ channel = false }: { channel?: boolean } = {}) {
  const db = freshDb('browser-sync-windows');
  await ensureDevice(db);
  const timers = new ManualTimers();
  const hq = new FakeHq({ now: timers.now });
  const { fetch, gate } = gateFetch(fakeHqFetch(hq));
  const locks = sharedLocks();
  const open = () => {
    const { win } = fakeSyncWindow(timers);
    Object.assign(win.navigator, { locks });
    if (channel) Object.assign(win, { BroadcastChannel });
    return createBrowserSync({ db, win, fetch, now: timers.now, intervalMs: 60_000 });
  };
  const first = open();
  expect((await first.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' })).ok).toBe(true);
  await untilStatus(first, (s) => s.state === 'up-to-date');
  // The second window opens on the stored connection and syncs once.
  const second = open();
  await untilStatus(second, (s) => s.state === 'up-to-date' && s.lastSuccessAt !== null);
  const incidents = createIncidentRepository(db);
  return { db, hq, gate, first, second, incidents, open, deviceId: (await getDevice(db))!.deviceId };
}

describe('browser sync across two windows of one profile', () => {
  it('runs one sync at a time: the second window waits for the first push to be answered', async () => {
    const { gate, first, second, incidents, hq } = await twoWindows();
    expect((await incidents.record({ title: 'Pump 3 leaking' })).ok).toBe(true);
    gate.held = true;
    const maxBefore = gate.maxInFlight;
    await first.syncNow();
    await vi.waitFor(() => expect(gate.inFlight).toBe(1), { timeout: 4_000, interval: 5 });
    await second.syncNow();
    await settle();
    expect(gate.inFlight, 'the second window talked to HQ while the first window’s push was on its way').toBe(1);
    gate.release();
    await untilStatus(first, (s) => s.state === 'up-to-date');
    await untilStatus(second, (s) => s.state === 'up-to-date');
    expect(Math.max(maxBefore, gate.maxInFlight)).toBe(1);
    expect([...hq.incidents.values()].map((state) => state.fields.title)).toContain('Pump 3 leaking');
  });

  it('a window whose sync is blocked (device revoked) follows a reconnect made in another window at once', async () => {
    const { hq, first, second, deviceId } = await twoWindows({ channel: true });
    hq.revoke(deviceId);
    await first.syncNow();
    await second.syncNow();
    await untilStatus(first, (s) => s.state === 'failing' && s.lastError?.kind === 'revoked');
    await untilStatus(second, (s) => s.state === 'failing' && s.lastError?.kind === 'revoked');
    // A blocked sync starts no run by itself; only the other window's word can bring it back.
    expect((await second.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'ZZ9P-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' })).ok).toBe(true);
    await untilStatus(second, (s) => s.state === 'up-to-date');
    await untilStatus(first, (s) => s.state === 'up-to-date');
  });

  it('a window opening while another window\'s push is on its way leaves that batch marked "sent", without waiting for it', async () => {
    const { db, gate, first, incidents, open } = await twoWindows();
    expect((await incidents.record({ title: 'Generator fuel low' })).ok).toBe(true);
    gate.held = true;
    await first.syncNow();
    await vi.waitFor(async () => expect((await readOutboxMarks(db)).sentThrough).toBeGreaterThan(0), { timeout: 4_000, interval: 5 });
    const marked = (await readOutboxMarks(db)).sentThrough;
    const third = open();
    // Its panel answers while the push is still held (it does not queue behind that run for the lock).
    expect((await third.getConnection())?.deviceName).toBe('Laptop 7');
    expect((await readOutboxMarks(db)).sentThrough).toBe(marked);
    gate.release();
    await untilStatus(first, (s) => s.state === 'up-to-date');
  });

  it('a disconnect in one window stops the other at its next run, which sends nothing with the old token', async () => {
    const { gate, first, second, incidents } = await twoWindows();
    await first.disconnect();
    expect((await incidents.record({ title: 'Door alarm' })).ok).toBe(true);
    const before = gate.syncRequests;
    await second.syncNow();
    await vi.waitFor(async () => expect(await second.getConnection()).toBeNull(), { timeout: 4_000, interval: 5 });
    await settle();
    expect(gate.syncRequests).toBe(before);
    expect((await second.getStatus()).state).toBe((await first.getStatus()).state);
  });
});
