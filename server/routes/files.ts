// Files by SHA-256: PUT chunks in order (only files an accepted operation names; resumable per device, verified, stored once), GET the resume point or the content.
import type { FastifyInstance } from 'fastify';
import { fileChunkQuerySchema, fileParamsSchema, type FileStatus } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import { fileStream } from '../files/file-stream';
import { accessEnded } from '../http/access-errors';
import { deviceAuthOf } from '../http/gatekeeper';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import type { FileRecord } from '../store/types';

export function registerFileRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.put('/v1/files/:sha256', { ...access('device', 'required'), bodyLimit: ctx.limits.fileChunkBytes }, async (request): Promise<FileStatus> => {
    const { device, tokenHash } = deviceAuthOf(request);
    const { sha256 } = parseOrThrow(fileParamsSchema, request.params, 'file address');
    const { offset, size } = parseOrThrow(fileChunkQuerySchema, request.query, 'chunk query');
    if (size > ctx.limits.maxFileBytes) {
      throw new HqError('too-large', `This file is ${size} bytes; HQ stores files up to ${ctx.limits.maxFileBytes} bytes.`);
    }
    const body: unknown = request.body;
    if (body !== undefined && body !== null && !Buffer.isBuffer(body)) {
      throw new HqError('unsupported-media-type', 'Send file chunks as application/octet-stream.');
    }
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const outcome = await ctx.store.putFileChunk({ sha256, deviceId: device.id, size, offset, bytes, now: ctx.clock.now(), tokenHash });
    if (outcome.kind === 'access-ended') throw accessEnded(outcome.refusal);
    const file = outcome.file;
    switch (outcome.kind) {
      case 'stored':
        return status(file);
      case 'offset-mismatch':
        throw new HqError('offset-mismatch', `HQ has ${file.received} bytes of this file; send the chunk that starts there.`, { received: file.received });
      case 'size-mismatch':
        throw new HqError('size-mismatch', `This device's upload of this file was started with a size of ${file.size ?? 0} bytes, not ${size}; send it again from offset 0.`, {
          received: file.received,
        });
      case 'too-long':
        throw new HqError('invalid-request', `This chunk ends past the file's size of ${size} bytes.`, { received: file.received });
      case 'not-referenced':
        // "size-mismatch" is the answer devices already take as "skip this file, send the others, try again later".
        throw new HqError(
          'size-mismatch',
          `HQ takes a file only once an operation naming it with this size (${size} bytes) has reached HQ, and none does yet. Send the operation that attaches it first, then the file again from offset 0.`,
          { received: 0 },
        );
      case 'hash-mismatch':
        throw new HqError('hash-mismatch', 'The bytes HQ received do not match the file\'s SHA-256, so HQ discarded them. Send the file again from the start.', { received: 0 });
    }
  });

  app.get('/v1/files/:sha256', access('device-or-admin', 'optional'), async (request): Promise<FileStatus> => {
    const { sha256 } = parseOrThrow(fileParamsSchema, request.params, 'file address');
    // A device sees its own upload's progress (where it resumes); the admin sees the furthest one.
    const auth = request.hqAuth;
    const file = await ctx.store.file(sha256, auth?.kind === 'device' ? auth.device.id : undefined);
    return file ? status(file) : { sha256, size: null, received: 0, complete: false };
  });

  app.get('/v1/files/:sha256/content', access('device-or-admin', 'optional'), async (request, reply) => {
    const { sha256 } = parseOrThrow(fileParamsSchema, request.params, 'file address');
    const size = await ctx.store.completeFileSize(sha256);
    if (size === null) throw new HqError('not-found', 'HQ does not have this whole file (yet).');
    return reply
      .type('application/octet-stream')
      .header('Content-Length', String(size))
      // Named by its SHA-256, a file's bytes never change: the hash is a strong validator.
      .header('ETag', `"${sha256}"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', 'attachment')
      .send(fileStream(ctx.store, sha256, size));
  });
}

function status(file: FileRecord): FileStatus {
  return { sha256: file.sha256, size: file.size, received: file.received, complete: file.complete };
}
