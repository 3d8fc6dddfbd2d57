// Property: ≥ 5 devices with skewed clocks edit the same few incidents through the real commands, sync in random
// order through lost answers and duplicate deliveries; after a quiet round everyone (and HQ) holds the same data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_REASONS, DEFAULT_RESOLUTION_CODES, parseHlc, STATUSES, type EditableFields, type Status } from '../../../../shared/domain';
import type { Operation } from '../../../../shared/sync/operation';
import { MAX_FUTURE_HLC_MS } from '../../../../shared/sync/wire';
import { expectConverged, expectEveryOpOnceAtHq, expectLastWriterWins } from './support/convergence';
import { FakeHq } from './support/fake-hq';
import { SimDevice, World } from './support/sim-device';

const LONG = process.env.LANTERN_LONG_PROPERTIES === '1';
const DEVICES = 5;
const MAX_INCIDENTS = 3;
const HOUR = 3_600_000;
const SKEWS = [-6 * HOUR, -2 * HOUR, -60_000, 0, 0, 30 * 60_000, 2 * HOUR, 6 * HOUR];

const device = fc.integer({ min: 0, max: DEVICES - 1 });
/** 0–9; a fault happens below its threshold, so most requests go through. */
const chance = fc.integer({ min: 0, max: 9 });

const editArb = fc.record(
  {
    title: fc.constantFrom('Pump 3 leaking', 'Pump 3 flooding', 'Pump 3 fixed', 'Power out in block A'),
    description: fc.constantFrom('', 'Water on the floor', 'Second floor too'),
    assignee: fc.constantFrom('Sam', 'Ana', null),
    team: fc.constantFrom('Facilities', 'IT', null),
    impact: fc.constantFrom(1 as const, 2 as const, 3 as const),
    urgency: fc.constantFrom(1 as const, 2 as const, 3 as const),
    tags: fc.constantFrom(['water'], ['water', 'urgent'], []),
  },
  { requiredKeys: [] },
);

const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device, title: fc.constantFrom('Pump 3 leaking', 'Door 4 jammed', 'Power out') }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, pick: fc.nat(), edits: editArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), device, pick: fc.nat(), to: fc.constantFrom(...STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), device, pick: fc.nat(), text: fc.constantFrom('On site', 'Called vendor', 'Parts ordered') }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, dropPush: chance, dropPull: chance, duplicate: chance }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20 * 60_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock-jump' as const), device, skew: fc.constantFrom(...SKEWS) }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const STATUS_INPUT = {
  assignee: 'Sam',
  holdReason: DEFAULT_HOLD_REASONS[0],
  resolutionCode: DEFAULT_RESOLUTION_CODES[0],
  resolutionNotes: 'Replaced the seal',
  cancelReason: 'Reported twice',
  reopenReason: 'Leaking again',
};

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

  // Quiet round: no faults; everyone syncs twice.
  for (let round = 0; round < 2; round++) {
    for (const d of devices) {
      const result = await d.sync();
      if (result instanceof Error) throw result;
    }
  }
  return { world, hq, devices, created };
}

describe('convergence of simulated devices through HQ', () => {
  it(
    'ends with identical incidents and timelines everywhere, every operation at HQ exactly once',
    async () => {
      // What the generated scenarios exercised, so a generator that stopped producing conflicts or capped
      // stamps fails loudly instead of passing vacuously.
      const coverage = { runs: 0, ops: 0, conflicts: 0, capped: 0 };
      const skewsArb = fc.tuple(...Array.from({ length: DEVICES - 2 }, () => fc.constantFrom(...SKEWS))).map((rest) => [6 * HOUR, -6 * HOUR, ...rest]);
      await fc.assert(
        fc.asyncProperty(skewsArb, fc.array(stepArb, { minLength: 20, maxLength: LONG ? 150 : 80 }), async (skews, steps) => {
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
