// The benchmarks, their bars and how each is driven in the page; later issues add entries to BENCHMARKS.
import type { Page } from 'playwright-core';
import type { Bar } from './lib/bars';
import { LIST_STATUS, type PairedRuns } from './lib/bench-protocol';
import { callBench } from './lib/page-calls';
import type { BenchResult } from './lib/results-file';
import { median, round } from './lib/stats';

export interface Benchmark {
  id: string;
  unit: string;
  description: string;
  bars: readonly Bar[];
  run(page: Page, log: (message: string) => void): Promise<BenchResult>;
}

const RUNS = 7;

function pairedResult(id: string, unit: string, runs: PairedRuns): BenchResult {
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
  };
}

const SAVES_PER_RUN = 100;
const SEED_COUNT = 100_000;
const QUERIES_PER_RUN = 20;
const PAGE_SIZE = 50;

export const BENCHMARKS: readonly Benchmark[] = [
  {
    id: 'save-incident',
    unit: 'ms',
    description:
      `repository record() of a ~1 KB incident (one strict transaction: incident, timeline event, outbox operation, meta), ` +
      `mean of ${SAVES_PER_RUN} sequential saves per run, ${RUNS} runs. Baseline: one raw IndexedDB readwrite transaction ` +
      `with durability "strict" putting a ~1 KB object into a plain store of a separate database.`,
    bars: [{ kind: 'ratio-at-most', value: 1.5 }],
    async run(page, log) {
      log(`${RUNS} runs × ${SAVES_PER_RUN} saves (plus a warm-up run of each)`);
      return pairedResult('save-incident', 'ms', await callBench(page, 'saveIncident', { runs: RUNS, savesPerRun: SAVES_PER_RUN }));
    },
  },
  {
    id: 'list-first-page-100k',
    unit: 'ms',
    description:
      `listIncidentsPage(db, { status: '${LIST_STATUS}', limit: ${PAGE_SIZE} }) over ${SEED_COUNT.toLocaleString('en')} seeded incidents ` +
      `(random statuses, updatedAt over six months), mean of ${QUERIES_PER_RUN} queries per run, ${RUNS} runs. Baseline: a raw ` +
      `reverse cursor on the same [status+updatedAt] index reading ${PAGE_SIZE} values. (Dexie 4.4 reads the page with ` +
      `IndexedDB 3's getAll({ direction: 'prev', count }) where Chromium has it, one request instead of ${PAGE_SIZE} cursor steps, ` +
      `so it can beat this baseline.)`,
    bars: [
      { kind: 'ratio-at-most', value: 2 },
      { kind: 'median-below', value: 30 },
    ],
    async run(page, log) {
      log(`seeding ${SEED_COUNT.toLocaleString('en')} incidents (not timed)…`);
      const seed = await callBench(page, 'seedIncidents', { count: SEED_COUNT, chunkSize: 5_000 });
      log(`seeded in ${(seed.ms / 1000).toFixed(1)} s; ${seed.matching.toLocaleString('en')} are ${LIST_STATUS}`);
      log(`${RUNS} runs × ${QUERIES_PER_RUN} queries (plus a warm-up run of each)`);
      const runs = await callBench(page, 'listFirstPage', { runs: RUNS, queriesPerRun: QUERIES_PER_RUN, limit: PAGE_SIZE });
      return pairedResult('list-first-page-100k', 'ms', runs);
    },
  },
  {
    id: 'sla-100k',
    unit: 'ms',
    description:
      `computeIncidentSla (response and resolve clocks) for 100,000 open incidents with 0–4 status changes each, 1 in 10 ` +
      `out of order, a third on a Europe/Berlin Mon–Fri 08–20 calendar; in the page (Chromium), ${RUNS} runs after a warm-up. ` +
      `Absolute bar: the list recomputes these after every sync.`,
    bars: [{ kind: 'median-below', value: 200 }],
    async run(page, log) {
      log(`${RUNS} runs over 100,000 incidents`);
      const result = await callBench(page, 'slaStates', { count: 100_000, runs: RUNS });
      return { id: 'sla-100k', median: round(result.median), unit: 'ms', runs: result.runs.map((v) => round(v)) };
    },
  },
];
