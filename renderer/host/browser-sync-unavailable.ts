// TEMPORARY placeholder for browser-mode sync (being replaced by the in-page engine); every action says so.
import { INITIAL_SYNC_STATUS } from '../../shared/sync/engine/sync-status';
import type { HostSync } from './host';

const MESSAGE = 'Sync in browser mode is being set up';

export const browserSyncUnavailable: HostSync = {
  getStatus: () => Promise.resolve(INITIAL_SYNC_STATUS),
  onStatus: () => () => undefined,
  getConnection: () => Promise.resolve(null),
  connect: () => Promise.resolve({ ok: false, message: MESSAGE }),
  disconnect: () => Promise.resolve(),
  syncNow: () => Promise.reject(new Error(MESSAGE)),
};
