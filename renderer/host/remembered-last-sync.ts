// Keeps the time of the last successful sync across restarts: the status after a reload shows it, not "Never synced".
import type { SyncStatus } from '../../shared/sync/engine';
import type { LanternDb } from '../db';
import { readMeta, writeMeta } from '../db/meta';
import type { Host, HostSync } from './host';

/**
 * The engine's status only knows runs of this session, so a device that synced yesterday and cannot reach HQ today
 * said "Never synced" right when the time matters most. The time is stored in the local database (both hosts have
 * it) whenever this session's engine reports a success, and filled into every status that lacks one.
 */
export function withRememberedLastSync(host: Host, db: LanternDb): Host {
  return { ...host, sync: rememberLastSync(host.sync, db) };
}

export function rememberLastSync(sync: HostSync, db: LanternDb): HostSync {
  let remembered: number | null = null;
  // A success seen in this session is the truth from then on, even when it reads earlier than the stored time: that
  // one may come from a clock that ran ahead and has since been set right, and would otherwise stay "last sync" (and
  // keep stale-sync warnings quiet) until the real clock caught up with it.
  let seenThisSession = false;
  // Read once at start; statuses seen before it answers pass through unchanged.
  const loaded = readMeta(db, 'lastSyncSuccessAt').then(
    (value) => {
      if (!seenThisSession && typeof value === 'number' && Number.isFinite(value)) remembered = value;
    },
    (error: unknown) => console.warn('Lantern: could not read the last sync time', error),
  );

  const withRemembered = (status: SyncStatus): SyncStatus => {
    const seen = status.lastSuccessAt;
    if (seen !== null) {
      seenThisSession = true;
      if (seen !== remembered) {
        remembered = seen;
        // Not awaited: a status must not wait for the disk; a failed write only costs the time after a restart.
        writeMeta(db, 'lastSyncSuccessAt', seen).catch((error: unknown) => console.warn('Lantern: could not store the last sync time', error));
      }
      return status;
    }
    return remembered !== null ? { ...status, lastSuccessAt: remembered } : status;
  };

  /** Forgets a success from before `since` (one seen since then belongs to the new connection and stays). */
  const forget = async (since: number) => {
    await loaded;
    if (remembered === null || remembered >= since) return;
    remembered = null;
    await db.meta.delete('lastSyncSuccessAt').catch((error: unknown) => console.warn('Lantern: could not clear the last sync time', error));
  };

  return {
    ...sync,
    async getStatus() {
      const status = await sync.getStatus();
      await loaded;
      return withRemembered(status);
    },
    onStatus(listener) {
      return sync.onStatus((status) => listener(withRemembered(status)));
    },
    async connect(input) {
      const started = Date.now();
      const result = await sync.connect(input);
      // Another HQ (or this one again after a revocation): its time starts with its first sync.
      if (result.ok) await forget(started);
      return result;
    },
    async disconnect() {
      await sync.disconnect();
      await forget(Number.POSITIVE_INFINITY);
    },
  };
}
