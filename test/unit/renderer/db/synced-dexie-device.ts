// A Dexie device syncing with the fake HQ through the real engine and fetch transport (no network, no Node-only helpers).
import { createFetchTransport, SyncEngine, type FetchLike } from '../../../../shared/sync/engine';
import { ensureDevice } from '../../../../renderer/db';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import type { FakeHq } from '../../shared/sync/support/fake-hq';
import { freshDb, testClock } from './db-test-kit';

const timers = { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** Requests straight into the fake HQ (this file also type-checks as renderer code). */
function hqFetch(hq: FakeHq): FetchLike<unknown> {
  return async (url, init) => {
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const answer = hq.handle({ method: init.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams.entries()), headers, body });
    return { status: answer.status, headers: { get: () => null }, text: async () => answer.body };
  };
}

/** A fresh database enrolled at `hq`, with its sync engine; the caller closes `db`. */
export async function syncedDexieDevice(hq: FakeHq, label: string, clock = testClock()) {
  const db = freshDb(label);
  const { deviceId } = await ensureDevice(db);
  const transport = createFetchTransport({ baseUrl: 'http://hq.test', token: hq.addDevice(deviceId), deviceId, fetch: hqFetch(hq), timers, now: clock.nowMs });
  return { db, clock, engine: new SyncEngine({ transport, replica: createDexieReplica(db, clock), now: clock.nowMs }) };
}
