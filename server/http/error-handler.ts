// Turns every failure into the protocol's error body ({ error, message, … }) with the right status code.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyCors } from './cors';
import { HqError } from './hq-error';

export function registerErrorHandling(app: FastifyInstance, logError: (error: unknown) => void): void {
  app.setErrorHandler((error, _request, reply) => {
    const answer = toHqError(error);
    if (answer.statusCode >= 500) logError(error);
    return reply.code(answer.statusCode).headers(answer.headers).type('application/json; charset=utf-8').send(answer.body());
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
