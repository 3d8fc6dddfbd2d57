// POST /v1/sync/push (per-operation results) and GET /v1/sync/pull (pages after an opaque cursor, with the epoch).
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PULL_LIMIT, pullQuerySchema, pushRequestSchema, type PushResponse } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import { noteRetryLater } from '../sync/retry-later-trace';
import { deviceAuthOf, deviceOf } from '../http/gatekeeper';
import { HqError } from '../http/hq-error';
import { checkProtocolVersion } from '../http/protocol-check';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import { decodeCursor, encodeCursor } from '../sync/cursor';
import { lowestOwnSeq } from '../sync/lost-history';

/** How often a pull may refresh a device's "last seen" (a write). */
const TOUCH_INTERVAL_MS = 60_000;

export function registerSyncRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/v1/sync/push', { ...access('device', 'required'), bodyLimit: ctx.limits.pushBodyBytes }, async (request): Promise<PushResponse> => {
    const { device, tokenHash } = deviceAuthOf(request);
    const body = parseOrThrow(pushRequestSchema, request.body, 'push request');
    checkProtocolVersion(body.protocolVersion);
    if (body.deviceId !== device.id) throw new HqError('forbidden', 'This token belongs to another device; a device may only push as itself.');
    await ctx.lostHistory.checkPush(device, lowestOwnSeq(body.ops, device.id), body.answeredBelowIn);
    const now = ctx.clock.now();
    const { hqId, epoch, results } = await ctx.pushes.push({
      deviceId: device.id,
      now,
      ops: body.ops,
      files: body.files ?? [],
      clockSkewMs: body.deviceTime === undefined ? null : Math.round(body.deviceTime - now),
      tokenHash,
    });
    await noteRetryLater(ctx, device, results, now);
    return { hqId, epoch, serverTime: ctx.clock.now(), results, deviceLastSeq: device.lastSeq };
  });

  app.get('/v1/sync/pull', access('device', 'required'), async (request, reply) => {
    const device = deviceOf(request);
    const query = parseOrThrow(pullQuerySchema, request.query, 'pull query');
    const meta = await ctx.store.meta();
    let afterSeq = 0;
    let provenSeq: number | null = null;
    if (query.cursor) {
      const position = decodeCursor(query.cursor, meta.cursorKey);
      if (!position) throw new HqError('invalid-cursor', 'HQ did not make this cursor. Start again without one.');
      // Checked before anything else: a forged cursor must not reach the lost-history check, which can start a new epoch.
      if (position.signature === 'invalid') {
        throw new HqError('invalid-cursor', 'HQ did not make this cursor (its signature does not match; it was altered, or made by another HQ database). Start again without one.');
      }
      if (position.epoch !== meta.epoch) {
        throw new HqError(
          'epoch-changed',
          'HQ was restored from a backup. This device sends again what HQ may have lost and pulls everything from the start; nothing needs to be done by hand.',
          { epoch: meta.epoch },
        );
      }
      // A cursor of an HQ before signing proves nothing: taken while HQ holds its position, refused (the device starts
      // over) when it points past what HQ holds, since a forged one could otherwise make the whole fleet start over.
      if (position.signature === 'none' && position.seq > meta.lastSeq) {
        throw new HqError(
          'invalid-cursor',
          'This cursor was made by an older HQ and points past the operations HQ holds, so HQ cannot use it. Start again without one: the device sends what it holds again and pulls from the start.',
        );
      }
      afterSeq = position.seq;
      if (position.signature === 'valid') provenSeq = position.seq;
    }
    await ctx.lostHistory.checkPull(meta, provenSeq, device.id);
    const page = await ctx.store.pull(afterSeq, query.limit ?? DEFAULT_PULL_LIMIT);
    const lastSeq = page.rows.at(-1)?.serverSeq ?? afterSeq;
    const now = ctx.clock.now();
    if (device.lastSeenAt === null || now - device.lastSeenAt > TOUCH_INTERVAL_MS) await ctx.store.touchDevice(device.id, now);
    // Operation bodies are stored as validated JSON; splice them in instead of parsing and re-serializing each one.
    const ops = page.rows.map((row) => `{"serverSeq":${row.serverSeq},"op":${row.body}}`).join(',');
    const json = `{"hqId":${JSON.stringify(meta.hqId)},"epoch":${JSON.stringify(meta.epoch)},"serverTime":${now},"ops":[${ops}],"cursor":${JSON.stringify(
      encodeCursor({ epoch: meta.epoch, seq: lastSeq }, meta.cursorKey),
    )},"hasMore":${page.hasMore}}`;
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
