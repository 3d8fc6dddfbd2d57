// buildHqApp: the HQ HTTP API as a Fastify instance over a store; tests start it on port 0, the CLI wires it.
import { isIP } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, MAX_JSON_BODY_BYTES, MAX_PUSH_BODY_BYTES } from '../shared/sync/wire';
import type { Clock, HqLimits, RouteContext } from './http/context';
import { AdminTokenSource } from './http/admin-token-source';
import { SecurityLog } from './http/security-log';
import { LostHistoryGuard } from './sync/lost-history';
import { normalizeOrigin } from './http/cors';
import { frameworkErrorHandler, OutageLog, registerErrorHandling } from './http/error-handler';
import { registerGatekeeper } from './http/gatekeeper';
import { RateLimiter } from './http/rate-limiter';
import { registerAdminRoutes } from './routes/admin';
import { registerEnrollRoute } from './routes/enroll';
import { registerFileRoutes } from './routes/files';
import { registerIncidentRoutes } from './routes/incidents';
import { registerStatusRoutes } from './routes/status';
import { registerSyncRoutes } from './routes/sync';
import type { HqStore } from './store/types';
import { PushService } from './sync/push-service';

export type { Clock, HqLimits } from './http/context';

export const DEFAULT_LIMITS: HqLimits = {
  pushBodyBytes: MAX_PUSH_BODY_BYTES,
  jsonBodyBytes: MAX_JSON_BODY_BYTES,
  fileChunkBytes: MAX_FILE_CHUNK_BYTES,
  maxFileBytes: MAX_FILE_BYTES,
  // Generous for one device's full-speed initial sync; stops a runaway loop or a token-guessing flood.
  rateLimit: { perSecond: 100, burst: 300 },
};

export interface HqAppOptions {
  readonly store: HqStore;
  /**
   * SHA-256 (hex) of the admin token, stored before the app is built (tests, tools). Leave it out to use the hash
   * the store holds: the CLI stores it only once HQ listens, and every request reads it from the store (cached 5 s).
   */
  readonly adminTokenHash?: string;
  /**
   * Addresses of the reverse proxies in front of HQ (--trust-proxy): only requests from them have their
   * X-Forwarded-For believed, so rate limits and the security log see each client's own address.
   */
  readonly trustProxy?: readonly string[];
  /** Browser-mode origins allowed to call HQ (CORS), e.g. "http://127.0.0.1:5199". */
  readonly allowOrigins?: readonly string[];
  readonly limits?: Partial<HqLimits>;
  readonly clock?: Clock;
  /** Where security events are logged, one line each (default: stdout). */
  readonly log?: (line: string) => void;
  /** Where unexpected errors are reported (default: stderr). */
  readonly logError?: (error: unknown) => void;
  /** Where a database outage is logged, one timestamped line a minute (default: stderr). */
  readonly logOutage?: (line: string) => void;
}

export async function buildHqApp(options: HqAppOptions): Promise<FastifyInstance> {
  const limits: HqLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.clock ?? { now: () => Date.now() };
  const allowOrigins = new Set<string>();
  for (const origin of options.allowOrigins ?? []) {
    const normalized = normalizeOrigin(origin);
    if (!normalized) throw new Error(`Not an http(s) origin: "${origin}"`);
    allowOrigins.add(normalized);
  }
  const trustProxy = [...(options.trustProxy ?? [])];
  for (const address of trustProxy) if (isIP(address) === 0) throw new Error(`Not an IP address to trust as a proxy: "${address}"`);
  const app = Fastify({
    logger: false,
    bodyLimit: limits.jsonBodyBytes,
    // Exactly the given proxies (never "true": then any client could name its own address and get a fresh bucket).
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // A request must be complete within 5 minutes (a 1 MiB chunk over a very slow link fits; a stalled client does not hold a socket forever).
    requestTimeout: 300_000,
    forceCloseConnections: 'idle',
    // Errors met before routing (a broken %-escape in the path) in the protocol's shape and with CORS, not Fastify's own.
    frameworkErrors: frameworkErrorHandler(allowOrigins),
  });
  // Every route but the file-chunk upload takes JSON only: any other body type is 415 before it is read or validated.
  app.removeContentTypeParser('text/plain');

  if (options.adminTokenHash !== undefined) await options.store.setAdminTokenHash(options.adminTokenHash);
  const securityLog = new SecurityLog(options.log ?? ((line) => console.log(line)), clock);
  const ctx: RouteContext = {
    store: options.store,
    pushes: new PushService(options.store),
    lostHistory: new LostHistoryGuard(options.store),
    clock,
    limits,
    allowOrigins,
    securityLog,
  };
  const outageLog = new OutageLog(options.logOutage ?? ((line) => console.error(line)), clock);
  registerErrorHandling(app, options.logError ?? ((error) => console.error(`${new Date(clock.now()).toISOString()} Lantern HQ error:`, error)), outageLog);
  registerGatekeeper(app, {
    store: options.store,
    adminToken: new AdminTokenSource(options.store, clock),
    allowOrigins,
    securityLog,
    limiter: new RateLimiter(limits.rateLimit, () => clock.now()),
  });
  registerStatusRoutes(app, ctx);
  registerEnrollRoute(app, ctx);
  registerSyncRoutes(app, ctx);
  // Binary bodies only inside this scope (Fastify encapsulates content-type parsers per plugin).
  void app.register(async (files) => {
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limits.fileChunkBytes }, (_request, body, done) => done(null, body));
    registerFileRoutes(files, ctx);
  });
  registerIncidentRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  await app.ready();
  return app;
}
