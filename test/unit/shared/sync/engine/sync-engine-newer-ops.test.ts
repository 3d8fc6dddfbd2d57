// Engine when a pulled page holds an operation a newer Lantern wrote: nothing of the page is applied, the cursor stays,
// the person is told to update, and this device's own changes still reach HQ.
import { describe, expect, it } from 'vitest';
import { NEWER_OPERATIONS_MESSAGE, SyncError } from '../../../../../shared/sync/engine';
import { OPERATION_SCHEMA_VERSION } from '../../../../../shared/sync/operation';
import type { HqAnswer, HqRequest } from '../support/fake-hq';
import { FakeHq } from '../support/fake-hq';
import { SimDevice, World } from '../support/sim-device';

type PulledPage = { ops: { op: { schemaVersion: number; event: { kind: string } } }[] };

/** HQ's pull answers with the second operation of each page marked as written by the next schema version, changed further by `alter`. */
function newerSecondOp(alter: (op: PulledPage['ops'][number]['op']) => void = () => undefined) {
  return (request: HqRequest, answer: HqAnswer): HqAnswer | null => {
    if (request.path !== '/v1/sync/pull' || answer.status !== 200) return null;
    const body = JSON.parse(answer.body) as PulledPage;
    if (body.ops.length < 2) return null;
    body.ops[1]!.op.schemaVersion = OPERATION_SCHEMA_VERSION + 1;
    alter(body.ops[1]!.op);
    return { status: 200, body: JSON.stringify(body) };
  };
}

/** Device A has recorded an incident with a note and sent both to HQ; device B has not pulled yet. */
async function twoDevicesAfterASync() {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const a = new SimDevice('dev-a', hq, world);
  const b = new SimDevice('dev-b', hq, world);
  const incident = a.create('Generator B failed');
  a.note(incident.incidentId, 'Fuel delivered');
  await a.sync();
  return { hq, b, incident };
}

describe('pulled operations of a newer schema', () => {
  it('says to update even when the newer operation holds something this version cannot parse', async () => {
    const { b } = await twoDevicesAfterASync();
    // An entry kind this version has never heard of: the operation's shape does not parse.
    b.faults.corrupt = newerSecondOp((op) => {
      op.event.kind = 'debrief_from_the_future';
    });
    const result = await b.sync();
    expect(result).toBeInstanceOf(SyncError);
    expect((result as SyncError).message).toBe(NEWER_OPERATIONS_MESSAGE);
    expect(b.replica.cursorsStored).toEqual([]);
  });

  it('refuses the whole page, keeps the cursor, says to update, and still pushes this device’s changes', async () => {
    const { hq, b, incident } = await twoDevicesAfterASync();
    const own = b.create('Door 4 jammed');

    b.faults.corrupt = newerSecondOp();
    const result = await b.sync();
    expect(result).toBeInstanceOf(SyncError);
    expect((result as SyncError).message).toBe(NEWER_OPERATIONS_MESSAGE);
    expect((result as SyncError).message).toMatch(/Update Lantern/);
    // Its own change went first and is at HQ; of the refused page nothing was stored, not even the older first op.
    expect(hq.operations().map((entry) => entry.op.opId)).toContain(own.opId);
    expect(b.replica.outboxEntries().map((entry) => entry.state)).toEqual(['acknowledged']);
    expect(b.replica.cursorsStored).toEqual([]);
    expect(b.replica.incident(incident.incidentId)).toBeNull();

    // Updated (here: the page arrives as this version knows it), the same cursor brings everything.
    b.faults.corrupt = undefined;
    const after = await b.sync();
    expect(after).not.toBeInstanceOf(Error);
    expect(b.replica.incident(incident.incidentId)?.title).toBe('Generator B failed');
  });
});

describe('pushed operations HQ cannot take yet', () => {
  it("keeps them, and reports HQ's reason (not the 'waiting behind it' of the ones after) for the status to show", async () => {
    const world = new World();
    const hq = new FakeHq({ now: () => world.nowMs });
    const a = new SimDevice('dev-a', hq, world);
    const incident = a.create('Generator B failed');
    a.note(incident.incidentId, 'Fuel delivered');
    a.note(incident.incidentId, 'Fuel at 40 %');
    const WHY = 'Written by a newer Lantern than HQ runs; it is kept on the device until HQ is updated.';
    // An HQ not yet updated: the second operation is of a version it does not know, the third waits behind it.
    a.faults.corrupt = (request, answer) => {
      if (request.path !== '/v1/sync/push' || answer.status !== 200) return null;
      const body = JSON.parse(answer.body) as { results: Record<string, unknown>[] };
      body.results = body.results.map((result, index) =>
        index === 0 ? result : { index, opId: result.opId, status: 'retry-later', ...(index === 1 ? { code: 'schema-newer', reason: WHY } : { code: 'gap', reason: 'Waits for an earlier operation.' }) },
      );
      return { status: 200, body: JSON.stringify(body) };
    };
    const report = await a.sync();
    if (report instanceof Error) throw report;
    expect(report.pushed.retryLater).toBe(2);
    expect(report.pendingAfter).toBe(2);
    expect(report.waitingReason).toBe(WHY);

    // Once HQ takes them, nothing waits and there is nothing to explain.
    a.faults.corrupt = undefined;
    const after = await a.sync();
    if (after instanceof Error) throw after;
    expect(after.pendingAfter).toBe(0);
    expect(after.waitingReason).toBeNull();
  });
});
