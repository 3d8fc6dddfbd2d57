// The last successful sync time survives a restart, and connect/disconnect start it afresh.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HostSync } from '../../../../renderer/host/host';
import { rememberLastSync } from '../../../../renderer/host/remembered-last-sync';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../../shared/sync/engine';
import { freshDb } from '../db/db-test-kit';

/** A host sync whose status the test sets, as a fresh session's engine would report it. */
function fakeSync(initial: SyncStatus = INITIAL_SYNC_STATUS): HostSync & { emit(status: SyncStatus): void } {
  let status = initial;
  const listeners = new Set<(status: SyncStatus) => void>();
  return {
    getStatus: async () => status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getConnection: async () => null,
    connect: async () => ({ ok: true, connection: { hqUrl: 'http://127.0.0.1:1', deviceName: 'Laptop 1', deviceId: 'd', connectedAt: 0 } as never }),
    disconnect: async () => undefined,
    syncNow: async () => undefined,
    emit(next) {
      status = next;
      for (const listener of listeners) listener(next);
    },
  };
}

const FAILING: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'failing', lastError: { kind: 'offline', message: 'HQ cannot be reached.' } };

describe('the last successful sync time', () => {
  it('is shown after a restart while HQ cannot be reached, instead of "never"', async () => {
    const db = freshDb('last-sync-restart');
    const first = fakeSync();
    const seen: SyncStatus[] = [];
    rememberLastSync(first, db).onStatus((status) => seen.push(status));
    first.emit({ ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: 1_700_000_000_000 });
    expect(seen.at(-1)?.lastSuccessAt).toBe(1_700_000_000_000);
    await expect.poll(async () => (await db.meta.get('lastSyncSuccessAt'))?.value).toBe(1_700_000_000_000);

    // Restart: the new session's engine knows nothing of it, and its first run fails.
    const second = fakeSync(FAILING);
    const restarted = rememberLastSync(second, db);
    expect(await restarted.getStatus()).toMatchObject({ state: 'failing', lastSuccessAt: 1_700_000_000_000 });
    const later: SyncStatus[] = [];
    restarted.onStatus((status) => later.push(status));
    second.emit({ ...FAILING, lastError: { kind: 'offline', message: 'Still down.' } });
    expect(later.at(-1)).toMatchObject({ lastSuccessAt: 1_700_000_000_000, lastError: { message: 'Still down.' } });
    // A newer success replaces it.
    second.emit({ ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: 1_700_000_600_000 });
    await expect.poll(async () => (await db.meta.get('lastSyncSuccessAt'))?.value).toBe(1_700_000_600_000);
  });

  it('follows a success that reads earlier than the stored one: the clock that stored it ran ahead and was set right', async () => {
    const db = freshDb('last-sync-clock-fixed');
    const aYearAhead = Date.UTC(2027, 10, 27, 12, 0);
    await db.meta.put({ key: 'lastSyncSuccessAt', value: aYearAhead });
    const engine = fakeSync(FAILING);
    const sync = rememberLastSync(engine, db);
    expect((await sync.getStatus()).lastSuccessAt).toBe(aYearAhead);
    const seen: SyncStatus[] = [];
    sync.onStatus((status) => seen.push(status));
    const rightNow = Date.UTC(2026, 10, 27, 12, 0);
    engine.emit({ ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: rightNow });
    expect(seen.at(-1)?.lastSuccessAt).toBe(rightNow);
    await expect.poll(async () => (await db.meta.get('lastSyncSuccessAt'))?.value).toBe(rightNow);
    // A later failure in this session still names this session's success.
    engine.emit({ ...FAILING, lastSuccessAt: rightNow });
    expect(seen.at(-1)?.lastSuccessAt).toBe(rightNow);
  });

  it('is forgotten on disconnect and when the device connects again (the time belongs to a connection)', async () => {
    const db = freshDb('last-sync-forget');
    await db.meta.put({ key: 'lastSyncSuccessAt', value: 1_600_000_000_000 });
    const sync = rememberLastSync(fakeSync(FAILING), db);
    expect((await sync.getStatus()).lastSuccessAt).toBe(1_600_000_000_000);
    await sync.connect({ hqUrl: 'http://127.0.0.1:1', enrollmentCode: 'ABCD-EFGH', deviceName: 'Laptop 1' } as never);
    expect((await sync.getStatus()).lastSuccessAt).toBeNull();
    expect(await db.meta.get('lastSyncSuccessAt')).toBeUndefined();

    await db.meta.put({ key: 'lastSyncSuccessAt', value: 1_600_000_000_000 });
    const again = rememberLastSync(fakeSync(FAILING), db);
    await again.getStatus();
    await again.disconnect();
    expect(await db.meta.get('lastSyncSuccessAt')).toBeUndefined();
  });
});
