// Checklist ticks through sync: two Dexie devices tick and untick the same steps offline, then converge through HQ without a conflict.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport, SyncEngine, type FetchLike } from '../../../../shared/sync/engine';
import { ensureDevice, getTimeline } from '../../../../renderer/db';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { createChecklistRepository } from '../../../../renderer/db/checklist';
import type { LanternDb } from '../../../../renderer/db/database';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { readOpenConflicts } from '../../../../renderer/db/sync-state';
import { deriveChecklist } from '../../../../shared/domain';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { freshDb, START_MS, testClock } from './db-test-kit';

const open: LanternDb[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

const timers = { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

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
  const transport = createFetchTransport({ baseUrl: 'http://hq.test', token: hq.addDevice(deviceId), deviceId, fetch: hqFetch(hq), timers, now: clock.nowMs });
  return { db, clock, checklist: createChecklistRepository(db, clock), engine: new SyncEngine({ transport, replica: createDexieReplica(db, clock), now: clock.nowMs }) };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('checklist ticks through HQ', () => {
  it('concurrent offline ticks merge: both devices (and every entry) end the same, with no conflict', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'tick-a');
    const b = await device(hq, 'tick-b', testClock(START_MS + 5_000));
    const incident = must(await recordCapture(a.db, a.clock, { title: 'Network outage: Block D' }, { checklistTemplateId: 'network-outage' }));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(deriveChecklist(await getTimeline(b.db, incident.id)).total).toBe(8);

    // Offline: both tick the same step; A also ticks another that B unticks later (B's clock is ahead, so B's entry is later).
    must(await a.checklist.tick(incident.id, 'immediate-1', true));
    must(await a.checklist.tick(incident.id, 'immediate-2', true));
    b.clock.advance(60_000);
    must(await b.checklist.tick(incident.id, 'immediate-1', true));
    must(await b.checklist.tick(incident.id, 'immediate-2', true));
    must(await b.checklist.tick(incident.id, 'immediate-2', false));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const [onA, onB] = await Promise.all([getTimeline(a.db, incident.id), getTimeline(b.db, incident.id)]);
    expect(onA.map((event) => event.id)).toEqual(onB.map((event) => event.id));
    expect(onA.filter((event) => event.kind === 'checklist_ticked')).toHaveLength(5);
    const [checklistA, checklistB] = [deriveChecklist(onA), deriveChecklist(onB)];
    expect(checklistA).toEqual(checklistB);
    const immediate = checklistA.phases[0]!.items;
    expect(immediate.map((item) => [item.id, item.ticked])).toEqual([
      ['immediate-1', true],
      ['immediate-2', false],
      ['immediate-3', false],
      ['immediate-4', false],
    ]);
    expect(await readOpenConflicts(a.db)).toEqual([]);
    expect(await readOpenConflicts(b.db)).toEqual([]);
  });
});
