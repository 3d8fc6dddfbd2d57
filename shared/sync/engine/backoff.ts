// Retry delays: exponential growth with full jitter, capped, with an injectable random source.

export interface BackoffPolicy {
  /** The ceiling after the first failure. */
  readonly baseMs: number;
  /** The ceiling never grows past this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60_000 };

/**
 * Delay before retry number `failures` (1 = after the first failure): uniformly random in
 * [0, min(maxMs, baseMs · 2^(failures−1))). Full jitter spreads many devices that lost HQ at the same
 * moment, so they do not all come back at once.
 */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const steps = Math.max(0, Math.min(60, Math.floor(failures) - 1));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** steps);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0.5;
  return Math.floor(unit * ceiling);
}
