// Benchmarks "sync-push-10k" / "sync-pull-10k": the app's sync path in the page (Dexie replica + SyncEngine + fetch transport) vs plain fetch + IndexedDB.
import { ensureDevice, openLanternDb, type LanternDb } from '../../../renderer/db';
import { createDexieReplica, markOpsSent } from '../../../renderer/db/sync-replica';
import { syncOutbox } from '../../../renderer/db/sync-rows';
import { newId } from '../../../shared/domain';
import { createFetchTransport, SyncEngine, type SyncTransport, type TimerApi } from '../../../shared/sync/engine';
import type { Operation } from '../../../shared/sync/operation';
import type { PairedRuns, PushOverLinkOptions, SyncBenchOptions } from '../lib/bench-protocol';
import { makeOperations } from '../lib/sim-ops';
import { pullFloor, type PulledPageIds } from './pull-floor';
import { pairedRuns } from './timing';

const BASELINE_BATCH = 500;
/** Where the last subject run's time went (ms). */
let breakdown: Record<string, number> = {};
const timers: TimerApi = { setTimeout: (cb, ms) => window.setTimeout(cb, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) };
const now = () => Date.now();

function transport(baseUrl: string, deviceId: string, token: string | null): SyncTransport {
  return createFetchTransport<AbortSignal>({ baseUrl, token, deviceId, fetch: (url, init) => fetch(url, init), timers, createAbortController: () => new AbortController(), now });
}

/** A fresh device database, enrolled at HQ with `code` (as Settings → Sync → Connect does). */
async function freshDevice(name: string, hqUrl: string, code: string): Promise<{ db: LanternDb; deviceId: string; prefix: string; token: string }> {
  const db = openLanternDb(name);
  const device = await ensureDevice(db);
  const enrolled = await transport(hqUrl, device.deviceId, null).enroll({ code, deviceId: device.deviceId, deviceName: `Bench ${name}` });
  return { db, deviceId: device.deviceId, prefix: device.devicePrefix, token: enrolled.deviceToken };
}

async function dropDb(db: LanternDb): Promise<void> {
  db.close();
  await db.delete();
}

/** The app's push path: the outbox of a fresh device holds `count` operations; time until the engine reports them all pushed. */
async function pushOnce(options: Pick<SyncBenchOptions, 'hqUrl' | 'count'>, code: string, run: number, pushWindow?: number): Promise<number> {
  const { db, deviceId, prefix, token } = await freshDevice(`lantern-bench-push-${run}`, options.hqUrl, code);
  try {
    const ops = makeOperations(deviceId, options.count, { prefix });
    await syncOutbox(db).bulkAdd(ops.map((op) => ({ ...op, state: 'pending' as const })));
    const base = transport(options.hqUrl, deviceId, token);
    // As browser-sync.ts wires it: each batch is marked "sent" while it travels. The engine overlaps reading the
    // next batch and storing receipts with the request in flight, so these times add up to more than the total.
    const spent = {
      'markOpsSent ms (during the request)': 0,
      'HTTP push (fetch + HQ + response check) ms': 0,
      'replica pendingOps ms': 0,
      'replica pendingOpsAfter ms (read ahead, during the request)': 0,
      'replica recordPushResults ms': 0,
      'between requests ms (device work on the critical path)': 0,
      'start: epoch probe pull ms': 0,
      'start: replica getCursor + resetForNewEpoch ms': 0,
      'replica countPending ms': 0,
    };
    let firstPushAt: number | null = null;
    // When the last answer reached the engine: from there until the next push leaves, nothing travels.
    let answeredAt: number | null = null;
    const replica = createDexieReplica(db);
    // Not awaited by the push (as in browser-sync.ts); awaited before the database is dropped.
    const marking: Promise<void>[] = [];
    type SpentKey = keyof typeof spent;
    /** Runs `work`, adding its time to `spent[key]`; with `startOnly`, only while no push has left yet. */
    const timed = async <T>(key: SpentKey, work: () => Promise<T>, startOnly = false): Promise<T> => {
      const t = performance.now();
      const result = await work();
      if (!startOnly || firstPushAt === null) spent[key] += performance.now() - t;
      return result;
    };
    const wired: SyncTransport = {
      ...base,
      pull: (cursor, limit) => timed('start: epoch probe pull ms', () => base.pull(cursor, limit), true),
      push: async (batch, batchJson, pushOptions) => {
        const t = performance.now();
        firstPushAt ??= t;
        if (answeredAt !== null) spent['between requests ms (device work on the critical path)'] += t - answeredAt;
        marking.push(
          markOpsSent(db, batch.map((op) => op.deviceSeq)).then(() => {
            spent['markOpsSent ms (during the request)'] += performance.now() - t;
          }),
        );
        const answer = await base.push(batch, batchJson, pushOptions);
        answeredAt = performance.now();
        spent['HTTP push (fetch + HQ + response check) ms'] += answeredAt - t;
        return answer;
      },
    };
    const timedReplica = {
      ...replica,
      getCursor: () => timed('start: replica getCursor + resetForNewEpoch ms', () => replica.getCursor(), true),
      resetForNewEpoch: (epoch: string) => timed('start: replica getCursor + resetForNewEpoch ms', () => replica.resetForNewEpoch(epoch), true),
      countPending: () => timed('replica countPending ms', () => replica.countPending(), true),
      pendingOps: (limit: number) => timed('replica pendingOps ms', () => replica.pendingOps(limit)),
      pendingOpsAfter: (after: number, limit: number) => timed('replica pendingOpsAfter ms (read ahead, during the request)', () => replica.pendingOpsAfter(after, limit)),
      recordPushResults: (results: Parameters<typeof replica.recordPushResults>[0]) => timed('replica recordPushResults ms', () => replica.recordPushResults(results)),
    };
    // A one-operation pull after the push: the pull is sync-pull-10k's subject, not this one's.
    const engine = new SyncEngine({ transport: wired, replica: timedReplica, now, pullLimit: 1, maxPullPages: 1, ...(pushWindow === undefined ? {} : { pushWindow }) });
    let pushedAt = 0;
    const start = performance.now();
    const report = await engine.syncOnce({
      onProgress: (p) => {
        if (p.phase === 'push' && p.done >= options.count && pushedAt === 0) pushedAt = performance.now();
      },
    });
    if (report.pushed.applied !== options.count || pushedAt === 0) throw new Error(`HQ applied ${report.pushed.applied} of ${options.count} operations`);
    await Promise.all(marking);
    breakdown = {
      'total ms': pushedAt - start,
      'before the first request ms (epoch probe, counts, first read)': (firstPushAt ?? start) - start,
      'after the last answer ms (last receipts)': pushedAt - (answeredAt ?? pushedAt),
      ...spent,
    };
    return options.count / ((pushedAt - start) / 1000);
  } finally {
    await dropDb(db);
  }
}

/** Baseline: the same kind of operations POSTed as JSON in batches of 500 to a bare Node handler that stores them in SQLite. */
async function postBaseline(options: SyncBenchOptions): Promise<number> {
  const ops = makeOperations(newId(), options.count);
  const start = performance.now();
  for (let i = 0; i < ops.length; i += BASELINE_BATCH) {
    const response = await fetch(`${options.baselineUrl}/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ops: ops.slice(i, i + BASELINE_BATCH) }) });
    const answer = (await response.json()) as { stored: number };
    if (answer.stored !== Math.min(BASELINE_BATCH, ops.length - i)) throw new Error(`baseline stored ${answer.stored}`);
  }
  return options.count / ((performance.now() - start) / 1000);
}

/** The same push through a slow link, once per window per round (windows alternate); median ops/s per window. */
export async function syncPushOverLink(options: PushOverLinkOptions): Promise<Record<number, number>> {
  const figures = new Map<number, number[]>(options.windows.map((w) => [w, []]));
  let run = 0;
  for (let round = 0; round < options.runs; round++) {
    for (const pushWindow of options.windows) {
      figures.get(pushWindow)!.push(await pushOnce(options, options.codes[run]!, 1000 + run, pushWindow));
      run += 1;
    }
  }
  return Object.fromEntries([...figures].map(([w, values]) => [w, [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!]));
}

/** Per run ops/s; runs + 1 codes (warm-up included). */
export async function syncPush(options: SyncBenchOptions): Promise<PairedRuns> {
  let run = 0;
  const runs = await pairedRuns(options.runs, () => pushOnce(options, options.codes[run]!, run++), () => postBaseline(options));
  return { ...runs, breakdown };
}

/** The app's pull path: a fresh device's first sync (empty outbox) pulls HQ's whole log through SyncEngine + Dexie replica. */
async function pullOnce(options: SyncBenchOptions, code: string, run: number): Promise<number> {
  const { db, deviceId, token } = await freshDevice(`lantern-bench-pull-${run}`, options.hqUrl, code);
  try {
    // The engine asks for the next page while one is applied, so these times add up to more than the total.
    const spent = { 'HTTP pull (fetch + HQ + response check) ms': 0, 'replica applyPulledPage ms': 0 };
    const pages: PulledPageIds[] = [];
    const base = transport(options.hqUrl, deviceId, token);
    const replica = createDexieReplica(db);
    const engine = new SyncEngine({
      transport: {
        ...base,
        pull: async (cursor, limit) => {
          const t = performance.now();
          const answer = await base.pull(cursor, limit);
          spent['HTTP pull (fetch + HQ + response check) ms'] += performance.now() - t;
          return answer;
        },
      },
      replica: {
        ...replica,
        applyPulledPage: async (page) => {
          const t = performance.now();
          await replica.applyPulledPage(page);
          spent['replica applyPulledPage ms'] += performance.now() - t;
          pages.push({ incidentIds: page.ops.map((op) => op.incidentId), eventIds: page.ops.map((op) => op.event.id), cursor: page.cursor });
        },
      },
      now,
    });
    const start = performance.now();
    const report = await engine.syncOnce();
    const ms = performance.now() - start;
    breakdown = { 'total ms': ms, ...spent };
    if (report.pulled.ops !== options.count || !report.pulled.complete) throw new Error(`pulled ${report.pulled.ops} of ${options.count} operations`);
    const timeline = await db.timeline.count();
    if (timeline !== options.count) throw new Error(`the device holds ${timeline} timeline entries, expected ${options.count}`);
    // The last run (after the warm-up and the timed runs before it) also measures the floor: outside the timed part.
    if (run === options.runs) breakdown = { ...breakdown, ...(await pullFloor(db, pages)) };
    return options.count / (ms / 1000);
  } finally {
    await dropDb(db);
  }
}

function openPlainDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('ops', { keyPath: 'opId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}`));
  });
}

function putAll(idb: IDBDatabase, ops: readonly Operation[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('ops', 'readwrite');
    const store = tx.objectStore('ops');
    for (const op of ops) store.put(op);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
  });
}

/** Baseline: GET pages of the same size from a bare Node handler (SQLite), each page put into a plain store in one transaction. */
async function pullBaseline(options: SyncBenchOptions, run: number): Promise<number> {
  const name = `lantern-bench-pull-raw-${run}`;
  const idb = await openPlainDb(name);
  try {
    const start = performance.now();
    let after = 0;
    let total = 0;
    for (let page = 0; page < 1000; page++) {
      const response = await fetch(`${options.baselineUrl}/pull?after=${after}&limit=${options.pageSize}`);
      const answer = (await response.json()) as { ops: { serverSeq: number; op: Operation }[]; hasMore: boolean };
      await putAll(idb, answer.ops.map((entry) => entry.op));
      total += answer.ops.length;
      after = answer.ops.at(-1)?.serverSeq ?? after;
      if (!answer.hasMore) break;
    }
    const ms = performance.now() - start;
    if (total !== options.count) throw new Error(`baseline pulled ${total} of ${options.count}`);
    return options.count / (ms / 1000);
  } finally {
    idb.close();
    indexedDB.deleteDatabase(name);
  }
}

export async function syncPull(options: SyncBenchOptions): Promise<PairedRuns> {
  let run = 0;
  let rawRun = 0;
  const runs = await pairedRuns(options.runs, () => pullOnce(options, options.codes[run]!, run++), () => pullBaseline(options, rawRun++));
  return { ...runs, breakdown };
}
