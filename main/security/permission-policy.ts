// Which web permissions the page gets: notifications from our own top frame, nothing else.
import { isAllowedOrigin } from './origin';

const GRANTED_PERMISSIONS = new Set(['notifications']);

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
