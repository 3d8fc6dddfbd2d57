// The service's same-device guard keeps the engine's read-ahead: two pushes on their way, and other devices' operations refused.
import { describe, expect, it } from 'vitest';
import { ReplicaUnavailableError } from '../../../../../main/services/sync/replica-error';
import { sameDeviceOnly } from '../../../../../main/services/sync/same-device-replica';
import { recordIncident } from '../../../../../shared/domain';
import type { FetchLike, LocalReplica } from '../../../../../shared/sync/engine';
import { MAX_PUSH_OPS } from '../../../../../shared/sync/wire';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';
import { connectInput, harness } from './support';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function createIncidents(replica: MemoryReplica, count: number): void {
  for (let i = 0; i < count; i++) replica.commit((ctx) => recordIncident({ title: `Chiller ${i} tripped` }, i + 1, 'K7QM', ctx));
}

describe('the sync service with a replica that reads ahead', () => {
  // 1,500 real operations through the engine: seconds on a machine busy with other test files.
  it('keeps two pushes on their way at once, and HQ gets every operation', { timeout: 30_000 }, async () => {
    let travelling = 0;
    let highest = 0;
    // Pushes wait a little (real time) before HQ handles them, so a second one can start meanwhile.
    const fetch: FetchLike<unknown> = async (url, init) => {
      if (!url.endsWith('/v1/sync/push')) return h.fetch(url, init);
      travelling += 1;
      highest = Math.max(highest, travelling);
      await pause(10);
      travelling -= 1;
      return h.fetch(url, init);
    };
    const h = harness({ fetch });
    createIncidents(h.replica, 3 * MAX_PUSH_OPS);
    await h.service.start();
    expect((await h.service.connect(connectInput())).ok).toBe(true);
    await h.service.whenIdle();

    expect(h.hq.incidents.size).toBe(3 * MAX_PUSH_OPS);
    expect(h.service.status()).toMatchObject({ state: 'up-to-date', pending: 0 });
    expect(highest).toBe(2);
  });
});

describe('sameDeviceOnly', () => {
  it('passes the read-ahead on and answers it like the replica', async () => {
    const replica = new MemoryReplica('dev-a', () => NOW);
    createIncidents(replica, 4);
    const guarded = sameDeviceOnly(replica, 'dev-a');
    expect((await guarded.pendingOpsAfter!(2, 10)).map((op) => op.deviceSeq)).toEqual([3, 4]);
  });

  it('passes renumbering on (a laptop restored from an older copy moves its pending operations above HQ\'s numbers)', async () => {
    const replica = new MemoryReplica('dev-a', () => NOW);
    createIncidents(replica, 2);
    const guarded = sameDeviceOnly(replica, 'dev-a');
    expect(await guarded.renumberPending!(5)).toBe(2);
    expect((await guarded.pendingOps(10)).map((op) => op.deviceSeq)).toEqual([6, 7]);
  });

  it('refuses read-ahead operations of another device id, as it does the first batch', async () => {
    const replica = new MemoryReplica('dev-old', () => NOW);
    createIncidents(replica, 3);
    const guarded = sameDeviceOnly(replica, 'dev-a');
    await expect(guarded.pendingOps(10)).rejects.toBeInstanceOf(ReplicaUnavailableError);
    await expect(guarded.pendingOpsAfter!(1, 10)).rejects.toMatchObject({ failure: 'other-device' });
  });

  it('offers no read-ahead when the replica has none (the engine then reads after each answer)', () => {
    const replica = new MemoryReplica('dev-a', () => NOW);
    const { pendingOpsAfter: _without, ...plain } = {
      pendingOps: replica.pendingOps.bind(replica),
      pendingOpsAfter: replica.pendingOpsAfter.bind(replica),
      recordPushResults: replica.recordPushResults.bind(replica),
      getCursor: replica.getCursor.bind(replica),
      applyPulledPage: replica.applyPulledPage.bind(replica),
      resetForNewEpoch: replica.resetForNewEpoch.bind(replica),
      countPending: replica.countPending.bind(replica),
    } satisfies LocalReplica;
    expect(sameDeviceOnly(plain, 'dev-a').pendingOpsAfter).toBeUndefined();
  });
});
