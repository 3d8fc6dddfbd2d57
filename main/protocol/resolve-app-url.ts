// Maps an app://lantern/... request URL to a file under the renderer build folder, refusing anything that could escape it.
import { isAbsolute, join, relative, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME, MAX_CHECKED_URL_LENGTH } from '../security/origin';

export type AppUrlResolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly isSpaFallback: boolean }
  | { readonly kind: 'rejected'; readonly status: 400 | 403 | 404; readonly reason: string };

const SPA_ENTRY = 'index.html';

// Checked on the raw string before any parsing or decoding: these have no business in our asset URLs,
// and the URL parser would otherwise quietly normalise some of them (`%2e%2e` → `..`, `\` → `/`).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_RAW = /\\|%5c|%2f|%2e|%00|%25|[\u0000-\u001f\u007f]/i;
// `/./` and `/../` are refused rather than left to the parser to fold away.
const DOT_SEGMENT = /\/\.{1,2}(?:[/?#]|$)/;
// A decoded path segment must be a plain file or folder name: no dot-files (so no `.` / `..`),
// no Windows drive or stream syntax (`:`), no separators, no control characters.
// eslint-disable-next-line no-control-regex
const SAFE_SEGMENT = /^[^./\\:\u0000-\u001f\u007f][^/\\:\u0000-\u001f\u007f]*$/;

function reject(status: 400 | 403 | 404, reason: string): AppUrlResolution {
  return { kind: 'rejected', status, reason };
}

/**
 * Pure: looks at no file. Paths without an extension are client-side routes and resolve to
 * index.html (SPA fallback); the caller answers 404 when a resolved file does not exist.
 */
export function resolveAppUrl(requestUrl: string, rootDir: string): AppUrlResolution {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_CHECKED_URL_LENGTH) return reject(400, 'bad url');
  if (FORBIDDEN_RAW.test(requestUrl)) return reject(400, 'forbidden characters in url');
  if (DOT_SEGMENT.test(requestUrl)) return reject(403, 'dot segment in path');

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return reject(400, 'unparseable url');
  }
  if (url.protocol !== `${APP_SCHEME}:`) return reject(400, 'wrong scheme');
  if (url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') return reject(403, 'foreign host');

  const rawSegments = url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const [index, raw] of rawSegments.entries()) {
    const isLast = index === rawSegments.length - 1;
    if (raw === '' && isLast) break; // trailing slash: a folder-like route, served by the SPA
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return reject(400, 'malformed percent-encoding');
    }
    if (!SAFE_SEGMENT.test(segment)) return reject(403, 'forbidden path segment');
    segments.push(segment);
  }

  const lastSegment = segments.at(-1);
  const isRoute = lastSegment === undefined || !lastSegment.includes('.');
  const root = resolve(rootDir);
  const filePath = isRoute ? join(root, SPA_ENTRY) : join(root, ...segments);

  // Belt and braces: whatever the checks above missed, the result must still sit inside root.
  const fromRoot = relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return reject(403, 'outside root');
  return { kind: 'file', filePath, isSpaFallback: isRoute };
}
