// The benchmarks, their bars and how each is driven in the page; later issues add entries to BENCHMARKS.
import { seedAppDb, UI_LIST_ROWS } from './lib/app-page';
import type { Benchmark } from './lib/benchmark';
import { LIST_STATUS } from './lib/bench-protocol';
import { pairedResult } from './lib/paired-result';
import { callBench } from './lib/page-calls';
import { FIND_BENCHMARKS } from './benchmarks-find';
import { UI_BENCHMARKS } from './benchmarks-ui';
import { SYNC_BENCHMARKS } from './benchmarks-sync';
import { round } from './lib/stats';

export type { Benchmark } from './lib/benchmark';

const RUNS = 7;

const SAVES_PER_RUN = 100;
const QUERIES_PER_RUN = 20;
const PAGE_SIZE = 50;

const CORE_BENCHMARKS: readonly Benchmark[] = [
  {
    id: 'save-incident',
    unit: 'ms',
    description:
      `repository record() of a ~1 KB incident (one strict transaction: incident, timeline event, outbox operation, meta), ` +
      `mean of ${SAVES_PER_RUN} sequential saves per run, ${RUNS} runs. Baseline: one raw IndexedDB readwrite transaction ` +
      `with durability "strict" putting a ~1 KB object into a plain store of a separate database. ` +
      `Extra figures, where a save's time goes. "raw tx, same rows" is the inherent cost, measured like the subject ` +
      `(${SAVES_PER_RUN} sequential saves per run, ${RUNS} runs, the order of all series rotating per run): one strict ` +
      `plain-IndexedDB transaction putting the rows record() stores (incident row with every index of the schema incl. ` +
      `the multi-entry searchKeys, timeline event, outbox op, counters and HLC meta rows) into a raw copy of the schema, ` +
      `then the same without the searchKeys entries, without the compound incident indexes, without any incident index ` +
      `and without any secondary index (what an index change in schema.ts would buy). The ", interleaved" figures are ` +
      `medians of single saves taken round-robin over every variant (120 rounds, so load hits all alike; the baseline ` +
      `is among them): the raw variants also without meta rows or with one, reading meta first, awaiting each put, or ` +
      `"relaxed" (no flush: strict minus relaxed is the flush); "dexie tx, same rows" writes those rows through Dexie ` +
      `(middleware, liveQuery observability), also after the two awaited reads a save used to make (meta, then the ` +
      `number) or with no-op table hooks like the notification feeder's (Dexie then reads each row before a put); ` +
      `record() also reading meta first (a first save, or after another tab wrote) and with the feeder's hooks. ` +
      `"domain + validation cpu" is the pure part of a save (command, operation, zod, row with its words).`,
    bars: [{ kind: 'ratio-at-most', value: 1.5 }],
    async run(page, log) {
      log(`${RUNS} runs × ${SAVES_PER_RUN} saves (plus a warm-up run of each)`);
      const { breakdown, ...runs } = await callBench(page, 'saveIncident', { runs: RUNS, savesPerRun: SAVES_PER_RUN });
      // The decomposition is in tenths of a millisecond, so it keeps two decimals (pairedResult rounds a breakdown to whole numbers).
      const extra = Object.fromEntries(Object.entries(breakdown ?? {}).map(([name, value]) => [name, round(value, 2)]));
      return pairedResult('save-incident', 'ms', runs, extra);
    },
  },
  {
    id: 'list-first-page-100k',
    unit: 'ms',
    description:
      `listIncidentsPage(db, { status: '${LIST_STATUS}', limit: ${PAGE_SIZE} }) over the app database's ${UI_LIST_ROWS.toLocaleString('en')} ` +
      `seeded incidents (shared with search-100k and the UI benchmarks; random statuses, updatedAt over six months), mean of ${QUERIES_PER_RUN} queries per run, ${RUNS} runs. Baseline: a raw ` +
      `reverse cursor on the same [status+updatedAt] index reading ${PAGE_SIZE} values. (Dexie 4.4 reads the page with ` +
      `IndexedDB 3's getAll({ direction: 'prev', count }) where Chromium has it, one request instead of ${PAGE_SIZE} cursor steps, ` +
      `so it can beat this baseline.) Extras: the first page sorted by SLA time left (the [slaGroup+slaKey] index; ` +
      `checked in order), with no filter and with the status filter, mean of ${QUERIES_PER_RUN} queries, median of ${RUNS} runs.`,
    bars: [
      { kind: 'ratio-at-most', value: 2 },
      { kind: 'median-below', value: 30 },
    ],
    async run(page, log) {
      await seedAppDb(page, log);
      log(`${RUNS} runs × ${QUERIES_PER_RUN} queries (plus a warm-up run of each)`);
      const { breakdown, ...runs } = await callBench(page, 'listFirstPage', { runs: RUNS, queriesPerRun: QUERIES_PER_RUN, limit: PAGE_SIZE });
      const extra = Object.fromEntries(Object.entries(breakdown ?? {}).map(([name, value]) => [name, round(value, 2)]));
      return pairedResult('list-first-page-100k', 'ms', runs, extra);
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

export const BENCHMARKS: readonly Benchmark[] = [...CORE_BENCHMARKS, ...FIND_BENCHMARKS, ...UI_BENCHMARKS, ...SYNC_BENCHMARKS];
