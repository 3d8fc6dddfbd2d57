// The Dexie LocalReplica: the in-memory replica's rules, each method one transaction, crashes and a full disk change nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { editIncident, formatHlc, recordIncident } from '../../../../shared/domain';
import type { PulledPage } from '../../../../shared/sync/engine';
import { highestStamp } from '../../../../shared/sync/engine';
import type { Operation } from '../../../../shared/sync/operation';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { readMeta } from '../../../../renderer/db/meta';
import { wordsOfSearchKeys } from '../../../../renderer/db/search-words';
import { createDexieReplica, markOpsSent, SYNC_STORAGE_FULL_MESSAGE } from '../../../../renderer/db/sync-replica';
import { readOutboxMarks } from '../../../../renderer/db/sync-outbox';
import { conflictsTable, outboxStateOf, syncOutbox } from '../../../../renderer/db/sync-rows';
import { readIncidentSyncState, readLocalOnlySummary, readOpenConflicts, readRefusedChanges } from '../../../../renderer/db/sync-state';
import { MemoryReplica } from '../../shared/sync/support/memory-replica';
import { freshDb, must, snapshot, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

async function setup() {
  db = freshDb('sync');
  const clock = testClock();
  const repo = createIncidentRepository(db, clock);
  const device = await ensureDevice(db);
  const replica = createDexieReplica(db, clock);
  return { clock, repo, device, replica };
}


/** Another device (in memory) whose operations reach this one through pulled pages. */
function remoteDevice(clockMs = START_MS) {
  const time = { ms: clockMs };
  return Object.assign(new MemoryReplica('0190a000-0000-7000-8000-00000000000b', () => time.ms), { time });
}

function page(ops: Operation[], cursor: string, epoch = 'epoch-1'): PulledPage {
  return { epoch, cursor, ops, highestStamp: highestStamp(ops), serverTime: START_MS };
}

/** The outbox rows' states as the UI and the engine see them (the outbox marks applied). */
async function outboxStates() {
  const marks = await readOutboxMarks(db);
  return (await syncOutbox(db).toArray()).map((row) => outboxStateOf(row, marks));
}

/** Full snapshot plus the v3 tables. */
async function everything(d: LanternDb) {
  return { ...(await snapshot(d)), conflicts: await conflictsTable(d).toArray(), partial: await d.table('syncPartial').toArray() };
}

describe('Dexie replica: outbox side', () => {
  it('hands out pending operations in deviceSeq order, without local bookkeeping fields', async () => {
    const { repo, replica } = await setup();
    const a = must(await repo.record({ title: 'Pump 3 leaking' }));
    must(await repo.edit(a.id, { title: 'Pump 3 leaking badly' }));
    must(await repo.addNote(a.id, 'Valve closed'));
    const ops = await replica.pendingOps(2);
    expect(ops.map((op) => op.deviceSeq)).toEqual([1, 2]);
    expect(ops[0]).not.toHaveProperty('state');
    expect(await replica.countPending()).toBe(3);
  });

  it('records applied, rejected (with reason) and retry-later results in one go', async () => {
    const { repo, replica } = await setup();
    const a = must(await repo.record({ title: 'Pump 3 leaking' }));
    must(await repo.edit(a.id, { title: 'Pump 3' }));
    must(await repo.addNote(a.id, 'Valve closed'));
    const [op1, op2, op3] = await replica.pendingOps(10);
    await replica.recordPushResults([
      { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null },
      { opId: op2!.opId, deviceSeq: 2, status: 'rejected', code: 'invalid', reason: 'title: too long' },
      { opId: op3!.opId, deviceSeq: 3, status: 'retry-later', code: 'gap', reason: 'send the earlier one first' },
    ]);
    expect(await outboxStates()).toEqual(['acknowledged', 'rejected', 'pending']);
    const rows = await syncOutbox(db).toArray();
    expect(rows[1]).toMatchObject({ code: 'invalid', reason: 'title: too long' });
    expect(await replica.countPending()).toBe(1);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([3]);
    expect(await readRefusedChanges(db)).toEqual([{ deviceSeq: 2, incidentId: a.id, incidentTitle: 'Pump 3', reason: 'title: too long' }]);
  });

  it('an unknown operation in the results changes nothing', async () => {
    const { repo, replica } = await setup();
    must(await repo.record({ title: 'Pump 3 leaking' }));
    const [op1] = await replica.pendingOps(1);
    const before = await everything(db);
    await expect(
      replica.recordPushResults([
        { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null },
        { opId: 'nope', deviceSeq: 9, status: 'applied', capped: null },
      ]),
    ).rejects.toThrow('unknown operation');
    expect(await everything(db)).toEqual(before);
  });

  it('rewrites a capped stamp everywhere: incident stamps, its event, the op and the base of a later op', async () => {
    const { repo, replica } = await setup();
    const a = must(await repo.record({ title: 'Pump 3 leaking' }));
    must(await repo.edit(a.id, { title: 'Pump 3 leaking badly' }));
    const [op1, op2] = await replica.pendingOps(10);
    const from = op1!.hlc;
    const to = `${from.slice(0, -1)}Z`.replace(/^\d/, '0');
    expect(op2!.base?.title).toBe(from);
    await replica.recordPushResults([{ opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: { from, to } }]);
    const event = await db.timeline.get(op1!.event.id);
    expect(event?.hlc).toBe(to);
    const rows = await syncOutbox(db).toArray();
    expect(rows[0]!.hlc).toBe(to);
    expect(rows[1]!.base?.title).toBe(to);
    const incident = await db.incidents.get(a.id);
    expect(Object.values(incident!.stamps)).not.toContain(from);
  });

  it('keeps the rewritten base of a later op acknowledged in the same batch (its receipt must not restore the old stamp)', async () => {
    const { repo, replica } = await setup();
    const a = must(await repo.record({ title: 'Pump 4 leaking' }));
    must(await repo.edit(a.id, { title: 'Pump 4 leaking badly' }));
    const [op1, op2] = await replica.pendingOps(10);
    const from = op1!.hlc;
    const to = `${from.slice(0, -1)}Z`.replace(/^\d/, '0');
    await replica.recordPushResults([
      { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: { from, to } },
      { opId: op2!.opId, deviceSeq: 2, status: 'applied', capped: null },
    ]);
    expect(await outboxStates()).toEqual(['acknowledged', 'acknowledged']);
    const rows = await syncOutbox(db).toArray();
    expect(rows[1]!.base?.title).toBe(to);
  });

  it('resetForNewEpoch makes acknowledged and rejected operations pending again and clears the cursor', async () => {
    const { repo, replica } = await setup();
    must(await repo.record({ title: 'A' }));
    must(await repo.record({ title: 'B' }));
    const [op1, op2] = await replica.pendingOps(10);
    await replica.recordPushResults([
      { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null },
      { opId: op2!.opId, deviceSeq: 2, status: 'rejected', code: 'hq-error', reason: 'x' },
    ]);
    await replica.applyPulledPage(page([], 'c:1'));
    await replica.resetForNewEpoch('epoch-2');
    expect(await replica.countPending()).toBe(2);
    expect(await replica.getCursor()).toEqual({ epoch: 'epoch-2', cursor: null });
  });
});

describe('Dexie replica: pulled pages', () => {
  it('merges remote operations, inserts each event once, advances the HLC and stores the cursor', async () => {
    const { replica } = await setup();
    const remote = remoteDevice(START_MS + 60_000);
    const created = remote.commit((ctx) => recordIncident({ title: 'Generator B failed' }, 1, 'ZZZZ', ctx))!;
    const incident = remote.incident(created.incidentId)!;
    const edited = remote.commit((ctx) => editIncident(incident, { description: 'Fuel line cracked' }, ctx))!;

    await replica.applyPulledPage(page([created, edited], 'c:2'));
    await replica.applyPulledPage(page([created, edited], 'c:2')); // a repeat is harmless
    const row = await db.incidents.get(created.incidentId);
    expect(row).toMatchObject({ title: 'Generator B failed', description: 'Fuel line cracked' });
    expect(wordsOfSearchKeys(row!.searchKeys)).toContain('generator');
    expect(await db.timeline.where('incidentId').equals(created.incidentId).count()).toBe(2);
    expect(await replica.getCursor()).toEqual({ epoch: 'epoch-1', cursor: 'c:2' });
    const hlc = await readMeta(db, 'hlc');
    expect(hlc!.wallMs).toBeGreaterThanOrEqual(START_MS + 60_000);
    expect(await readIncidentSyncState(db, created.incidentId)).toBe('confirmed');
  });

  it('keeps edits that arrive before their creation and completes the incident when it comes', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const created = remote.commit((ctx) => recordIncident({ title: 'Late creation' }, 1, 'ZZZZ', ctx))!;
    const edited = remote.commit((ctx) => editIncident(remote.incident(created.incidentId)!, { title: 'Edited first' }, ctx))!;
    await replica.applyPulledPage(page([edited], 'c:1'));
    expect(await db.incidents.get(created.incidentId)).toBeUndefined();
    await replica.applyPulledPage(page([created], 'c:2'));
    expect((await db.incidents.get(created.incidentId))?.title).toBe('Edited first');
    expect(await db.table('syncPartial').count()).toBe(0);
  });

  it('records a conflict with both values when a remote change of the same field was concurrent', async () => {
    const { repo, replica } = await setup();
    const remote = remoteDevice(START_MS + 120_000);
    const created = remote.commit((ctx) => recordIncident({ title: 'Shared incident' }, 1, 'ZZZZ', ctx))!;
    await replica.applyPulledPage(page([created], 'c:1'));
    must(await repo.edit(created.incidentId, { title: 'Local title' }));
    remote.time.ms += 60_000; // the remote change is later by the clock: it wins
    const theirs = remote.commit((ctx) => editIncident(remote.incident(created.incidentId)!, { title: 'Remote title' }, ctx))!;
    await replica.applyPulledPage(page([theirs], 'c:2'));
    const conflicts = await readOpenConflicts(db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ field: 'title', winner: { value: 'Remote title' }, loser: { value: 'Local title' } });
    expect(conflicts[0]!.loser.author).not.toBeNull();
    expect((await db.incidents.get(created.incidentId))?.title).toBe('Remote title');
  });

  it('a capped stamp is rewritten in the conflicts that name it: same id as HQ derives, the winner’s author and time found', async () => {
    const { repo, replica, device, clock } = await setup();
    const remote = remoteDevice(START_MS + 120_000);
    const created = remote.commit((ctx) => recordIncident({ title: 'Shared incident' }, 1, 'ZZZZ', ctx))!;
    await replica.applyPulledPage(page([created], 'c:1'));
    clock.set(START_MS + 6 * 3_600_000); // this laptop's clock runs six hours ahead: its edit wins locally
    must(await repo.edit(created.incidentId, { title: 'Local title' }));
    remote.time.ms += 60_000;
    const theirs = remote.commit((ctx) => editIncident(remote.incident(created.incidentId)!, { title: 'Remote title' }, ctx))!;
    await replica.applyPulledPage(page([theirs], 'c:2'));
    const [mine] = await replica.pendingOps(10);
    const from = mine!.hlc;
    expect((await readOpenConflicts(db))[0]).toMatchObject({ winner: { hlc: from }, loser: { hlc: theirs.hlc } });

    // HQ holds the edit under a stamp capped near its own time, still after the remote one.
    const to = formatHlc({ wallMs: START_MS + 200_000, counter: 0, node: device.deviceId });
    await replica.recordPushResults([{ opId: mine!.opId, deviceSeq: mine!.deviceSeq, status: 'applied', capped: { from, to } }]);

    const conflicts = await readOpenConflicts(db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: `${created.incidentId}:title:${theirs.hlc}:${to}`, winner: { hlc: to, value: 'Local title' }, loser: { hlc: theirs.hlc } });
    expect(conflicts[0]!.winner.author).not.toBeNull();
    expect(conflicts[0]!.winner.at).not.toBeNull();
  });

  it('a crash inside applyPulledPage leaves nothing of the page and the cursor where it was', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const first = remote.commit((ctx) => recordIncident({ title: 'First' }, 1, 'ZZZZ', ctx))!;
    await replica.applyPulledPage(page([first], 'c:1'));
    const second = remote.commit((ctx) => recordIncident({ title: 'Second' }, 2, 'ZZZZ', ctx))!;
    const before = await everything(db);
    db.meta.hook('creating', () => {
      throw new Error('simulated crash before the page transaction committed');
    });
    db.meta.hook('updating', () => {
      throw new Error('simulated crash before the page transaction committed');
    });
    await expect(replica.applyPulledPage(page([second], 'c:2'))).rejects.toThrow('simulated crash');
    expect(await everything(db)).toEqual(before);
    expect(await replica.getCursor()).toEqual({ epoch: 'epoch-1', cursor: 'c:1' });
  });

  it('a full disk while applying a page gives a clear message and writes nothing', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const op = remote.commit((ctx) => recordIncident({ title: 'Too big for the disk' }, 1, 'ZZZZ', ctx))!;
    const before = await everything(db);
    db.timeline.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = replica.applyPulledPage(page([op], 'c:1'));
    await expect(failure).rejects.toThrow(SYNC_STORAGE_FULL_MESSAGE);
    await expect(failure).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await everything(db)).toEqual(before);
  });
});

describe('what the UI derives', () => {
  it('an incident goes from only on this device to sent to confirmed; the local-only totals follow', async () => {
    const { repo, replica } = await setup();
    const a = must(await repo.record({ title: 'Pump 3 leaking' }));
    expect(await readIncidentSyncState(db, a.id)).toBe('local');
    expect(await readLocalOnlySummary(db)).toEqual({ incidents: 1, files: 0, bytes: 0 });
    const [op] = await replica.pendingOps(10);
    await markOpsSent(db, [op!.deviceSeq]);
    expect(await readIncidentSyncState(db, a.id)).toBe('sent');
    await replica.recordPushResults([{ opId: op!.opId, deviceSeq: 1, status: 'applied', capped: null }]);
    expect(await readIncidentSyncState(db, a.id)).toBe('confirmed');
    expect((await readLocalOnlySummary(db)).incidents).toBe(0);
  });
});
