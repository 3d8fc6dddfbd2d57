// One transaction per change: a failure anywhere inside it (a bug, a full disk) leaves every table as it was.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, STORAGE_FULL_MESSAGE } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { freshDb, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

function quotaDomException() {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/**
 * Aborts an IndexedDB transaction with QuotaExceededError as its error, as Chromium does when the disk
 * fills. fake-indexeddb has no public way to do that, so this uses its internal _abort(errorName).
 */
function abortWithQuotaError(transaction: unknown) {
  const fake = transaction as { _abort?: (name: string) => void } | undefined;
  if (typeof fake?._abort !== 'function') throw new Error('fake-indexeddb internals changed: no _abort on the transaction');
  fake._abort('QuotaExceededError');
}

describe('a failure inside the write transaction', () => {
  it('a throwing outbox write rolls back incident, timeline and meta (and the error stays loud)', async () => {
    db = freshDb('atomic');
    const repo = createIncidentRepository(db, testClock());
    await ensureDevice(db);
    const first = await repo.record({ title: 'First' });
    expect(first.ok).toBe(true);
    const before = await snapshot(db);

    db.outbox.hook('creating', () => {
      throw new Error('injected outbox failure');
    });
    await expect(repo.record({ title: 'Second' })).rejects.toThrow('injected outbox failure');
    if (first.ok) await expect(repo.addNote(first.value.id, 'a note')).rejects.toThrow('injected outbox failure');
    expect(await snapshot(db)).toEqual(before);
  });

  it('on a first run, even the device identity created inside the failed transaction is rolled back', async () => {
    db = freshDb('atomic-first');
    const repo = createIncidentRepository(db, testClock());
    db.timeline.hook('creating', () => {
      throw new Error('injected timeline failure');
    });
    await expect(repo.record({ title: 'First' })).rejects.toThrow('injected timeline failure');
    const after = await snapshot(db);
    expect(after.incidents).toEqual([]);
    expect(after.meta).toEqual([]);
  });
});

describe('storage full', () => {
  const shapes: Array<[string, () => unknown]> = [
    ['Dexie.AbortError wrapping a QuotaExceededError', () => new Dexie.AbortError('Transaction aborted', quotaDomException())],
    ['Dexie.QuotaExceededError', () => new Dexie.QuotaExceededError('Quota exceeded')],
    ['a DOMException named QuotaExceededError', () => quotaDomException()],
  ];

  for (const [label, makeError] of shapes) {
    it(`${label} thrown mid-transaction → storage-full, nothing written`, async () => {
      db = freshDb('quota');
      const repo = createIncidentRepository(db, testClock());
      const existing = await repo.record({ title: 'Already saved' });
      expect(existing.ok).toBe(true);
      const before = await snapshot(db);

      db.outbox.hook('creating', () => {
        throw makeError();
      });
      const result = await repo.record({ title: 'Will not fit' });
      expect(result).toEqual({ ok: false, error: { code: 'storage-full', message: STORAGE_FULL_MESSAGE } });
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('IndexedDB aborting the transaction with QuotaExceededError while writes are in flight → storage-full, nothing written', async () => {
    db = freshDb('quota-inflight');
    const repo = createIncidentRepository(db, testClock());
    const existing = await repo.record({ title: 'Already saved' });
    expect(existing.ok).toBe(true);
    const before = await snapshot(db);

    // The abort lands before the HLC write, so that write fails with "inactive", not with the quota error.
    db.meta.hook('updating', (_changes, key) => {
      if (key === 'hlc') abortWithQuotaError(Dexie.currentTransaction?.idbtrans);
      return undefined;
    });
    const result = await repo.record({ title: 'Will not fit' });
    expect(result).toEqual({ ok: false, error: { code: 'storage-full', message: STORAGE_FULL_MESSAGE } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('IndexedDB aborting with QuotaExceededError after every write succeeded (Chromium at commit) → storage-full, nothing written', async () => {
    db = freshDb('quota-commit');
    let diskFull = false;
    // A DBCore middleware sees the IndexedDB transaction of each write; after the last write of the
    // change (the HLC state) has succeeded, it aborts the transaction as a failing commit would.
    db.use({
      stack: 'dbcore',
      name: 'disk-fills-at-commit',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'meta') return table;
          return {
            ...table,
            mutate: async (req) => {
              const res = await table.mutate(req);
              if (diskFull && req.type === 'put' && req.values.some((row: { key?: unknown }) => row.key === 'hlc')) abortWithQuotaError(req.trans);
              return res;
            },
          };
        },
      }),
    });
    const repo = createIncidentRepository(db, testClock());
    const existing = await repo.record({ title: 'Already saved' });
    expect(existing.ok).toBe(true);
    const before = await snapshot(db);

    diskFull = true;
    const result = await repo.record({ title: 'Will not fit' });
    diskFull = false;
    expect(result).toEqual({ ok: false, error: { code: 'storage-full', message: STORAGE_FULL_MESSAGE } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('any other IndexedDB failure is reported as storage-error, nothing written', async () => {
    db = freshDb('storage-error');
    const repo = createIncidentRepository(db, testClock());
    await ensureDevice(db);
    const before = await snapshot(db);
    db.incidents.hook('creating', () => {
      throw new Dexie.UnknownError('Internal error opening backing store');
    });
    const result = await repo.record({ title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-error' } });
    expect(await snapshot(db)).toEqual(before);
  });
});
