// backoffDelay: exponential ceiling, full jitter from the injected random source, capped, robust to bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../../shared/sync/engine';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles the ceiling per failure up to the cap', () => {
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => Math.round(backoffDelay(n, almostOne, policy) / 1000))).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('is full jitter: random 0 gives 0, 0.5 gives half the ceiling', () => {
    expect(backoffDelay(3, () => 0, policy)).toBe(0);
    expect(backoffDelay(3, () => 0.5, policy)).toBe(2_000);
  });

  it('stays within [0, cap) for any failure count and any random value, even broken ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), fc.oneof(fc.double({ noNaN: false }), fc.constant(Number.POSITIVE_INFINITY)), (failures, r) => {
        const delay = backoffDelay(failures, () => r, DEFAULT_BACKOFF);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(DEFAULT_BACKOFF.maxMs);
      }),
    );
  });
});
