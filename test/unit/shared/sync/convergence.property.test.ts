// Property: ≥ 5 devices with skewed clocks edit the same few incidents through the real commands, sync in random
// order through lost answers and duplicate deliveries; after a quiet round everyone (and HQ) holds the same data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHlc, type EditableFields, type Status } from '../../../../shared/domain';
import type { Operation } from '../../../../shared/sync/operation';
import { MAX_FUTURE_HLC_MS } from '../../../../shared/sync/wire';
import { expectConverged, expectEveryOpOnceAtHq, expectLastWriterWins } from './support/convergence';
import { FakeHq } from './support/fake-hq';
import { SimDevice, World } from './support/sim-device';
import { HOUR, MAX_INCIDENTS, skewsArb, STATUS_INPUT, stepArb, syncQuietly, type Step } from './support/scenario-steps';

const LONG = process.env.LANTERN_LONG_PROPERTIES === '1';
/** Runs one scenario; returns what the assertions need. */
async function run(skews: number[], steps: Step[]) {
  const world = new World();
  const hq = new FakeHq({ now: () => world.nowMs });
  const devices = skews.map((skew, i) => new SimDevice(`dev-${i}`, hq, world, skew));
  const created: Operation[] = [];
  let incidents = 0;
  const pick = (d: SimDevice, n: number) => {
    const ids = [...d.replica.incidentStates().keys()].filter((id) => d.replica.incident(id) !== null).sort();
    return ids.length ? ids[n % ids.length]! : null;
  };
  const keep = (op: Operation | null) => {
    if (op) created.push(op);
  };

  // Everyone starts knowing one shared incident, so most edits hit the same few incidents concurrently.
  keep(devices[2]!.create('Shared incident'));
  incidents += 1;
  for (const d of devices) await d.sync();

  for (const step of steps) {
    if (step.kind === 'advance') {
      world.advance(step.ms);
      continue;
    }
    const d = devices[step.device]!;
    switch (step.kind) {
      case 'create':
        if (incidents < MAX_INCIDENTS) {
          incidents += 1;
          keep(d.create(step.title));
        }
        break;
      case 'edit': {
        const id = pick(d, step.pick);
        if (id) keep(d.edit(id, step.edits as Partial<EditableFields>));
        break;
      }
      case 'status': {
        const id = pick(d, step.pick);
        if (id) keep(d.setStatus(id, step.to as Status, STATUS_INPUT));
        break;
      }
      case 'note': {
        const id = pick(d, step.pick);
        if (id) keep(d.note(id, step.text));
        break;
      }
      case 'clock-jump':
        d.skewMs = step.skew;
        break;
      case 'sync':
        d.faults.dropResponse = (request) => (request.path === '/v1/sync/push' ? step.dropPush < 2 : step.dropPull < 2);
        d.faults.duplicate = () => step.duplicate < 2;
        await d.sync();
        d.faults.dropResponse = undefined;
        d.faults.duplicate = undefined;
        break;
    }
  }

  await syncQuietly(devices);
  return { world, hq, devices, created };
}

describe('convergence of simulated devices through HQ', () => {
  it(
    'ends with identical incidents and timelines everywhere, every operation at HQ exactly once',
    async () => {
      // What the generated scenarios exercised, so a generator that stopped producing conflicts or capped
      // stamps fails loudly instead of passing vacuously.
      const coverage = { runs: 0, ops: 0, conflicts: 0, capped: 0 };
      await fc.assert(
        fc.asyncProperty(skewsArb, fc.array(stepArb(), { minLength: 20, maxLength: LONG ? 150 : 80 }), async (skews, steps) => {
          const { world, hq, devices, created } = await run(skews, steps);
          coverage.runs += 1;
          coverage.ops += created.length;
          coverage.conflicts += hq.conflicts.size;
          coverage.capped += hq.operations().filter(({ op }) => parseHlc(op.hlc).wallMs < Date.parse(op.event.at.utc) - HOUR).length;
          expectEveryOpOnceAtHq(hq, created);
          expectConverged(hq, devices);
          expectLastWriterWins(hq);
          for (const d of devices) expect(d.replica.outboxEntries().every((e) => e.state === 'acknowledged'), `outbox of ${d.id}`).toBe(true);
          // A device's own changes are made one on top of the other: never a conflict between two of them.
          for (const conflict of [...hq.conflicts.values(), ...devices.flatMap((d) => d.replica.conflictList())]) {
            expect(conflict.winner.deviceId, `conflict ${conflict.id}`).not.toBe(conflict.loser.deviceId);
          }
          const limit = world.nowMs + MAX_FUTURE_HLC_MS;
          for (const { op } of hq.operations()) expect(parseHlc(op.hlc).wallMs).toBeLessThanOrEqual(limit);
        }),
        { numRuns: LONG ? 3_000 : 200 },
      );
      expect(coverage.ops / coverage.runs).toBeGreaterThan(5);
      expect(coverage.conflicts).toBeGreaterThan(coverage.runs / 2);
      expect(coverage.capped).toBeGreaterThan(coverage.runs / 2);
    },
    LONG ? 3_600_000 : 120_000,
  );
});
