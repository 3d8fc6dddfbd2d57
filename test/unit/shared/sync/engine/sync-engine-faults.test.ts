// Engine against the fake HQ with injected faults: lost answers, duplicates, rejected and deferred ops, crashes, epochs.
import { describe, expect, it } from 'vitest';
import { SyncError, type SyncReport } from '../../../../../shared/sync/engine';
import type { Operation } from '../../../../../shared/sync/operation';
import { expectConverged, expectEveryOpOnceAtHq } from '../support/convergence';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

function setup(devices = 2) {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const all = Array.from({ length: devices }, (_, i) => new SimDevice(`dev-${String.fromCharCode(97 + i)}`, hq, world));
  return { world, hq, devices: all };
}

function report(result: SyncReport | Error): SyncReport {
  if (result instanceof Error) throw result;
  return result;
}

function failure(result: SyncReport | Error): Error {
  if (!(result instanceof Error)) throw new Error(`expected the sync to fail, it reported ${JSON.stringify(result.pushed)}`);
  return result;
}

describe('lost answers and duplicate deliveries', () => {
  it('resends after HQ committed but the answer was lost: duplicates, applied once', async () => {
    const { hq, devices: [a, b] } = setup();
    const ops = [a!.create('Pump 3 leaking'), a!.create('Door 4 jammed')];
    ops.push(a!.note(ops[0]!.incidentId, 'Water on the floor')!);
    a!.faults.dropResponse = (request) => request.path === '/v1/sync/push';
    const lost = failure(await a!.sync());
    expect(lost).toBeInstanceOf(SyncError);
    expect((lost as SyncError).kind).toBe('offline');
    expect(hq.operations()).toHaveLength(3); // HQ committed
    expect(await a!.replica.countPending()).toBe(3); // the device does not know yet

    a!.faults.dropResponse = undefined;
    const retry = report(await a!.sync());
    expect(retry.pushed).toMatchObject({ applied: 0, duplicate: 3 });
    expect(await a!.replica.countPending()).toBe(0);
    report(await b!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });

  it('survives every request being delivered twice (a retrying proxy)', async () => {
    const { hq, devices: [a, b] } = setup();
    const ops = [a!.create('Pump 3 leaking')];
    ops.push(a!.edit(ops[0]!.incidentId, { title: 'Pump 3 flooding' })!);
    a!.faults.duplicate = () => true;
    b!.faults.duplicate = () => true;
    const first = report(await a!.sync());
    // HQ saw each op twice; the device got the second answer ("duplicate") and acknowledged.
    expect(first.pushed.duplicate).toBe(2);
    expect(a!.stats.duplicated).toBeGreaterThan(0);
    report(await b!.sync());
    ops.push(b!.note(ops[0]!.incidentId, 'Called the plumber')!);
    report(await b!.sync());
    report(await a!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });

  it('loses the answer to a pull without losing or doubling anything', async () => {
    const { hq, devices: [a, b] } = setup();
    const ops = [a!.create('Pump 3 leaking'), a!.create('Door 4 jammed')];
    report(await a!.sync());
    b!.faults.dropResponse = (request) => request.path === '/v1/sync/pull';
    failure(await b!.sync());
    expect(b!.replica.timelineEvents()).toHaveLength(0);
    b!.faults.dropResponse = undefined;
    report(await b!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });
});

describe('a batch with one permanently rejected and one deferred operation', () => {
  it('applies the rest, keeps the rejected op with its reason, resends only the deferred ones', async () => {
    const { hq, devices: [a, b] } = setup();
    const x = a!.create('Generator B failed');
    const rejected = a!.note(x.incidentId, 'This note HQ refuses')!;
    const edit = a!.edit(x.incidentId, { assignee: 'Sam' })!;
    const deferred = a!.create('Door 4 jammed');
    const after = a!.note(deferred.incidentId, 'Waiting behind the deferred one')!;
    hq.rejectOpIds.add(rejected.opId);
    hq.deferOpIds.add(deferred.opId);

    const first = report(await a!.sync());
    expect(first.pushed).toMatchObject({ applied: 2, rejected: 1, retryLater: 2 });
    expect(first.rejected).toEqual([{ opId: rejected.opId, deviceSeq: rejected.deviceSeq, code: 'invalid', reason: 'The administrator refused this change.' }]);
    expect(first.pendingAfter).toBe(2);
    const outbox = new Map(a!.replica.outboxEntries().map((e) => [e.op.opId, e]));
    expect(outbox.get(rejected.opId)).toMatchObject({ state: 'rejected', reason: 'The administrator refused this change.' });
    expect(outbox.get(edit.opId)!.state).toBe('acknowledged');
    expect(outbox.get(deferred.opId)!.state).toBe('pending');
    expect(outbox.get(after.opId)!.state).toBe('pending');
    // The rejected note stays on the device that wrote it.
    expect(a!.replica.timelineEvents().map((e) => e.id)).toContain(rejected.event.id);

    hq.deferOpIds.clear();
    const pushesBefore = hq.requests.filter((r) => r.path === 'push').reduce((n, r) => n + (r.ops ?? 0), 0);
    const second = report(await a!.sync());
    expect(second.pushed).toMatchObject({ applied: 2, rejected: 0, retryLater: 0 });
    const pushedNow = hq.requests.filter((r) => r.path === 'push').reduce((n, r) => n + (r.ops ?? 0), 0) - pushesBefore;
    expect(pushedNow).toBe(2); // the rejected op was not sent again
    expect(a!.replica.outboxEntries().find((e) => e.op.opId === rejected.opId)!.state).toBe('rejected');

    report(await b!.sync());
    expect(hq.operations().map((e) => e.op.opId)).toEqual([x.opId, edit.opId, deferred.opId, after.opId]);
    expect(b!.replica.timelineEvents().map((e) => e.id)).not.toContain(rejected.event.id);
    expect(b!.replica.incident(x.incidentId)!.assignee).toBe('Sam');
  });

  it('stops pushing when only deferred operations remain (no endless loop)', async () => {
    const { hq, devices: [a] } = setup(1);
    const first = a!.create('Pump 3 leaking');
    for (let i = 0; i < 5; i++) a!.note(first.incidentId, `note ${i}`);
    hq.deferOpIds.add(first.opId);
    const result = report(await a!.sync());
    expect(result.pushed).toMatchObject({ applied: 0, retryLater: 6 });
    expect(hq.requests.filter((r) => r.path === 'push')).toHaveLength(1);
    expect(result.pendingAfter).toBe(6);
  });
});

describe('a crash between applying a pulled page and storing the cursor', () => {
  it('keeps nothing of the failed page, re-pulls it next time, and never doubles an entry', async () => {
    const { hq, devices: [a, b] } = setup();
    const ops: Operation[] = [a!.create('Incident before')];
    report(await a!.sync());
    report(await b!.sync());
    for (let i = 0; i < 5; i++) ops.push(a!.create(`Incident ${i}`));
    report(await a!.sync());
    const before = b!.replica.snapshot();
    b!.replica.faults.failNextApply = true;
    const crashed = failure(await b!.sync());
    expect(crashed).not.toBeInstanceOf(SyncError); // the store failed, not HQ
    expect(b!.replica.snapshot()).toBe(before);
    report(await b!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });

  it('resumes from the last stored page, not from the beginning', async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const a = new SimDevice('dev-a', hq, world);
    const b = new SimDevice('dev-b', hq, world, 0, { pullLimit: 2 });
    const ops: Operation[] = [];
    for (let i = 0; i < 6; i++) ops.push(a.create(`Incident ${i}`));
    report(await a.sync());
    let applies = 0;
    const original = b.replica.applyPulledPage.bind(b.replica);
    b.replica.applyPulledPage = async (page) => {
      applies += 1;
      if (applies === 2) b.replica.faults.failNextApply = true;
      return original(page);
    };
    failure(await b.sync());
    expect(b.replica.cursorsStored).toEqual(['c:epoch-1:2']);
    report(await b.sync());
    expect(b.replica.cursorsStored).toEqual(['c:epoch-1:2', 'c:epoch-1:4', 'c:epoch-1:6']);
    expectConverged(hq, [a, b]);
  });
});

describe('HQ restored from a backup (epoch change)', () => {
  it('re-pushes what HQ lost and re-pulls from the start; nothing lost, nothing doubled', async () => {
    const { world, hq, devices: [a, b] } = setup();
    const ops: Operation[] = [];
    for (let i = 0; i < 6; i++) ops.push(a!.create(`Incident ${i}`));
    report(await a!.sync());
    report(await b!.sync());
    for (let i = 0; i < 3; i++) ops.push(b!.note(ops[i]!.incidentId, `Note ${i}`)!);
    report(await b!.sync());
    report(await a!.sync());
    expect(hq.operations()).toHaveLength(9);

    hq.restoreFromBackup(5); // loses b's three notes and a's last two creations
    expect(hq.operations()).toHaveLength(4);
    world.advance(60_000);
    ops.push(b!.edit(ops[0]!.incidentId, { assignee: 'Sam' })!); // b notices the new epoch in its push answer

    const fromB = report(await b!.sync());
    expect(fromB.epochResets).toBe(1);
    expect(fromB.epoch).toBe('epoch-2');
    const fromA = report(await a!.sync()); // a notices it in the pull answer (409 epoch-changed)
    expect(fromA.epochResets).toBe(1);
    report(await b!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });

  it('HQ restored WITHOUT a new epoch: the next sync reveals the lost history (its cursor is past what HQ holds), HQ starts a new epoch itself, nothing is lost', async () => {
    const { world, hq, devices: [a, b] } = setup();
    const ops: Operation[] = [];
    for (let i = 0; i < 4; i++) ops.push(b!.create(`Incident ${i}`));
    report(await b!.sync());
    for (let i = 0; i < 4; i++) ops.push(a!.note(ops[i]!.incidentId, `Note ${i}`) ?? a!.create(`A ${i}`));
    report(await a!.sync());
    for (let i = 0; i < 3; i++) ops.push(b!.note(ops[i]!.incidentId, `Later ${i}`)!);
    report(await b!.sync());
    report(await a!.sync());
    const before = hq.operations().length;

    hq.restoreFromBackup(5, { newEpoch: false }); // b's three notes and two of a's operations are gone; same epoch
    expect(hq.epoch).toBe('epoch-1');
    expect(hq.operations().length).toBe(before - 5);
    world.advance(60_000);
    ops.push(b!.note(ops[0]!.incidentId, 'After the restore')!);

    const fromB = report(await b!.sync()); // its push says "HQ answered up to 7 in epoch-1" (remembered); its pull cursor proves it
    expect(fromB.epochResets).toBe(1);
    expect(hq.epoch).toBe('epoch-2');
    report(await a!.sync());
    report(await b!.sync());
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!, b!]);
  });

  it('a laptop restored from an older copy of its disk: its new edits move above the numbers HQ holds, none is refused or lost', async () => {
    const { world, hq, devices: [a, b] } = setup();
    const ops: Operation[] = [];
    for (let i = 0; i < 3; i++) ops.push(a!.create(`Before the copy ${i}`));
    report(await a!.sync());
    const copy = a!.replica.snapshot(); // the disk image taken here
    for (let i = 0; i < 4; i++) ops.push(a!.note(ops[i % 3]!.incidentId, `After the copy ${i}`)!);
    report(await a!.sync());
    report(await b!.sync());

    a!.replica.restoreSnapshot(copy); // the laptop is restored: it numbers new operations from 4 again, as HQ holds 4-7
    world.advance(60_000);
    const fresh = [a!.create('After the restore'), a!.note(ops[0]!.incidentId, 'Also after the restore')!];
    expect(fresh.map((op) => op.deviceSeq)).toEqual([4, 5]);

    const run = report(await a!.sync());
    expect(run.renumbered).toBe(1);
    expect(run.pushed.rejected).toBe(0);
    expect(a!.replica.outboxEntries().filter((e) => e.state === 'rejected')).toEqual([]);
    const atHq = hq.operations().map((e) => e.op);
    // The fresh edits reached HQ under new numbers (8 and 9) and new ids, with their content intact.
    const arrived = atHq.filter((op) => op.deviceId === a!.id && op.deviceSeq > 7);
    expect(arrived.map((op) => op.deviceSeq)).toEqual([8, 9]);
    expect(arrived.map((op) => op.event.id)).toEqual(fresh.map((op) => op.event.id));
    // Nothing HQ held was replaced, and the laptop got its own lost edits back with the pull.
    for (const op of ops) expect(atHq.some((held) => held.opId === op.opId)).toBe(true);
    report(await b!.sync());
    report(await a!.sync());
    expectConverged(hq, [a!, b!]);
    // Its next edit continues after the moved ones.
    expect(a!.create('Later')!.deviceSeq).toBe(10);
  });

  it('a healthy HQ never starts a new epoch on its own, whatever the batches and windows', async () => {
    const { hq, devices: [a, b] } = setup();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 7; i++) a!.create(`A ${round}.${i}`);
      for (let i = 0; i < 3; i++) b!.create(`B ${round}.${i}`);
      report(await a!.sync());
      report(await b!.sync());
    }
    expect(hq.epoch).toBe('epoch-1');
  });

  it('re-sends a rejected operation after a restore so HQ has no gap, and it stays rejected', async () => {
    const { hq, devices: [a] } = setup(1);
    const x = a!.create('Pump 3 leaking');
    const bad = a!.note(x.incidentId, 'refused')!;
    const next = a!.note(x.incidentId, 'fine')!;
    hq.rejectOpIds.add(bad.opId);
    report(await a!.sync());
    hq.restoreFromBackup(2); // the rejection and the next note are lost
    const after = report(await a!.sync());
    expect(after.epochResets).toBe(1);
    expect(after.pushed).toMatchObject({ duplicate: 1, rejected: 1, applied: 1 });
    expect(a!.replica.outboxEntries().map((e) => e.state)).toEqual(['acknowledged', 'rejected', 'acknowledged']);
    expect(hq.operations().map((e) => e.op.opId)).toEqual([x.opId, next.opId]);
  });

  it('a fresh device whose first pull (no cursor yet) meets a new epoch sends its operations again', async () => {
    // The pull's epoch check is the only guard here: with no cursor, HQ has nothing to answer 409 to.
    const { hq, devices: [a] } = setup(1);
    const ops = [a!.create('Pump 3 leaking'), a!.create('Door 4 jammed')];
    ops.push(a!.note(ops[0]!.incidentId, 'Water on the floor')!);
    let pushed = false;
    let restored = false;
    a!.faults.refuse = (request) => {
      if (request.path === '/v1/sync/push') pushed = true;
      // HQ is restored from a backup that predates the push, between the push's answer and the first pull.
      if (request.path === '/v1/sync/pull' && pushed && !restored) {
        restored = true;
        hq.restoreFromBackup(0);
      }
      return null;
    };
    const result = report(await a!.sync());
    expect(restored).toBe(true);
    expect(result.epochResets).toBe(1);
    expect(result.epoch).toBe('epoch-2');
    expect(await a!.replica.countPending()).toBe(0);
    expectEveryOpOnceAtHq(hq, ops);
    expectConverged(hq, [a!]);
  });

  it('gives up after repeated epoch changes within one run instead of looping', async () => {
    const { hq, devices: [a] } = setup(1);
    a!.create('Pump 3 leaking');
    report(await a!.sync());
    a!.faults.corrupt = (request) => {
      if (request.path !== '/v1/sync/pull') return null;
      hq.restoreFromBackup(0); // a new epoch on every pull
      return { status: 409, body: JSON.stringify({ error: 'epoch-changed', message: 'restored', epoch: hq.epoch }) };
    };
    const error = failure(await a!.sync());
    expect((error as SyncError).kind).toBe('epoch-changed');
  });
});
