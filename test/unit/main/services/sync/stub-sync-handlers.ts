// Inert handlers for the sync and replica channels, for tests that exercise other channels through registerIpcHandlers.
import type { SyncChannel } from '../../../../../main/services/sync/sync-handlers';
import type { IpcHandlers } from '../../../../../main/ipc/register-ipc-handlers';
import { INITIAL_SYNC_STATUS } from '../../../../../shared/sync/engine/sync-status';

export function stubSyncHandlers(): Pick<IpcHandlers, SyncChannel> {
  return {
    'sync:status': () => INITIAL_SYNC_STATUS,
    'sync:connection': () => null,
    'sync:connect': () => ({ ok: false, message: 'not in this test' }),
    'sync:disconnect': () => null,
    'sync:now': () => ({ started: false, message: 'not in this test' }),
    'sync:fetch-file': () => ({ ok: false, message: 'not in this test' }),
    'sync:local-change': () => null,
    'replica:attach': () => ({ attached: false }),
    'replica:reply': () => ({ accepted: false }),
  };
}
