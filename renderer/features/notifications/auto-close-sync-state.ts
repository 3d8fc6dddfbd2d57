// What automatic closing needs to know of sync: connected to HQ or not, and the last successful sync's time.
import type { AutoCloseSyncState } from '../../../shared/domain';
import type { LanternDb } from '../../db';
import { readMeta } from '../../db/meta';
import type { HostSync } from '../../host/host';

/** Reads the host's connection and status, and the stored last success (a restart's status lacks it until the first run). */
export function autoCloseSyncStateOf(sync: HostSync, db: LanternDb): () => Promise<AutoCloseSyncState> {
  return async () => {
    if ((await sync.getConnection()) === null) return { connected: false };
    const [status, stored] = await Promise.all([sync.getStatus(), readMeta(db, 'lastSyncSuccessAt')]);
    const times = [status.lastSuccessAt, typeof stored === 'number' && Number.isFinite(stored) ? stored : null].filter((t): t is number => t !== null);
    return { connected: true, lastSuccessAt: times.length > 0 ? Math.max(...times) : null };
  };
}
