// The onRequest gate every route passes: CORS headers, protocol version, rate limit, then who is calling.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret, sameHash } from '../auth/secrets';
import type { HqStore } from '../store/types';
import { applyCors } from './cors';
import { HqError } from './hq-error';
import { checkProtocol } from './protocol-check';
import type { RateLimiter } from './rate-limiter';
import type { Caller, HqAuth } from './route-access';

export interface GatekeeperOptions {
  readonly store: HqStore;
  readonly adminTokenHash: string;
  readonly allowOrigins: ReadonlySet<string>;
  readonly limiter: RateLimiter;
}

export function registerGatekeeper(app: FastifyInstance, options: GatekeeperOptions): void {
  app.decorateRequest('hqAuth', null);
  app.addHook('onRequest', async (request, reply) => {
    applyCors(request, reply, options.allowOrigins);
    const rule = request.routeOptions.config.access;
    if (!rule) return; // unknown path: the 404 handler answers
    if (rule.protocol !== 'none') checkProtocol(request.headers['lantern-protocol'], rule.protocol === 'required');
    const tokenHash = bearerTokenHash(request);
    const waitSeconds = options.limiter.take(tokenHash !== null ? `token:${tokenHash}` : `ip:${request.ip}`);
    if (waitSeconds > 0) {
      throw new HqError('rate-limited', `Too many requests; wait ${waitSeconds} s and try again.`, { retryAfterSeconds: waitSeconds }, { 'Retry-After': String(waitSeconds) });
    }
    if (rule.caller !== 'anyone') request.hqAuth = await authenticate(rule.caller, tokenHash, options);
  });
}

function bearerTokenHash(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(header.trim());
  return match ? hashSecret(match[1]!) : null;
}

const unauthorized = (message: string) => new HqError('unauthorized', message, {}, { 'WWW-Authenticate': 'Bearer realm="lantern-hq"' });

async function authenticate(caller: Caller, tokenHash: string | null, options: GatekeeperOptions): Promise<HqAuth> {
  if (tokenHash === null) throw unauthorized('Send a token as "Authorization: Bearer <token>".');
  const isAdmin = sameHash(tokenHash, options.adminTokenHash);
  if (isAdmin && caller !== 'device') return { kind: 'admin' };
  if (isAdmin) throw new HqError('forbidden', 'This endpoint is for enrolled devices; the admin token cannot be used here.');
  const device = await options.store.deviceByTokenHash(tokenHash);
  if (!device) {
    throw unauthorized(caller === 'admin' ? 'This needs the HQ admin token.' : 'HQ does not know this token. Connect this device again with a new enrollment code from your HQ administrator.');
  }
  if (device.revokedAt !== null) {
    throw new HqError('device-revoked', 'HQ has revoked access for this device. Everything recorded here stays on this device; ask your HQ administrator to connect it again.');
  }
  if (caller === 'admin') throw new HqError('forbidden', 'This needs the HQ admin token, not a device token.');
  return { kind: 'device', device };
}

/** The authenticated device of a device-only route (the gate has already checked it). */
export function deviceOf(request: FastifyRequest) {
  const auth = request.hqAuth;
  if (auth?.kind !== 'device') throw new HqError('forbidden', 'This endpoint is for enrolled devices.');
  return auth.device;
}
