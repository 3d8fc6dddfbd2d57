// Pass/fail bars for benchmarks: a maximum ratio to the baseline and/or a maximum median.
import type { BenchResult } from './results-file';

export type Bar =
  | { kind: 'ratio-at-most'; value: number }
  | { kind: 'median-below'; value: number };

export function describeBar(bar: Bar, unit: string): string {
  return bar.kind === 'ratio-at-most' ? `ratio ≤ ${bar.value}×` : `median < ${bar.value} ${unit}`;
}

export function describeBars(bars: readonly Bar[], unit: string): string {
  return bars.length === 0 ? '—' : bars.map((bar) => describeBar(bar, unit)).join('; ');
}

/** The bars a result misses (empty when it passes); a ratio bar without a baseline counts as missed. */
export function failedBars(result: BenchResult, bars: readonly Bar[]): Bar[] {
  return bars.filter((bar) =>
    bar.kind === 'ratio-at-most' ? result.ratio === undefined || result.ratio > bar.value : !(result.median < bar.value),
  );
}
