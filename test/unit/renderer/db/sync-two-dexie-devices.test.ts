// Two Dexie devices and the fake HQ through the real engine and fetch transport: they converge and both list the conflict.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport, SyncEngine, type FetchLike } from '../../../../shared/sync/engine';
import { createIncidentRepository, ensureDevice, fromIncidentRow } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { readIncidentSyncState, readOpenConflicts } from '../../../../renderer/db/sync-state';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { freshDb, START_MS, testClock } from './db-test-kit';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

const timers = { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** Requests straight into the fake HQ (no Node-only helpers: this file also type-checks as renderer code). */
function hqFetch(hq: FakeHq): FetchLike<unknown> {
  return async (url, init) => {
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const answer = hq.handle({ method: init.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams.entries()), headers, body });
    return { status: answer.status, headers: { get: () => null }, text: async () => answer.body };
  };
}

async function device(hq: FakeHq, label: string, clock = testClock()) {
  const db = freshDb(label);
  open.push(db);
  const { deviceId } = await ensureDevice(db);
  const replica = createDexieReplica(db, clock);
  const transport = createFetchTransport({ baseUrl: 'http://hq.test', token: hq.addDevice(deviceId), deviceId, fetch: hqFetch(hq), timers, now: clock.nowMs });
  return { db, clock, repo: createIncidentRepository(db, clock), engine: new SyncEngine({ transport, replica, now: clock.nowMs }) };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function incidentsOf(db: LanternDb) {
  return (await db.incidents.orderBy('id').toArray()).map((row) => fromIncidentRow(row));
}

describe('two Dexie devices through HQ', () => {
  it('converge after offline edits of the same field, and both list the conflict', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'dev-a');
    const b = await device(hq, 'dev-b', testClock(START_MS + 5_000));
    const shared = must(await a.repo.record({ title: 'Chiller 2 tripped' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(await readIncidentSyncState(a.db, shared.id)).toBe('confirmed');

    // Offline: both change the title; each also records its own incident.
    must(await a.repo.edit(shared.id, { title: 'Chiller 2 tripped (A)' }));
    b.clock.advance(60_000);
    must(await b.repo.edit(shared.id, { title: 'Chiller 2 tripped (B)' }));
    must(await a.repo.record({ title: 'Only A' }));
    must(await b.repo.record({ title: 'Only B' }));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const [onA, onB] = await Promise.all([incidentsOf(a.db), incidentsOf(b.db)]);
    expect(onA).toEqual(onB);
    expect(onA.map((i) => i.title).sort()).toEqual(['Chiller 2 tripped (B)', 'Only A', 'Only B']);
    for (const d of [a, b]) {
      const conflicts = await readOpenConflicts(d.db);
      expect(conflicts.map((c) => [c.winner.value, c.loser.value])).toEqual([['Chiller 2 tripped (B)', 'Chiller 2 tripped (A)']]);
    }
  });
});
