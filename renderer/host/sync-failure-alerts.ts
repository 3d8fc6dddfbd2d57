// Browser mode's counterpart of main/compose-notifications.ts onSyncStatus: sync failures that need a person become alerts.
import { syncFailureActivity } from '../../shared/notifications/sync-alerts';
import type { HostNotifications, HostSync } from './host';

/**
 * Reports every failure that retrying will not heal (revoked, re-enrol, update the app, disk full) to the page's
 * notification service; the activity id names the error and the last success, so a failure repeating on every
 * retry is shown once. Returns the unsubscribe.
 */
export function reportSyncFailures(sync: HostSync, notifications: Pick<HostNotifications, 'report'>, warn: (message: string) => void = console.warn): () => void {
  return sync.onStatus((status) => {
    const activity = syncFailureActivity(status);
    if (activity) notifications.report([activity]).catch((error: unknown) => warn(`Notifications: ${String(error)}`));
  });
}
