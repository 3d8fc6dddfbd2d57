// The onRequest gate every route passes: CORS headers, protocol version, then rate limit and who is calling, together.
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
    const addressKey = `ip:${request.ip}`;
    const tokenHash = bearerTokenHash(request);
    if (rule.caller === 'anyone' || tokenHash === null) {
      throttle(options.limiter.take(addressKey));
      if (rule.caller !== 'anyone') throw unauthorized('Send a token as "Authorization: Bearer <token>".');
      return;
    }
    // Only a token HQ has verified gets a bucket of its own (200 devices behind one address each keep theirs);
    // a made-up token is counted against its address, so inventing tokens buys no fresh budget.
    const tokenKey = `token:${tokenHash}`;
    const verifiedBefore = options.limiter.has(tokenKey);
    // Before the database is asked about an unverified token, the address must still have budget left.
    throttle(verifiedBefore ? options.limiter.take(tokenKey) : options.limiter.peek(addressKey));
    const identity = await identify(tokenHash, options);
    if (identity === null) {
      throttle(options.limiter.take(addressKey));
      throw unauthorized(rule.caller === 'admin' ? 'This needs the HQ admin token.' : 'HQ does not know this token. Connect this device again with a new enrollment code from your HQ administrator.');
    }
    if (!verifiedBefore) throttle(options.limiter.take(tokenKey));
    request.hqAuth = authorize(rule.caller, identity);
  });
}

function throttle(waitSeconds: number): void {
  if (waitSeconds > 0) {
    throw new HqError('rate-limited', `Too many requests; wait ${waitSeconds} s and try again.`, { retryAfterSeconds: waitSeconds }, { 'Retry-After': String(waitSeconds) });
  }
}

function bearerTokenHash(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(header.trim());
  return match ? hashSecret(match[1]!) : null;
}

const unauthorized = (message: string) => new HqError('unauthorized', message, {}, { 'WWW-Authenticate': 'Bearer realm="lantern-hq"' });

/** Who the token belongs to (the admin, or a device, revoked or not); null when HQ does not know it. */
async function identify(tokenHash: string, options: GatekeeperOptions): Promise<HqAuth | null> {
  if (sameHash(tokenHash, options.adminTokenHash)) return { kind: 'admin' };
  const device = await options.store.deviceByTokenHash(tokenHash);
  return device ? { kind: 'device', device } : null;
}

function authorize(caller: Caller, identity: HqAuth): HqAuth {
  if (identity.kind === 'admin') {
    if (caller === 'device') throw new HqError('forbidden', 'This endpoint is for enrolled devices; the admin token cannot be used here.');
    return identity;
  }
  if (identity.device.revokedAt !== null) {
    throw new HqError('device-revoked', 'HQ has revoked access for this device. Everything recorded here stays on this device; ask your HQ administrator to connect it again.');
  }
  if (caller === 'admin') throw new HqError('forbidden', 'This needs the HQ admin token, not a device token.');
  return identity;
}

/** The authenticated device of a device-only route (the gate has already checked it). */
export function deviceOf(request: FastifyRequest) {
  const auth = request.hqAuth;
  if (auth?.kind !== 'device') throw new HqError('forbidden', 'This endpoint is for enrolled devices.');
  return auth.device;
}
