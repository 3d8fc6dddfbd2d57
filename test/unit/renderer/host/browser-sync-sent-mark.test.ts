// Browser-mode sync and the incident badge: "sent" only while a push travels or HQ answered it; a failed push leaves "only on this device".
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { writeMeta } from '../../../../renderer/db/meta';
import { readOutboxMarks } from '../../../../renderer/db/sync-outbox';
import { readIncidentSyncState } from '../../../../renderer/db/sync-state';
import { createBrowserSync } from '../../../../renderer/host/browser-sync';
import type { HostSync } from '../../../../renderer/host/host';
import type { FetchLike, SyncStatus } from '../../../../shared/sync/engine';
import { freshDb } from '../db/db-test-kit';
import { fakeHqFetch, fakeSyncWindow, untilStatus } from './browser-sync-kit';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { ManualTimers } from '../../shared/sync/support/manual-timers';

/** How HQ's address behaves for sync requests (enrollment always works). */
type Mode = 'up' | 'refused' | 'server-error' | 'held-then-refused';

interface Door {
  mode: Mode;
  /** Pushes waiting at the door (mode held-then-refused). */
  waiting: (() => void)[];
}

function doorFetch(hq: FakeHq, door: Door): FetchLike<AbortSignal> {
  const answer = fakeHqFetch(hq);
  return async (url, init) => {
    if (url.endsWith('/v1/enroll') || door.mode === 'up') return answer(url, init);
    if (door.mode === 'server-error') return { status: 500, headers: { get: () => null }, text: async () => JSON.stringify({ error: 'internal', message: 'HQ failed.' }) };
    if (door.mode === 'held-then-refused') await new Promise<void>((resolve) => door.waiting.push(resolve));
    // What a page's fetch does when nothing listens at HQ's address (connection refused).
    throw new TypeError('Failed to fetch');
  };
}



interface Setup {
  db: LanternDb;
  hq: FakeHq;
  door: Door;
  sync: HostSync;
  deviceId: string;
  record(title: string): Promise<string>;
}

/** Connected and synced once (HQ's epoch is known, so the next run starts with its push). */
async function connected(): Promise<Setup> {
  const db = freshDb('browser-sync-sent');
  const { deviceId } = await ensureDevice(db);
  const timers = new ManualTimers();
  const hq = new FakeHq({ now: timers.now });
  const door: Door = { mode: 'up', waiting: [] };
  const sync = createBrowserSync({ db, win: fakeSyncWindow(timers).win, fetch: doorFetch(hq, door), now: timers.now, intervalMs: 60_000 });
  expect((await sync.connect({ hqUrl: 'http://hq.test', enrollmentCode: 'K7QM-2X9P-HT4C-M8WB', deviceName: 'Laptop 7' })).ok).toBe(true);
  await untilStatus(sync, (s) => s.state === 'up-to-date');
  const incidents = createIncidentRepository(db);
  const record = async (title: string) => {
    const made = await incidents.record({ title });
    if (!made.ok) throw new Error(made.error.message);
    return made.value.id;
  };
  return { db, hq, door, sync, deviceId, record };
}

/** Runs a sync and waits for it to end (any state but syncing, after it started). */
async function syncAndWait(sync: HostSync): Promise<SyncStatus> {
  const states: string[] = [];
  const stop = sync.onStatus((status) => states.push(status.state));
  await sync.syncNow();
  try {
    await vi.waitFor(() => expect(states.includes('syncing') && states.at(-1) !== 'syncing').toBe(true), { timeout: 4_000, interval: 5 });
  } finally {
    stop();
  }
  return sync.getStatus();
}

describe('browser sync: the sent mark tells the truth when a push fails', () => {
  it('HQ down (connection refused): the new incident stays "only on this device"', async () => {
    const { db, door, sync, record } = await connected();
    const id = await record('Pump 3 leaking');
    door.mode = 'refused';
    const status = await syncAndWait(sync);
    expect(status.lastError?.kind).toBe('offline');
    expect(await readIncidentSyncState(db, id)).toBe('local');
    expect(await readOutboxMarks(db)).toMatchObject({ sentThrough: 0 });
  });

  it('a revoked device (403): the new incident stays "only on this device"', async () => {
    const { db, hq, sync, deviceId, record } = await connected();
    const id = await record('Pump 3 leaking');
    hq.revoke(deviceId);
    const status = await syncAndWait(sync);
    expect(status.lastError?.kind).toBe('revoked');
    expect(await readIncidentSyncState(db, id)).toBe('local');
  });

  it('HQ answers with an error (500): the new incident stays "only on this device"', async () => {
    const { db, door, sync, record } = await connected();
    const id = await record('Pump 3 leaking');
    door.mode = 'server-error';
    const status = await syncAndWait(sync);
    expect(status.lastError?.kind).toBe('server-error');
    expect(await readIncidentSyncState(db, id)).toBe('local');
  });

  it('says "sent" while the push travels, and "only on this device" again once it failed', async () => {
    const { db, door, sync, record } = await connected();
    const id = await record('Pump 3 leaking');
    door.mode = 'held-then-refused';
    await sync.syncNow();
    await vi.waitFor(() => expect(door.waiting).toHaveLength(1), { timeout: 4_000, interval: 5 });
    await vi.waitFor(async () => expect(await readIncidentSyncState(db, id)).toBe('sent'), { timeout: 4_000, interval: 5 });
    for (const go of door.waiting.splice(0)) go();
    await untilStatus(sync, (s) => s.state === 'offline' || s.state === 'failing');
    expect(await readIncidentSyncState(db, id)).toBe('local');
  });

  it('keeps "sent" for what HQ did answer (asked to send again later), and "confirmed" once it takes it', async () => {
    const { db, hq, sync, record } = await connected();
    const id = await record('Pump 3 leaking');
    const [row] = await db.outbox.toArray();
    hq.deferOpIds.add(row!.opId);
    await syncAndWait(sync);
    expect(await readIncidentSyncState(db, id)).toBe('sent');
    hq.deferOpIds.clear();
    await syncAndWait(sync);
    expect(await readIncidentSyncState(db, id)).toBe('confirmed');
  });

  it('a sent mark left by an earlier page (or an older version) is taken back when the page starts', async () => {
    const db = freshDb('browser-sync-sent-stale');
    await ensureDevice(db);
    const incidents = createIncidentRepository(db);
    const made = await incidents.record({ title: 'Pump 3 leaking' });
    if (!made.ok) throw new Error(made.error.message);
    await writeMeta(db, 'outboxMarks', { acknowledgedThrough: 0, sentThrough: 1 });
    expect(await readIncidentSyncState(db, made.value.id)).toBe('sent');
    const timers = new ManualTimers();
    const sync = createBrowserSync({ db, win: fakeSyncWindow(timers).win, fetch: doorFetch(new FakeHq({ now: timers.now }), { mode: 'refused', waiting: [] }), now: timers.now });
    await sync.getStatus();
    expect(await readIncidentSyncState(db, made.value.id)).toBe('local');
  });
});
