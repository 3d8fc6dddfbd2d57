// Benchmarks driven through the bench page's store code: full-text search, saving a photo, and the statistics' read.
import { seedAppDb, UI_LIST_ROWS } from './lib/app-page';
import type { Benchmark } from './lib/benchmark';
import { pairedResult } from './lib/paired-result';
import { callBench } from './lib/page-calls';

const RUNS = 7;
const SEARCH_QUERIES = 20;
const SEARCH_LIMIT = 50;
const PHOTO_BYTES = 5 * 1024 * 1024;
const STATS_RUNS = 5;
const STATS_DAYS = 90;

export const FIND_BENCHMARKS: readonly Benchmark[] = [
  {
    id: 'search-100k',
    unit: 'ms',
    description:
      `findIncidents(db, { text: word }, ${SEARCH_LIMIT}) — the list's full-text search — over the app database's ` +
      `${UI_LIST_ROWS.toLocaleString('en')} seeded incidents whose titles (5 words) and descriptions (10 words) come from a 2,000-word ` +
      `vocabulary (rows built by toIncidentRow, so *searchKeys is filled; the word searched is on ~1.5 % of them), mean of ${SEARCH_QUERIES} queries per run, ${RUNS} runs; the answer is checked ` +
      `(${SEARCH_LIMIT} hits, each containing the word). Baseline: raw IndexedDB index('searchKeys').getAll(the word's key range, ` +
      `${SEARCH_LIMIT}) on the same database. Bar: ≤ 50 ms median (issue 3).`,
    bars: [{ kind: 'median-at-most', value: 50 }],
    async run(page, log) {
      const seed = await seedAppDb(page, log);
      const runs = await callBench(page, 'searchFirstHits', { runs: RUNS, queriesPerRun: SEARCH_QUERIES, limit: SEARCH_LIMIT });
      return pairedResult('search-100k', 'ms', runs, { word: seed.word, 'incidents with the word': seed.withWord });
    },
  },
  {
    id: 'statistics-90d-100k',
    unit: 'ms',
    description:
      `The Statistics view's work for a ${STATS_DAYS}-day period (about its "Last 13 weeks"): readStatsSubjects (candidate ids from the createdAt and [status+updatedAt] ` +
      `indexes: recorded since the period began, resolved or closed since, and every open incident for the backlog figures; rows read ` +
      `in chunks of 500 with their SLA changes and policy) + summarizeIncidents (SLA clocks, medians, buckets) over the app database's ` +
      `${UI_LIST_ROWS.toLocaleString('en')} seeded incidents (random statuses, so four in seven are open; updatedAt spread over six ` +
      `months), ${STATS_RUNS} runs; the count of recorded incidents is checked against the createdAt index. Baseline: the same index ` +
      `ranges read by raw IndexedDB getAll, one request per range, nothing summarised. No bar (no issue sets one); it is what a person ` +
      `waits for on a very large device, behind the view's progress bar (a real backlog is far smaller than 57,000 open incidents).`,
    bars: [],
    async run(page, log) {
      await seedAppDb(page, log);
      log(`${STATS_RUNS} runs of one ${STATS_DAYS}-day read each (plus a warm-up of each)`);
      return pairedResult('statistics-90d-100k', 'ms', await callBench(page, 'statsPeriod', { runs: STATS_RUNS, days: STATS_DAYS }));
    },
  },
  {
    id: 'save-5mb-photo',
    unit: 'ms',
    description:
      `Saving a new incident with a 5 MB photo through the capture path: prepareAttachment (size check + SHA-256 of the Blob) then ` +
      `recordCapture (one strict transaction: incident, timeline event, outbox operation, attachment row with the Blob); a fresh random ` +
      `Blob per save (no dedup), one save per run, ${RUNS} runs after a warm-up, order alternating. Baseline: one raw IndexedDB readwrite ` +
      `transaction with durability "strict" putting { id, blob } with a same-sized Blob into a plain store. Bar: ≤ 3× (issue 3).`,
    bars: [{ kind: 'ratio-at-most', value: 3 }],
    async run(page, log) {
      log(`${RUNS} runs of one save each (plus a warm-up of each)`);
      return pairedResult('save-5mb-photo', 'ms', await callBench(page, 'savePhoto', { runs: RUNS, bytes: PHOTO_BYTES }));
    },
  },
];
