// What waits on this device to be sent to HQ, live from the database: the pill and the dialog say it instead of "Up to date".
import type { LanternDb } from '../../db';
import { countPendingOps } from '../../db/sync-state';

export interface WaitingToSend {
  /** Operations HQ has not acknowledged yet (the count the engine reports after a run, read now). */
  readonly changes: number;
  /** Attached files HQ does not hold yet: the files "On this device only" counts. */
  readonly files: number;
}

/**
 * Read in a live query, so it changes with every save, receipt and upload. The engine's own count is only as fresh as
 * its last run; a change saved since would otherwise leave "Up to date" on screen while it exists here alone.
 */
export async function readWaitingToSend(db: LanternDb): Promise<WaitingToSend> {
  const [changes, files] = await Promise.all([
    countPendingOps(db),
    // The same rule as the "On this device only" panel (readLocalOnlySummary): a file HQ holds carries uploadedAt.
    db.attachments.filter((file) => (file as { uploadedAt?: unknown }).uploadedAt === undefined).count(),
  ]);
  return { changes, files };
}
