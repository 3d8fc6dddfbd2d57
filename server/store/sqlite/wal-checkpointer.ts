// Moves SQLite's WAL checkpoints off the event loop: a worker thread with its own connection copies the WAL into the database.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold, on HQ's only thread: it copies
 * tens of MB and fsyncs, so that one push (and every request queued behind it) waited 100–300 ms. A PASSIVE checkpoint
 * from a second connection runs alongside the writer (WAL allows it) and never blocks it; crash safety is unchanged
 * (the WAL holds every commit until it is copied; a checkpoint only moves it). The writer then restarts the WAL from
 * its beginning at its next transaction once a checkpoint has copied all of it. Under steady load that moment never
 * comes (a commit always lands during the copy), so once the WAL is RESTART_FACTOR × the threshold long the worker asks
 * the writer to checkpoint the rest itself, between two transactions: the worker has just copied nearly all of it, so
 * the writer's RESTART copies only the last few commits and then starts the WAL over.
 */
export interface WalCheckpointer {
  /** Stops the worker (before the writer closes, which does the last checkpoint itself). */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** How often the worker reads the WAL's counters (a few microseconds each). */
  readonly intervalMs?: number;
  /**
   * WAL pages (4 KiB) not yet in the database that start a checkpoint: ~40 MB, SQLite's default ×10, so pages
   * rewritten by many commits (indexes, hq_meta) are copied once, not after every few commits.
   */
  readonly thresholdPages?: number;
  /**
   * Called (on HQ's thread) when the WAL has grown past RESTART_FACTOR × the threshold although the worker keeps
   * copying it: the caller runs `wal_checkpoint(RESTART)` on the writer's connection between transactions. Asked
   * every round until the WAL is short again, so the caller skips asks while its restart is still waiting its turn.
   */
  readonly onRestartNeeded?: () => void;
}

export const CHECKPOINT_INTERVAL_MS = 250;
export const CHECKPOINT_THRESHOLD_PAGES = 10_000;
/** WAL length, in thresholds, at which the writer restarts the WAL itself (see above). */
export const RESTART_FACTOR = 3;


// Plain CommonJS run by the worker (eval): no TypeScript loader needed, whatever started HQ (tsx, vitest, a build).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    // NOOP only reads the WAL's counters. A round starts at the threshold and continues, tick after tick, until
    // the WAL is copied completely (frames committed during a copy stay for the next): only then can the writer
    // restart the WAL from its beginning instead of growing it.
    const [state] = db.pragma('wal_checkpoint(NOOP)');
    const behind = state.log - state.checkpointed;
    if (behind > 0 && (behind >= workerData.thresholdPages || state.checkpointed > 0)) db.pragma('wal_checkpoint(PASSIVE)');
    if (state.log >= workerData.restartPages) parentPort.postMessage({ restart: true });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/**
 * Starts the checkpoint worker for the database `file`. `onFailure` runs (once) when the worker cannot do its job:
 * the caller turns SQLite's automatic checkpoint back on, so the WAL never grows without bound.
 */
export function startWalCheckpointer(file: string, onFailure: (error: unknown) => void, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const thresholdPages = options.thresholdPages ?? CHECKPOINT_THRESHOLD_PAGES;
  const workerData = {
    file,
    driver,
    intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
    thresholdPages,
    restartPages: RESTART_FACTOR * thresholdPages,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    onFailure(error);
  };
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  worker.on('message', (message: { error?: string; stopped?: boolean; restart?: boolean }) => {
    if (message.stopped) resolveStopped();
    else if (message.restart) {
      if (!failed) options.onRestartNeeded?.();
    }
    else if (message.error !== undefined) fail(new Error(message.error));
  });
  worker.on('error', fail);
  worker.on('exit', () => {
    resolveStopped();
    fail(new Error('The WAL checkpoint worker stopped'));
  });
  // HQ's process may exit while the worker waits for its next round.
  worker.unref();
  return {
    async close() {
      failed = true;
      // Held again while it stops, or the process could end before the worker's answer (an unsettled close).
      worker.ref();
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
