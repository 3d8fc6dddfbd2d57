// The shape of one benchmark: id, unit, description, bars, and how it is driven (bench page and/or Node).
import type { Page } from 'playwright-core';
import type { Bar } from './bars';
import type { BenchResult } from './results-file';

export interface Benchmark {
  id: string;
  unit: string;
  description: string;
  bars: readonly Bar[];
  /** `page` is the bench page (served from 127.0.0.1); Node-only benchmarks ignore it. */
  run(page: Page, log: (message: string) => void): Promise<BenchResult>;
}
