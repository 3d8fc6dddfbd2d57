// Where the app window may navigate: only within our own origin(s); links out go through openExternal.
import { isAllowedOrigin } from './origin';

export function isNavigationAllowed(url: unknown, allowedOrigins: readonly string[]): boolean {
  return isAllowedOrigin(url, allowedOrigins);
}
