// Automatic close on devices: after N days, once, with its outbox op; a connected device waits for a sync; two devices keep one entry.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, fromIncidentRow, type LanternDb } from '../../../../renderer/db';
import { applyDueAutoClose, readAutoCloseDays, setAutoCloseDays } from '../../../../renderer/db/auto-close';
import { startAutoCloseRunner } from '../../../../renderer/features/notifications/auto-close-runner';
import { autoClosePlan, SYSTEM_AUTHOR, type AutoCloseSyncState } from '../../../../shared/domain';
import { FakeHq } from '../../shared/sync/support/fake-hq';
import { freshDb, must, snapshot, START_MS, testClock, type TestClock } from './db-test-kit';
import { syncedDexieDevice } from './synced-dexie-device';

const DAY = 24 * 60 * 60 * 1000;
const open: LanternDb[] = [];
const runners: { stop(): void }[] = [];
afterEach(() => {
  runners.splice(0).forEach((r) => r.stop());
  open.splice(0).forEach((d) => d.close());
});

const resolveInput = { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Replaced the starter battery.' };

async function resolvedIncident(db: LanternDb, clock: TestClock, title = 'Generator B failed to start') {
  const repo = createIncidentRepository(db, clock);
  const incident = must(await repo.record({ title }));
  clock.advance(60_000);
  must(await repo.changeStatus(incident.id, 'resolved', resolveInput));
  return incident.id;
}

function runner(db: LanternDb, clock: TestClock, syncState: () => AutoCloseSyncState = () => ({ connected: false })) {
  const r = startAutoCloseRunner({ db, clock, syncState: async () => syncState(), pause: async () => undefined, intervalMs: 3_600_000, onError: (e) => { throw e; } });
  runners.push(r);
  return r;
}

const closingEntries = async (db: LanternDb, incidentId: string) =>
  (await db.timeline.where('incidentId').equals(incidentId).toArray()).filter((e) => e.kind === 'status_changed' && e.to === 'closed');

async function standalone(label: string) {
  const db = freshDb(label);
  open.push(db);
  await ensureDevice(db);
  return { db, clock: testClock(START_MS) };
}

describe('automatic close on one device', () => {
  it('closes a resolved incident 7 days after it was resolved, once, with the close in the outbox', async () => {
    const { db, clock } = await standalone('auto-close');
    const id = await resolvedIncident(db, clock);
    const r = runner(db, clock);
    clock.advance(7 * DAY - 1_000);
    expect(await r.runOnce()).toBe(0);
    expect((await db.incidents.get(id))!.status).toBe('resolved');

    clock.advance(2_000);
    const outboxBefore = await db.outbox.count();
    expect(await r.runOnce()).toBe(1);
    const row = (await db.incidents.get(id))!;
    expect(row.status).toBe('closed');
    expect(row.resolutionCode).toBe('Fixed');
    const [entry, ...more] = await closingEntries(db, id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ author: SYSTEM_AUTHOR, from: 'resolved', details: { closedAutomatically: '7 days after it was resolved, with no reopen' } });
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
    expect((await db.outbox.toArray()).some((op) => JSON.stringify(op).includes(entry!.id))).toBe(true);

    clock.advance(DAY);
    expect(await r.runOnce()).toBe(0);
    expect(await closingEntries(db, id)).toHaveLength(1);
  });

  it('two passes at once (two windows) close it once', async () => {
    const { db, clock } = await standalone('auto-close-tabs');
    const id = await resolvedIncident(db, clock);
    clock.advance(8 * DAY);
    const [a, b] = await Promise.all([runner(db, clock).runOnce(), runner(db, clock).runOnce()]);
    expect(a + b).toBe(1);
    expect(await closingEntries(db, id)).toHaveLength(1);
  });

  it('a plan made before a reopen and a new resolution writes nothing (it counts from an old resolution)', async () => {
    const { db, clock } = await standalone('auto-close-stale');
    const id = await resolvedIncident(db, clock);
    clock.advance(8 * DAY);
    const events = await db.timeline.where('incidentId').equals(id).toArray();
    const plan = autoClosePlan(fromIncidentRow((await db.incidents.get(id))!), events, 7)!;
    const repo = createIncidentRepository(db, clock);
    must(await repo.changeStatus(id, 'in_progress', { reopenReason: 'Stalled again' }));
    must(await repo.changeStatus(id, 'resolved', resolveInput));
    const before = await snapshot(db);
    expect(must(await applyDueAutoClose(db, clock, plan)).applied).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('closes nothing when set to 0 days, and a bad setting is refused without changing anything', async () => {
    const { db, clock } = await standalone('auto-close-off');
    const id = await resolvedIncident(db, clock);
    expect(await readAutoCloseDays(db)).toBe(7);
    must(await setAutoCloseDays(db, 0));
    clock.advance(30 * DAY);
    expect(await runner(db, clock).runOnce()).toBe(0);
    expect((await db.incidents.get(id))!.status).toBe('resolved');

    const before = await snapshot(db);
    for (const bad of [-1, 1.5, 400, 'seven']) {
      const refused = await setAutoCloseDays(db, bad);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.message).toMatch(/days/);
    }
    expect(await snapshot(db)).toEqual(before);
    expect(await readAutoCloseDays(db)).toBe(0);
  });

  it('a connected device waits until it caught up with HQ after the due time', async () => {
    const { db, clock } = await standalone('auto-close-connected');
    const id = await resolvedIncident(db, clock);
    const resolvedAt = clock.nowMs();
    let caughtUpFrom: number | null = resolvedAt + DAY;
    const r = runner(db, clock, () => ({ connected: true, caughtUpFrom, clockOffsetMs: 0 }));
    clock.advance(9 * DAY);
    expect(await r.runOnce()).toBe(0);
    expect((await db.incidents.get(id))!.status).toBe('resolved');
    caughtUpFrom = resolvedAt + 7 * DAY + 60_000;
    expect(await r.runOnce()).toBe(1);
    expect((await db.incidents.get(id))!.status).toBe('closed');
  });
});

async function device(hq: FakeHq, label: string, clock: TestClock) {
  const synced = await syncedDexieDevice(hq, label, clock);
  open.push(synced.db);
  return { ...synced, repo: createIncidentRepository(synced.db, clock) };
}

describe('automatic close across devices', () => {
  it('two offline devices both close it; after syncing, every replica and HQ hold one close, in the same copy', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'close-a', testClock(START_MS));
    const b = await device(hq, 'close-b', testClock(START_MS + 5_000));
    const id = await resolvedIncident(a.db, a.clock);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    a.clock.advance(8 * DAY);
    b.clock.advance(8 * DAY);
    expect(await runner(a.db, a.clock).runOnce()).toBe(1);
    expect(await runner(b.db, b.clock).runOnce()).toBe(1);

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    const closes = await closingEntries(a.db, id);
    expect(closes).toHaveLength(1);
    // One entry in one copy everywhere (each laptop wrote its own time and stamp; the highest-stamped copy stays),
    // so the closed-at time and the figures drawn from it agree between laptops and HQ.
    expect(await closingEntries(b.db, id)).toEqual(closes);
    expect([...hq.timeline.values()].filter((e) => e.incidentId === id && e.kind === 'status_changed' && e.to === 'closed')).toEqual(closes);
    expect((await a.db.incidents.get(id))!.status).toBe('closed');
    expect((await b.db.incidents.get(id))!.status).toBe('closed');
  });

  it('a reopen another laptop already sent to HQ is not overruled: the connected device syncs first, then has nothing to close', async () => {
    const hq = new FakeHq({ now: () => START_MS });
    const a = await device(hq, 'reopen-a', testClock(START_MS));
    const b = await device(hq, 'reopen-b', testClock(START_MS + 5_000));
    const id = await resolvedIncident(a.db, a.clock);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const syncedAt = a.clock.nowMs();

    // B reopens on day 3 and syncs; A has been offline since.
    b.clock.advance(3 * DAY);
    must(await b.repo.changeStatus(id, 'in_progress', { reopenReason: 'Generator stalled again' }));
    await b.engine.syncOnce();

    a.clock.advance(8 * DAY);
    let caughtUpFrom = syncedAt;
    const r = runner(a.db, a.clock, () => ({ connected: true, caughtUpFrom, clockOffsetMs: 0 }));
    expect(await r.runOnce()).toBe(0);
    caughtUpFrom = a.clock.nowMs();
    await a.engine.syncOnce();
    expect(await r.runOnce()).toBe(0);
    expect((await a.db.incidents.get(id))!.status).toBe('in_progress');
    expect(await closingEntries(a.db, id)).toEqual([]);
  });

  it('a reopen made offline before the close wins once both laptops sync: the close yields, every replica and HQ agree', async () => {
    // HQ's clock moves with the laptops' (a fixed one would cap the close's day-8 stamp as future-dated).
    const clocks = { a: testClock(START_MS), b: testClock(START_MS + 5_000) };
    const hq = new FakeHq({ now: () => Math.max(clocks.a.nowMs(), clocks.b.nowMs()) });
    const a = await device(hq, 'yield-a', clocks.a);
    const b = await device(hq, 'yield-b', clocks.b);
    const id = await resolvedIncident(a.db, a.clock);
    await a.engine.syncOnce();
    await b.engine.syncOnce();

    // B reopens on day 3 but stays offline; A, up to date with HQ (which has no reopen), closes on day 8.
    b.clock.advance(3 * DAY);
    must(await b.repo.changeStatus(id, 'in_progress', { reopenReason: 'Generator stalled again' }));
    a.clock.advance(8 * DAY);
    await a.engine.syncOnce();
    expect(await runner(a.db, a.clock, () => ({ connected: true, caughtUpFrom: a.clock.nowMs(), clockOffsetMs: 0 })).runOnce()).toBe(1);
    await a.engine.syncOnce();

    b.clock.advance(5 * DAY);
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    for (const db of [a.db, b.db]) expect((await db.incidents.get(id))!.status).toBe('in_progress');
    expect(hq.incidents.get(id)?.fields.status).toBe('in_progress');
    // The close stays on the timeline as what happened, on both laptops.
    expect(await closingEntries(a.db, id)).toHaveLength(1);
    expect(await closingEntries(b.db, id)).toHaveLength(1);
  });
});
