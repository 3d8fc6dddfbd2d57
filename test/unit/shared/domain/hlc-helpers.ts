// Shared helpers for the HLC tests: realistic times, broken clock readings (fast-check) and a tuple reference model.
import fc from 'fast-check';
import { type HlcState, tickHlc } from '../../../../shared/domain/hlc';

export const T0 = Date.UTC(2026, 10, 26, 14, 30); // a realistic "now"
export const HOUR = 3_600_000;
export const YEAR = 365 * 24 * HOUR;

/** Physical clock readings a broken laptop can produce: sane times, backward/forward jumps and garbage. */
export const physicalTime = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: T0 - 2 * YEAR, max: T0 + 2 * YEAR }) },
  { weight: 2, arbitrary: fc.integer({ min: T0 - 6 * HOUR, max: T0 + 6 * HOUR }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      0,
      -1,
      -T0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_VALUE,
      8.64e15,
      1e20,
      T0 + 0.999,
    ),
  },
);

export const nodeId = fc.stringMatching(/^[a-z0-9-]{1,20}$/);

/** Reference model: a stamp is the tuple (wall, counter, node) compared field by field. */
export function tupleCompare(a: { wallMs: number; counter: number; node: string }, b: { wallMs: number; counter: number; node: string }): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export function runTicks(state: HlcState, times: readonly number[]): { state: HlcState; stamps: string[] } {
  const stamps: string[] = [];
  let current = state;
  for (const t of times) {
    const next = tickHlc(current, t);
    stamps.push(next.stamp);
    current = next.state;
  }
  return { state: current, stamps };
}
