// Electron mode: main's engine pushes, the page's database shows "sent" while the push travels and "local" if it fails.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../renderer/db';
import { createDexieReplica } from '../../../renderer/db/sync-replica';
import { readIncidentSyncState } from '../../../renderer/db/sync-state';
import { createReplicaResponder } from '../../../renderer/host/electron-replica-responder';
import type { FetchLike } from '../../../shared/sync/engine';
import { HQ_PATHS } from '../../../shared/sync/wire/protocol';
import { freshDb } from '../renderer/db/db-test-kit';
import { openPage, wireSyncMain } from '../main/services/sync/page-over-ipc';
import { connectInput } from '../main/services/sync/support';

/** Main wired to a page whose replica is the app's Dexie one; every push to HQ waits until the test lets it go. */
async function setup(name: string) {
  const db = freshDb(name);
  const { deviceId } = await ensureDevice(db);
  const made = await createIncidentRepository(db).record({ title: 'Generator 2 will not start' });
  if (!made.ok) throw new Error(made.error.message);
  const { ipc, h } = wireSyncMain();
  const network = h.fetch.getMockImplementation() as FetchLike<unknown>;
  let letPushGo: (outcome: 'answer' | 'cut') => void = () => undefined;
  let pushesSeen = 0;
  h.fetch.mockImplementation(async (url, init) => {
    if (String(url).endsWith(HQ_PATHS.push)) {
      pushesSeen += 1;
      const outcome = await new Promise<'answer' | 'cut'>((resolve) => (letPushGo = resolve));
      if (outcome === 'cut') throw new TypeError('fetch failed: connection reset');
    }
    return network(url, init);
  });
  createReplicaResponder(openPage(ipc, 1).bridge, createDexieReplica(db));
  await h.service.start();
  await h.service.connect(connectInput({ deviceId }));
  await expect.poll(() => pushesSeen).toBe(1);
  return { db, id: made.value.id, h, release: (outcome: 'answer' | 'cut') => letPushGo(outcome) };
}

describe('Electron mode: the incident badge while main pushes', () => {
  it('says "sent" while the push travels, then "confirmed" once HQ answered', async () => {
    const { db, id, h, release } = await setup('electron-sent-while-pushing');
    await expect.poll(() => readIncidentSyncState(db, id)).toBe('sent');
    release('answer');
    await expect.poll(() => readIncidentSyncState(db, id)).toBe('confirmed');
    expect(h.hq.incidents.size).toBe(1);
  });

  it('goes back to "only on this device" when the push is cut off', async () => {
    const { db, id, h, release } = await setup('electron-sent-push-cut');
    await expect.poll(() => readIncidentSyncState(db, id)).toBe('sent');
    release('cut');
    await expect.poll(() => h.service.status().lastError?.kind).toBe('offline');
    expect(await readIncidentSyncState(db, id)).toBe('local');
  });
});
