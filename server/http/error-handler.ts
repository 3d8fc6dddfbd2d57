// Turns every failure into the protocol's error body ({ error, message, … }) with the right status code; logs an outage once a minute.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendStatusText, unreachableStatusText } from '../routes/status';
import type { Clock } from './context';
import { applyCors } from './cors';
import { HqError } from './hq-error';

/** While the database is unreachable, one log line per this period (with a count), not one stack trace per request. */
export const OUTAGE_LOG_PERIOD_MS = 60_000;

export function registerErrorHandling(app: FastifyInstance, logError: (error: unknown) => void, outage: OutageLog): void {
  app.setErrorHandler((error, request, reply) => {
    const answer = toHqError(error);
    if (answer.code === 'unavailable') outage.unavailable(error);
    else if (answer.statusCode >= 500) logError(error);
    // The status page stays plain text for a person or a monitor, also for the admin (whose token check may be what failed).
    if (answer.code === 'unavailable' && request.method === 'GET' && request.routeOptions.url === '/') return sendStatusText(reply, 503, unreachableStatusText());
    return reply.code(answer.statusCode).headers(answer.headers).type('application/json; charset=utf-8').send(answer.body());
  });
  // A request answered without error (not a preflight, which never reads the store) means the database answers again.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 400 && request.method !== 'OPTIONS') outage.answered();
  });
  app.setNotFoundHandler((_request, reply) => {
    const answer = new HqError('not-found', 'There is nothing at this address on HQ.');
    return reply.code(answer.statusCode).type('application/json; charset=utf-8').send(answer.body());
  });
}

/**
 * Fastify's `frameworkErrors`: errors Fastify meets before routing (a broken %-escape in the path, FST_ERR_BAD_URL),
 * where neither the hooks (CORS) nor the error handler run. Answered in the protocol's shape, with CORS headers, so
 * a browser-mode console can read the answer too.
 */
export function frameworkErrorHandler(allowOrigins: ReadonlySet<string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    applyCors(request, reply, allowOrigins);
    const answer =
      error.code === 'FST_ERR_BAD_URL'
        ? new HqError('invalid-request', 'HQ could not read the request\'s address: it holds a broken %-escape (a "%" must be followed by two hexadecimal digits). Check the address.')
        : new HqError('invalid-request', `HQ could not read the request: ${error.message}.`);
    void reply.code(answer.statusCode).type('application/json; charset=utf-8').send(answer.body());
  };
}

export function toHqError(error: unknown): HqError {
  if (error instanceof HqError) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 0;
  if (status === 413) return new HqError('too-large', 'The request is larger than HQ accepts. Send fewer operations per batch or smaller file chunks.');
  if (status === 415) return new HqError('unsupported-media-type', 'HQ expects JSON (application/json), or application/octet-stream for file chunks.');
  if (status >= 400 && status < 500) return new HqError('invalid-request', `HQ could not read the request: ${fastifyError?.message ?? 'malformed'}.`);
  if (isTemporaryStoreError(error)) {
    return new HqError('unavailable', 'HQ cannot reach its database right now. Your data stays on the device; it will be sent later.', {}, { 'Retry-After': '5' });
  }
  // Anything else is a fault that retrying will not cure (a bug, data HQ cannot read): saying "try later" would hide it.
  return new HqError('internal', 'HQ hit an unexpected error; it is in HQ\'s log for the administrator. Your data stays on the device.');
}

/** Node socket errors of a database connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * PostgreSQL SQLSTATEs that pass: connection exceptions (class 08), insufficient resources (53: disk full, too many
 * connections), operator intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57014
 * statement timeout), serialization failure and deadlock (40001, 40P01), lock not available (55P03).
 */
const PG_TEMPORARY = /^(08...|53...|57P0[123]|57014|40001|40P01|55P03)$/;

/** node-pg and pg-pool errors without a code: the connection broke, or the pool was busy or is shutting down. */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error)/;

/**
 * True only for failures known to pass by themselves: the database busy, locked, full, unreachable or shutting down,
 * or the store closing as HQ stops. Only these are answered 503 with Retry-After.
 */
export function isTemporaryStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code === 'HQ_STORE_CLOSED' || NETWORK_CODES.has(code)) return true;
    if (code.startsWith('SQLITE_')) return /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/.test(code);
    return PG_TEMPORARY.test(code);
  }
  const message = error instanceof Error ? error.message : '';
  return PG_CONNECTION_MESSAGES.test(message) || message === 'The HQ store is closed';
}

/**
 * The operator's log of a database outage: one timestamped line when it starts, then at most one a minute with the
 * number of requests answered 503, and one when it is over. It is over once requests succeed and none has failed for a
 * whole period: a database that fails every other request (busy, flapping) stays one outage, not a line per request.
 */
export class OutageLog {
  private outage: { since: number; lastFailureAt: number; unlogged: number; total: number } | null = null;
  /** Kept across outages, so a new one right after the last line waits its turn too. */
  private lastLineAt = -Infinity;

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: Clock,
  ) {}

  unavailable(error: unknown): void {
    const now = this.clock.now();
    const outage = this.outage ?? { since: now, lastFailureAt: now, unlogged: 0, total: 0 };
    this.outage = outage;
    outage.lastFailureAt = now;
    outage.unlogged++;
    outage.total++;
    if (now - this.lastLineAt < OUTAGE_LOG_PERIOD_MS && now >= this.lastLineAt) return;
    const from = Math.max(outage.since, this.lastLineAt);
    const requests = `${outage.unlogged} request${outage.unlogged === 1 ? '' : 's'} since ${iso(from)}`;
    const state = isBusyError(error) ? 'Database busy' : 'Database unreachable';
    this.line(now, `${state} (${describeStoreError(error)}): answering 503 (${requests}).`);
    outage.unlogged = 0;
  }

  answered(): void {
    const outage = this.outage;
    if (!outage) return;
    const now = this.clock.now();
    if (now - outage.lastFailureAt < OUTAGE_LOG_PERIOD_MS && now >= outage.lastFailureAt) return;
    this.outage = null;
    this.line(now, `Database reachable again: answering normally (${outage.total} request${outage.total === 1 ? '' : 's'} answered 503 since ${iso(outage.since)}).`);
  }

  private line(now: number, message: string): void {
    this.lastLineAt = now;
    this.write(`${iso(now)} ${message}`);
  }
}

/** SQLite answering "busy" or "locked": the database is there, but another writer holds it for now. */
function isBusyError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A short cause for the log: "ECONNREFUSED 127.0.0.1:5321", "SQLITE_BUSY: database is locked", or the first line of the message. */
export function describeStoreError(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; address?: unknown; port?: unknown; message?: unknown; errors?: unknown };
  const nested = Array.isArray(fields.errors) ? (fields.errors[0] as typeof fields | undefined) : undefined;
  const address = typeof fields.address === 'string' ? fields.address : typeof nested?.address === 'string' ? nested.address : undefined;
  const port = typeof fields.port === 'number' ? fields.port : typeof nested?.port === 'number' ? nested.port : undefined;
  const message = (typeof fields.message === 'string' ? fields.message : String(error)).split('\n')[0] ?? '';
  if (typeof fields.code !== 'string') return message || 'no answer';
  if (address !== undefined) return `${fields.code} ${address}${port !== undefined ? `:${port}` : ''}`;
  return message && !message.includes(fields.code) ? `${fields.code}: ${message}` : message || fields.code;
}
