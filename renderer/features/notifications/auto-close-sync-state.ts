// What automatic closing needs to know of sync: connected to HQ or not, when it last caught up, its clock's offset.
import type { AutoCloseSyncState } from '../../../shared/domain';
import type { SyncStatus } from '../../../shared/sync/engine';
import type { HostSync } from '../../host/host';

/** The state from a status (the UI has it live); `connected`: the device holds a connection to HQ. */
export function autoCloseSyncStateFrom(connected: boolean, status: SyncStatus): AutoCloseSyncState {
  if (!connected) return { connected: false };
  return { connected: true, caughtUpFrom: status.caughtUpFrom, clockOffsetMs: status.clockSkew?.ms ?? 0 };
}

/**
 * Reads the host's connection and status. Not remembered across restarts on purpose: after a restart a connected
 * device closes nothing until its first complete sync, which runs at start.
 */
export function autoCloseSyncStateOf(sync: HostSync): () => Promise<AutoCloseSyncState> {
  return async () => {
    if ((await sync.getConnection()) === null) return { connected: false };
    return autoCloseSyncStateFrom(true, await sync.getStatus());
  };
}
