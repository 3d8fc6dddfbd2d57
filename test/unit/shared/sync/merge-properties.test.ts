// Property tests for merge.ts: any arrival order and any repetition of the same operations gives the same state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editIncident, recordIncident, type EditableFields, type Incident } from '../../../../shared/domain';
import { mergeOperation, type IncidentState } from '../../../../shared/sync/merge';
import type { Operation } from '../../../../shared/sync/operation';
import { ctxAt, ok, opOf, T0 } from './support/ops';

const LONG = process.env.LANTERN_LONG_PROPERTIES === '1';
/** 5,000 cases take longer than vitest's default 5 s per test. */
const LONG_TIMEOUT_MS = LONG ? 600_000 : 5_000;
const DEVICES = ['dev-a', 'dev-b', 'dev-c'] as const;

const editArb = fc.record(
  {
    title: fc.constantFrom('Pump 3 leaking', 'Pump 3 flooded', 'Pump 3 fixed'),
    assignee: fc.constantFrom('Sam', 'Ana', null),
    urgency: fc.constantFrom(1 as const, 2 as const, 3 as const),
    tags: fc.constantFrom(['water'], ['water', 'urgent'], []),
  },
  { requiredKeys: [] },
);

/** Each step edits either the created incident or the result of an earlier step (sequential vs concurrent). */
const stepArb = fc.record({
  device: fc.constantFrom(...DEVICES),
  offsetMs: fc.integer({ min: 0, max: 5_000 }),
  counter: fc.integer({ min: 0, max: 3 }),
  parent: fc.nat(),
  edits: editArb,
});

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function buildOps(steps: Step[]): Operation[] {
  const creation = ok(recordIncident({ title: 'Pump 3 leaking' }, 1, 'K7QM', ctxAt('dev-a', T0)));
  const versions: Incident[] = [creation.incident];
  const ops: Operation[] = [opOf(creation)];
  for (const step of steps) {
    const parent = versions[step.parent % versions.length]!;
    // A device's own clock never goes back past what its parent version carried.
    const result = editIncident(parent, step.edits as Partial<EditableFields>, ctxAt(step.device, T0 + 1 + step.offsetMs, step.counter));
    if (!result.ok) continue;
    if (ops.some((op) => op.hlc === result.value.event.hlc)) continue; // one stamp per change, as an HLC guarantees
    versions.push(result.value.incident);
    ops.push(opOf(result.value));
  }
  return ops;
}

function replay(ops: readonly Operation[]): IncidentState | undefined {
  let state: IncidentState | undefined;
  for (const op of ops) state = mergeOperation(state, op).state;
  return state;
}

describe('merge properties', () => {
  it('reaches the same state for every arrival order and any duplicates (commutative, idempotent)', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer(),
        (steps, duplicates, seed) => {
          const ops = buildOps(steps);
          const reference = replay(ops);
          const shuffled = shuffle([...ops, ...duplicates.map((i) => ops[i % ops.length]!)], seed);
          expect(replay(shuffled)).toEqual(reference);
        },
      ),
      { numRuns: LONG ? 5_000 : 300 },
    );
  }, LONG_TIMEOUT_MS);

  it('every field ends with the value of the highest stamp that set it', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.integer(), (steps, seed) => {
        const ops = buildOps(steps);
        const state = replay(shuffle(ops, seed))!;
        for (const [field, stamp] of Object.entries(state.stamps)) {
          const setters = ops.filter((op) => Object.hasOwn(op.set, field));
          const best = setters.reduce((a, b) => (b.hlc > a.hlc ? b : a));
          expect(stamp).toBe(best.hlc);
          expect((state.fields as Record<string, unknown>)[field]).toEqual((best.set as Record<string, unknown>)[field]);
        }
      }),
      { numRuns: LONG ? 5_000 : 300 },
    );
  }, LONG_TIMEOUT_MS);
});

/** Deterministic Fisher–Yates shuffle driven by fast-check's integer. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed | 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = Math.abs(x) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
