// Gives a browser-mode Host the in-page sync engine over the local database (Electron hosts keep theirs).
import type { LanternDb } from '../db';
import type { LocalReplica } from '../../shared/sync/engine';
import { createBrowserSync } from './browser-sync';
import type { Host } from './host';
import { reportSyncFailures } from './sync-failure-alerts';

export function withBrowserSync(host: Host, db: LanternDb, replica?: LocalReplica): Host {
  if (host.kind !== 'browser') return host;
  const sync = createBrowserSync({ db, ...(replica ? { replica } : {}) });
  // As in Electron: failures that need a person (revoked, re-enrol, update) reach the notification centre.
  reportSyncFailures(sync, host.notifications);
  return { ...host, sync };
}
