// pushOperations when the store refuses a batch: a permanent failure isolates the one bad operation; a temporary one is not masked.
import { afterEach, describe, expect, it } from 'vitest';
import { toHqError } from '../../../server/http/error-handler';
import { isPermanentStoreError, pushOperations } from '../../../server/sync/push-service';
import type { HqStore, PushTx } from '../../../server/store/types';
import { announcePostgresSkip, STORE_FACTORIES, type OpenedStore } from './support/store-factories';
import { TestDevice } from './support/test-device';

announcePostgresSkip();

/** The real store, except that any batch containing `poisoned` fails to write with `error`. */
function failingStore(store: HqStore, poisoned: string, error: Error): HqStore {
  return Object.assign(Object.create(store) as HqStore, {
    withPushTx: <T>(work: (tx: PushTx) => Promise<T>) =>
      store.withPushTx((tx) =>
        work({
          ...tx,
          write: async (writes) => {
            if (writes.ops.some((op) => op.opId === poisoned)) throw error;
            return tx.write(writes);
          },
        }),
      ),
  });
}

async function enrolled(store: HqStore, deviceId: string): Promise<void> {
  await store.createEnrollment({ codeHash: 'c', name: deviceId, createdAt: 0, expiresAt: Date.now() + 60_000, forDeviceId: null });
  expect(await store.redeemEnrollment({ codeHash: 'c', deviceId, deviceName: deviceId, tokenHash: 't', now: Date.now() })).toBe('enrolled');
}

describe.each(STORE_FACTORIES)('pushOperations ($name)', (factory) => {
  let opened: OpenedStore;
  afterEach(async () => {
    await opened?.cleanup();
  });

  it('a constraint failure on one operation rejects only that one (hq-error, kept) and the rest are applied in order', async () => {
    opened = await factory.open();
    await enrolled(opened.store, 'device-a');
    const a = new TestDevice('device-a');
    const create = a.create('Boiler pressure low');
    const ops = [create, a.note(create.incidentId, 'poison'), a.note(create.incidentId, 'after')];
    const constraint = Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT_CHECK' });
    const store = failingStore(opened.store, ops[1]!.opId, constraint);

    const results = await pushOperations(store, { deviceId: 'device-a', now: Date.now(), ops, files: [], clockSkewMs: null });
    expect(results.map((r) => [r.index, r.status, r.code])).toEqual([
      [0, 'applied', undefined],
      [1, 'rejected', 'hq-error'],
      [2, 'applied', undefined],
    ]);
    expect(results[1]!.reason).toMatch(/CHECK constraint failed/);
    const rejected = await opened.store.rejectedOps(10);
    expect(rejected).toMatchObject([{ opId: ops[1]!.opId, code: 'hq-error', deviceSeq: 2 }]);
    expect((await opened.store.pull(0, 10)).rows.map((row) => row.serverSeq)).toEqual([1, 2]);
  });

  it('a temporary failure (connection lost) is thrown, not turned into rejections', async () => {
    opened = await factory.open();
    await enrolled(opened.store, 'device-a');
    const a = new TestDevice('device-a');
    const create = a.create('Boiler pressure low');
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const store = failingStore(opened.store, create.opId, lost);
    await expect(pushOperations(store, { deviceId: 'device-a', now: Date.now(), ops: [create], files: [], clockSkewMs: null })).rejects.toThrow(/Connection terminated/);
    expect(await opened.store.rejectedOps(10)).toEqual([]);
    expect(toHqError(lost)).toMatchObject({ code: 'unavailable', statusCode: 503 });
  });
});

describe('isPermanentStoreError', () => {
  it.each([
    [Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), true],
    [Object.assign(new Error('x'), { code: '23505' }), true],
    [Object.assign(new Error('x'), { code: '22P02' }), true],
    [new TypeError('bug'), true],
    [Object.assign(new Error('x'), { code: 'SQLITE_BUSY' }), false],
    [Object.assign(new Error('x'), { code: 'SQLITE_FULL' }), false],
    [Object.assign(new Error('x'), { code: '53100' }), false],
    [Object.assign(new Error('x'), { code: '57P01' }), false],
    [new Error('The HQ store is closed'), false],
  ])('%s → %s', (error, permanent) => {
    expect(isPermanentStoreError(error)).toBe(permanent);
  });
});
