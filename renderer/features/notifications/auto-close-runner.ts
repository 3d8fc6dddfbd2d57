// Every few minutes: closes resolved incidents whose automatic close is due (DOMAIN.md: N days after resolved).
import { Dexie } from 'dexie';
import { systemClock, type Clock, type IncidentRow, type LanternDb } from '../../db';
import { applyDueAutoClose, readAutoCloseDays } from '../../db/auto-close';
import { autoClosePlan, autoCloseReadiness, isHlcStamp, parseHlc, type AutoCloseSyncState } from '../../../shared/domain';
import { yieldToInput } from './idle-slices';
import { startPeriodicPass, type PeriodicPass } from './periodic-pass';
import { WALK_SLICE_SIZE, withEvents, type Pause } from './incident-batches';

/** Closing is a matter of days: checking every five minutes is plenty and costs nothing in between. */
export const AUTO_CLOSE_INTERVAL_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The wall time of the status field's stamp (the resolution's), or 0 when unreadable (then the timeline decides). */
function stampWallMs(row: IncidentRow): number {
  const stamp = row.stamps.status;
  return stamp !== undefined && isHlcStamp(stamp) ? parseHlc(stamp).wallMs : 0;
}

export interface AutoCloseRunnerOptions {
  readonly db: LanternDb;
  /** Whether this device is connected to HQ and when it last synced (see autoCloseReadiness). */
  readonly syncState: () => Promise<AutoCloseSyncState>;
  readonly clock?: Clock;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /** Awaited between slices; defaults to yielding to input and rendering. */
  readonly pause?: Pause;
  readonly onError?: (error: unknown) => void;
}

/** runOnce() resolves to how many incidents it closed. */
export type AutoCloseRunner = PeriodicPass;

export function startAutoCloseRunner(options: AutoCloseRunnerOptions): AutoCloseRunner {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const size = options.batchSize ?? WALK_SLICE_SIZE;
  const pause = options.pause ?? yieldToInput;
  const onError = options.onError ?? ((error: unknown) => console.warn('Lantern: automatic close failed', error));

  const pass = async (): Promise<number> => {
    const days = await readAutoCloseDays(db);
    if (days === 0) return 0;
    const sync = await options.syncState();
    // Keys first, then slices by id: closing moves a row out of "resolved", which would shift offset pages.
    const ids = await db.incidents.where('[status+updatedAt]').between(['resolved', Dexie.minKey], ['resolved', Dexie.maxKey]).primaryKeys();
    let closed = 0;
    let refusals = 0;
    let firstRefusal = '';
    for (let start = 0; start < ids.length && !periodic.stopped; start += size) {
      await pause();
      const nowMs = clock.nowMs();
      // A resolution counts from no earlier than its ordering stamp, which the row holds as the status field's stamp:
      // a row whose stamp is too recent to be due (by the device's time, and once caught up) skips its timeline read.
      const bound = sync.connected ? Math.min(nowMs, sync.caughtUpFrom ?? -Infinity) + sync.clockOffsetMs : nowMs;
      const rows = (await db.incidents.bulkGet(ids.slice(start, start + size))).filter(
        (row): row is IncidentRow => row !== undefined && row.status === 'resolved' && !(stampWallMs(row) + days * DAY_MS > bound),
      );
      for (const { incident, events } of await withEvents(db, rows)) {
        const plan = autoClosePlan(incident, events, days);
        if (plan === null || autoCloseReadiness(plan, nowMs, sync) !== 'due' || periodic.stopped) continue;
        const result = await applyDueAutoClose(db, clock, plan);
        if (!result.ok) {
          if (refusals++ === 0) firstRefusal = result.error.message;
        } else if (result.value.applied) closed++;
      }
    }
    // One report per pass, not one per incident.
    if (refusals > 0) onError(new Error(refusals === 1 ? firstRefusal : `${refusals} automatic closes were refused, e.g.: ${firstRefusal}`));
    return closed;
  };

  // Declared after `pass`, which reads it only when it runs (never before this returns).
  const periodic = startPeriodicPass(pass, options.intervalMs ?? AUTO_CLOSE_INTERVAL_MS, onError);
  return periodic;
}
