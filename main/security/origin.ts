// The app's own origin and a strict origin parser shared by every security check in main.

export const APP_SCHEME = 'app';
export const APP_HOST = 'lantern';
/** Served by our protocol handler; a standard + secure scheme so IndexedDB, fetch and CSP 'self' work. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Longer strings are refused outright rather than parsed: no legitimate origin check needs them. */
export const MAX_CHECKED_URL_LENGTH = 8192;

/**
 * `scheme://host[:port]` of a URL, lower-cased, or null when there is none (file:, data:, about:,
 * garbage) or when the URL carries credentials (`app://lantern@evil`) — such URLs never count as ours.
 * Node's URL gives `origin === 'null'` for custom schemes like app:, so the origin is built here.
 */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_CHECKED_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when `url` belongs to one of `allowedOrigins` (exact origin match, never a prefix match). */
export function isAllowedOrigin(url: unknown, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}
