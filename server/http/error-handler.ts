// Turns every failure into the protocol's error body ({ error, message, … }) with the right status code.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isPermanentStoreError } from '../sync/push-service';
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

export function toHqError(error: unknown): HqError {
  if (error instanceof HqError) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 0;
  if (status === 413) return new HqError('too-large', 'The request is larger than HQ accepts. Send fewer operations per batch or smaller file chunks.');
  if (status === 415) return new HqError('unsupported-media-type', 'HQ expects JSON (application/json), or application/octet-stream for file chunks.');
  if (status >= 400 && status < 500) return new HqError('invalid-request', `HQ could not read the request: ${fastifyError?.message ?? 'malformed'}.`);
  if (isPermanentStoreError(error)) return new HqError('internal', 'HQ hit an unexpected error. Your data stays on the device; try again later.');
  return new HqError('unavailable', 'HQ cannot reach its database right now. Your data stays on the device; it will be sent later.', {}, { 'Retry-After': '5' });
}
