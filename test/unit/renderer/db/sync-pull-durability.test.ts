// A pulled page is stored with relaxed durability (HQ still holds it); every other write stays strict.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordIncident } from '../../../../shared/domain';
import { highestStamp, type PulledPage } from '../../../../shared/sync/engine';
import { toOperation, type Operation } from '../../../../shared/sync/operation';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { createDexieReplica } from '../../../../renderer/db/sync-replica';
import { ctxAt, ok } from '../../shared/sync/support/ops';
import { freshDb, must, START_MS, testClock } from './db-test-kit';

interface Opened {
  stores: string[];
  mode: string;
  durability: string;
}

let db: LanternDb;
let opened: Opened[] = [];
const original = IDBDatabase.prototype.transaction;

beforeEach(() => {
  opened = [];
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
    const transaction = original.call(this, stores, mode, options);
    opened.push({ stores: [stores].flat(), mode: transaction.mode, durability: transaction.durability });
    return transaction;
  } as typeof original;
});

afterEach(() => {
  IDBDatabase.prototype.transaction = original;
  db?.close();
});

function remoteCreation(title: string): Operation {
  const created = ok(recordIncident({ title }, 7, 'RMTE', ctxAt('0190a000-0000-7000-8000-00000000000b', START_MS)));
  return toOperation(created.change, { opId: created.change.event.id, deviceId: '0190a000-0000-7000-8000-00000000000b', deviceSeq: 1, hlc: created.change.event.hlc });
}

function page(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: START_MS };
}

const writes = () => opened.filter((t) => t.mode === 'readwrite');

describe('durability of the sync writes', () => {
  it('stores a pulled page relaxed, and the saves and receipts around it strict', async () => {
    db = freshDb('durability');
    const clock = testClock();
    await ensureDevice(db);
    const repo = createIncidentRepository(db, clock);
    const replica = createDexieReplica(db, clock);
    must(await repo.record({ title: 'Saved before the pull' }));
    const before = writes().length;
    await replica.applyPulledPage(page([remoteCreation('Pulled from HQ')], 'c:1'));
    must(await repo.record({ title: 'Saved after the pull' }));
    await replica.recordPushResults([]);

    const pulled = writes().slice(before).filter((t) => t.stores.includes('syncPartial'));
    expect(pulled).toHaveLength(1);
    expect(pulled[0]!.durability).toBe('relaxed');
    const others = writes().filter((t) => !t.stores.includes('syncPartial'));
    expect(others.length).toBeGreaterThan(1);
    expect(new Set(others.map((t) => t.durability))).toEqual(new Set(['strict']));
    expect((await db.incidents.toArray()).map((row) => row.title).sort()).toEqual(['Pulled from HQ', 'Saved after the pull', 'Saved before the pull']);
  });
});
