// ±6 h clock skew: devices still converge, HQ caps future-dated stamps, skew is measured and flagged, never refused.
import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../../../../shared/domain';
import { describeSkew, measureSkew, type SyncReport } from '../../../../../shared/sync/engine';
import { capFutureStamp } from '../../../../../shared/sync/hlc-cap';
import { MAX_FUTURE_HLC_MS } from '../../../../../shared/sync/wire';
import { expectConverged, expectEveryOpOnceAtHq } from '../support/convergence';
import { FakeHq, type CapRule } from '../support/fake-hq';
import { stampAt, T0 } from '../support/ops';
import { SimDevice, World } from '../support/sim-device';

const HOUR = 3_600_000;

function report(result: SyncReport | Error): SyncReport {
  if (result instanceof Error) throw result;
  return result;
}

function setup(capRule: CapRule = 'above-incident') {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs, capRule });
  const ahead = new SimDevice('dev-ahead', hq, world, +6 * HOUR);
  const behind = new SimDevice('dev-behind', hq, world, -6 * HOUR);
  const right = new SimDevice('dev-right', hq, world, 0);
  return { world, hq, ahead, behind, right };
}

describe('±6 hours of clock skew', () => {
  it('measures and flags the skew on every sync, and syncs anyway', async () => {
    const { ahead, behind, right } = setup();
    ahead.create('From the future');
    behind.create('From the past');
    const a = report(await ahead.sync());
    const b = report(await behind.sync());
    const r = report(await right.sync());
    expect(a.clockSkew).toEqual({ ms: -6 * HOUR, large: true });
    expect(b.clockSkew).toEqual({ ms: 6 * HOUR, large: true });
    expect(r.clockSkew).toEqual({ ms: 0, large: false });
    expect(describeSkew(a.clockSkew!)).toMatch(/about 6 hours ahead of HQ/);
    expect(describeSkew(b.clockSkew!)).toMatch(/about 6 hours behind HQ/);
  });

  it('converges when skewed devices edit the same fields, and the slow device can still win with a later edit', async () => {
    const { world, hq, ahead, behind, right } = setup();
    const created = [right.create('Pump 3 leaking')];
    for (const d of [right, ahead, behind]) report(await d.sync());
    world.advance(60_000);
    created.push(ahead.edit(created[0]!.incidentId, { title: 'Ahead says flooded', assignee: 'Ana' })!);
    report(await ahead.sync());
    report(await behind.sync());
    world.advance(60_000);
    // The slow device saw the future-dated edit; its next edit must still sort after it.
    created.push(behind.edit(created[0]!.incidentId, { title: 'Behind says fixed' })!);
    created.push(right.edit(created[0]!.incidentId, { urgency: 1 })!);
    for (let round = 0; round < 2; round++) for (const d of [behind, right, ahead]) report(await d.sync());
    expect(hq.incidents.get(created[0]!.incidentId)!.fields).toMatchObject({ title: 'Behind says fixed', assignee: 'Ana', urgency: 1 });
    expectEveryOpOnceAtHq(hq, created);
    expectConverged(hq, [ahead, behind, right]);
  });

  it('a future-dated device cannot drag HQ stamps beyond the cap, and its edits are rewritten everywhere', async () => {
    const { world, hq, ahead, right } = setup();
    const op = ahead.create('From the future');
    ahead.note(op.incidentId, 'Still the future');
    const first = report(await ahead.sync());
    expect(first.pushed.capped).toBe(2);
    report(await right.sync());
    world.advance(30 * 60_000);
    // A later edit on a correct clock beats the future-dated creation: the future stamp did not survive.
    right.edit(op.incidentId, { title: 'Corrected by a correct clock' });
    report(await right.sync());
    report(await ahead.sync());
    const limit = world.nowMs + MAX_FUTURE_HLC_MS;
    for (const state of hq.incidents.values()) for (const stamp of Object.values(state.stamps)) expect(parseHlc(stamp).wallMs).toBeLessThanOrEqual(limit);
    for (const event of hq.timeline.values()) expect(parseHlc(event.hlc).wallMs).toBeLessThanOrEqual(limit);
    expect(ahead.replica.incident(op.incidentId)!.title).toBe('Corrected by a correct clock');
    // The device rewrote its own stamps to HQ's: its outbox, its timeline and its incident match HQ.
    expect(ahead.replica.outboxEntries().map((e) => e.op.hlc)).toEqual(hq.operations().filter((e) => e.op.deviceId === 'dev-ahead').map((e) => e.op.hlc));
    expectConverged(hq, [ahead, right]);
  });

  it('a pending edit made on top of a capped one is rewritten before it is sent, so HQ sees no false conflict', async () => {
    const { hq, ahead, right } = setup();
    const op = ahead.create('From the future');
    report(await ahead.sync());
    ahead.edit(op.incidentId, { title: 'Second thought' });
    report(await ahead.sync());
    report(await right.sync());
    expect([...hq.conflicts.values()]).toEqual([]);
    expectConverged(hq, [ahead, right]);
  });
});

describe('where HQ caps a future-dated stamp', () => {
  /** The slightly-fast device edits; the far-future device then edits the same field after seeing it. */
  async function scenario(capRule: CapRule) {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs, capRule });
    const fast = new SimDevice('dev-fast', hq, world, 30 * 60_000);
    const future = new SimDevice('dev-future', hq, world, 6 * HOUR);
    const op = fast.create('Pump 3 leaking');
    report(await fast.sync());
    report(await future.sync());
    world.advance(1000);
    fast.edit(op.incidentId, { title: 'Pump 3 leaking badly' });
    report(await fast.sync());
    report(await future.sync());
    world.advance(1000);
    future.edit(op.incidentId, { title: 'Pump 3 fixed' });
    for (let i = 0; i < 2; i++) for (const d of [future, fast]) report(await d.sync());
    return { hq, fast, future, id: op.incidentId };
  }

  it('above every stamp HQ holds for the incident: the later edit wins everywhere', async () => {
    const { hq, fast, future, id } = await scenario('above-incident');
    expect(hq.incidents.get(id)!.fields.title).toBe('Pump 3 fixed');
    expectConverged(hq, [fast, future]);
  });

  it('only after the device’s own previous stamp (server/sync/cap-hlc.ts today): the edit is lost at HQ and the device diverges', async () => {
    const { hq, fast, future, id } = await scenario('device-only');
    expect(hq.incidents.get(id)!.fields.title).toBe('Pump 3 leaking badly');
    expect(fast.replica.incident(id)!.title).toBe('Pump 3 leaking badly');
    expect(future.replica.incident(id)!.title).toBe('Pump 3 fixed'); // and it never learns otherwise
  });

  it('capFutureStamp: null within the allowed hour; otherwise HQ time, after every floor, same node', () => {
    const now = T0;
    expect(capFutureStamp(stampAt(now + MAX_FUTURE_HLC_MS, 'dev-a'), now, [])).toBeNull();
    expect(capFutureStamp(stampAt(now + 6 * HOUR, 'dev-a'), now, [])).toBe(stampAt(now, 'dev-a'));
    const floors = [stampAt(now + 10 * 60_000, 'dev-b', 3), stampAt(now - 5, 'dev-a', 9), null];
    expect(capFutureStamp(stampAt(now + 6 * HOUR, 'dev-a'), now, floors)).toBe(stampAt(now + 10 * 60_000, 'dev-a', 4));
    expect(capFutureStamp(stampAt(now + 6 * HOUR, 'dev-a'), now, [stampAt(now, 'dev-z', 0xffff)])).toBe(stampAt(now + 1, 'dev-a', 0));
  });
});

describe('measureSkew', () => {
  it('compares HQ time with the midpoint of the request and flags more than five minutes', () => {
    expect(measureSkew(10_000, 9_000, 9_200)).toEqual({ ms: 900, large: false });
    expect(measureSkew(T0 + 5 * 60_000 + 1, T0, T0)).toEqual({ ms: 5 * 60_000 + 1, large: true });
    expect(measureSkew(T0 - 6 * HOUR, T0, T0).large).toBe(true);
  });
});
