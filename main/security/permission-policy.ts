// Which web permissions the page gets: notifications and persistent storage for our own top frame, nothing else.
import { isAllowedOrigin } from './origin';

// persistent-storage is not a privacy permission: it only tells Chromium never to evict our IndexedDB,
// which holds incidents that may exist nowhere else until the next sync.
const GRANTED_PERMISSIONS = new Set(['notifications', 'persistent-storage']);

export interface PermissionQuery {
  readonly permission: string;
  /** Origin or URL of the requesting frame, as Electron reports it. */
  readonly requestingUrl: string | undefined;
  readonly isMainFrame: boolean | undefined;
}

export function isPermissionAllowed(query: PermissionQuery, allowedOrigins: readonly string[]): boolean {
  return (
    GRANTED_PERMISSIONS.has(query.permission) &&
    query.isMainFrame === true &&
    isAllowedOrigin(query.requestingUrl, allowedOrigins)
  );
}
