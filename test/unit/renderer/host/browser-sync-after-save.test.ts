// Browser-mode sync after a local save: the saved incident reaches HQ a few seconds later, without Sync now; once per burst.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import { createBrowserSync } from '../../../../renderer/host/browser-sync';
import { watchLocalSaves } from '../../../../renderer/host/local-saves';
import { freshDb } from '../db/db-test-kit';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { gateFetch } from '../../shared/sync/support/gated-fetch';
import { ManualTimers } from '../../shared/sync/support/manual-timers';
import { fakeHqFetch, fakeSyncWindow, untilStatus } from './browser-sync-kit';

const DELAY = 3_000;

/** Lets IndexedDB transactions, the live query and promise chains run (the sync's own timers are manual). */
async function settle(turns = 30): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function connected() {
  const db = freshDb('browser-sync-after-save');
  await ensureDevice(db);
  const timers = new ManualTimers();
  const hq = new FakeHq({ now: timers.now });
  const { fetch, gate } = gateFetch(fakeHqFetch(hq));
  const { win } = fakeSyncWindow(timers);
  const sync = createBrowserSync({ db, win, fetch, now: timers.now, intervalMs: 10 * 60_000, changeDelayMs: DELAY });
  expect((await sync.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' })).ok).toBe(true);
  await untilStatus(sync, (s) => s.state === 'up-to-date');
  const incidents = createIncidentRepository(db);
  const record = async (title: string) => {
    const made = await incidents.record({ title });
    if (!made.ok) throw new Error(made.error.message);
  };
  return { db, hq, gate, sync, timers, record };
}

describe('browser sync after a local save', () => {
  it('sends a recorded incident a few seconds after the save, once for a burst of saves', async () => {
    const { hq, gate, sync, timers, record } = await connected();
    const before = gate.syncRequests;
    await record('Chiller 2 tripped');
    await record('Fire door 4 wedged open');
    await settle();
    // Not yet: the saves may go on.
    expect(gate.syncRequests).toBe(before);
    expect((await sync.getStatus()).state).not.toBe('up-to-date');
    timers.advance(DELAY);
    await untilStatus(sync, (s) => s.state === 'up-to-date');
    expect(hq.incidents.size).toBe(2);
    const after = gate.syncRequests;
    // One run (push and pull) for both saves; nothing more until the interval.
    timers.advance(DELAY * 10);
    await settle();
    expect(gate.syncRequests).toBe(after);
  });
});

describe('watchLocalSaves', () => {
  it('reports each save, not the state found at start nor writes that are no save', async () => {
    const db = freshDb('local-saves');
    await ensureDevice(db);
    const incidents = createIncidentRepository(db);
    await incidents.record({ title: 'Before watching' });
    const onSave = vi.fn();
    const stop = watchLocalSaves(db, onSave);
    await settle();
    expect(onSave).not.toHaveBeenCalled();
    await incidents.record({ title: 'Pump 3 leaking' });
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1), { timeout: 4_000, interval: 5 });
    // A write that adds no operation (the sync storing its marks) is no save.
    await db.meta.put({ key: 'outboxMarks', value: { acknowledgedThrough: 2, sentThrough: 2 } });
    await settle();
    expect(onSave).toHaveBeenCalledTimes(1);
    stop();
    await incidents.record({ title: 'After stopping' });
    await settle();
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});
