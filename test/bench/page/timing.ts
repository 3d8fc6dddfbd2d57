// Timing helpers for the bench page: mean milliseconds per call over sequential calls, and paired runs.
import type { PairedRuns } from '../lib/bench-protocol';

/** Runs `operation` `count` times one after another; returns mean ms per call. */
export async function meanMs(count: number, operation: (index: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await operation(i);
  return (performance.now() - start) / count;
}

/**
 * One warm-up pass of each, then `runs` measured passes; the order alternates per run so neither side
 * always benefits from the other having warmed caches or paid for a flush.
 */
export async function pairedRuns(runs: number, subject: () => Promise<number>, baseline: () => Promise<number>): Promise<PairedRuns> {
  await subject();
  await baseline();
  const result: PairedRuns = { subject: [], baseline: [] };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      result.subject.push(await subject());
      result.baseline.push(await baseline());
    } else {
      result.baseline.push(await baseline());
      result.subject.push(await subject());
    }
  }
  return result;
}
