// Response headers for browser mode: the app's strict Content-Security-Policy (same as main's) and the usual hardening headers.

/**
 * The same policy main/security/csp.ts puts on every page of the Electron app (a test keeps them equal):
 * the page loads only its own scripts and styles; blob:/data: images and media for attachments;
 * connect-src allows any http(s) host because in browser mode the sync engine runs in the page and
 * talks to whatever HQ address the user configured. No inline script, eval, plugins, framing,
 * <base> rewriting or form posts.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'http:', 'https:'],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Sent with every response, including 404s and the SPA fallback. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Vite puts content-hashed files under /assets/, so they never change; everything else is revalidated. */
export function cacheControlFor(pathname: string, statusCode: number): string {
  return statusCode === 200 && pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
