// Keeps the last comparison of this device's clock with HQ's, so entries made later can say whether their time was vouched for.
import type { ClockCheck } from '../../shared/domain';
import type { SyncStatus } from '../../shared/sync/engine';
import type { LanternDb } from '../db';
import { readMeta, writeMeta } from '../db/meta';
import type { HostSync } from './host';

/** A check this close to the stored one, with the same offset, adds nothing: no write (each write makes the next save re-read meta). */
export const CLOCK_CHECK_REFRESH_MS = 10 * 60 * 1000;
/** Offsets closer than this are the same measurement (network jitter). */
const SAME_OFFSET_MS = 1000;

/**
 * The check a status proves, or null. A run that succeeded got HQ's answers and measured the skew on each, so a
 * success newer than `seenSuccessAt` pairs a fresh skew with its time; any other status may carry an older one.
 */
export function clockCheckOf(status: SyncStatus, seenSuccessAt: number | null): ClockCheck | null {
  if (status.clockSkew === null || status.lastSuccessAt === null || status.lastSuccessAt === seenSuccessAt) return null;
  return { checkedAtMs: status.lastSuccessAt, hqMinusDeviceMs: status.clockSkew.ms };
}

/** Whether `next` should replace `stored`: newer by the refresh interval, another offset, or a clock set back before it. */
export function worthStoring(stored: ClockCheck | undefined, next: ClockCheck): boolean {
  // A damaged row never vouches for anything: replace it.
  if (!stored || !Number.isFinite(stored.checkedAtMs) || !Number.isFinite(stored.hqMinusDeviceMs)) return true;
  if (Math.abs(next.hqMinusDeviceMs - stored.hqMinusDeviceMs) > SAME_OFFSET_MS) return true;
  return next.checkedAtMs < stored.checkedAtMs || next.checkedAtMs - stored.checkedAtMs >= CLOCK_CHECK_REFRESH_MS;
}

/**
 * Watches the sync status for as long as the app runs and stores each check worth keeping in meta, where the write
 * path reads it (commit-change.ts). Give it the host's own sync, not one that fills in a remembered last success:
 * that time may come from before the clock was set back, and would date the check wrongly. Returns the unsubscribe.
 */
export function startClockCheckRecord(db: LanternDb, sync: Pick<HostSync, 'onStatus'>): () => void {
  let stored: Promise<ClockCheck | undefined> = readMeta(db, 'clockCheck').catch(() => undefined);
  let seenSuccessAt: number | null = null;
  return sync.onStatus((status) => {
    const next = clockCheckOf(status, seenSuccessAt);
    if (status.lastSuccessAt !== null) seenSuccessAt = status.lastSuccessAt;
    if (!next) return;
    stored = stored.then(async (held) => {
      if (!worthStoring(held, next)) return held;
      try {
        await writeMeta(db, 'clockCheck', next);
        return next;
      } catch (error) {
        // Entries then stay marked as unchecked a little longer; nothing else depends on it.
        console.warn('Lantern: could not store the clock check', error);
        return held;
      }
    });
  });
}
