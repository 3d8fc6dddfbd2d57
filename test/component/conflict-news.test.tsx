// Which sync conflicts a device is alerted about: its own clashes and recent news, never a first sync's history; one per status clash.
import { afterEach, describe, expect, it } from 'vitest';
import type { LanternDb } from '../../renderer/db';
import { writeMeta } from '../../renderer/db/meta';
import { conflictsTable } from '../../renderer/db/sync-rows';
import { startWatchFeeder, type WatchFeeder } from '../../renderer/features/notifications/watch-feeder';
import { changeStatus, editIncident, recordIncident, type NotificationActivity } from '../../shared/domain';
import { highestStamp } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { FLEET_START, openFleet } from './support/conflict-fleet';
import { fakeNotifications } from './support/fake-notifications';

const START = FLEET_START;
const MIN = 60_000;
const HOUR = 60 * MIN;
let db: LanternDb;
let feeder: WatchFeeder | null = null;

afterEach(() => {
  feeder?.stop();
  feeder = null;
  db?.close();
});

/** This device (fake IndexedDB, the real replica and feeder), two other laptops, and pulls as the engine makes them. */
async function fleet() {
  const f = await openFleet('conflict-news');
  db = f.db;
  const { repo, replica, b, c, page, now } = f;
  const reports: NotificationActivity[][] = [];
  const notifications = fakeNotifications({ report: async (activities) => void reports.push([...activities]) });
  feeder = startWatchFeeder({ db, notifications, debounceMs: 10_000, now });
  await feeder.ready;
  return {
    repo,
    b,
    c,
    advance: f.advance,
    /** A first sync (or one after HQ's epoch changed): the engine adopts the epoch, then pulls from the start. */
    firstSync: async (ops: readonly Operation[]) => {
      await replica.resetForNewEpoch('e1');
      await replica.applyPulledPage(page(ops));
      await writeMeta(db, 'lastSyncSuccessAt', now());
    },
    pull: f.pull,
    own: f.own,
    conflictAlerts: async () => {
      await feeder!.flush();
      return reports.flat().filter((activity) => activity.kind === 'conflict');
    },
  };
}

/** B records an incident (C learns of it with cLearns). */
function sharedIncident(f: Awaited<ReturnType<typeof fleet>>, title: string) {
  const created = f.b.commit((ctx) => recordIncident({ title }, 1, 'BBBB', ctx))!;
  return created;
}

/** B and C change the title at the same time (neither saw the other's change). */
async function titleClash(f: Awaited<ReturnType<typeof fleet>>, incidentId: string, round = 1) {
  const fromB = f.b.commit((ctx) => editIncident(f.b.incident(incidentId)!, { title: `Edited on B (${round})` }, ctx))!;
  f.advance(1000);
  const fromC = f.c.commit((ctx) => editIncident(f.c.incident(incidentId)!, { title: `Edited on C (${round})` }, ctx))!;
  return [fromB, fromC];
}

async function cLearns(f: Awaited<ReturnType<typeof fleet>>, ops: readonly Operation[]) {
  await f.c.applyPulledPage({ epoch: 'e1', cursor: `x${ops.length}`, ops, highestStamp: highestStamp(ops), serverTime: START });
}

describe('conflict alerts', { timeout: 15_000 }, () => {
  it('a first sync brings the fleet history quietly, even a clash of other laptops minutes ago', async () => {
    const f = await fleet();
    const created = sharedIncident(f, 'Chiller 2 tripped');
    await cLearns(f, [created]);
    const clash = await titleClash(f, created.incidentId);
    f.advance(5 * MIN);
    await f.firstSync([created, ...clash]);
    expect(await conflictsTable(db).count()).toBe(1); // recorded and listed, only not announced
    expect(await f.conflictAlerts()).toEqual([]);
  });

  it('after the first sync: a recent clash of other laptops is news, an old one is not', async () => {
    const f = await fleet();
    const created = sharedIncident(f, 'Chiller 2 tripped');
    await cLearns(f, [created]);
    await f.firstSync([created]);
    const old = await titleClash(f, created.incidentId);
    f.advance(3 * HOUR);
    await f.pull(old);
    expect(await conflictsTable(db).count()).toBe(1);
    expect(await f.conflictAlerts()).toEqual([]);

    await cLearns(f, old);
    await f.b.applyPulledPage({ epoch: 'e1', cursor: 'y', ops: old, highestStamp: highestStamp(old), serverTime: START });
    const recent = await titleClash(f, created.incidentId, 2);
    f.advance(2 * MIN);
    await f.pull(recent);
    const alerts = await f.conflictAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('Title');
  });

  it('a re-pull after HQ changed its epoch is history too; the next sync run brings news again', async () => {
    const f = await fleet();
    const created = sharedIncident(f, 'Chiller 2 tripped');
    await cLearns(f, [created]);
    await f.firstSync([created]);
    const clash = await titleClash(f, created.incidentId);
    // HQ restored from a backup: the engine adopts the new epoch and pulls everything again in one run.
    await f.firstSync([created, ...clash]);
    expect(await conflictsTable(db).count()).toBe(1);
    expect(await f.conflictAlerts()).toEqual([]);

    await cLearns(f, clash);
    await f.b.applyPulledPage({ epoch: 'e1', cursor: 'y', ops: clash, highestStamp: highestStamp(clash), serverTime: START });
    await f.pull(await titleClash(f, created.incidentId, 2));
    expect(await f.conflictAlerts()).toHaveLength(1);
  });

  it('a clash with a change made on this device is news however old it is', async () => {
    const f = await fleet();
    const recorded = await f.repo.record({ title: 'Pump 3 leaking' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const mine = await f.own();
    await f.b.applyPulledPage({ epoch: 'e1', cursor: 'm', ops: mine, highestStamp: highestStamp(mine), serverTime: START });
    await f.firstSync(mine);
    const edited = await f.repo.edit(recorded.value.id, { title: 'Pump 3 flooded' });
    expect(edited.ok).toBe(true);
    f.advance(1000);
    const fromB = f.b.commit((ctx) => editIncident(f.b.incident(recorded.value.id)!, { title: 'Pump 3 dry again' }, ctx))!;
    f.advance(6 * HOUR); // this laptop was offline all afternoon
    await f.pull([fromB]);
    const alerts = await f.conflictAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'conflict', incidentId: recorded.value.id, actor: null });
  });

  it('one status clash is one alert about the status, never "Two people changed Hold reason"', async () => {
    const f = await fleet();
    const recorded = await f.repo.record({ title: 'Printer jammed' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const mine = await f.own();
    await f.b.applyPulledPage({ epoch: 'e1', cursor: 'm', ops: mine, highestStamp: highestStamp(mine), serverTime: START });
    await f.firstSync(mine);
    const resolved = await f.repo.changeStatus(recorded.value.id, 'resolved', { resolutionCode: 'Hardware repaired', resolutionNotes: 'A resolved it' });
    expect(resolved.ok).toBe(true);
    f.advance(1000);
    const held = f.b.commit((ctx) => changeStatus(f.b.incident(recorded.value.id)!, 'on_hold', { holdReason: 'Awaiting vendor', assignee: 'Bob' }, ctx))!;
    await f.pull([held]);
    expect((await conflictsTable(db).toArray()).map((row) => row.field).sort()).toEqual(['holdReason', 'resolutionCode', 'resolutionNotes', 'status']);
    const alerts = await f.conflictAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).not.toMatch(/Hold reason|Resolution code|Resolution notes/);
    expect(alerts[0]?.text).toContain('On hold (Awaiting vendor) was kept; Resolved (Hardware repaired — “A resolved it”) was not');
  });
});
