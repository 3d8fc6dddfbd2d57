// Error answers of the HQ API: machine codes, their HTTP status, and the JSON body every error uses.
import { z } from 'zod';

export const HQ_ERROR_STATUS = {
  'invalid-request': 400,
  'protocol-missing': 400,
  'invalid-cursor': 400,
  unauthorized: 401,
  'enrollment-invalid': 401,
  forbidden: 403,
  'device-revoked': 403,
  'origin-not-allowed': 403,
  'not-found': 404,
  'incident-incomplete': 404,
  'device-exists': 409,
  'epoch-changed': 409,
  'offset-mismatch': 409,
  'size-mismatch': 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'hash-mismatch': 422,
  'client-newer': 426,
  'client-outdated': 426,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
} as const;
export type HqErrorCode = keyof typeof HQ_ERROR_STATUS;
export const HQ_ERROR_CODES = Object.keys(HQ_ERROR_STATUS) as HqErrorCode[];

/**
 * Every error answer: a code for programs, a message in plain words for people (what happened and
 * what to do), and extra fields for some codes: `epoch` (epoch-changed), `received` (offset-mismatch,
 * hash-mismatch), `retryAfterSeconds` (rate-limited), `supported` (client-newer / client-outdated).
 */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  epoch: z.string().optional(),
  received: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  supported: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const PROTOCOL_MESSAGES = {
  'client-newer': 'HQ runs an older Lantern; ask your administrator to update HQ. Your data stays on this device.',
  'client-outdated': 'Update Lantern on this computer to sync. Your data stays on this device.',
} as const;

export function isHqErrorCode(value: string): value is HqErrorCode {
  return Object.hasOwn(HQ_ERROR_STATUS, value);
}
