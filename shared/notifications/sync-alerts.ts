// Which sync failures need a person (re-enrol, update the app, free disk space) and the alert that says so.
import type { NotificationActivity } from '../domain';

/** The part of the sync status this needs (structural, so it follows the sync service's type without coupling). */
export interface SyncStatusLike {
  readonly state: string;
  readonly lastSuccessAt: number | null;
  readonly lastError: { readonly kind: string; readonly message: string } | null;
}

/** Failures that do not heal by retrying; offline, timeouts, server errors and rate limits do, so they stay quiet. */
const NEEDS_A_PERSON = new Set(['unauthorized', 'revoked', 'client-newer', 'client-outdated', 'local-storage']);

/**
 * The activity to report for a sync status, or null. The id names the error kind and the last success, so a
 * failure that repeats on every retry is shown once until a sync succeeds again.
 */
export function syncFailureActivity(status: SyncStatusLike): NotificationActivity | null {
  if (status.state !== 'failing' || status.lastError === null || !NEEDS_A_PERSON.has(status.lastError.kind)) return null;
  return {
    id: `${status.lastError.kind}:${status.lastSuccessAt ?? 'never'}`,
    kind: 'sync',
    incidentId: null,
    incidentLabel: null,
    actor: null,
    text: `${status.lastError.message} Open Lantern → Settings → Sync.`,
    priority: null,
    major: false,
  };
}
