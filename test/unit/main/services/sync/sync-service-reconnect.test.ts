// SyncService across reconnect and disconnect: one sync run at a time, the old run called off, nothing sent after disconnect.
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../../shared/sync/engine';
import { recordIncident } from '../../../../../shared/domain';
import { gateFetch, type Gate } from '../../../shared/sync/support/gated-fetch';
import { connectInput, enrollingFetch, harness, type Harness } from './support';

/** A harness whose push requests wait at a gate while `held`, counting sync requests (not enroll) in flight. */
function gatedHarness(): { h: Harness; gate: Gate } {
  let inner: FetchLike<unknown> | null = null;
  const { fetch, gate } = gateFetch<unknown>((url, init) => inner!(url, init));
  const h = harness({ fetch, createAbortController: () => new AbortController() });
  inner = enrollingFetch(h.hq, h.faults, h.codes, () => h.timers.nowMs);
  return { h, gate };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await tick();
}

function create(h: Harness, title: string): void {
  const counter = h.replica.outboxEntries().length + 1;
  h.replica.commit((ctx) => recordIncident({ title }, counter, 'K7QM', ctx));
}

/** Connected and synced, then a push held at HQ's door. */
async function syncingWithPushHeld(): Promise<{ h: Harness; gate: Gate }> {
  const { h, gate } = gatedHarness();
  await h.service.start();
  expect((await h.service.connect(connectInput())).ok).toBe(true);
  await h.service.whenIdle();
  create(h, 'Pump 3 leaking');
  gate.held = true;
  expect(h.service.syncNow()).toEqual({ started: true });
  await settle();
  expect(gate.inFlight).toBe(1); // the run waits for HQ's answer to its push
  return { h, gate };
}

describe('SyncService: one sync at a time across reconnect and disconnect', () => {
  it('connecting again while a sync runs calls that run off and starts no second, overlapping sync', async () => {
    const { h, gate } = await syncingWithPushHeld();

    // The person connects again (new code, e.g. after HQ re-enrolled the device) while that push is on its way.
    h.codes.add('ZZ9P-2X9P-HT4C-M8WB');
    const reconnecting = h.service.connect(connectInput({ enrollmentCode: 'ZZ9P-2X9P-HT4C-M8WB' }));
    await settle();
    const overlapWhileHeld = gate.inFlight;
    gate.release();
    expect((await reconnecting).ok).toBe(true);
    await settle();
    await h.service.whenIdle();

    expect(overlapWhileHeld, 'a second sync run started while the first was still waiting for HQ').toBeLessThanOrEqual(1);
    expect(gate.maxInFlight, 'two sync runs talked to HQ at the same time').toBe(1);
    expect(gate.aborted, 'the old run’s request was not aborted').toBe(1);
    // The new connection's run sent what the old one could not.
    expect(h.service.status().state).toBe('up-to-date');
    expect(h.hq.incidents.size).toBe(1);
  });

  it('after disconnect() resolves, the run that was in progress sends nothing more to HQ', async () => {
    const { h, gate } = await syncingWithPushHeld();

    let afterDisconnect: number | null = null;
    const disconnecting = h.service.disconnect().then(() => {
      afterDisconnect = gate.syncRequests;
    });
    await settle();
    gate.release();
    await disconnecting;
    await settle();
    h.timers.advance(60 * 60_000);
    await settle();

    expect(afterDisconnect).not.toBeNull();
    expect(gate.syncRequests - (afterDisconnect ?? 0), 'HQ requests made by the old run after the device was disconnected').toBe(0);
    expect(h.replica.outboxEntries().filter((e) => e.state === 'pending')).toHaveLength(1);
  });

  it('whenIdle() waits for the run of a connection that was dropped', async () => {
    const { h, gate } = await syncingWithPushHeld();
    h.service.stop();
    let idle = false;
    const waiting = h.service.whenIdle().then(() => {
      idle = true;
    });
    await waiting;
    // stop() calls the run off: it ends without HQ's answer, and whenIdle saw it end.
    expect(idle).toBe(true);
    expect(gate.inFlight).toBe(0);
    expect(gate.aborted).toBe(1);
  });
});
