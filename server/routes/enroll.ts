// POST /v1/enroll: a one-time enrollment code becomes a device token (HQ keeps only the token's hash); it also reconnects a known device.
import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, type EnrollResponse } from '../../shared/sync/wire';
import { hashEnrollmentCode, hashSecret, newToken } from '../auth/secrets';
import type { RouteContext } from '../http/context';
import { HqError } from '../http/hq-error';
import { checkProtocolVersion } from '../http/protocol-check';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';

export function registerEnrollRoute(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/v1/enroll', access('anyone', 'required'), async (request): Promise<EnrollResponse> => {
    const body = parseOrThrow(enrollRequestSchema, request.body, 'enrollment request');
    checkProtocolVersion(body.protocolVersion);
    const deviceToken = newToken();
    const now = ctx.clock.now();
    const outcome = await ctx.store.redeemEnrollment({
      codeHash: hashEnrollmentCode(body.code),
      deviceId: body.deviceId,
      deviceName: body.deviceName,
      tokenHash: hashSecret(deviceToken),
      now,
    });
    if (outcome === 'invalid-code') {
      throw new HqError('enrollment-invalid', 'This enrollment code is not valid: it may be mistyped, already used or expired. Ask your HQ administrator for a new one.');
    }
    if (outcome === 'device-revoked') {
      throw new HqError(
        'device-revoked',
        'HQ has revoked access for this device, so a new enrollment code cannot reconnect it; the code was not used up. Everything recorded here stays on this device; ask your HQ administrator.',
      );
    }
    // 'rebound' (a known device connecting again, e.g. after "Disconnect") answers like a first enrollment: its new token replaces the old one.
    const meta = await ctx.store.meta();
    return { deviceToken, deviceId: body.deviceId, hqId: meta.hqId, epoch: meta.epoch, serverTime: now };
  });
}
