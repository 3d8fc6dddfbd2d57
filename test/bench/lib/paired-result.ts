// Turns paired per-run figures (subject and baseline) into a BenchResult with medians and their ratio.
import type { PairedRuns } from './bench-protocol';
import type { BenchResult } from './results-file';
import { median, round } from './stats';

export function pairedResult(id: string, unit: string, runs: PairedRuns, extra?: BenchResult['extra']): BenchResult {
  const subject = median(runs.subject);
  const baseline = median(runs.baseline);
  return {
    id,
    median: round(subject),
    unit,
    runs: runs.subject.map((v) => round(v)),
    baseline: round(baseline),
    baselineRuns: runs.baseline.map((v) => round(v)),
    ratio: round(subject / baseline),
    ...(extra || runs.breakdown ? { extra: { ...extra, ...roundAll(runs.breakdown) } } : {}),
  };
}

function roundAll(values: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, round(value, 0)]));
}
