// Tells the sync when a change was saved on this device, so it is sent within seconds instead of at the next interval.
import { liveQuery } from 'dexie';
import type { LanternDb } from '../db';
import { readMeta } from '../db/meta';

/** Subscribes to local saves; returns the unsubscribe. */
export type LocalSaves = (onSave: () => void) => () => void;

/**
 * Calls `onSave` after each commit that added an operation to the outbox. Every local change, automatic ones too,
 * commits its operation with this device's operation counter (commit-change.ts), and the counter only ever grows, so
 * a rise is a save and nothing else is (a pulled page never touches it). The value found at start is no save.
 * The live query also sees saves made in another window of the same browser profile; a sync there is as welcome.
 */
export function watchLocalSaves(db: LanternDb, onSave: () => void): () => void {
  let seen: number | undefined;
  const subscription = liveQuery(async () => (await readMeta(db, 'counters'))?.nextDeviceSeq ?? 0).subscribe({
    next: (next) => {
      const rose = seen !== undefined && next > seen;
      if (seen === undefined || next > seen) seen = next;
      if (rose) onSave();
    },
    // A read that failed (database closing) only costs the early sync; the interval still sends the change.
    error: (error: unknown) => console.warn('Lantern sync: could not watch for saved changes', error),
  });
  return () => subscription.unsubscribe();
}
