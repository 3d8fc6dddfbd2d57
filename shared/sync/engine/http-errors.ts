// Maps an HQ error answer (HTTP status + { error, message }) to a SyncError kind with our own plain-words message.
import { errorBodySchema } from '../wire';
import { revokedMessage, SyncError, type SyncErrorKind } from './sync-error';

const KIND_BY_CODE: Record<string, SyncErrorKind> = {
  'device-revoked': 'revoked',
  unauthorized: 'unauthorized',
  'enrollment-invalid': 'unauthorized',
  // Enrolling an id HQ already knows needs a re-enrollment code issued for this device.
  'device-exists': 'unauthorized',
  forbidden: 'unauthorized',
  'origin-not-allowed': 'unauthorized',
  'client-newer': 'client-newer',
  'client-outdated': 'client-outdated',
  'epoch-changed': 'epoch-changed',
  // A cursor HQ cannot read (HQ replaced or reset): start over from the beginning, like a new epoch.
  'invalid-cursor': 'epoch-changed',
  'rate-limited': 'rate-limited',
  internal: 'server-error',
  unavailable: 'server-error',
};

const ENROLLMENT_INVALID = 'HQ did not accept this enrollment code: it may be mistyped, used already or expired. Ask your administrator for a new code.';
export const DEVICE_ALREADY_ENROLLED =
  'This device is already enrolled at HQ, and this code is only for new devices (it was not used up). Ask your HQ administrator for a re-enrollment code for this device’s id (shown under Settings → Sync). Your data stays on this device.';
const OWN_MESSAGE: Record<string, string> = { 'enrollment-invalid': ENROLLMENT_INVALID, 'device-exists': DEVICE_ALREADY_ENROLLED };

/** `deviceId`: the device the request was for; a revoked device is then told which id needs a re-enrollment code. */
export function syncErrorFromAnswer(status: number, body: unknown, retryAfterHeader: string | null, protocolVersion: number, deviceId?: string): SyncError {
  const parsed = errorBodySchema.safeParse(body);
  const answer = parsed.success ? parsed.data : null;
  const code = answer?.error;
  const kind = (code !== undefined && Object.hasOwn(KIND_BY_CODE, code) ? KIND_BY_CODE[code] : undefined) ?? kindFromStatus(status, answer?.supported, protocolVersion);
  const details = {
    status,
    ...(code !== undefined ? { code } : {}),
    ...(answer?.epoch !== undefined ? { epoch: answer.epoch } : {}),
    ...(answer?.supported !== undefined ? { supported: answer.supported } : {}),
    ...(answer?.received !== undefined ? { received: answer.received } : {}),
    ...(kind === 'rate-limited' ? { retryAfterMs: retryAfterMs(answer?.retryAfterSeconds, retryAfterHeader) } : {}),
  };
  const message = code !== undefined && Object.hasOwn(OWN_MESSAGE, code) ? OWN_MESSAGE[code] : kind === 'revoked' && deviceId !== undefined ? revokedMessage(deviceId) : undefined;
  return new SyncError(kind, message, details);
}

function kindFromStatus(status: number, supported: { min: number; max: number } | undefined, protocolVersion: number): SyncErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'unauthorized';
  if (status === 408) return 'timeout';
  if (status === 426) return supported !== undefined && supported.max < protocolVersion ? 'client-newer' : 'client-outdated';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  // Any other refusal (404 from something that is not HQ, 400 for a request we built, a file offset
  // mismatch the uploader handles from `details.code`): an answer the sync run cannot use.
  return 'bad-response';
}

function retryAfterMs(seconds: number | undefined, header: string | null): number | undefined {
  if (seconds !== undefined) return Math.round(seconds * 1000);
  const fromHeader = header !== null && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) : undefined;
  return fromHeader !== undefined ? fromHeader * 1000 : undefined;
}
