// The gate every route passes: CORS, protocol version, rate limit and who is calling; a device's access again once its body is in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret, sameHash } from '../auth/secrets';
import type { HqStore } from '../store/types';
import { deviceRevoked, unauthorized, UNKNOWN_DEVICE_TOKEN } from './access-errors';
import type { AdminTokenSource } from './admin-token-source';
import { applyCors } from './cors';
import { HqError } from './hq-error';
import { checkProtocol } from './protocol-check';
import type { RateLimiter } from './rate-limiter';
import type { SecurityLog } from './security-log';
import type { Caller, HqAuth } from './route-access';
import { STATUS_STORE_TIMEOUT_MS, withinTimeout } from './store-timeout';

export interface GatekeeperOptions {
  readonly store: HqStore;
  /** The admin token's hash, read from the store (never a copy kept from the start: see admin-token-source.ts). */
  readonly adminToken: AdminTokenSource;
  readonly allowOrigins: ReadonlySet<string>;
  readonly securityLog: SecurityLog;
  readonly limiter: RateLimiter;
}

/** Methods whose body can take a while to arrive (a push, a file chunk: up to the 5-minute request timeout). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function registerGatekeeper(app: FastifyInstance, options: GatekeeperOptions): void {
  app.decorateRequest('hqAuth', null);
  app.addHook('onRequest', async (request, reply) => {
    applyCors(request, reply, options.allowOrigins);
    const origin = request.headers.origin;
    // In the browser a refused origin looks like "HQ unreachable": the log is where the operator learns the fix.
    if (typeof origin === 'string' && !options.allowOrigins.has(origin)) options.securityLog.refusedOrigin(origin);
    const access = request.routeOptions.config.access;
    if (!access) return; // unknown path: the 404 handler answers
    // A token sent to a public-or-admin route is checked as on an admin route: a wrong one is told so, not ignored.
    const rule = access.caller === 'public-or-admin' ? { ...access, caller: request.headers.authorization === undefined ? 'anyone' : 'admin' } as const : access;
    if (rule.protocol !== 'none') checkProtocol(request.headers['lantern-protocol'], rule.protocol === 'required');
    // request.ip is the client's own address behind a proxy HQ was told to trust (--trust-proxy), else the peer's.
    const addressKey = `${rule.bucket ?? 'ip'}:${request.ip}`;
    const bearer = bearerTokenHash(request);
    const tokenHash = bearer === MALFORMED ? null : bearer;
    const throttle = (waitSeconds: number, bucket: string): void => {
      if (waitSeconds <= 0) return;
      options.securityLog.rateLimited(request.ip, bucket);
      throw rateLimited(waitSeconds);
    };
    const addressBucket = rule.bucket === 'enroll' ? 'enrollments' : 'requests without a verified token';
    if (rule.caller === 'anyone' || tokenHash === null) {
      throttle(options.limiter.take(addressKey), addressBucket);
      if (rule.caller !== 'anyone' && bearer === MALFORMED) {
        options.securityLog.refusedToken(request.ip, 'a bearer token that cannot be a Lantern token (too short, too long or odd characters)');
        throw unauthorized('This token is not valid: HQ tokens are 16-200 letters, digits and . _ ~ + / = -. Check that it was copied whole.');
      }
      if (rule.caller !== 'anyone') {
        options.securityLog.refusedToken(request.ip, 'no token, or not in the form "Authorization: Bearer <token>"');
        throw unauthorized('Send a token as "Authorization: Bearer <token>".');
      }
      return;
    }
    // Only a token HQ has verified gets a bucket of its own (200 devices behind one address each keep theirs);
    // a made-up token is counted against its address, so inventing tokens buys no fresh budget.
    const tokenKey = `token:${tokenHash}`;
    const verifiedBefore = options.limiter.has(tokenKey);
    // An unverified token is charged to its address before the database is asked about it, not after: requests sent
    // all at once would otherwise all pass a look at the budget and cost a lookup each. A valid token gets it back.
    throttle(options.limiter.take(verifiedBefore ? tokenKey : addressKey), verifiedBefore ? 'a device or admin token' : addressBucket);
    // The status page answers within its bound even when the store hangs: the admin's token check reads the store too.
    const checking = identify(tokenHash, options);
    const identity = await (request.method === 'GET' && request.routeOptions.url === '/' ? withinTimeout(checking, STATUS_STORE_TIMEOUT_MS) : checking);
    if (identity === null) {
      if (verifiedBefore) throttle(options.limiter.take(addressKey), addressBucket);
      options.securityLog.refusedToken(request.ip, 'a token that is not valid here (not the admin token, no enrolled device)');
      throw unauthorized(rule.caller === 'admin' ? 'This needs the HQ admin token.' : UNKNOWN_DEVICE_TOKEN);
    }
    if (!verifiedBefore) {
      options.limiter.refund(addressKey);
      throttle(options.limiter.take(tokenKey), identity.kind === 'admin' ? 'the admin token' : `device ${identity.device.id}`);
    }
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (identity.kind === 'device' && identity.device.revokedAt !== null) options.securityLog.revokedDevice(request.ip, identity.device);
    else if (identity.kind === 'device' && rule.caller === 'admin') options.securityLog.wrongKindOfToken(request.ip, route, identity.device);
    else if (identity.kind === 'admin' && rule.caller === 'device') options.securityLog.wrongKindOfToken(request.ip, route, null);
    request.hqAuth = authorize(rule.caller, identity);
  });

  // The token was checked before the body was read, which may have taken minutes: a device revoked (or re-enrolled
  // with a new token) meanwhile must not write. Pushes and file chunks check once more inside their transaction.
  app.addHook('preHandler', async (request) => {
    const auth = request.hqAuth;
    if (auth?.kind !== 'device' || !BODY_METHODS.has(request.method)) return;
    const device = await options.store.deviceByTokenHash(auth.tokenHash);
    if (device === null) throw unauthorized(UNKNOWN_DEVICE_TOKEN); // re-enrolled meanwhile: this token is no longer its
    if (device.revokedAt !== null) {
      options.securityLog.revokedDevice(request.ip, device);
      throw deviceRevoked();
    }
    request.hqAuth = { ...auth, device };
  });
}

function rateLimited(waitSeconds: number): HqError {
  return new HqError('rate-limited', `Too many requests; wait ${waitSeconds} s and try again.`, { retryAfterSeconds: waitSeconds }, { 'Retry-After': String(waitSeconds) });
}

const MALFORMED = Symbol('malformed bearer token');

/** The token's hash; null without a bearer token; MALFORMED for a bearer token no HQ ever issues (the scheme's case is free, RFC 7235). */
function bearerTokenHash(request: FastifyRequest): string | typeof MALFORMED | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const bearer = /^bearer +(.*)$/is.exec(header.trim());
  if (!bearer) return null;
  const token = bearer[1]!;
  return /^[A-Za-z0-9._~+/=-]{16,200}$/.test(token) ? hashSecret(token) : MALFORMED;
}

/** Who the token belongs to (the admin, or a device, revoked or not); null when HQ does not know it. */
async function identify(tokenHash: string, options: GatekeeperOptions): Promise<HqAuth | null> {
  const adminHash = await options.adminToken.hash();
  if (adminHash !== null && sameHash(tokenHash, adminHash)) return { kind: 'admin' };
  const device = await options.store.deviceByTokenHash(tokenHash);
  return device ? { kind: 'device', device, tokenHash } : null;
}

function authorize(caller: Caller, identity: HqAuth): HqAuth {
  if (identity.kind === 'admin') {
    if (caller === 'device') throw new HqError('forbidden', 'This endpoint is for enrolled devices; the admin token cannot be used here.');
    return identity;
  }
  if (identity.device.revokedAt !== null) throw deviceRevoked();
  if (caller === 'admin') throw new HqError('forbidden', 'This needs the HQ admin token, not a device token.');
  return identity;
}

/** The authenticated device of a device-only route (the gate has already checked it). */
export function deviceOf(request: FastifyRequest) {
  return deviceAuthOf(request).device;
}

/** The authenticated device and the token it was let in with (for the re-check inside a write's transaction). */
export function deviceAuthOf(request: FastifyRequest): Extract<HqAuth, { kind: 'device' }> {
  const auth = request.hqAuth;
  if (auth?.kind !== 'device') throw new HqError('forbidden', 'This endpoint is for enrolled devices.');
  return auth;
}
