// CORS for browser mode: only origins given with --allow-origin get CORS headers; preflights from others get 403.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER } from '../../shared/sync/wire';
import { HqError } from './hq-error';

const ALLOWED_METHODS = 'GET, POST, PUT, OPTIONS';
const ALLOWED_HEADERS = `Authorization, Content-Type, ${PROTOCOL_HEADER}`;

/** "https://desk.example.org/" → "https://desk.example.org"; null when it is not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // URL takes "*" in a host name ("https://*.example.org"), but no browser sends such an Origin: it would allow nothing.
    if (isWildcardOrigin(url.host)) return null;
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Origins are matched exactly: a "*" anywhere (also as %2A) is a wildcard HQ does not support. */
export function isWildcardOrigin(value: string): boolean {
  return /\*|%2a/i.test(value);
}

/** Adds CORS headers when the request's Origin is allowed. */
export function applyCors(request: FastifyRequest, reply: FastifyReply, allowed: ReadonlySet<string>): void {
  const origin = request.headers.origin;
  reply.header('Vary', 'Origin');
  if (typeof origin !== 'string' || !allowed.has(origin)) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Expose-Headers', 'Retry-After');
}

/** Answers a CORS preflight (OPTIONS with Origin). */
export function answerPreflight(request: FastifyRequest, reply: FastifyReply, allowed: ReadonlySet<string>): FastifyReply {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !allowed.has(origin)) {
    throw new HqError('origin-not-allowed', 'This HQ does not accept requests from that web page. An administrator can allow it with --allow-origin.');
  }
  return reply
    .code(204)
    .header('Access-Control-Allow-Methods', ALLOWED_METHODS)
    .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
    .header('Access-Control-Max-Age', '600')
    .send();
}
