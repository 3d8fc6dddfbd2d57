// Browser-mode sync: one run at a time across reconnect, disconnect, repeated "Sync now" and scheduler ticks.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { createBrowserSync } from '../../../../renderer/host/browser-sync';
import type { HostSync } from '../../../../renderer/host/host';
import { freshDb } from '../db/db-test-kit';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { gateFetch, type Gate } from '../../shared/sync/support/gated-fetch';
import { ManualTimers } from '../../shared/sync/support/manual-timers';
import { fakeHqFetch, fakeSyncWindow, untilStatus } from './browser-sync-kit';

const INTERVAL_MS = 60_000;

/** Lets IndexedDB transactions and promise chains run (real macrotask turns; the sync's own timers are manual). */
async function settle(turns = 30): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}


interface Setup {
  db: LanternDb;
  hq: FakeHq;
  gate: Gate;
  sync: HostSync;
  timers: ManualTimers;
  events: EventTarget;
  document: EventTarget;
  record(title: string): Promise<void>;
}

/** Connected, first sync done, nothing held yet. */
async function connected(): Promise<Setup> {
  const db = freshDb('browser-sync-runs');
  await ensureDevice(db);
  const timers = new ManualTimers();
  const hq = new FakeHq({ now: timers.now });
  const { fetch, gate } = gateFetch(fakeHqFetch(hq));
  const { win, events, document } = fakeSyncWindow(timers);
  const sync = createBrowserSync({ db, win, fetch, now: timers.now, intervalMs: INTERVAL_MS });
  const result = await sync.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' });
  expect(result.ok).toBe(true);
  await untilStatus(sync, (s) => s.state === 'up-to-date');
  const incidents = createIncidentRepository(db);
  const record = async (title: string) => {
    const made = await incidents.record({ title });
    if (!made.ok) throw new Error(made.error.message);
  };
  return { db, hq, gate, sync, timers, events, document, record };
}

/** Connected, then a sync whose push waits at HQ's door. */
async function syncingWithPushHeld(): Promise<Setup> {
  const setup = await connected();
  await setup.record('Pump 3 leaking');
  setup.gate.held = true;
  await setup.sync.syncNow();
  await vi.waitFor(() => expect(setup.gate.inFlight).toBe(1), { timeout: 4_000, interval: 5 });
  return setup;
}

describe('browser sync: one sync run at a time across reconnect and disconnect', () => {
  it('connecting again while a sync runs calls that run off and starts no second, overlapping sync', async () => {
    const { gate, sync, hq } = await syncingWithPushHeld();
    const before = gate.syncRequests;

    const result = await sync.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'ZZ9P-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' });
    expect(result.ok).toBe(true);
    // The new connection's first run reaches HQ's door (with or without the old one still waiting there).
    await vi.waitFor(() => expect(gate.syncRequests).toBeGreaterThan(before), { timeout: 4_000, interval: 5 });
    await settle();
    const overlapWhileHeld = gate.inFlight;
    gate.release();
    await untilStatus(sync, (s) => s.state === 'up-to-date');

    expect(overlapWhileHeld, 'a second sync run started while the first was still waiting for HQ').toBeLessThanOrEqual(1);
    expect(gate.maxInFlight, 'two sync runs talked to HQ at the same time').toBe(1);
    expect(gate.aborted, 'the old run’s request was not aborted').toBe(1);
    // The new connection's run sent what the old one could not.
    expect(hq.incidents.size).toBe(1);
  });

  it('after disconnect() resolves, the run that was in progress sends nothing more to HQ', async () => {
    const { db, gate, sync, timers, hq } = await syncingWithPushHeld();

    let afterDisconnect: number | null = null;
    const disconnecting = sync.disconnect().then(() => {
      afterDisconnect = gate.syncRequests;
    });
    await settle();
    gate.release();
    await disconnecting;
    await settle();
    timers.advance(60 * 60_000);
    await settle();

    expect(afterDisconnect).not.toBeNull();
    expect(gate.syncRequests - (afterDisconnect ?? 0), 'HQ requests made by the old run after the device was disconnected').toBe(0);
    expect(gate.aborted, 'the old run’s request was not aborted').toBe(1);
    expect(hq.incidents.size).toBe(0);
    expect(await sync.getConnection()).toBeNull();
    expect((await sync.getStatus()).state).toBe('idle');
    expect(await db.meta.get('syncConnection')).toBeUndefined();
  });
});

describe('browser sync: repeated requests during a run', () => {
  it('two quick "Sync now" clicks run one sync, then one follow-up, never two at once', async () => {
    const { gate, sync, hq } = await syncingWithPushHeld();
    const pushesBefore = hq.requests.length;

    await sync.syncNow();
    await sync.syncNow();
    await settle();
    expect(gate.inFlight).toBe(1);
    gate.release();
    await untilStatus(sync, (s) => s.state === 'up-to-date');
    await settle();

    expect(gate.maxInFlight).toBe(1);
    expect(hq.incidents.size).toBe(1);
    // The held run's push and pull, then exactly one follow-up pull (nothing left to push).
    expect(hq.requests.slice(pushesBefore).map((r) => r.path)).toEqual(['push', 'pull', 'pull']);
  });

  it('a scheduler tick, going online or coming back to the page during a run starts no second run', async () => {
    const { gate, sync, timers, events, document, record, hq } = await connected();
    await record('Pump 3 leaking');
    gate.held = true;
    const pushesBefore = hq.requests.length;

    // The interval tick starts a run that waits at HQ's door …
    timers.advance(INTERVAL_MS);
    await vi.waitFor(() => expect(gate.inFlight).toBe(1), { timeout: 4_000, interval: 5 });
    // … and while it waits: a click, the network flapping, the page shown again, more time passing (below the request timeout).
    await sync.syncNow();
    events.dispatchEvent(new Event('offline'));
    events.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    timers.advance(INTERVAL_MS / 4);
    await settle();
    expect(gate.inFlight).toBe(1);

    gate.release();
    await untilStatus(sync, (s) => s.state === 'up-to-date');
    await settle();
    expect(gate.maxInFlight).toBe(1);
    expect(hq.incidents.size).toBe(1);
    expect(hq.requests.slice(pushesBefore).map((r) => r.path)).toEqual(['push', 'pull', 'pull']);
  });
});
