// Group commit: concurrent pushes share one transaction yet get exactly the results (and HQ the data) of one push after another.
import { afterEach, describe, expect, it } from 'vitest';
import { PushService, pushOperations } from '../../../server/sync/push-service';
import type { PushBatchInput } from '../../../server/sync/push-batch';
import type { HqStore, PushTx } from '../../../server/store/types';
import { announcePostgresSkip, STORE_FACTORIES, type OpenedStore } from './support/store-factories';
import { TestDevice } from './support/test-device';

announcePostgresSkip();

const NOW = Date.parse('2026-11-26T12:00:00Z');

/** The real store, counting push transactions; a batch containing `poisoned` fails to write with `error`. */
function watchedStore(store: HqStore, poisoned?: { opId: string; error: Error }): HqStore & { transactions: number } {
  const watched = Object.assign(Object.create(store) as HqStore, {
    transactions: 0,
    withPushTx: <T>(work: (tx: PushTx) => Promise<T>) => {
      watched.transactions += 1;
      return store.withPushTx((tx) =>
        work({
          ...tx,
          write: async (writes) => {
            if (poisoned && writes.ops.some((op) => op.opId === poisoned.opId)) throw poisoned.error;
            return tx.write(writes);
          },
        }),
      );
    },
  });
  return watched;
}

async function enroll(store: HqStore, ...deviceIds: string[]): Promise<void> {
  for (const deviceId of deviceIds) {
    await store.createEnrollment({ codeHash: `code-${deviceId}`, name: deviceId, createdAt: 0, expiresAt: NOW + 60_000, forDeviceId: null });
    expect(await store.redeemEnrollment({ codeHash: `code-${deviceId}`, deviceId, deviceName: deviceId, tokenHash: `token-${deviceId}`, now: NOW })).toBe('enrolled');
  }
}

const input = (deviceId: string, ops: readonly unknown[]): PushBatchInput => ({ deviceId, now: NOW, ops, files: [], clockSkewMs: null });

/** Pushes that exercise every rule: duplicates, the same device twice, a gap, an invalid operation, a real conflict. */
function scenario(): PushBatchInput[] {
  const a = new TestDevice('device-a', () => NOW - 5_000);
  const b = new TestDevice('device-b', () => NOW - 4_000);
  const c = new TestDevice('device-c', () => NOW - 3_000);
  const shared = a.create('Pump room flooding');
  b.adopt(a.incident(shared.incidentId));
  const first = [shared, a.note(shared.incidentId, 'Water at ankle height')];
  const retitled = b.edit(shared.incidentId, { title: 'Pump room flooded' });
  const own = b.create('Generator will not start');
  b.skipSeq(); // number 3: the invalid operation below
  c.skipSeq();
  return [
    input('device-a', first),
    input('device-b', [retitled, own, { opId: 'not-an-operation', deviceId: 'device-b', deviceSeq: 3 }]),
    input('device-a', [...first, a.edit(shared.incidentId, { title: 'Pump room: water rising' })]),
    input('device-c', [c.create('Too early')]),
    input('device-b', [b.note(own.incidentId, 'Technician on the way')]),
  ];
}

describe.each(STORE_FACTORIES)('group commit ($name)', (factory) => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.cleanup();
  });

  async function freshStore(): Promise<HqStore> {
    const store = await factory.open();
    opened.push(store);
    await enroll(store.store, 'device-a', 'device-b', 'device-c');
    return store.store;
  }

  it('pushes arriving together commit in one transaction with the same results and data as one after another', async () => {
    const pushes = scenario();
    const serialStore = await freshStore();
    const serial = [];
    for (const push of pushes) serial.push(await pushOperations(serialStore, push));

    const groupStore = watchedStore(await freshStore());
    const service = new PushService(groupStore);
    const grouped = await Promise.all(pushes.map((push) => service.push(push)));
    expect(groupStore.transactions).toBe(1);

    expect(grouped.map((outcome) => outcome.results)).toEqual(serial);
    expect(serial.flat().map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'rejected', 'duplicate', 'duplicate', 'applied', 'retry-later', 'applied']);
    expect((await groupStore.pull(0, 100)).rows).toEqual((await serialStore.pull(0, 100)).rows);
    const sharedId = (pushes[0]!.ops[0] as { incidentId: string }).incidentId;
    const [inGroup, inSerial] = [await groupStore.incident(sharedId), await serialStore.incident(sharedId)];
    expect(inGroup).toEqual(inSerial);
    expect(inGroup!.conflicts).toHaveLength(1); // a and b both retitled it from the same base
    const devices = async (store: HqStore) => (await store.listDevices({ limit: 100 })).devices.map((d) => [d.id, d.lastSeq]);
    expect(await devices(groupStore)).toEqual(await devices(serialStore));
    expect(await groupStore.rejectedOps(10)).toMatchObject([{ deviceId: 'device-b', opId: 'not-an-operation', code: 'invalid' }]);
    const meta = await groupStore.meta();
    for (const outcome of grouped) expect(outcome).toMatchObject({ hqId: meta.hqId, epoch: meta.epoch });
  });

  it('an operation the store cannot take fails only itself: the group is retried push by push', async () => {
    const pushes = scenario();
    const poisoned = pushes[4]!.ops[0] as { opId: string };
    const constraint = Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT_CHECK' });
    const store = watchedStore(await freshStore(), { opId: poisoned.opId, error: constraint });
    const service = new PushService(store);
    const grouped = await Promise.all(pushes.map((push) => service.push(push)));
    expect(grouped.map((o) => o.results.map((r) => r.status))).toEqual([
      ['applied', 'applied'],
      ['applied', 'applied', 'rejected'],
      ['duplicate', 'duplicate', 'applied'],
      ['retry-later'],
      ['rejected'],
    ]);
    expect(grouped[4]!.results[0]).toMatchObject({ code: 'hq-error', reason: expect.stringMatching(/CHECK constraint failed/) });
    expect((await store.pull(0, 100)).rows.map((row) => row.serverSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(await store.rejectedOps(10)).toMatchObject([{ opId: poisoned.opId, code: 'hq-error' }, { opId: 'not-an-operation', code: 'invalid' }]);
  });

  it('a temporary failure fails every push of the group (each answers 503 and is sent again); nothing is rejected', async () => {
    const pushes = scenario();
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const store = watchedStore(await freshStore(), { opId: (pushes[0]!.ops[0] as { opId: string }).opId, error: lost });
    const service = new PushService(store);
    const outcomes = await Promise.allSettled(pushes.map((push) => service.push(push)));
    expect(outcomes.map((o) => o.status)).toEqual(pushes.map(() => 'rejected'));
    expect(store.transactions).toBe(1);
    expect(await store.rejectedOps(10)).toEqual([]);
  });
});
