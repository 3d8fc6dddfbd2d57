// The Content-Security-Policy of every app page, and the helper that puts it on response headers.

/**
 * Production policy. Notes on the choices:
 * - no 'unsafe-inline' anywhere: Vite emits external scripts and stylesheets, and React's `style={…}`
 *   props are applied through CSSOM (element.style), which style-src does not govern;
 * - img/media allow blob: and data: because incident attachments are Blobs in IndexedDB;
 * - connect-src is the app's own files only: in Electron the page never talks to HQ (main syncs with net.fetch and
 *   hands files over IPC), so a script injected into the page could not send data anywhere. Browser mode's policy
 *   (scripts/web/security-headers.ts, and the meta tag in renderer/index.html, which both apply here too) allows
 *   http(s) because there the page itself syncs; a test keeps every other directive equal;
 * - everything that could embed, frame, post or rebase the page is switched off.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Development policy for the electron-vite dev server: the same, plus what Vite's dev mode needs —
 * the inline React Refresh preamble ('unsafe-inline' scripts), CSS injected as <style> tags and the
 * HMR websocket. Never used when the app is packaged (see renderer-target.ts).
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const websocketOrigin = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${websocketOrigin}`);
}

export type ResponseHeaders = Record<string, string | string[]>;

/** Copy of `headers` with our CSP and nosniff, replacing any same-named header whatever its case. */
export function withSecurityHeaders(headers: Readonly<ResponseHeaders> | undefined, csp: string): ResponseHeaders {
  const replaced = new Set(['content-security-policy', 'x-content-type-options']);
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!replaced.has(name.toLowerCase())) result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}
