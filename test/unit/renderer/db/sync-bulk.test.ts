// The Dexie replica's bulk paths: a pulled page in one pass per table, receipts as outbox marks, reading ahead.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, editIncident, recordIncident } from '../../../../shared/domain';
import { highestStamp, type PulledPage } from '../../../../shared/sync/engine';
import type { Operation } from '../../../../shared/sync/operation';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { writePageOps } from '../../../../renderer/db/sync-apply';
import { wordsOfSearchKeys } from '../../../../renderer/db/search-words';
import { readOutboxMarks } from '../../../../renderer/db/sync-outbox';
import { clearSentMark, createDexieReplica, markOpsNotSent, markOpsSent } from '../../../../renderer/db/sync-replica';
import { conflictsTable, outboxStateOf, syncOutbox } from '../../../../renderer/db/sync-rows';
import { countPendingOps, readIncidentSyncState, readLocalOnlySummary } from '../../../../renderer/db/sync-state';
import { MemoryReplica } from '../../shared/sync/support/memory-replica';
import { freshDb, must, snapshot, START_MS, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

async function setup() {
  db = freshDb('sync-bulk');
  const clock = testClock();
  const repo = createIncidentRepository(db, clock);
  await ensureDevice(db);
  return { clock, repo, replica: createDexieReplica(db, clock) };
}


function remoteDevice(clockMs = START_MS + 60_000) {
  const time = { ms: clockMs };
  return Object.assign(new MemoryReplica('0190a000-0000-7000-8000-00000000000c', () => time.ms), { time });
}

function page(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: START_MS };
}

/** An incident made on the remote device with a creation, an edit and two notes (four operations). */
function incidentWithHistory(remote: ReturnType<typeof remoteDevice>, counter: number): Operation[] {
  const created = remote.commit((ctx) => recordIncident({ title: `Boiler ${counter} tripped` }, counter, 'ZZZZ', ctx))!;
  const id = created.incidentId;
  const edited = remote.commit((ctx) => editIncident(remote.incident(id)!, { description: 'Pressure relief valve stuck' }, ctx))!;
  const note1 = remote.commit((ctx) => addNote(remote.incident(id)!, 'Technician dispatched', ctx))!;
  const note2 = remote.commit((ctx) => addNote(remote.incident(id)!, 'Replacement gasket ordered', ctx))!;
  return [created, edited, note1, note2];
}

describe('a pulled page, written in bulk', () => {
  it('merges several operations of one incident into one row with every event and every note word', async () => {
    await setup();
    const remote = remoteDevice();
    const a = incidentWithHistory(remote, 1);
    const b = incidentWithHistory(remote, 2);
    const ops = [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, a[3]!, b[2]!, b[3]!];
    const applied = await db.transaction('rw', [db.incidents, db.timeline, db.meta, db.slaPolicies, conflictsTable(db), db.table('syncPartial')], () => writePageOps(db, ops, START_MS));
    expect(applied.incidentIds).toEqual([a[0]!.incidentId, b[0]!.incidentId]);
    expect(applied.addedEvents).toHaveLength(8);
    const row = await db.incidents.get(a[0]!.incidentId);
    expect(row).toMatchObject({ title: 'Boiler 1 tripped', description: 'Pressure relief valve stuck' });
    expect(wordsOfSearchKeys(row!.searchKeys)).toEqual(expect.arrayContaining(['boiler', 'pressure', 'technician', 'gasket']));
    expect(row!.noteWords).toEqual(expect.arrayContaining(['technician', 'gasket']));
    expect(await db.timeline.count()).toBe(8);
  });

  it('indexes the words of notes that arrived before the creation of their incident, once it arrives', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const ops = incidentWithHistory(remote, 1);
    // HQ may serve the notes first (another device's page order): the incident stays partial until its creation.
    await replica.applyPulledPage(page([ops[2]!, ops[3]!], 'c:2'));
    expect(await db.incidents.get(ops[0]!.incidentId)).toBeUndefined();
    await replica.applyPulledPage(page([ops[0]!, ops[1]!], 'c:4'));
    const row = await db.incidents.get(ops[0]!.incidentId);
    expect(wordsOfSearchKeys(row!.searchKeys)).toEqual(expect.arrayContaining(['boiler', 'technician', 'gasket']));
    expect(row!.noteWords).toEqual(expect.arrayContaining(['technician', 'gasket']));
  });

  it('indexes the earlier notes of every incident a page completes, each with its own words', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const a = incidentWithHistory(remote, 1);
    const b = incidentWithHistory(remote, 2);
    const bNote = remote.commit((ctx) => addNote(remote.incident(b[0]!.incidentId)!, 'Burner nozzle cleaned', ctx))!;
    await replica.applyPulledPage(page([a[2]!, b[2]!, bNote], 'c:3'));
    // Both creations in one page, with a note of its own for one of them: the held notes of both are read at once.
    await replica.applyPulledPage(page([a[0]!, b[0]!, a[1]!, b[1]!, a[3]!], 'c:8'));
    const [rowA, rowB] = await db.incidents.bulkGet([a[0]!.incidentId, b[0]!.incidentId]);
    expect(rowA!.noteWords).toEqual(expect.arrayContaining(['technician', 'gasket']));
    expect(rowA!.noteWords).not.toContain('nozzle');
    expect(rowB!.noteWords).toEqual(expect.arrayContaining(['technician', 'burner', 'nozzle']));
    expect(rowB!.noteWords).not.toContain('gasket');
    expect(wordsOfSearchKeys(rowB!.searchKeys)).toEqual(expect.arrayContaining(['boiler', 'nozzle']));
    expect(await db.table('syncPartial').count()).toBe(0);
    expect(await db.timeline.count()).toBe(8);
  });

  it('an operation repeated for an incident that stays partial rewrites nothing (its held notes are not read as completing)', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const [, edited, note] = incidentWithHistory(remote, 1);
    // A note and an edit, no creation: the incident stays partial, and its note words have no row to go to yet.
    await replica.applyPulledPage(page([note!, edited!], 'c:2'));
    const partialBefore = await db.table('syncPartial').toArray();
    expect(partialBefore).toHaveLength(1);
    const tables = [db.incidents, db.timeline, db.meta, db.slaPolicies, conflictsTable(db), db.table('syncPartial')];
    const again = await db.transaction('rw', tables, () => writePageOps(db, [edited!], START_MS));
    expect(again).toEqual({ incidentIds: [], addedEvents: [], newConflicts: [], newFiles: [] });
    expect(await db.table('syncPartial').toArray()).toEqual(partialBefore);
    expect(await db.incidents.count()).toBe(0);
  });

  it('a page that fails on the clock read, with its writes already under way, leaves nothing and the cursor where it was', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    await replica.applyPulledPage(page(incidentWithHistory(remote, 1), 'c:4'));
    const before = { ...(await snapshot(db)), conflicts: await conflictsTable(db).toArray() };
    // The clock row is read alongside the page's writes; without it the page must fail as a whole.
    const hideClock = (row: { key: string }) => (row.key === 'hlc' ? undefined : row);
    db.meta.hook('reading', hideClock);
    await expect(replica.applyPulledPage(page([...incidentWithHistory(remote, 2), ...incidentWithHistory(remote, 3)], 'c:12'))).rejects.toThrow('no clock state');
    db.meta.hook('reading').unsubscribe(hideClock);
    expect({ ...(await snapshot(db)), conflicts: await conflictsTable(db).toArray() }).toEqual(before);
    expect(await replica.getCursor()).toEqual({ epoch: 'epoch-1', cursor: 'c:4' });
  });

  it('adds only the events it does not hold, keeps the page atomic, and rewrites nothing for operations already merged', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    const ops = incidentWithHistory(remote, 1);
    await replica.applyPulledPage(page(ops.slice(0, 2), 'c:2'));
    const tables = [db.incidents, db.timeline, db.meta, db.slaPolicies, conflictsTable(db), db.table('syncPartial')];
    // Two held, two new, one of them twice in the page.
    const mixed = await db.transaction('rw', tables, () => writePageOps(db, [...ops, ops[3]!], START_MS));
    expect(mixed.addedEvents.map((e) => e.id)).toEqual([ops[2]!.event.id, ops[3]!.event.id]);
    expect(await db.timeline.count()).toBe(4);
    // Everything held: no event added, no incident written.
    const again = await db.transaction('rw', tables, () => writePageOps(db, ops, START_MS));
    expect(again).toEqual({ incidentIds: [], addedEvents: [], newConflicts: [], newFiles: [] });
  });

  it('records a conflict once, keeping the time it was first seen', async () => {
    const { repo, replica, clock } = await setup();
    const remote = remoteDevice(START_MS + 120_000);
    const created = remote.commit((ctx) => recordIncident({ title: 'Shared incident' }, 1, 'ZZZZ', ctx))!;
    await replica.applyPulledPage(page([created], 'c:1'));
    must(await repo.edit(created.incidentId, { title: 'Local title' }));
    remote.time.ms += 60_000;
    const theirs = remote.commit((ctx) => editIncident(remote.incident(created.incidentId)!, { title: 'Remote title' }, ctx))!;
    await replica.applyPulledPage(page([theirs], 'c:2'));
    const first = await conflictsTable(db).toArray();
    expect(first).toHaveLength(1);
    clock.advance(3_600_000);
    await replica.applyPulledPage(page([theirs], 'c:3'));
    expect(await conflictsTable(db).toArray()).toEqual(first);
  });

  it('a failure in the middle of the bulk writes leaves nothing of the page and the cursor where it was', async () => {
    const { replica } = await setup();
    const remote = remoteDevice();
    await replica.applyPulledPage(page(incidentWithHistory(remote, 1), 'c:4'));
    const next = incidentWithHistory(remote, 2);
    const before = { ...(await snapshot(db)), conflicts: await conflictsTable(db).toArray() };
    db.incidents.hook('creating', () => {
      throw new Error('simulated crash while the incidents are written');
    });
    await expect(replica.applyPulledPage(page(next, 'c:8'))).rejects.toThrow('simulated crash');
    expect({ ...(await snapshot(db)), conflicts: await conflictsTable(db).toArray() }).toEqual(before);
    expect(await replica.getCursor()).toEqual({ epoch: 'epoch-1', cursor: 'c:4' });
  });
});

describe('receipts as outbox marks', () => {
  async function threeIncidents() {
    const { repo, replica } = await setup();
    const ids = [];
    for (const title of ['A', 'B', 'C', 'D']) ids.push(must(await repo.record({ title })).id);
    return { repo, replica, ids };
  }

  it('acknowledges a batch with one mark; refusals stay on their rows; a retry-later holds the mark back', async () => {
    const { replica, ids } = await threeIncidents();
    const [op1, op2, op3, op4] = await replica.pendingOps(10);
    await markOpsSent(db, [1, 2, 3, 4]);
    expect(await readIncidentSyncState(db, ids[0]!)).toBe('sent');
    await replica.recordPushResults([
      { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null },
      { opId: op2!.opId, deviceSeq: 2, status: 'rejected', code: 'invalid', reason: 'no' },
      { opId: op3!.opId, deviceSeq: 3, status: 'retry-later', code: 'gap', reason: 'later' },
      // Out of order (HQ answered past a retry-later): kept on the row, the mark cannot cover it.
      { opId: op4!.opId, deviceSeq: 4, status: 'duplicate', capped: null },
    ]);
    expect(await readOutboxMarks(db)).toEqual({ acknowledgedThrough: 2, sentThrough: 4 });
    const marks = await readOutboxMarks(db);
    expect((await syncOutbox(db).toArray()).map((row) => outboxStateOf(row, marks))).toEqual(['acknowledged', 'rejected', 'pending', 'acknowledged']);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([3]);
    expect(await replica.countPending()).toBe(1);
    expect(await countPendingOps(db)).toBe(1);
    expect((await readLocalOnlySummary(db)).incidents).toBe(1);
    expect(await readIncidentSyncState(db, ids[0]!)).toBe('confirmed');
    expect(await readIncidentSyncState(db, ids[1]!)).toBe('refused');
    expect(await readIncidentSyncState(db, ids[2]!)).toBe('sent');

    await replica.recordPushResults([{ opId: op3!.opId, deviceSeq: 3, status: 'applied', capped: null }]);
    // The mark covers what was answered; row 4 keeps the receipt stored on it.
    expect((await readOutboxMarks(db)).acknowledgedThrough).toBe(3);
    expect(await replica.countPending()).toBe(0);
    expect(await replica.pendingOps(10)).toEqual([]);
  });

  it('a failed push takes the sent mark back below its batch, never below the acknowledged mark', async () => {
    const { replica, ids } = await threeIncidents();
    const [op1] = await replica.pendingOps(10);
    // Two batches on their way: [1, 2] and [3, 4]; HQ acknowledges 1 only, then the batch [3, 4] fails.
    await markOpsSent(db, [1, 2]);
    await markOpsSent(db, [3, 4]);
    await replica.recordPushResults([{ opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null }]);
    await markOpsNotSent(db, [3, 4]);
    expect(await readOutboxMarks(db)).toEqual({ acknowledgedThrough: 1, sentThrough: 2 });
    expect(await readIncidentSyncState(db, ids[1]!)).toBe('sent');
    expect(await readIncidentSyncState(db, ids[2]!)).toBe('local');
    // The batch [1, 2] failing too (its answer lost): back to the acknowledged mark, not below it.
    await markOpsNotSent(db, [1, 2]);
    expect(await readOutboxMarks(db)).toEqual({ acknowledgedThrough: 1, sentThrough: 1 });
    expect(await readIncidentSyncState(db, ids[0]!)).toBe('confirmed');
    expect(await readIncidentSyncState(db, ids[1]!)).toBe('local');
    await markOpsSent(db, [2, 3, 4]);
    await clearSentMark(db);
    expect(await readOutboxMarks(db)).toEqual({ acknowledgedThrough: 1, sentThrough: 1 });
  });

  it('reads ahead past the batch in flight, and an epoch reset makes everything pending and unsent again', async () => {
    const { replica, ids } = await threeIncidents();
    expect((await replica.pendingOpsAfter(2, 10)).map((op) => op.deviceSeq)).toEqual([3, 4]);
    const ops = await replica.pendingOps(10);
    await markOpsSent(db, [1, 2, 3, 4]);
    await replica.recordPushResults(ops.map((op) => ({ opId: op.opId, deviceSeq: op.deviceSeq, status: 'applied' as const, capped: null })));
    expect(await replica.countPending()).toBe(0);
    await replica.resetForNewEpoch('epoch-2');
    expect(await replica.countPending()).toBe(4);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([1, 2, 3, 4]);
    expect(await readIncidentSyncState(db, ids[0]!)).toBe('local');
  });

  it('reads a database from before the marks: receipts stored on the rows', async () => {
    const { replica } = await threeIncidents();
    await syncOutbox(db).bulkUpdate([
      { key: 1, changes: { state: 'acknowledged' } },
      { key: 2, changes: { state: 'acknowledged' } },
      { key: 4, changes: { state: 'rejected' } },
    ]);
    expect(await readOutboxMarks(db)).toEqual({ acknowledgedThrough: 2, sentThrough: 0 });
    expect(await replica.countPending()).toBe(1);
    expect((await replica.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([3]);
  });

  it('an unknown operation among receipts for handed-out ones changes nothing', async () => {
    const { replica } = await threeIncidents();
    const [op1] = await replica.pendingOps(1);
    const before = await snapshot(db);
    await expect(
      replica.recordPushResults([
        { opId: op1!.opId, deviceSeq: 1, status: 'applied', capped: null },
        { opId: 'not-this-one', deviceSeq: 2, status: 'applied', capped: null },
      ]),
    ).rejects.toThrow('unknown operation');
    expect(await snapshot(db)).toEqual(before);
  });
});
