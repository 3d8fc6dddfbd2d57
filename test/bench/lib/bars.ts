// Pass/fail bars for benchmarks: ratio to the baseline at most/at least, median below/at least.
import type { BenchResult } from './results-file';

export type Bar =
  | { kind: 'ratio-at-most'; value: number }
  | { kind: 'ratio-at-least'; value: number }
  | { kind: 'median-below'; value: number }
  | { kind: 'median-at-most'; value: number }
  | { kind: 'median-at-least'; value: number };

export function describeBar(bar: Bar, unit: string): string {
  switch (bar.kind) {
    case 'ratio-at-most':
      return `ratio ≤ ${bar.value}×`;
    case 'ratio-at-least':
      return `ratio ≥ ${bar.value}×`;
    case 'median-below':
      return `median < ${bar.value} ${unit}`;
    case 'median-at-most':
      return `median ≤ ${bar.value} ${unit}`;
    case 'median-at-least':
      return `median ≥ ${bar.value.toLocaleString('en')} ${unit}`;
  }
}

export function describeBars(bars: readonly Bar[], unit: string): string {
  return bars.length === 0 ? '—' : bars.map((bar) => describeBar(bar, unit)).join('; ');
}

function passes(result: BenchResult, bar: Bar): boolean {
  switch (bar.kind) {
    case 'ratio-at-most':
      return result.ratio !== undefined && result.ratio <= bar.value;
    case 'ratio-at-least':
      return result.ratio !== undefined && result.ratio >= bar.value;
    case 'median-below':
      return result.median < bar.value;
    case 'median-at-most':
      return result.median <= bar.value;
    case 'median-at-least':
      return result.median >= bar.value;
  }
}

/** The bars a result misses (empty when it passes); a ratio bar without a baseline counts as missed. */
export function failedBars(result: BenchResult, bars: readonly Bar[]): Bar[] {
  return bars.filter((bar) => !passes(result, bar));
}
