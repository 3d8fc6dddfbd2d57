// The push window: two batches on their way at once, answers recorded in order, overtaking and refusals handled.
import { describe, expect, it } from 'vitest';
import { createFetchTransport, SyncEngine, type FetchLike } from '../../../../../shared/sync/engine';
import { expectEveryOpOnceAtHq } from '../support/convergence';
import { FakeHq } from '../support/fake-hq';
import { createFakeFetch, type NetworkFaults } from '../support/fake-network';
import { SimDevice, World } from '../support/sim-device';

type Hook = (path: string, pushNumber: number) => Promise<void>;

/** An engine over `device`'s replica whose requests pass `beforeHq` before HQ handles them. */
function engineWithGate(device: SimDevice, hq: FakeHq, world: World, beforeHq: Hook, pushWindow?: number, faults: NetworkFaults = {}): SyncEngine {
  const inner = createFakeFetch(hq, faults);
  let pushes = 0;
  const fetch: FetchLike<unknown> = async (url, init) => {
    const path = new URL(url).pathname;
    await beforeHq(path, path === '/v1/sync/push' ? ++pushes : 0);
    return inner(url, init);
  };
  const transport = createFetchTransport({
    baseUrl: 'http://hq.test/',
    token: hq.addDevice(device.id),
    deviceId: device.id,
    fetch,
    timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    timeoutMs: 2_000,
    now: () => world.nowMs,
  });
  return new SyncEngine({ transport, replica: device.replica, now: () => world.nowMs, batchSize: 2, ...(pushWindow === undefined ? {} : { pushWindow }) });
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts pushes between their start and their answer; returns the hook and the highest count seen. */
function concurrencyProbe(): { hook: Hook; highest: () => number } {
  let now = 0;
  let highest = 0;
  return {
    hook: async (path) => {
      if (path !== '/v1/sync/push') return;
      now += 1;
      highest = Math.max(highest, now);
      await pause(5);
      now -= 1;
    },
    highest: () => highest,
  };
}

function setUp(count: number) {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const device = new SimDevice('dev-win', hq, world);
  const ops = Array.from({ length: count }, (_, i) => device.create(`Chiller ${i}`));
  return { world, hq, device, ops };
}

describe('sync engine: push window', () => {
  it.each([
    [undefined, 2],
    [1, 1],
    [3, 3],
  ])('with a push window of %s keeps %s batches on their way at once, never more; every operation reaches HQ once', async (pushWindow, expected) => {
    const { world, hq, device, ops } = setUp(13);
    const probe = concurrencyProbe();
    const report = await engineWithGate(device, hq, world, probe.hook, pushWindow).syncOnce();
    expect(report.pushed.applied).toBe(13);
    expect(probe.highest()).toBe(expected);
    expect(await device.replica.countPending()).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
  });

  it('a batch that overtakes the one before it is answered "gap" and sent again in the same run', async () => {
    const { world, hq, device, ops } = setUp(6);
    let secondHandled: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (secondHandled = resolve));
    const report = await engineWithGate(device, hq, world, async (path, n) => {
      if (n === 1) await second; // the first batch reaches HQ only after the second was handled
      if (n === 2) setTimeout(secondHandled, 0);
    }).syncOnce();
    // The overtaking batch (and the one sent behind it before its answer came) was answered "gap" and sent again:
    // more pushes than batches, and no deferral reported, since nothing waits for a later run.
    expect(hq.requests.filter((r) => r.path === 'push').length).toBeGreaterThan(3);
    expect(report.pushed.retryLater).toBe(0);
    expect(report.pushed.applied).toBe(6);
    expect(report.pendingAfter).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
    // HQ's order is the device's order.
    expect(hq.operations().map((entry) => entry.op.deviceSeq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('after a retry-later, the batch already on its way is answered and nothing more is sent; the next run goes on', async () => {
    const { world, hq, device, ops } = setUp(8);
    hq.deferOpIds.add(ops[1]!.opId);
    const engine = engineWithGate(device, hq, world, async () => pause(1));
    const report = await engine.syncOnce();
    // Batch 1 (ops 1–2): op 2 deferred; batch 2 (ops 3–4), already sent, waits behind it ("gap"). No third batch.
    expect(hq.requests.filter((r) => r.path === 'push')).toHaveLength(2);
    expect(report.pushed.applied).toBe(1);
    expect(report.pendingAfter).toBe(7);
    hq.deferOpIds.clear();
    const again = await engine.syncOnce();
    expect(again.pushed.applied).toBe(7);
    expectEveryOpOnceAtHq(hq, ops);
  });

  it('a lost answer drops the batch behind it too; the next run sends both again and HQ answers "duplicate"', async () => {
    const { world, hq, device, ops } = setUp(8);
    let pushes = 0;
    // HQ commits the first batch, then the connection drops before its answer arrives.
    const faults: NetworkFaults = { dropResponse: (request) => request.path === '/v1/sync/push' && ++pushes === 1 };
    const engine = engineWithGate(device, hq, world, async () => pause(2), undefined, faults);
    await expect(engine.syncOnce()).rejects.toThrow();
    // Both batches reached HQ; no receipt was stored for either.
    expect(hq.requests.filter((r) => r.path === 'push')).toHaveLength(2);
    expect(await device.replica.countPending()).toBe(8);
    const report = await engine.syncOnce();
    expect(report.pushed).toMatchObject({ duplicate: 4, applied: 4 });
    expect(report.pendingAfter).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
  });

  it('a failed read-ahead ends the push with that error once the receipts being stored are stored and nothing is travelling', async () => {
    const { world, hq, device, ops } = setUp(8);
    const replica = device.replica;
    const readAhead = replica.pendingOpsAfter.bind(replica);
    // Batches of 2: the read of what follows batch 2 (operations after deviceSeq 4) fails.
    replica.pendingOpsAfter = async (after, limit) => {
      if (after === 4) throw new Error('disk read failed');
      return readAhead(after, limit);
    };
    // Receipts take a while to store, so an error that did not wait for them would surface first.
    const record = replica.recordPushResults.bind(replica);
    replica.recordPushResults = async (results) => {
      await pause(20);
      return record(results);
    };
    // Batch 2 takes long on the way: the error must not surface while it is still travelling.
    let travelling = 0;
    const engine = engineWithGate(device, hq, world, async (path, n) => {
      travelling += 1;
      await pause(n === 2 ? 60 : 2);
      travelling -= 1;
    });
    await expect(engine.syncOnce()).rejects.toThrow('disk read failed');
    expect(travelling).toBe(0);
    // Batch 1 was answered and its receipts stored before the error surfaced; batch 2, on its way, had its answer
    // dropped (sent again next run, answered "duplicate").
    expect(await replica.countPending()).toBe(6);
    replica.pendingOpsAfter = readAhead;
    const again = await engine.syncOnce();
    expect(again.pendingAfter).toBe(0);
    expect(again.pushed.duplicate).toBe(2);
    expectEveryOpOnceAtHq(hq, ops);
  });
});
