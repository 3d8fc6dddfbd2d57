// Answers one app:// request with a file from the renderer build, the CSP and nosniff headers.
import { readFile as fsReadFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { contentTypeFor } from './content-types';
import { resolveAppUrl } from './resolve-app-url';

export interface ServeAppOptions {
  readonly rootDir: string;
  readonly csp?: string;
  /** Injected for tests; defaults to fs.readFile (which also reads inside an asar archive). */
  readonly readFile?: (filePath: string) => Promise<Uint8Array>;
}

/** The parts of a fetch Request the handler reads. */
export interface AppRequestLike {
  readonly url: string;
  readonly method: string;
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The build output changes only with an app update; never serve a stale index.html after one.
    'Cache-Control': 'no-cache',
  };
}

function plainResponse(status: number, text: string, csp: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

export async function serveAppRequest(request: AppRequestLike, options: ServeAppOptions): Promise<Response> {
  const csp = options.csp ?? CONTENT_SECURITY_POLICY;
  const readFile = options.readFile ?? fsReadFile;
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method Not Allowed', csp);

  const resolution = resolveAppUrl(request.url, options.rootDir);
  if (resolution.kind === 'rejected') {
    return plainResponse(resolution.status, resolution.status === 404 ? 'Not Found' : 'Forbidden', csp);
  }
  let body: Uint8Array;
  try {
    body = await readFile(resolution.filePath);
  } catch (error) {
    if (isMissingFile(error)) return plainResponse(404, 'Not Found', csp);
    return plainResponse(500, 'Internal Error', csp);
  }
  const headers = { ...securityHeaders(csp), 'Content-Type': contentTypeFor(resolution.filePath) };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}
