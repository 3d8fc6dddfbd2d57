// Electron mode: main's engine pushes through the page's Dexie replica with the sent marks; a failed push ends "local".
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import { writeMeta } from '../../../../renderer/db/meta';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { readOutboxMarks } from '../../../../renderer/db/sync-outbox';
import { readIncidentSyncState } from '../../../../renderer/db/sync-state';
import { createFetchTransport, SyncEngine, SyncError, withSentMarks, type FetchLike } from '../../../../shared/sync/engine';
import { freshDb } from '../db/db-test-kit';

/**
 * main/services/sync/sync-service.ts runs this engine over a RemoteReplica whose every call the page answers with
 * createDexieReplica (electron-replica-responder.ts), its transport wrapped by withSentMarks. These runs use that
 * replica directly, as the responder does (the whole IPC path: test/unit/main/services/sync/sent-mark-through-page).
 */
async function pushFailingWith(fetch: FetchLike<unknown>) {
  const db = freshDb('electron-sent-mark');
  const { deviceId } = await ensureDevice(db);
  const made = await createIncidentRepository(db).record({ title: 'Pump 3 leaking' });
  if (!made.ok) throw new Error(made.error.message);
  // Synced with HQ before: the run starts with its push.
  await writeMeta(db, 'syncPoint', { epoch: 'epoch-1', cursor: null });
  const transport = createFetchTransport({ baseUrl: 'https://hq.example.org', token: 't'.repeat(40), deviceId, fetch, timers: { setTimeout, clearTimeout } });
  const replica = createDexieReplica(db);
  const failure = await new SyncEngine({ transport: withSentMarks(transport, replica, () => undefined), replica, now: () => Date.now() }).syncOnce().catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(SyncError);
  return { db, id: made.value.id, failure: failure as SyncError };
}

describe('Electron mode: a push that fails leaves "only on this device"', () => {
  it('HQ down (connection refused)', async () => {
    const { db, id, failure } = await pushFailingWith(async () => {
      throw new Error('net::ERR_CONNECTION_REFUSED');
    });
    expect(failure.kind).toBe('offline');
    expect(await readIncidentSyncState(db, id)).toBe('local');
    expect((await readOutboxMarks(db)).sentThrough).toBe(0);
  });

  it('revoked (403)', async () => {
    const { db, id, failure } = await pushFailingWith(async () => ({
      status: 403,
      headers: { get: () => null },
      text: async () => JSON.stringify({ error: 'device-revoked', message: 'Revoked.' }),
    }));
    expect(failure.kind).toBe('revoked');
    expect(await readIncidentSyncState(db, id)).toBe('local');
  });
});
