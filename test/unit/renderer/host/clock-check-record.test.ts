// The clock check survives in meta from each finished sync, and the write path marks entries by it (unchecked, off, or fine).
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import { readMeta } from '../../../../renderer/db/meta';
import { CLOCK_CHECK_REFRESH_MS, startClockCheckRecord } from '../../../../renderer/host/clock-check-record';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../../shared/sync/engine';
import { freshDb, must, START_MS, testClock } from '../db/db-test-kit';

const HOUR = 3_600_000;

function statusSource() {
  const listeners = new Set<(status: SyncStatus) => void>();
  return {
    onStatus(listener: (status: SyncStatus) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(status: SyncStatus) {
      for (const listener of listeners) listener(status);
    },
  };
}

const upToDate = (atMs: number, skewMs: number): SyncStatus => ({
  ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: atMs, pending: 0, clockSkew: { ms: skewMs, large: Math.abs(skewMs) > 300_000 },
});

async function setUp() {
  const db = freshDb('clock-check');
  const clock = testClock();
  const incidents = createIncidentRepository(db, clock);
  const sync = statusSource();
  startClockCheckRecord(db, sync);
  const incident = must(await incidents.record({ title: 'Generator B failed' }));
  /** Adds a note now and returns its event and the operation that carries it. */
  const note = async (text: string) => {
    const event = must(await incidents.addNote(incident.id, text));
    const op = (await db.outbox.toArray()).find((row) => row.event.id === event.id)!;
    return { event, op };
  };
  return { db, clock, sync, note };
}

describe('clock check record', () => {
  it('marks entries of a device that never synced as unchecked, in a version 4 operation', async () => {
    const { note } = await setUp();
    const { event, op } = await note('Fuel at 40 %');
    expect(event.clock).toEqual({ state: 'unchecked' });
    expect(op.schemaVersion).toBe(4);
  });

  it('stores the check of each new success only, and entries after a right clock carry no mark', async () => {
    const { db, clock, sync, note } = await setUp();
    // No success yet: a skew without a success time to pair it with proves nothing.
    sync.emit({ ...INITIAL_SYNC_STATUS, state: 'failing', clockSkew: { ms: 2_000, large: false }, lastError: { kind: 'offline', message: 'HQ cannot be reached.' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readMeta(db, 'clockCheck')).toBeUndefined();

    sync.emit(upToDate(START_MS, 2_000));
    await vi.waitFor(async () => expect(await readMeta(db, 'clockCheck')).toEqual({ checkedAtMs: START_MS, hqMinusDeviceMs: 2_000 }));
    // Later statuses repeating that success (failing since, syncing again) may carry another run's skew: not paired with it.
    sync.emit({ ...upToDate(START_MS, 6 * HOUR), state: 'failing', lastError: { kind: 'offline', message: 'HQ cannot be reached.' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readMeta(db, 'clockCheck')).toEqual({ checkedAtMs: START_MS, hqMinusDeviceMs: 2_000 });

    clock.advance(HOUR);
    const { event, op } = await note('Generator B running');
    expect(event).not.toHaveProperty('clock');
    expect(op.schemaVersion).toBe(1);
  });

  it('replaces a damaged stored check at the next success', async () => {
    const db = freshDb('damaged-check');
    await db.meta.put({ key: 'clockCheck', value: { checkedAtMs: Number.NaN, hqMinusDeviceMs: 0 } });
    const sync = statusSource();
    startClockCheckRecord(db, sync);
    // Within the refresh interval of nothing at all: only the damage makes it worth storing.
    sync.emit({ ...upToDate(START_MS, 0), state: 'idle' });
    await vi.waitFor(async () => expect(await readMeta(db, 'clockCheck')).toEqual({ checkedAtMs: START_MS, hqMinusDeviceMs: 0 }));
  });

  it('marks entries with the offset a check found, and unchecked again once the check is over 7 days old', async () => {
    const { db, clock, sync, note } = await setUp();
    sync.emit(upToDate(START_MS, 6 * HOUR));
    await vi.waitFor(async () => expect((await readMeta(db, 'clockCheck'))?.hqMinusDeviceMs).toBe(6 * HOUR));
    expect((await note('Switch-over done')).event.clock).toEqual({ state: 'off', hqMinusDeviceMs: 6 * HOUR });
    clock.advance(8 * 24 * HOUR);
    expect((await note('Still on generator')).event.clock).toEqual({ state: 'unchecked' });
  });

  it('keeps writes rare: the same offset within the refresh interval is not written again, a new offset is', async () => {
    const { db, sync } = await setUp();
    sync.emit(upToDate(START_MS, 1_000));
    await vi.waitFor(async () => expect((await readMeta(db, 'clockCheck'))?.checkedAtMs).toBe(START_MS));
    sync.emit(upToDate(START_MS + 60_000, 1_200));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await readMeta(db, 'clockCheck'))?.checkedAtMs).toBe(START_MS);
    sync.emit(upToDate(START_MS + CLOCK_CHECK_REFRESH_MS, 1_200));
    await vi.waitFor(async () => expect((await readMeta(db, 'clockCheck'))?.checkedAtMs).toBe(START_MS + CLOCK_CHECK_REFRESH_MS));
    // The person fixed the clock: the very next sync's offset replaces the old one at once.
    sync.emit(upToDate(START_MS + CLOCK_CHECK_REFRESH_MS + 60_000, -6 * HOUR));
    await vi.waitFor(async () => expect((await readMeta(db, 'clockCheck'))?.hqMinusDeviceMs).toBe(-6 * HOUR));
  });
});
