// The answers to a caller HQ does not (or no longer) let in: unknown token (401), revoked device (403).
import type { AccessRefusal } from '../auth/device-access';
import { HqError } from './hq-error';

export const UNKNOWN_DEVICE_TOKEN = 'HQ does not know this token. Connect this device again with a new enrollment code from your HQ administrator.';

export const unauthorized = (message: string) => new HqError('unauthorized', message, {}, { 'WWW-Authenticate': 'Bearer realm="lantern-hq"' });

export const deviceRevoked = () =>
  new HqError('device-revoked', 'HQ has revoked access for this device. Everything recorded here stays on this device; ask your HQ administrator to connect it again.');

/** A request let in whose device lost access while it was on its way (revoked, or re-enrolled with a new token). */
export function accessEnded(refusal: AccessRefusal): HqError {
  return refusal === 'revoked' ? deviceRevoked() : unauthorized(UNKNOWN_DEVICE_TOKEN);
}
