// Issue 4 benchmarks: push/pull of 10,000 operations by the app's engine in the page vs plain baselines, and HQ under 200 devices.
import { makeOperations } from './lib/sim-ops';
import { startBaselineServer } from './lib/baseline-server';
import type { Benchmark } from './lib/benchmark';
import { runHqLoad, HQ_LOAD } from './lib/hq-load';
import { startHq, type HqInstance } from './lib/hq-instance';
import { startLatencyProxy } from './lib/latency-proxy';
import { pairedResult } from './lib/paired-result';
import { callBench } from './lib/page-calls';
import { DEFAULT_PULL_LIMIT, MAX_PUSH_OPS } from '../../shared/sync/wire';
import { newId } from '../../shared/domain';
import { pushDirect } from './lib/hq-client';
import type { Page } from 'playwright-core';

/** Round trip of the slow link the push window is measured over (a mobile connection; loopback has none). */
const LINK_ROUND_TRIP_MS = 40;
const LINK_RUNS = 2;

const SYNC_RUNS = 5;
const SYNC_OPS = 10_000;

function originOf(url: string): string {
  return new URL(url).origin;
}

const hqLoad = (id: string, kind: 'sqlite' | 'postgres', store: string): Benchmark => ({
  id,
  unit: 'ops/s',
  description:
    `HQ as its own process (node --import tsx server/cli.ts, as \`npm run hq\`; 127.0.0.1, ${store}, default limits) under ` +
    `${HQ_LOAD.devices} simulated devices in the bench runner's Node process, each enrolled through the admin API + POST /v1/enroll ` +
    `and pushing ${HQ_LOAD.opsPerDevice} real operations (creations + notes, made with the domain ` +
    `commands) as ${HQ_LOAD.opsPerDevice / HQ_LOAD.batch} sequential pushes of ${HQ_LOAD.batch}, all devices at once over ` +
    `keep-alive fetch; bodies serialised before the clock starts. Figure: operations per second (all ${(HQ_LOAD.devices * HQ_LOAD.opsPerDevice).toLocaleString('en')} ` +
    `operations / wall time), a fresh HQ database per run, median of ${HQ_LOAD.runs} runs. Every run checks exactly-once: every ` +
    `result "applied", and HQ's status page (GET / with the admin token) counts ${(HQ_LOAD.devices * HQ_LOAD.opsPerDevice).toLocaleString('en')} operations and ` +
    `${((HQ_LOAD.devices * HQ_LOAD.opsPerDevice) / 5).toLocaleString('en')} incidents. p99 push latency in the extra figures, and HQ's ` +
    `CPU time (user + system, /proc) per 1,000 operations: the steadier measure when other work shares the machine. ` +
    `Load generator and HQ share the machine's 2 cores. Bar: ≥ 5,000 ops/s (issue 4).`,
  bars: [{ kind: 'median-at-least', value: 5000 }],
  run: async (_page, log) => runHqLoad(id, kind, log),
});

export const SYNC_BENCHMARKS: readonly Benchmark[] = [
  // HQ under load first: it needs no page, and the push and pull leave IndexedDB compacting in the browser behind them.
  hqLoad('hq-200-devices', 'sqlite', 'SQLite (better-sqlite3, WAL) in a temp folder'),
  hqLoad('hq-200-devices-postgres', 'postgres', 'PostgreSQL 15 on 127.0.0.1 (LANTERN_TEST_PG_URL, a fresh schema per run)'),
  {
    id: 'sync-push-10k',
    unit: 'ops/s',
    description:
      `Push of ${SYNC_OPS.toLocaleString('en')} operations (2,000 incidents × creation + 4 notes) from a fresh device's outbox to HQ ` +
      `(in-process buildHqApp, SQLite, 127.0.0.1, CORS for the bench origin): in the bench page (Chromium, a browser profile of the sync benchmarks' own), the app's path — Dexie ` +
      `replica (createDexieReplica) + SyncEngine + createFetchTransport, batches of ${MAX_PUSH_OPS}, each batch marked "sent" while it ` +
      `travels as browser-sync.ts does, the next batch read and the previous receipts stored during the request — timed from ` +
      `syncOnce() until the engine reports all pushed (HQ answered "applied" for all, receipts stored). ` +
      `Each run enrolls a new device. Baseline: the same kind of operations POSTed as JSON with fetch from the page in batches of 500 ` +
      `to a bare Node http handler storing them into SQLite (better-sqlite3, WAL, one transaction per batch). Figure: operations per second, ` +
      `median of ${SYNC_RUNS} runs each (after a warm-up), order alternating; ratio = app ops/s ÷ baseline ops/s. Bar: ≥ 0.7× (issue 4). ` +
      `The engine keeps two pushes on their way at once (push window); extras: the same push through a TCP proxy on 127.0.0.1 that ` +
      `holds every chunk ${LINK_ROUND_TRIP_MS / 2} ms each way, with one push at a time and with the window of 2 (median of ${LINK_RUNS} runs each).`,
    bars: [{ kind: 'ratio-at-least', value: 0.7 }],
    async run(page, log) {
      const origin = originOf(page.url());
      const hq = await startHq('sqlite', [origin]);
      const baseline = await startBaselineServer(origin);
      try {
        const codes = await Promise.all(Array.from({ length: SYNC_RUNS + 1 }, (_, i) => hq.issueCode(`Bench push ${i}`)));
        log(`${SYNC_RUNS} runs of ${SYNC_OPS.toLocaleString('en')} operations (plus a warm-up of each); outbox filled before the clock starts`);
        const runs = await callBench(page, 'syncPush', { hqUrl: hq.url, baselineUrl: baseline.url, codes, count: SYNC_OPS, runs: SYNC_RUNS, pageSize: DEFAULT_PULL_LIMIT });
        return pairedResult('sync-push-10k', 'ops/s', runs, await pushOverSlowLink(page, hq, log));
      } finally {
        await baseline.close();
        await hq.close();
      }
    },
  },
  {
    id: 'sync-pull-10k',
    unit: 'ops/s',
    description:
      `A fresh device's first sync pulling ${SYNC_OPS.toLocaleString('en')} operations (2,000 incidents × creation + 4 notes, pushed to HQ by ` +
      `another device beforehand) from HQ (in-process buildHqApp, SQLite, 127.0.0.1): in the bench page (a browser profile of the sync benchmarks' own), the app's path — SyncEngine + ` +
      `fetch transport + Dexie replica (each page merged into incidents/timeline and the cursor stored in one transaction, the next page requested ` +
      `while one is written), pages of ` +
      `${DEFAULT_PULL_LIMIT} — timed over syncOnce(); each run enrolls a new device with an empty database, and checks it holds all ` +
      `${SYNC_OPS.toLocaleString('en')} timeline entries. Baseline: the same operations served by a bare Node http handler from SQLite ` +
      `in GET pages of ${DEFAULT_PULL_LIMIT}, each page put into a plain IndexedDB store in one transaction. Figure: operations per second, ` +
      `median of ${SYNC_RUNS} runs each (after a warm-up), order alternating; ratio = app ÷ baseline. Bar: ≥ 0.7× (issue 4). ` +
      `Extras: the last run's HTTP and apply times, and the apply's floor: after it, the rows the app stored (each incident once ` +
      `per page that touched it, every timeline entry) written again page by page by plain IndexedDB into a copy of the app's ` +
      `incidents, timeline and meta stores and indexes, one transaction per page with its cursor — relaxed, ` +
      `strict (every page flushed, as the app's page transaction), and without the searchKeys index.`,
    bars: [{ kind: 'ratio-at-least', value: 0.7 }],
    async run(page, log) {
      const origin = originOf(page.url());
      const hq = await startHq('sqlite', [origin]);
      const baseline = await startBaselineServer(origin);
      try {
        const source = newId();
        const token = await hq.enroll(source);
        const ops = makeOperations(source, SYNC_OPS);
        for (let i = 0; i < ops.length; i += MAX_PUSH_OPS) await pushDirect(hq.url, token, source, ops.slice(i, i + MAX_PUSH_OPS));
        baseline.insert(ops);
        log(`HQ and the baseline hold the same ${SYNC_OPS.toLocaleString('en')} operations; ${SYNC_RUNS} runs (plus a warm-up of each)`);
        const codes = await Promise.all(Array.from({ length: SYNC_RUNS + 1 }, (_, i) => hq.issueCode(`Bench pull ${i}`)));
        const runs = await callBench(page, 'syncPull', { hqUrl: hq.url, baselineUrl: baseline.url, codes, count: SYNC_OPS, runs: SYNC_RUNS, pageSize: DEFAULT_PULL_LIMIT });
        return pairedResult('sync-pull-10k', 'ops/s', runs);
      } finally {
        await baseline.close();
        await hq.close();
      }
    },
  },
];

/**
 * Extra figures: the same push through a latency proxy, with one batch on its way at a time and with the app's window
 * of two. On loopback the window gains less, because the round trip it hides is short.
 */
async function pushOverSlowLink(page: Page, hq: HqInstance, log: (message: string) => void): Promise<Record<string, number>> {
  const proxy = await startLatencyProxy(hq.url, LINK_ROUND_TRIP_MS / 2);
  try {
    const windows = [1, 2];
    const codes = await Promise.all(Array.from({ length: LINK_RUNS * windows.length }, (_, i) => hq.issueCode(`Bench push over link ${i}`)));
    log(`over a ${LINK_ROUND_TRIP_MS} ms round-trip link: ${LINK_RUNS} runs per push window (${windows.join(', ')})`);
    const figures = await callBench(page, 'syncPushOverLink', { hqUrl: proxy.url, codes, count: SYNC_OPS, runs: LINK_RUNS, windows });
    return {
      [`over a ${LINK_ROUND_TRIP_MS} ms round-trip link, one push at a time ops/s`]: Math.round(figures[1]!),
      [`over a ${LINK_ROUND_TRIP_MS} ms round-trip link, push window of 2 (the app) ops/s`]: Math.round(figures[2]!),
    };
  } finally {
    await proxy.close();
  }
}
