// Pure checks on request paths for the browser-mode server: traversal rejection and asset-vs-route detection.

/** The path part of a raw request URL (no query or fragment). */
export function pathnameOf(rawUrl: string): string {
  const end = rawUrl.search(/[?#]/);
  return end === -1 ? rawUrl : rawUrl.slice(0, end);
}

/**
 * False for anything that could step outside the served folder once decoded: `..` segments
 * (plain or percent-encoded), backslashes, NUL bytes, malformed escapes, or a non-absolute path.
 */
export function isSafeRequestPath(pathname: string): boolean {
  if (!pathname.startsWith('/')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return false;
  return !decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

/** A path whose last segment has a file extension names an asset; anything else is an app route. */
export function looksLikeAsset(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return /\.[A-Za-z][A-Za-z0-9]*$/.test(last); // ".js", ".woff2"; not "INC-1.2"
}
