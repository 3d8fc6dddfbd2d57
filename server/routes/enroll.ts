// POST /v1/enroll: a one-time code becomes a device token (HQ keeps its hash); only a code issued for a known device re-enrolls it.
import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, type EnrollResponse } from '../../shared/sync/wire';
import { hashEnrollmentCode, hashSecret, newToken } from '../auth/secrets';
import type { RouteContext } from '../http/context';
import { HqError } from '../http/hq-error';
import { checkProtocolVersion } from '../http/protocol-check';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import type { RedeemOutcome } from '../store/types';

export function registerEnrollRoute(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/v1/enroll', access('anyone', 'required', 'enroll'), async (request): Promise<EnrollResponse> => {
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
    if (outcome !== 'enrolled' && outcome !== 'rebound' && outcome !== 'reinstated') ctx.securityLog.refusedEnrollment(request.ip, body.deviceId, REFUSAL_LOG[outcome]);
    refuseUnless(outcome, body.deviceId);
    const how = outcome === 'enrolled' ? 'enrolled' : outcome === 'rebound' ? 're-enrolled (new token; the old one no longer works)' : 're-enrolled after its revocation';
    ctx.securityLog.event(`Device ${body.deviceId} (${JSON.stringify(body.deviceName)}) ${how}.`);
    // 'rebound' / 'reinstated' (a known device re-enrolled with a code issued for it) answer like a first enrollment.
    const meta = await ctx.store.meta();
    return { deviceToken, deviceId: body.deviceId, hqId: meta.hqId, epoch: meta.epoch, serverTime: now };
  });
}

/** The operator log's words for each refusal (never the code itself). */
const REFUSAL_LOG = {
  'invalid-code': 'the code is not valid (mistyped, already used or expired)',
  'code-for-other-device': 'the code was issued to re-enroll another device',
  'device-exists': 'the device id is already enrolled and the code is for a new device',
  'device-revoked': 'the device id is revoked and the code is for a new device',
} as const satisfies Record<Exclude<RedeemOutcome, 'enrolled' | 'rebound' | 'reinstated'>, string>;

/** Every refusal says what happened and what to do; the code is left unused in each case. */
function refuseUnless(outcome: RedeemOutcome, deviceId: string): void {
  switch (outcome) {
    case 'enrolled':
    case 'rebound':
    case 'reinstated':
      return;
    case 'invalid-code':
      throw new HqError('enrollment-invalid', 'This enrollment code is not valid: it may be mistyped, already used or expired. Ask your HQ administrator for a new one.');
    case 'code-for-other-device':
      throw new HqError('enrollment-invalid', 'This enrollment code was issued to re-enroll another device, not this one; it was not used up. Ask your HQ administrator for a code for this device.');
    case 'device-exists':
      throw new HqError(
        'device-exists',
        `This device is already enrolled at HQ (device id "${deviceId}"), and this code is only for a new device, so it was not used up. Ask the HQ admin for a re-enrollment code for device ${deviceId}.`,
      );
    case 'device-revoked':
      throw new HqError(
        'device-revoked',
        `HQ has revoked access for this device (device id "${deviceId}"), so a code for a new device cannot reconnect it; the code was not used up. Everything recorded here stays on this device; ask the HQ admin for a re-enrollment code for device ${deviceId} if it should sync again.`,
      );
  }
}
