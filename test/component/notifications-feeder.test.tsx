// The page's side of notifications against a real (fake-IndexedDB) database: watch feeder and escalation runner.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncidentRepository, ensureDevice, openLanternDb, setCurrentUser, type LanternDb } from '../../renderer/db';
import { conflictsTable, type ConflictRow } from '../../renderer/db/sync-rows';
import { mayBeDue, startEscalationRunner } from '../../renderer/features/notifications/escalation-runner';
import { startWatchFeeder, type WatchFeeder } from '../../renderer/features/notifications/watch-feeder';
import type { WatchUpdate } from '../../renderer/host/host-notifications';
import { changeStatus, editIncident, formatHlc, SEED_ESCALATION_RULES, SEED_SLA_POLICIES, SYSTEM_AUTHOR, type NotificationActivity, type SlaPolicy } from '../../shared/domain';
import { createDexieReplica } from '../../renderer/db/sync-replica';
import { highestStamp, type PulledPage } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { MemoryReplica } from '../unit/shared/sync/support/memory-replica';
import { fakeNotifications } from './support/fake-notifications';

const START = Date.UTC(2026, 10, 26, 14, 0, 0);
const MIN = 60_000;
let counter = 0;
let db: LanternDb;
let feeder: WatchFeeder | null = null;

afterEach(() => {
  feeder?.stop();
  feeder = null;
  db?.close();
});

function recorder() {
  const watches: WatchUpdate[] = [];
  const reports: NotificationActivity[][] = [];
  const users: (string | null)[] = [];
  const policies: (readonly SlaPolicy[])[] = [];
  const notifications = fakeNotifications({
    setPolicies: async (list) => void policies.push(list),
    watch: async (update) => void watches.push(update),
    report: async (activities) => void reports.push([...activities]),
    setUser: async (name) => void users.push(name),
  });
  return { notifications, watches, reports, users, policies };
}

async function setup() {
  counter += 1;
  db = openLanternDb(`notifications-feeder-${Date.now()}-${counter}`);
  await ensureDevice(db);
  let now = START;
  const clock = { nowMs: () => now, offsetMinutes: () => 0 };
  const repo = createIncidentRepository(db, clock);
  const record = async (title: string, impact: 1 | 2 | 3 = 3, urgency: 1 | 2 | 3 = 3) => {
    const result = await repo.record({ title, impact, urgency });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  return { repo, record, clock, advance: (ms: number) => (now += ms), now: () => now };
}

/** Another device that knows this one's incidents, and a pull of its operations through the Dexie replica. */
async function remoteOf(now: () => number) {
  const replica = createDexieReplica(db, { nowMs: now, offsetMinutes: () => 0 });
  const remote = new MemoryReplica('0190a000-0000-7000-8000-00000000000b', now);
  const page = (ops: Operation[], cursor: string): PulledPage => ({ epoch: 'e1', cursor, ops, highestStamp: highestStamp(ops), serverTime: now() });
  await remote.applyPulledPage(page(await replica.pendingOps(1000), 'c0'));
  let pages = 0;
  return { remote, pull: (ops: Operation[]) => replica.applyPulledPage(page(ops, `c${++pages}`)) };
}

describe('watch feeder', { timeout: 15_000 }, () => {
  it('sends every incident at start-up in pages: open ones as watches, closed ones as removed', async () => {
    const { record, repo } = await setup();
    const a = await record('Pump A');
    const b = await record('Pump B');
    const c = await record('Pump C');
    const cancelled = await repo.changeStatus(c.id, 'cancelled', { cancelReason: 'Recorded twice' });
    expect(cancelled.ok).toBe(true);
    const { notifications, watches, users } = recorder();
    feeder = startWatchFeeder({ db, notifications, batchSize: 2, debounceMs: 10_000 });
    await feeder.ready;
    expect(watches).toHaveLength(2);
    expect(watches.every((update) => update.watches.length + update.removed.length <= 2)).toBe(true);
    expect(watches.flatMap((update) => update.watches.map((w) => w.id)).sort()).toEqual([a.id, b.id].sort());
    expect(watches.flatMap((update) => update.removed)).toEqual([c.id]);
    expect(watches[0]?.watches[0]).toMatchObject({ policyId: 'gold', status: 'new' });
    expect(users).toEqual([null]);
  });

  it('walks everything once at start-up in slices, yielding to the page between them; afterwards only changes are read', async () => {
    const { record, repo } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await record(`Pump ${i}`)).id);
    const { notifications, watches } = recorder();
    const steps: string[] = [];
    const pause = vi.fn(async () => void steps.push('yield'));
    const watch = notifications.watch;
    notifications.watch = async (update) => {
      steps.push(`slice of ${update.watches.length}`);
      await watch(update);
    };
    feeder = startWatchFeeder({ db, notifications, batchSize: 2, debounceMs: 10_000, pause });
    await feeder.ready;
    // 5 incidents in slices of 2: the thread is given back between every two slices, never in the middle of one.
    expect(steps).toEqual(['slice of 2', 'yield', 'slice of 2', 'yield', 'slice of 1']);
    const walked = pause.mock.calls.length;
    watches.length = 0;
    const edited = await repo.edit(ids[0]!, { title: 'Pump 0 (bearing)' });
    expect(edited.ok).toBe(true);
    await feeder.flush();
    expect(watches.flatMap((update) => update.watches.map((w) => w.id))).toEqual([ids[0]]);
    expect(pause.mock.calls.length).toBe(walked);
  });

  it('sends changed incidents after local commits and after writes that bypass the repository (sync), and reports assignments', async () => {
    const { record, repo, now } = await setup();
    const a = await record('Pump A');
    const b = await record('Pump B');
    const { notifications, watches, reports, users } = recorder();
    feeder = startWatchFeeder({ db, notifications, debounceMs: 10_000, now });
    await feeder.ready;
    watches.length = 0;

    await setCurrentUser(db, { name: 'Ben Desk' });
    await repo.changeStatus(a.id, 'assigned', { assignee: 'Ana Field' });
    await feeder.flush();
    expect(users.at(-1)).toBe('Ben Desk');
    expect(watches.flatMap((update) => update.watches)).toEqual([expect.objectContaining({ id: a.id, status: 'assigned', assignee: 'Ana Field' })]);
    expect(reports.flat()).toEqual([expect.objectContaining({ kind: 'assignment', assignee: 'Ana Field', actor: 'Ben Desk', incidentId: a.id })]);

    // A sync applying a remote change bypasses the repository: the feeder still sees it (through the new entry).
    watches.length = 0;
    const { remote, pull } = await remoteOf(now);
    const cancelled = remote.commit((ctx) => changeStatus(remote.incident(b.id)!, 'cancelled', { cancelReason: 'Recorded twice' }, ctx))!;
    await pull([cancelled]);
    await feeder.flush();
    expect(watches).toEqual([{ watches: [], removed: [b.id] }]);

    // The same page again (its entries are held already) announces nothing.
    watches.length = 0;
    await pull([cancelled]);
    await feeder.flush();
    expect(watches).toEqual([]);
  });

  it('announces a conflict a sync recorded, once, and not again when a person resolves it', async () => {
    const { record } = await setup();
    const a = await record('Chiller 2 tripped');
    const { notifications, reports } = recorder();
    feeder = startWatchFeeder({ db, notifications, debounceMs: 10_000 });
    await feeder.ready;
    const conflict: ConflictRow = {
      id: `${a.id}:title:x`,
      incidentId: a.id,
      field: 'title',
      winner: { value: 'Chiller 2 tripped again', hlc: a.stamps['title']!, deviceId: 'device-b' },
      loser: { value: 'Chiller 2 tripped', hlc: a.stamps['title']!, deviceId: 'device-a' },
      detectedAt: new Date(START).toISOString(),
    };
    await conflictsTable(db).put(conflict);
    await feeder.flush();
    expect(reports.flat()).toEqual([
      expect.objectContaining({ kind: 'conflict', id: `conflict:${conflict.id}`, incidentId: a.id, actor: null, incidentLabel: `${a.number} Chiller 2 tripped` }),
    ]);
    expect(reports.flat()[0]?.text).toContain('Title');

    reports.length = 0;
    await conflictsTable(db).put({ ...conflict, resolvedAt: new Date(START + MIN).toISOString() });
    await feeder.flush();
    expect(reports).toEqual([]);
  });

  it('does not announce a conflict the field has since moved past (settled before this device learned of it)', async () => {
    const { record } = await setup();
    const a = await record('Chiller 2 tripped');
    const { notifications, reports } = recorder();
    feeder = startWatchFeeder({ db, notifications, debounceMs: 10_000 });
    await feeder.ready;
    // Both sides are older than the title's current stamp: someone changed the title after the clash.
    const older = formatHlc({ wallMs: 1, counter: 0, node: 'device-b' });
    await conflictsTable(db).put({
      id: `${a.id}:title:old`,
      incidentId: a.id,
      field: 'title',
      winner: { value: 'Chiller 2 tripped again', hlc: older, deviceId: 'device-b' },
      loser: { value: 'Chiller 2 tripped twice', hlc: formatHlc({ wallMs: 1, counter: 0, node: 'device-c' }), deviceId: 'device-c' },
      detectedAt: new Date(START).toISOString(),
    });
    await feeder.flush();
    expect(reports.flat()).toEqual([]);
  });

  it('sends a page of synced changes as one batch after the debounce', async () => {
    const { record } = await setup();
    for (let i = 0; i < 5; i++) await record(`Burst ${i}`);
    const { notifications, watches } = recorder();
    feeder = startWatchFeeder({ db, notifications, debounceMs: 50 });
    await feeder.ready;
    watches.length = 0;
    const { remote, pull } = await remoteOf(() => START);
    const ids = (await db.incidents.toArray()).map((row) => row.id);
    await pull(ids.map((id) => remote.commit((ctx) => editIncident(remote.incident(id)!, { title: `${remote.incident(id)!.title} (edited at HQ)` }, ctx))!));
    await vi.waitFor(() => expect(watches.flatMap((update) => update.watches)).toHaveLength(5));
    expect(watches).toHaveLength(1);
    expect(watches[0]?.watches.every((watch) => watch.title.endsWith('(edited at HQ)'))).toBe(true);
  });
});

describe('escalation runner', { timeout: 15_000 }, () => {
  it('escalates a breached incident once, as Lantern (automatic), and the feeder announces it', async () => {
    const { record, advance, now, clock } = await setup();
    const young = await record('Fresh report');
    const urgent = await record('Chiller down', 1, 1); // P1: 15 min to own on gold
    advance(20 * MIN);
    const { notifications, reports } = recorder();
    feeder = startWatchFeeder({ db, notifications, debounceMs: 10_000, now });
    await feeder.ready;
    const runner = startEscalationRunner({ db, clock, intervalMs: 3_600_000 });
    try {
      await expect(runner.runOnce()).resolves.toBe(1);
      await expect(runner.runOnce()).resolves.toBe(0);
    } finally {
      runner.stop();
    }
    const events = await db.timeline.where('incidentId').equals(urgent.id).toArray();
    expect(events.filter((event) => event.kind === 'escalated')).toEqual([expect.objectContaining({ author: SYSTEM_AUTHOR, target: 'Team lead' })]);
    expect(await db.timeline.where('incidentId').equals(young.id).count()).toBe(1);
    expect(await db.outbox.where('incidentId').equals(urgent.id).count()).toBe(2);
    await feeder.flush();
    expect(reports.flat()).toEqual([expect.objectContaining({ kind: 'escalation', actor: SYSTEM_AUTHOR.name, incidentId: urgent.id })]);
  });

  it('does not retry a refused escalation every pass until the incident changes, and reports refusals once per pass', async () => {
    const { record, advance, clock } = await setup();
    const urgent = await record('Chiller down', 1, 1);
    const bad = await record('Boiler down', 1, 1);
    // A stored row the domain refuses (as the bench's seeded numbers were): every attempt fails its transaction.
    await db.incidents.update(bad.id, { number: 'BAD-1' });
    advance(20 * MIN);
    const errors: unknown[] = [];
    const pauses = vi.fn(async () => undefined);
    const runner = startEscalationRunner({ db, clock, intervalMs: 3_600_000, onError: (error) => errors.push(error), pause: pauses });
    const escalated = async (id: string) => (await db.timeline.where('incidentId').equals(id).toArray()).filter((e) => e.kind === 'escalated').length;
    try {
      await expect(runner.runOnce()).resolves.toBe(1);
      expect(errors).toHaveLength(1);
      const attempts = vi.spyOn(db.incidents, 'get');
      await expect(runner.runOnce()).resolves.toBe(0);
      expect(errors).toHaveLength(1);
      // The refused incident is not read for another attempt (nor is the escalated one: nothing new is due).
      expect(attempts.mock.calls.map((call) => call[0])).not.toContain(bad.id);
      expect(pauses).toHaveBeenCalled();
    } finally {
      runner.stop();
    }
    expect(await escalated(urgent.id)).toBe(1);
    expect(await escalated(bad.id)).toBe(0);
  });

  it('skips incidents too young for any rule without reading their timelines', async () => {
    const { record } = await setup();
    const incident = await record('Fresh', 1, 1);
    const row = (await db.incidents.get(incident.id))!;
    const created = Date.parse(row.createdAt);
    expect(mayBeDue(row, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, created + 5 * MIN)).toBe(false);
    expect(mayBeDue(row, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, created + 15 * MIN)).toBe(true);
  });
});
