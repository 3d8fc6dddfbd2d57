// A page that completes a partial incident and brings the winning copy of an automatic entry stores only the winner's SLA change.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { changeStatus, recordIncident, SYSTEM_AUTHOR, type Incident } from '../../../../shared/domain';
import { highestStamp, type PulledPage } from '../../../../shared/sync/engine';
import { toOperation, type Operation } from '../../../../shared/sync/operation';
import { ensureDevice } from '../../../../renderer/db';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { ctxAt, ok } from '../../shared/sync/support/ops';
import { freshDb, START_MS, testClock } from './db-test-kit';

const RECORDER = '0190a000-0000-7000-8000-00000000000c';
const LOSER = '0190a000-0000-7000-8000-00000000000a';
const WINNER = '0190a000-0000-7000-8000-00000000000b';
/** Both devices write the same automatic entry (same id), as an automatic close does on every laptop. */
const AUTOMATIC_ENTRY_ID = '0190a000-0000-7000-8000-0000000000ee';

function page(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: START_MS };
}

/** The automatic cancel of `incident` as written on `deviceId` at `atMs`. */
function automaticCancel(incident: Incident, deviceId: string, atMs: number, opId: string): Operation {
  const context = { ...ctxAt(deviceId, atMs), author: SYSTEM_AUTHOR, newId: () => AUTOMATIC_ENTRY_ID };
  const result = ok(changeStatus(incident, 'cancelled', { cancelReason: 'Logged in error' }, context));
  return toOperation(result.change, { opId, deviceId, deviceSeq: 1, hlc: result.change.event.hlc });
}

describe('pulled automatic copies of an incident completed by the page', () => {
  it('keeps only the winning copy in the row SLA changes', async () => {
    const created = ok(recordIncident({ title: 'Pump failure' }, 7, 'RMTE', ctxAt(RECORDER, START_MS)));
    const creation = toOperation(created.change, { opId: created.change.event.id, deviceId: RECORDER, deviceSeq: 1, hlc: created.change.event.hlc });
    const losing = automaticCancel(created.incident, LOSER, START_MS + 60_000, '0190a000-0000-7000-8000-0000000000a1');
    const winning = automaticCancel(created.incident, WINNER, START_MS + 120_000, '0190a000-0000-7000-8000-0000000000b1');
    const db = freshDb('automatic-copy');
    await ensureDevice(db);
    const replica = createDexieReplica(db, testClock());
    // The losing copy arrives first, before its incident's creation (the incident waits as partial).
    await replica.applyPulledPage(page([losing], 'c:1'));
    await replica.applyPulledPage(page([creation, winning], 'c:2'));

    const [row] = await db.incidents.toArray();
    const timeline = await db.timeline.where('id').equals(AUTOMATIC_ENTRY_ID).toArray();
    expect(timeline.map((entry) => entry.hlc)).toEqual([winning.hlc]);
    expect(row?.slaChanges?.map((change) => change.hlc)).toEqual([winning.hlc]);
  });
});
